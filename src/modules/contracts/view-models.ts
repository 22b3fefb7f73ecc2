/** What the contracts pages show: table rows, form items and summaries built from records, for the templates. */
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORIES, serviceCategoryName } from '../providers/service-categories.ts'
import { SCHEDULE_8_GROUNDS } from '../../rules/procurement/modification.ts'
import { dateParts, text, type FormBody } from './form-fields.ts'
import { SUPPLIER_SLOTS } from './forms.ts'
import type { ContractRecord } from './service.ts'
import { OPPORTUNITY_STAGES, type OpportunityRow } from './opportunities.ts'
import {
  ASSESSMENT_RATINGS,
  AWARD_PROCEDURES,
  CONTRACT_STATUSES,
  DIRECT_AWARD_GROUNDS,
  INVITATIONS,
  MAIN_CATEGORIES,
  NOTICE_TYPES,
  nameOf,
} from './vocabulary.ts'
import { formatDate } from '../../platform/dates.ts'

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const govukDate = (iso: string | null | undefined) => formatDate(iso)

export { govukDate }

/** A GOV.UK date input's parameters, filled from the posted body (after an error) or a stored date. */
export function dateInput(name: string, legend: string, source: { body?: FormBody; iso?: string | null }, errors: FormErrors, options: { hint?: string; legendClasses?: string } = {}) {
  const parts = source.body
    ? { day: text(source.body, `${name}-day`), month: text(source.body, `${name}-month`), year: text(source.body, `${name}-year`) }
    : dateParts(source.iso)
  const error = errors.fieldErrors[name]
  return {
    id: name,
    namePrefix: name,
    fieldset: { legend: { text: legend, classes: options.legendClasses ?? 'govuk-fieldset__legend--s' } },
    hint: { text: options.hint ?? 'For example, 27 3 2026' },
    ...(error ? { errorMessage: error } : {}),
    items: [
      { name: 'day', label: 'Day', value: parts.day, classes: `govuk-input--width-2${error ? ' govuk-input--error' : ''}` },
      { name: 'month', label: 'Month', value: parts.month, classes: `govuk-input--width-2${error ? ' govuk-input--error' : ''}` },
      { name: 'year', label: 'Year', value: parts.year, classes: `govuk-input--width-4${error ? ' govuk-input--error' : ''}` },
    ],
  }
}

const items = (table: Record<string, string | { name: string }>, selected: string | null | undefined) =>
  Object.entries(table).map(([value, entry]) => ({ value, text: typeof entry === 'string' ? entry : entry.name, checked: value === selected, selected: value === selected }))

const penceToPounds = (pence: number | null | undefined) => (pence === null || pence === undefined ? '' : (pence / 100).toFixed(2).replace(/\.00$/, ''))

