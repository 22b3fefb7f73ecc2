/**
 * The route advice page's form: what an officer types (pounds, day/month/year, yes/no) turned into the same request
 * the API takes, and the request's problems turned back into GOV.UK error messages beside each field.
 */
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import type { FieldProblem, RouteAdviceRequest } from '../../rules/procurement/route-advice-request.ts'
import { DIRECT_AWARD_GROUNDS, DIRECT_AWARD_GROUND_CODES } from '../../rules/procurement/route-advice-types.ts'
import { estimateValue, STANDARD_VAT_RATE_PERCENT } from '../../rules/procurement/value.ts'
import { plainWords } from './answers.ts'

export type FormBody = Record<string, string | string[] | undefined>

const text = (body: FormBody, name: string) => {
  const value = body[name]
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim()
}
const yesNo = (body: FormBody, name: string): boolean | undefined => (text(body, name) === 'yes' ? true : text(body, name) === 'no' ? false : undefined)

/** The field on the page each part of the request belongs to, and the id its error link moves focus to. */
const FIELD_OF: Record<string, string> = {
  valuePence: 'value',
  valueExVatPence: 'value',
  valueUnknown: 'valueUnknown',
  vatRatePercent: 'value',
  annualValuePence: 'annualValue',
  annualValueExVatPence: 'annualValue',
  extensionMonths: 'extensionMonths',
  category: 'category',
  cpv: 'cpv',
  lightTouch: 'lightTouch',
  startDate: 'startDate',
  termMonths: 'termMonths',
  reserve: 'reserve',
  mutualComparableContractYearsAgo: 'mutualComparableContractYearsAgo',
  counterparty: 'counterpartyKind',
  arrangement: 'arrangement',
  directAwardGround: 'directAwardGround',
  healthCareUnderPSR: 'arrangement',
  annualSpendPence: 'annualSpend',
  financialYearStart: 'annualSpend',
  advertised: 'advertised',
  framework: 'framework',
  newFramework: 'framework',
}
const FOCUS_ID: Record<string, string> = {
  startDate: 'startDate-day',
  category: 'category',
  lightTouch: 'lightTouch',
  reserve: 'reserve',
  counterpartyKind: 'counterpartyKind',
  arrangement: 'arrangement',
  advertised: 'advertised',
  valueUnknown: 'valueUnknown',
}

export interface ParsedRouteForm {
  request: RouteAdviceRequest
  /** Problems only the form can see: text where an amount belongs, half a date. */
  problems: { field: string; message: string }[]
  /** How the value was worked out from the annual value, when it was. */
  working?: string
}

const COUNTERPARTY_FIELDS = {
  'controlled-company': ['cpParentUndertaking', 'cpDecisiveInfluence', 'cpActivityForControllers', 'cpPrivateShareholding'],
  'contracting-authority': ['cpCommonObjectives', 'cpSolelyPublicInterest', 'cpActivityOutside'],
}

