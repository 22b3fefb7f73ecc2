/** The social value forms: each reads a posted body and returns values or GOV.UK-shaped problems, field by field. */
import { surveyProblem } from '../../rules/social-value/lm3.ts'
import { dateField, poundsField, text, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import type { CommitmentInput, ReturnInput, Verification } from './commitments.ts'
import type { MeasureInput } from './measures.ts'
import type { SroiModelInput, SroiOutcomeInput } from './sroi-service.ts'

type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }
const done = <T>(issues: FieldIssue[], value: T): Parsed<T> => (issues.length ? { ok: false, issues } : { ok: true, value })

/** A positive quantity: 12, 12.5, "1,200". */
function quantityField(body: FormBody, name: string, label: string, issues: FieldIssue[], options: { allowZero?: boolean } = {}): number {
  const raw = text(body, name).replace(/,(?=\d{3}(\D|$))/g, '')
  if (raw === '') {
    issues.push({ field: name, message: `Enter the ${label}` })
    return 0
  }
  const value = Number(raw)
  if (!/^\d+(\.\d{1,4})?$/.test(raw) || !Number.isFinite(value) || value > 1e9 || (!options.allowZero && value === 0)) {
    issues.push({ field: name, message: `The ${label} must be a number ${options.allowZero ? 'of 0 or more' : 'more than 0'}, like 12 or 12.5` })
    return 0
  }
  return value
}

/** A percentage typed as 25 or 25%, returned as a share (0.25). */
export function percentField(body: FormBody, name: string, label: string, issues: FieldIssue[], options: { max?: number } = {}): number {
  const raw = text(body, name).replace(/%$/, '').trim()
  const max = options.max ?? 100
  if (raw === '') {
    issues.push({ field: name, message: `Enter the ${label} as a percentage, like 25` })
    return 0
  }
  const value = Number(raw)
  if (!/^\d+(\.\d{1,2})?$/.test(raw) || value > max) {
    issues.push({ field: name, message: `The ${label} must be a percentage from 0 to ${max}, like 25` })
    return 0
  }
  return Math.round(value * 100) / 10_000
}

function requiredText(body: FormBody, name: string, message: string, issues: FieldIssue[], max = 500): string {
  const value = text(body, name)
  if (!value) issues.push({ field: name, message })
  else if (value.length > max) issues.push({ field: name, message: `Keep this to ${max} characters or fewer` })
  return value
}

export function parseMeasureForm(body: FormBody): Parsed<MeasureInput> {
  const issues: FieldIssue[] = []
  const theme = requiredText(body, 'theme', 'Enter the theme', issues)
  const outcome = requiredText(body, 'outcome', 'Enter the outcome', issues)
  const code = requiredText(body, 'code', 'Enter the measure code', issues, 40)
  const wording = requiredText(body, 'wording', 'Enter the measure’s wording', issues, 1000)
  const unit = requiredText(body, 'unit', 'Enter the unit, like “people (FTE)” or “hours”', issues, 100)
  const proxyPence = poundsField(body, 'proxy', 'proxy value', issues)
  const proxyYearText = text(body, 'proxyYear')
  if (proxyYearText && !/^(19|20)\d\d$/.test(proxyYearText)) issues.push({ field: 'proxyYear', message: 'The year of the value must be a year, like 2025' })
  const proxySource = text(body, 'proxySource') || null
  if (proxyPence !== null && !proxySource) issues.push({ field: 'proxySource', message: 'Say where the proxy value comes from' })
  return done(issues, { theme, outcome, code, wording, unit, proxyPence, proxySource, proxyYear: proxyYearText ? Number(proxyYearText) : null, licence: text(body, 'licence') || null, countsAsLocal: text(body, 'countsAsLocal') === 'yes' })
}

