/**
 * The route advice answer page's two halves in words: the officer's answers as a check-your-answers summary list,
 * each with a "Change" link back to its question (the answers travel in the address, so nothing is kept on the
 * server and the page works without JavaScript), and the rules' messages with their API field names put into the
 * words of the form, since the rules speak to the JSON API and the page speaks to people.
 */
import type { FormBody } from './form.ts'
import { routeFormModel } from './form.ts'

/** The form's fields that travel with the answers; the rest (the CSRF token, the project chosen) do not. */
const ANSWER_FIELDS = [
  'arrangement', 'category', 'cpv', 'lightTouch', 'value', 'valueIncludesVat', 'annualValue', 'extensionMonths', 'valueUnknown', 'termMonths',
  'startDate-day', 'startDate-month', 'startDate-year', 'counterpartyKind', 'cpParentUndertaking', 'cpDecisiveInfluence', 'cpActivityForControllers',
  'cpPrivateShareholding', 'cpCommonObjectives', 'cpSolelyPublicInterest', 'cpActivityOutside', 'directAwardGround', 'advertised', 'framework', 'reserve',
  'mutualComparableContractYearsAgo',
] as const

const one = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? '').trim()

/** The answers as a query string, for the answer page's address and its "Change" links. */
export function answersQuery(body: FormBody): string {
  const params = new URLSearchParams()
  for (const field of ANSWER_FIELDS) {
    const value = one(body[field])
    if (value !== '') params.set(field, value)
  }
  return params.toString()
}

/** Only the answer fields of a request's query or body. */
export function answersOf(body: FormBody): FormBody {
  return Object.fromEntries(ANSWER_FIELDS.map((field) => [field, one(body[field])]).filter(([, value]) => value !== ''))
}

const chosen = (items: { value: string; text: string; checked?: boolean; selected?: boolean }[], fallback: string) =>
  items.find((i) => i.checked || i.selected)?.text ?? fallback

/** The summary list of answers, each row with a "Change" link to its question on the form. */
export function answerRows(body: FormBody, formHref: string) {
  const form = routeFormModel(body)
  const v = (name: string) => one(body[name])
  const query = answersQuery(body)
  const change = (focus: string, what: string) => ({ items: [{ href: `${formHref}${query ? `?${query}` : ''}#${focus}`, text: 'Change', visuallyHiddenText: what }] })
  const row = (key: string, value: string, focus: string) => ({ key: { text: key }, value: { text: value }, actions: change(focus, key.toLowerCase()) })
  const pounds = (text: string) => (text.startsWith('£') ? text : `£${text}`)
  const value = v('valueUnknown') === 'yes'
    ? 'Cannot be estimated'
    : v('value')
      ? `${pounds(v('value'))} ${v('valueIncludesVat') === 'no' ? 'without VAT' : 'including VAT'}`
      : v('annualValue')
        ? `${pounds(v('annualValue'))} a year${v('extensionMonths') ? `, with ${v('extensionMonths')} months of extensions` : ''}`
        : 'Not given'
  const start = v('startDate-day') ? `${v('startDate-day')} ${v('startDate-month')} ${v('startDate-year')}` : 'Not given: today'
  const counterparty = chosen(form.counterpartyItems, 'Any supplier')
  const ground = v('directAwardGround') && v('directAwardGround') !== 'none' ? chosen(form.groundItems, 'No direct award') : 'No direct award'
  return [
    row('Kind of arrangement', chosen(form.arrangementItems, 'A contract to buy goods, services or works'), 'arrangement'),
    row('Goods, services or works', chosen(form.categoryItems, 'Not given'), 'category'),
    row('CPV codes', v('cpv') || 'None given', 'cpv'),
    row('Light touch services', chosen(form.lightTouchItems, 'Not sure: work it out from the CPV codes'), 'lightTouch'),
    row('Estimated value', value, 'value'),
    row('Maximum term', v('termMonths') ? `${v('termMonths')} months` : 'Not given', 'termMonths'),
    row('Start of the procurement', start, 'startDate-day'),
    row('Who the contract is with', counterparty, 'counterpartyKind'),
    row('Direct award', ground, 'directAwardGround'),
    row('Advertised', chosen(form.advertisedItems, 'Not decided'), 'advertised'),
    row('Call-off under a framework', v('framework') === 'yes' ? 'Yes' : 'No', 'framework'),
    row('Reserved', chosen(form.reserveItems, 'No'), 'reserve'),
  ]
}