export function parseRouteForm(body: FormBody): ParsedRouteForm {
  const problems: ParsedRouteForm['problems'] = []
  const request: RouteAdviceRequest = {}
  let working: string | undefined

  const amount = (name: string, label: string): number | undefined => {
    const raw = text(body, name)
    if (raw === '') return undefined
    const pence = parsePoundsToPence(raw)
    if (pence === undefined) problems.push({ field: name, message: `${label} must be an amount in pounds, like 250000 or £250,000` })
    return pence
  }
  const whole = (name: string, label: string): number | undefined => {
    const raw = text(body, name)
    if (raw === '') return undefined
    if (!/^-?\d+$/.test(raw)) {
      problems.push({ field: name, message: `${label} must be a whole number` })
      return undefined
    }
    return Number(raw)
  }

  // The value: typed directly, or worked out from a year's value, the term and extensions.
  const value = amount('value', 'Estimated value')
  const includesVat = yesNo(body, 'valueIncludesVat')
  const annual = amount('annualValue', 'Annual value')
  const termMonths = whole('termMonths', 'Term')
  const extensionMonths = whole('extensionMonths', 'Extensions')
  if (termMonths !== undefined) request.termMonths = termMonths
  if (text(body, 'valueUnknown') === 'yes') request.valueUnknown = true
  if (value !== undefined) {
    if (includesVat === false) request.valueExVatPence = value
    else request.valuePence = value
  } else if (annual !== undefined) {
    if (termMonths === undefined || termMonths < 1) {
      problems.push({ field: 'termMonths', message: 'Enter the term in months to work out the value from the annual value' })
    } else if (annual >= 0 && (extensionMonths ?? 0) >= 0) {
      // The rules work the value out themselves (s.4, Sch 3) and cite it; the working is shown beside the answer too.
      const estimate = estimateValue({ annualValuePence: annual, includesVat: includesVat !== false, termMonths, extensionMonths: extensionMonths ?? 0 })
      if (includesVat === false) request.annualValueExVatPence = annual
      else request.annualValuePence = annual
      if (extensionMonths) request.extensionMonths = extensionMonths
      working = estimate.working
    } else {
      problems.push({ field: annual < 0 ? 'annualValue' : 'extensionMonths', message: 'Amounts and months cannot be negative' })
    }
  }

  const category = text(body, 'category')
  if (category) request.category = category as RouteAdviceRequest['category']
  const cpv = text(body, 'cpv')
  if (cpv) request.cpv = cpv.split(/[\s,;]+/).filter(Boolean)
  const lightTouch = yesNo(body, 'lightTouch')
  if (lightTouch !== undefined) request.lightTouch = lightTouch

  // The start date, as the GOV.UK date input asks for it.
  const [day, month, year] = ['startDate-day', 'startDate-month', 'startDate-year'].map((n) => text(body, n))
  if (day || month || year) {
    if (!day || !month || !/^\d{4}$/.test(year ?? '')) {
      problems.push({ field: 'startDate', message: 'Enter the start date as a day, month and year, like 1 4 2026' })
    } else {
      request.startDate = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`
    }
  }

  const advertised = yesNo(body, 'advertised')
  if (advertised !== undefined) request.advertised = advertised
  const framework = [body.framework ?? []].flat()
  if (framework.includes('yes')) request.framework = true
  if (framework.includes('new') && framework.includes('open')) problems.push({ field: 'framework', message: 'Choose a new framework or a new open framework, not both' })
  else if (framework.includes('new')) request.newFramework = 'framework'
  else if (framework.includes('open')) request.newFramework = 'open-framework'
  const reserve = text(body, 'reserve')
  if (reserve && reserve !== 'none') request.reserve = reserve as RouteAdviceRequest['reserve']
  const yearsAgo = whole('mutualComparableContractYearsAgo', 'Years since a comparable contract')
  if (yearsAgo !== undefined) request.mutualComparableContractYearsAgo = yearsAgo

  const arrangement = text(body, 'arrangement')
  if (arrangement === 'psr') request.healthCareUnderPSR = true
  else if (arrangement && arrangement !== 'none') request.arrangement = arrangement as RouteAdviceRequest['arrangement']
  const ground = text(body, 'directAwardGround')
  if (ground && ground !== 'none') request.directAwardGround = ground as RouteAdviceRequest['directAwardGround']

  const kind = text(body, 'counterpartyKind')
  if (kind === 'controlled-company' || kind === 'contracting-authority') {
    const missing = COUNTERPARTY_FIELDS[kind].filter((field) => text(body, field) === '')
    for (const field of missing) problems.push({ field, message: 'Answer this question about the counterparty' })
    if (missing.length === 0) {
      const pct = (name: string) => whole(name, 'Percentage') ?? 0
      request.counterparty =
        kind === 'controlled-company'
          ? {
              kind,
              parentUndertaking: yesNo(body, 'cpParentUndertaking') === true,
              decisiveInfluenceByOthers: yesNo(body, 'cpDecisiveInfluence') === true,
              activityForControllersPercent: pct('cpActivityForControllers'),
              privateShareholding: yesNo(body, 'cpPrivateShareholding') === true,
            }
          : {
              kind,
              commonObjectives: yesNo(body, 'cpCommonObjectives') === true,
              solelyPublicInterest: yesNo(body, 'cpSolelyPublicInterest') === true,
              activityOutsidePublicFunctionsPercent: pct('cpActivityOutside'),
            }
    }
  }
  return { request, problems, ...(working ? { working } : {}) }
}

/** Problems from the form and from the request, as the GOV.UK error summary and field messages want them. */
export function routeFormErrors(formProblems: ParsedRouteForm['problems'], requestProblems: FieldProblem[]): FormErrors {
  const errors: FormErrors = { errorList: [], fieldErrors: {} }
  const add = (field: string, message: string) => {
    if (errors.fieldErrors[field]) return
    errors.fieldErrors[field] = { text: message }
    errors.errorList.push({ text: message, href: `#${FOCUS_ID[field] ?? field}` })
  }
  for (const p of formProblems) add(p.field, p.message)
  for (const p of requestProblems) {
    const top = p.field.split('/')[1] ?? ''
    add(FIELD_OF[top] ?? 'category', plainWords(p.message))
  }
  return errors
}

/** What the form shows: the values typed, and the choices for each question. */
export function routeFormModel(body: FormBody) {
  const v = (name: string) => text(body, name)
  const radios = (name: string, options: [string, string][]) => options.map(([value, label]) => ({ value, text: label, checked: v(name) === value }))
  const yesNoItems = (name: string) => radios(name, [['yes', 'Yes'], ['no', 'No']])
  return {
    values: Object.fromEntries(Object.keys(body).map((k) => [k, v(k)])),
    vatRate: STANDARD_VAT_RATE_PERCENT,
    categoryItems: radios('category', [['services', 'Services'], ['goods', 'Goods'], ['works', 'Works']]),
    valueIncludesVatItems: radios('valueIncludesVat', [['yes', 'Yes, VAT is included'], ['no', `No, add VAT at ${STANDARD_VAT_RATE_PERCENT}%`]]),
    lightTouchItems: radios('lightTouch', [['yes', 'Yes'], ['no', 'No'], ['', 'Not sure: work it out from the CPV codes']]),
    advertisedItems: radios('advertised', [['yes', 'Yes, we will advertise it'], ['no', 'No, we will invite particular suppliers'], ['', 'Not decided']]),
    reserveItems: radios('reserve', [['none', 'No'], ['public-service-mutual', 'Yes, for public service mutuals'], ['supported-employment', 'Yes, for supported employment providers']]),
    arrangementItems: radios('arrangement', [
      ['none', 'A contract to buy goods, services or works'],
      ['grant', 'A grant funding an organisation’s own activity'],
      ['psr', 'Health care services under the Provider Selection Regime'],
      ['employment', 'Employing staff'],
      ['land', 'Buying or renting land or buildings'],
    ]),
    counterpartyItems: radios('counterpartyKind', [
      ['none', 'Any supplier'],
      ['controlled-company', 'A company the council controls'],
      ['contracting-authority', 'Another council or public authority, working together'],
    ]),
    groundItems: [
      { value: 'none', text: 'No direct award', selected: !v('directAwardGround') || v('directAwardGround') === 'none' },
      ...DIRECT_AWARD_GROUND_CODES.map((code) => ({ value: code, text: `${DIRECT_AWARD_GROUNDS[code].cites.join(', ')}: ${DIRECT_AWARD_GROUNDS[code].text}`, selected: v('directAwardGround') === code })),
    ],
    yesNo: {
      cpParentUndertaking: yesNoItems('cpParentUndertaking'),
      cpDecisiveInfluence: yesNoItems('cpDecisiveInfluence'),
      cpPrivateShareholding: yesNoItems('cpPrivateShareholding'),
      cpCommonObjectives: yesNoItems('cpCommonObjectives'),
      cpSolelyPublicInterest: yesNoItems('cpSolelyPublicInterest'),
    },
  }
}