/** The contract form's values and choices, from a stored record or the body posted with errors. */
export function contractFormModel(source: { body?: FormBody; record?: ContractRecord }, providers: { id: string; name: string }[], errors: FormErrors) {
  const r = source.record
  const b = source.body
  const v = (name: string, stored: string | null | undefined) => (b ? text(b, name) : (stored ?? ''))
  const supplierIds = b ? Array.from({ length: SUPPLIER_SLOTS }, (_, i) => text(b, `supplier${i + 1}`)) : Array.from({ length: SUPPLIER_SLOTS }, (_, i) => r?.suppliers[i]?.providerId ?? '')
  const yesNo = (name: string, stored: boolean | undefined) => {
    const value = b ? text(b, name) : stored === undefined ? '' : stored ? 'yes' : 'no'
    return [
      { value: 'yes', text: 'Yes', checked: value === 'yes' },
      { value: 'no', text: 'No', checked: value === 'no' },
    ]
  }
  const notice = (type: string) => r?.notices.find((n) => n.type === type)?.publishedOn
  return {
    reference: v('reference', r?.reference),
    title: v('title', r?.title),
    description: v('description', r?.description),
    department: v('department', r?.department),
    supplierSlots: supplierIds.map((selected, i) => ({
      id: `supplier${i + 1}`,
      label: i === 0 ? 'Supplier' : `Another supplier (optional)`,
      items: [{ value: '', text: i === 0 ? 'Select a provider' : 'None' }, ...providers.map((p) => ({ value: p.id, text: p.name, selected: p.id === selected }))],
    })),
    cpvCodes: v('cpvCodes', r?.cpvCodes.join(', ')),
    categoryItems: items(MAIN_CATEGORIES, b ? text(b, 'mainCategory') : r?.mainCategory),
    procedureItems: items(AWARD_PROCEDURES, b ? text(b, 'awardProcedure') : r?.awardProcedure),
    groundItems: [{ value: '', text: 'Select the ground' }, ...items(DIRECT_AWARD_GROUNDS, b ? text(b, 'directAwardGround') : r?.directAwardGround)],
    invitationItems: items(INVITATIONS, b ? text(b, 'invitation') : r?.invitation),
    totalValue: v('totalValue', penceToPounds(r?.totalValuePence)),
    annualValue: v('annualValue', penceToPounds(r?.estimatedAnnualValuePence)),
    irrecoverableVat: v('irrecoverableVat', penceToPounds(r?.irrecoverableVatPence)),
    vatItems: yesNo('valuesIncludeVat', r?.valuesIncludeVat),
    awardDate: dateInput('awardDate', 'Award date (optional)', b ? { body: b } : { iso: r?.awardDate }, errors),
    startDate: dateInput('startDate', 'Start date', b ? { body: b } : { iso: r?.startDate }, errors),
    endDate: dateInput('endDate', 'End date', b ? { body: b } : { iso: r?.endDate }, errors, { hint: 'Without extensions not yet taken. For example, 31 3 2029' }),
    reviewDate: dateInput('reviewDate', 'Review date (optional)', b ? { body: b } : { iso: r?.reviewDate }, errors),
    extensionOptions: v('extensionOptions', r ? String(r.extensionOptions) : '0'),
    extensionMonths: v('extensionMonths', r?.extensionMonths?.toString()),
    extensionsTaken: v('extensionsTaken', r ? String(r.extensionsTaken) : '0'),
    extensionsTakenNote: v('extensionsTakenNote', r?.extensionsTakenNote),
    lightTouchItems: yesNo('lightTouch', r?.lightTouch),
    statusItems: items(CONTRACT_STATUSES, b ? text(b, 'status') : (r?.status ?? 'active')),
    notices: Object.entries(NOTICE_TYPES).map(([type, name]) => dateInput(`notice${type}`, `${name} (optional)`, b ? { body: b } : { iso: notice(type) }, errors, { hint: 'The date it was published on Find a Tender' })),
    ocid: v('ocid', r?.ocid),
    publishedItems: yesNo('published', r?.published ?? (b ? undefined : true)),
    serviceCategoryItems: serviceCategoryItems(b ? text(b, 'serviceCategory') : (r?.serviceCategory ?? ''), 'Not recorded'),
  }
}

/** The service categories as select items, with an empty first choice. */
export const serviceCategoryItems = (selected: string, emptyText: string) => [
  { value: '', text: emptyText, selected: selected === '' },
  ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: c.code === selected })),
]

export function contractTable(records: ContractRecord[], attention: Map<string, string[]>) {
  return {
    firstCellIsHeader: false,
    head: [{ text: 'Contract' }, { text: 'Supplier' }, { text: 'Value', format: 'numeric' }, { text: 'Ends' }, { text: 'Status' }],
    rows: records.map((r) => [
      { html: `<a class="govuk-link" href="${paths.contracts.show.href({ id: r.id })}">${escape(r.title)}</a><br><span class="govuk-body-s">${escape(r.reference)}</span>${(attention.get(r.id) ?? []).map((t) => `<br><strong class="govuk-tag govuk-tag--orange">${escape(t)}</strong>`).join('')}` },
      { text: r.suppliers.map((s) => s.name).join(', ') },
      { text: formatPence(r.totalValuePence, { whole: true }), format: 'numeric' },
      { text: govukDate(r.endDate) },
      { text: nameOf(CONTRACT_STATUSES, r.status) },
    ]),
  }
}