export function parseCommitmentForm(body: FormBody, target: { contractId: string | null; grantId: string | null }, allowed: { providers: string[]; measures: string[] }): Parsed<CommitmentInput> {
  const issues: FieldIssue[] = []
  const measureId = text(body, 'measureId')
  if (!allowed.measures.includes(measureId)) issues.push({ field: 'measureId', message: 'Select the measure committed to' })
  const providerId = allowed.providers.length === 1 ? allowed.providers[0]! : text(body, 'providerId')
  if (!allowed.providers.includes(providerId)) issues.push({ field: 'providerId', message: 'Select the provider who delivers it' })
  const quantity = quantityField(body, 'quantity', 'quantity committed', issues)
  const dueDate = dateField(body, 'dueDate', 'due date', issues, true)
  const deliveredWhere = requiredText(body, 'deliveredWhere', 'Enter where it is delivered, like a ward, a town or “across the borough”', issues, 200)
  return done(issues, { ...target, providerId, measureId, quantity, dueDate: dueDate ?? '', deliveredWhere })
}

/** `hasFile`: an evidence file came with the return, which is evidence enough without a link or a note. */
export function parseReturnForm(body: FormBody, today: string, hasFile = false): Parsed<ReturnInput> {
  const issues: FieldIssue[] = []
  const quantity = quantityField(body, 'quantity', 'quantity delivered', issues)
  const periodStart = dateField(body, 'periodStart', 'start of the period', issues, true)
  const periodEnd = dateField(body, 'periodEnd', 'end of the period', issues, true)
  if (periodStart && periodEnd && periodEnd < periodStart) issues.push({ field: 'periodEnd', message: 'The end of the period must be the same as or after its start' })
  if (periodEnd && periodEnd > today) issues.push({ field: 'periodEnd', message: 'The end of the period must be today or in the past: report what has been delivered' })
  const evidenceUrl = text(body, 'evidenceUrl') || null
  if (evidenceUrl && !/^https:\/\/[^\s]+$/i.test(evidenceUrl)) issues.push({ field: 'evidenceUrl', message: 'The evidence link must be a web address starting https://' })
  const note = text(body, 'note') || null
  if (!evidenceUrl && !note && !hasFile) issues.push({ field: 'evidenceUrl', message: 'Attach an evidence file, give a link to the evidence, or say in the note what the evidence is and where the council can see it' })
  return done(issues, { quantity, periodStart: periodStart ?? '', periodEnd: periodEnd ?? '', evidenceUrl, note })
}

export function parseVerificationForm(body: FormBody, reported: number): Parsed<Verification> {
  const issues: FieldIssue[] = []
  const status = text(body, 'decision')
  if (status !== 'verified' && status !== 'partly-verified' && status !== 'rejected') {
    issues.push({ field: 'decision', message: 'Select whether the return is verified, partly verified or rejected' })
    return { ok: false, issues }
  }
  const reason = text(body, 'reason') || null
  let verifiedQuantity = status === 'verified' ? reported : 0
  if (status === 'partly-verified') {
    verifiedQuantity = quantityField(body, 'verifiedQuantity', 'quantity verified', issues)
    if (verifiedQuantity >= reported) issues.push({ field: 'verifiedQuantity', message: `The quantity verified must be less than the ${reported} reported: if all of it is verified, select Verified` })
  }
  if (status !== 'verified' && !reason) issues.push({ field: 'reason', message: status === 'rejected' ? 'Say why the return is rejected: the provider sees this' : 'Say why only part is verified: the provider sees this' })
  return done(issues, { status, verifiedQuantity, reason })
}

export function parseLm3Form(body: FormBody, years: number[]): Parsed<{ year: number; localStaffShare: number; localSupplierShare: number; note: string | null }> {
  const issues: FieldIssue[] = []
  const yearText = text(body, 'year')
  if (!years.map(String).includes(yearText)) issues.push({ field: 'year', message: 'Select the financial year the answer is for' })
  const localStaffShare = percentField(body, 'localStaff', 'share of income spent on local staff', issues)
  const localSupplierShare = percentField(body, 'localSuppliers', 'share of income spent with local suppliers', issues)
  if (!issues.some((i) => i.field === 'localStaff' || i.field === 'localSuppliers')) {
    const problem = surveyProblem(localStaffShare, localSupplierShare)
    if (problem) issues.push({ field: 'localSuppliers', message: problem })
  }
  return done(issues, { year: Number(yearText), localStaffShare, localSupplierShare, note: text(body, 'note') || null })
}