/**
 * The rules' field names and API phrasing in the form's words. Longest phrases first, so a phrase is put into words
 * before any field name inside it.
 */
const PLAIN_WORDS: [RegExp, string][] = [
  [/Enter the estimated value including VAT \(valuePence\), the value without VAT \(valueExVatPence\), a year’s cost \(annualValuePence or annualValueExVatPence\) with termMonths, or say valueUnknown: true/g, 'Enter the estimated value, or a year’s cost with the term, or tick “The value cannot be estimated”'],
  [/Give one of valuePence \(VAT included\), valueExVatPence, annualValuePence or annualValueExVatPence, not both [A-Za-z]+ and [A-Za-z]+/g, 'Give the value once: either the total value or a year’s cost'],
  [/extensionMonths is used only with annualValuePence or annualValueExVatPence; a total value must already include every extension \(s\.4\)/g, 'Optional extensions are used only with a year’s cost: a total value must already include every extension (s.4)'],
  [/Enter the estimated value including VAT \(valuePence\), the value without VAT \(valueExVatPence\), or say valueUnknown: true/g, 'Enter the estimated value, or tick “The value cannot be estimated”'],
  [/Give valuePence \(VAT included\) or valueExVatPence, not both/g, 'Give the value once, saying whether it includes VAT'],
  [/valueUnknown cannot be true when a value is given/g, 'You gave a value and ticked “The value cannot be estimated”: do one or the other'],
  [/valueUnknown: true/g, 'tick “The value cannot be estimated”'],
  [/reserve: public-service-mutual/g, 'reserving the contract for a public service mutual'],
  [/lightTouch cannot be false/g, 'the answer to the light touch question cannot be No'],
  [/category is (goods|works|services)/g, 'you chose $1'],
  [/a date like (\d{4})-(\d{2})-(\d{2})/g, 'a date'],
  [/\bvaluePence\b/g, 'the estimated value'],
  [/\bvalueExVatPence\b/g, 'the value without VAT'],
  [/\bvalueUnknown\b/g, '“The value cannot be estimated”'],
  [/\bvatRatePercent\b/g, 'the VAT rate'],
  [/\bstartDate\b/g, 'start date'],
  [/\btermMonths\b/g, 'the term'],
  [/\blightTouch\b/g, 'the light touch answer'],
  [/\bmutualComparableContractYearsAgo\b/g, 'the years since a comparable contract'],
  [/\bcounterparty\.kind\b/g, 'who the contract is with'],
  [/\bdirectAwardGround\b/g, 'the direct award ground'],
  [/\bhealthCareUnderPSR\b/g, 'health care under the Provider Selection Regime'],
  [/\bannualSpendPence\b/g, 'the annual spend'],
  [/\bfinancialYearStart\b/g, 'the start of the financial year'],
  [/\bcpv\b/g, 'the CPV codes'],
  [/\bannualValuePence\b/g, 'the annual value'],
  [/\bannualValueExVatPence\b/g, 'the annual value without VAT'],
  [/\bextensionMonths\b/g, 'the optional extensions'],
  [/\bnewFramework\b/g, 'the new framework answer'],
]

/** A message from the rules, in the form's words, starting with a capital letter. */
export function plainWords(message: string): string {
  const text = PLAIN_WORDS.reduce((m, [pattern, words]) => m.replace(pattern, words), message)
  return text.charAt(0).toUpperCase() + text.slice(1)
}