export function summaryRows(r: ContractRecord) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || 'Not recorded' } })
  const money = (pence: number | null) => (pence === null ? '' : `${formatPence(pence)} ${r.valuesIncludeVat ? 'including VAT' : 'excluding VAT'}`)
  return [
    row('Reference', r.reference),
    row('Department', r.department ?? ''),
    row('Description', r.description ?? ''),
    r.suppliers.length
      ? { key: { text: 'Suppliers' }, value: { html: r.suppliers.map((s) => `<a class="govuk-link" href="${paths.providers.show.href({ id: s.providerId })}">${escape(s.name)}</a>`).join(', ') } }
      : row('Suppliers', ''),
    row('CPV codes', r.cpvCodes.join(', ')),
    row('Main category', nameOf(MAIN_CATEGORIES, r.mainCategory)),
    row('Service category', r.serviceCategory ? serviceCategoryName(r.serviceCategory) : ''),
    row('How it was awarded', nameOf(AWARD_PROCEDURES, r.awardProcedure) + (r.directAwardGround ? `: ${nameOf(DIRECT_AWARD_GROUNDS, r.directAwardGround)}` : '')),
    row('Invitation', nameOf(INVITATIONS, r.invitation)),
    row('Total value including extensions', money(r.totalValuePence)),
    row('Estimated annual value', money(r.estimatedAnnualValuePence)),
    row('Irrecoverable VAT', r.irrecoverableVatPence === null ? '' : formatPence(r.irrecoverableVatPence)),
    row('Award date', govukDate(r.awardDate)),
    row('Start date', govukDate(r.startDate)),
    row('End date', govukDate(r.endDate)),
    row('Review date', govukDate(r.reviewDate)),
    row('Extension options', r.extensionOptions ? `${r.extensionOptions} of ${r.extensionMonths ?? '?'} months, ${r.extensionsTaken} taken${r.extensionsTakenNote ? ` (${r.extensionsTakenNote})` : ''}` : 'None'),
    row('Light touch contract', r.lightTouch ? 'Yes' : 'No'),
    row('Status', nameOf(CONTRACT_STATUSES, r.status)),
    row('Notices', r.notices.map((n) => `${nameOf(NOTICE_TYPES, n.type)}: ${govukDate(n.publishedOn)}`).join('; ')),
    row('OCID', r.ocid ?? ''),
    row('Published in open data', r.published ? 'Yes' : 'No'),
  ]
}

export const ratingItems = (selected?: string) => items(ASSESSMENT_RATINGS, selected)
export const groundItems = (selected?: string) => [
  { value: 'none', text: 'None: I am not relying on a Schedule 8 ground', checked: !selected || selected === 'none' },
  ...Object.entries(SCHEDULE_8_GROUNDS).map(([value, g]) => ({ value, text: `${g.paragraph}: ${g.text}`, checked: value === selected })),
]
export { nameOf, ASSESSMENT_RATINGS }

/** The forward pipeline as a GOV.UK table: what, when tenders close, the stage, the value and the procedure. */
export function opportunityTable(rows: OpportunityRow[]) {
  const yesNo = (v: boolean | null) => (v === null ? 'Not stated' : v ? 'Yes' : 'No')
  return {
    caption: 'Opportunities',
    captionClasses: 'govuk-visually-hidden',
    firstCellIsHeader: true,
    head: [{ text: 'Title' }, { text: 'Stage' }, { text: 'Tenders close' }, { text: 'Estimated value', format: 'numeric' }, { text: 'How it will be awarded' }, { text: 'Suitable for SMEs / VCSEs' }],
    rows: rows.map((r) => [
      { text: `${r.title}${r.reference ? ` (${r.reference})` : ''}` },
      { text: nameOf(OPPORTUNITY_STAGES, r.stage) },
      { text: r.tenderEndDate ? govukDate(r.tenderEndDate) : 'Not stated' },
      { text: r.valuePence === null ? 'Not stated' : formatPence(r.valuePence), format: 'numeric' },
      { text: nameOf(AWARD_PROCEDURES, r.procedure) },
      { text: `${yesNo(r.suitableForSme)} / ${yesNo(r.suitableForVcse)}` },
    ]),
  }
}