export function parseSroiModelForm(body: FormBody, allowed: { projects: string[]; contracts: string[] }): Parsed<SroiModelInput> {
  const issues: FieldIssue[] = []
  const title = requiredText(body, 'title', 'Enter a title for the SROI', issues, 200)
  const about = text(body, 'about')
  const projectId = about.startsWith('project:') ? about.slice(8) : null
  const contractId = about.startsWith('contract:') ? about.slice(9) : null
  if ((projectId && !allowed.projects.includes(projectId)) || (contractId && !allowed.contracts.includes(contractId)) || (!projectId && !contractId)) issues.push({ field: 'about', message: 'Select the project or contract the SROI is for' })
  const inputsPence = poundsField(body, 'inputs', 'value of inputs', issues, { required: true }) ?? 0
  if (inputsPence === 0 && !issues.some((i) => i.field === 'inputs')) issues.push({ field: 'inputs', message: 'The value of inputs must be more than £0: the ratio divides by it' })
  const inputsSource = requiredText(body, 'inputsSource', 'Say where the value of inputs comes from, like the contract value or the grant awarded', issues)
  const rateText = text(body, 'discountRate')
  const discountRate = rateText === '' ? null : percentField(body, 'discountRate', 'discount rate', issues, { max: 20 })
  return done(issues, { title, projectId, contractId, inputsPence, inputsSource, discountRate })
}

export function parseSroiOutcomeForm(body: FormBody, measures: { id: string; proxyPence: number | null }[]): Parsed<SroiOutcomeInput> {
  const issues: FieldIssue[] = []
  const name = requiredText(body, 'name', 'Enter the outcome, like “Local people into work”', issues, 200)
  const measureId = text(body, 'measureId') || null
  const measure = measureId ? measures.find((m) => m.id === measureId) : undefined
  if (measureId && !measure) issues.push({ field: 'measureId', message: 'Select a measure from the council’s framework, or none' })
  const quantity = quantityField(body, 'quantity', 'quantity', issues)
  let proxyPence = poundsField(body, 'proxy', 'financial proxy', issues)
  if (proxyPence === null && !issues.some((i) => i.field === 'proxy')) {
    if (measure?.proxyPence != null) proxyPence = measure.proxyPence
    else issues.push({ field: 'proxy', message: 'Enter the financial proxy in pounds per unit, or select a measure that has one' })
  }
  const durationText = text(body, 'duration')
  const durationYears = Number(durationText)
  if (!/^\d{1,2}$/.test(durationText) || durationYears < 1 || durationYears > 50) issues.push({ field: 'duration', message: 'The duration must be a whole number of years from 1 to 50' })
  const deadweight = percentField(body, 'deadweight', 'deadweight', issues)
  const displacement = percentField(body, 'displacement', 'displacement', issues)
  const attribution = percentField(body, 'attribution', 'attribution', issues)
  const dropOff = percentField(body, 'dropOff', 'drop-off', issues)
  const sources = requiredText(body, 'sources', 'Say where the quantity, the proxy and each deduction come from', issues, 2000)
  return done(issues, { name, measureId, quantity, proxyPence: proxyPence ?? 0, durationYears, deadweight, displacement, attribution, dropOff, sources })
}

export const MEASURE_FIELD_IDS = { proxy: 'proxy', countsAsLocal: 'countsAsLocal' }
export const COMMITMENT_FIELD_IDS = { dueDate: 'dueDate-day' }
export const RETURN_FIELD_IDS = { periodStart: 'periodStart-day', periodEnd: 'periodEnd-day' }
export const VERIFY_FIELD_IDS = { decision: 'decision' }
