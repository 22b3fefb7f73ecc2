/**
 * Reading the financial standing forms: a year of figures with the evidence for each, an event, a new assessment,
 * mitigations with a decision, the council's thresholds. Each returns values or GOV.UK-style messages.
 */
import { parsePoundsToPence } from '../../platform/money.ts'
import { isMitigation, type MitigationCode } from '../../rules/risk/assess.ts'
import { isEventKind } from '../../rules/risk/look-back.ts'
import type { Tier } from '../../rules/risk/types.ts'
import { dateField, dateFieldId, dateParts, list, text, wholeNumberField, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import { FIGURE_FIELDS, type FinancialsInput, type FinancialsRow } from './service.ts'
import { settingKey, THRESHOLD_FIELDS, type ThresholdField } from './settings.ts'

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

export const DECISIONS = {
  proceed: 'Proceed',
  'proceed-with-mitigations': 'Proceed with the mitigations ticked',
  'more-evidence': 'Ask the provider for more evidence',
  'do-not-proceed': 'Do not proceed',
} as const
export type Decision = keyof typeof DECISIONS

const MAX_TEXT = 500

/** Pounds that may be negative (a loss, net liabilities): "-12,500" or "(12,500)". */
function signedPounds(body: FormBody, name: string, label: string, issues: FieldIssue[], signed: boolean): number | null {
  let raw = text(body, name)
  if (raw === '') return null
  const bracketed = /^\(.*\)$/.test(raw)
  if (bracketed) raw = `-${raw.slice(1, -1)}`
  const pence = parsePoundsToPence(raw.replace(/^-\s*£/, '-'))
  if (pence === undefined || Math.abs(pence) > 1e15) {
    issues.push({ field: name, message: `${label} must be an amount in pounds, like 125000${signed ? ' or -8000 for a loss' : ''}` })
    return null
  }
  if (!signed && pence < 0) {
    issues.push({ field: name, message: `${label} must be £0 or more` })
    return null
  }
  return pence
}

function yesNoUnknown(body: FormBody, name: string): boolean | null {
  const v = text(body, name)
  return v === 'yes' ? true : v === 'no' ? false : null
}

export const evidenceName = (key: string) => `evidence-${key}`

export function parseFinancialsForm(body: FormBody, today: string): Parsed<FinancialsInput> {
  const issues: FieldIssue[] = []
  const periodEnd = dateField(body, 'periodEnd', 'end of the financial year', issues, true)
  if (periodEnd && periodEnd > today) issues.push({ field: 'periodEnd', message: 'The end of the financial year must be today or in the past' })
  const figures = Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, signedPounds(body, f.key, f.name, issues, f.signed)])) as Record<(typeof FIGURE_FIELDS)[number]['key'], number | null>
  const tradingSince = dateField(body, 'tradingSince', 'date the provider began trading', issues)
  if (tradingSince && tradingSince > today) issues.push({ field: 'tradingSince', message: 'The date the provider began trading must be today or in the past' })
  const employees = wholeNumberField(body, 'employees', 'Employees', issues, 10_000_000)
  const parentCompany = text(body, 'parentCompany').slice(0, 200) || null
  const parentGuarantee = text(body, 'parentGuarantee') === 'yes'
  if (parentGuarantee && !parentCompany) issues.push({ field: 'parentCompany', message: 'Enter the parent company that gives the guarantee' })
  const evidence: Record<string, string> = {}
  for (const key of [...FIGURE_FIELDS.map((f) => f.key), 'tradingSince']) {
    const note = text(body, evidenceName(key))
    if (note.length > MAX_TEXT) issues.push({ field: evidenceName(key), message: `Evidence must be ${MAX_TEXT} characters or fewer` })
    else if (note) evidence[key] = note
  }
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    value: {
      periodEnd: periodEnd!,
      ...figures,
      tradingSince,
      employees,
      accountsAudited: text(body, 'accountsAudited') === 'yes',
      auditRequired: yesNoUnknown(body, 'auditRequired'),
      parentCompany,
      parentGuarantee,
      evidence,
    },
  }
}

export const financialsFieldIds = () => ({ periodEnd: dateFieldId('periodEnd'), tradingSince: dateFieldId('tradingSince'), parentGuarantee: 'parentGuarantee' })

const poundsText = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(pence % 100 === 0 ? 0 : 2))

/** A stored year as the form's fields. */
export function financialsFormValues(row: FinancialsRow): FormBody {
  const evidence = (row.evidence ?? {}) as Record<string, string>
  const period = dateParts(row.periodEnd)
  const since = dateParts(row.tradingSince)
  return {
    'periodEnd-day': period.day, 'periodEnd-month': period.month, 'periodEnd-year': period.year,
    'tradingSince-day': since.day, 'tradingSince-month': since.month, 'tradingSince-year': since.year,
    ...Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, poundsText(row[f.key])])),
    ...Object.fromEntries(Object.entries(evidence).map(([k, v]) => [evidenceName(k), v])),
    employees: row.employees === null ? '' : String(row.employees),
    accountsAudited: row.accountsAudited ? 'yes' : 'no',
    auditRequired: row.auditRequired === null ? 'unknown' : row.auditRequired ? 'yes' : 'no',
    parentCompany: row.parentCompany ?? '',
    parentGuarantee: row.parentGuarantee ? 'yes' : 'no',
  }
}

export function parseEventForm(body: FormBody, today: string): Parsed<{ kind: string; occurredOn: string; knownOn: string; description: string; source: string | null }> {
  const issues: FieldIssue[] = []
  const kind = text(body, 'kind')
  if (!isEventKind(kind)) issues.push({ field: 'kind', message: 'Select what happened' })
  const occurredOn = dateField(body, 'occurredOn', 'date it happened', issues, true)
  const knownOn = dateField(body, 'knownOn', 'date the council knew of it', issues, true)
  if (occurredOn && occurredOn > today) issues.push({ field: 'occurredOn', message: 'The date it happened must be today or in the past' })
  if (knownOn && knownOn > today) issues.push({ field: 'knownOn', message: 'The date the council knew of it must be today or in the past' })
  if (occurredOn && knownOn && knownOn < occurredOn) issues.push({ field: 'knownOn', message: 'The date the council knew of it must be on or after the date it happened' })
  const description = text(body, 'description')
  if (!description) issues.push({ field: 'description', message: 'Describe what happened' })
  else if (description.length > 2000) issues.push({ field: 'description', message: 'The description must be 2,000 characters or fewer' })
  const source = text(body, 'source').slice(0, MAX_TEXT) || null
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: { kind, occurredOn: occurredOn!, knownOn: knownOn!, description, source } }
}

export const eventFieldIds = () => ({ kind: 'kind', occurredOn: dateFieldId('occurredOn'), knownOn: dateFieldId('knownOn') })

export interface NewAssessmentValues {
  contractId: string | null
  proposedTitle: string | null
  proposedAnnualValuePence: number | null
  /** A tier the officer chose, or the suggested one. */
  tier: Tier | 'suggested'
  financialsId: string | null
  statutory: boolean
  vulnerableResidents: boolean
  hardToReplace: boolean
}

/** The new-assessment form: a contract in the register or a proposed one, the tier, the year of figures. */
export function parseAssessmentForm(body: FormBody): Parsed<NewAssessmentValues> {
  const issues: FieldIssue[] = []
  const contract = text(body, 'contract')
  let proposedTitle: string | null = null
  let proposedAnnualValuePence: number | null = null
  if (!contract) issues.push({ field: 'contract', message: 'Select the contract, or a proposed contract' })
  if (contract === 'proposed') {
    proposedTitle = text(body, 'proposedTitle').slice(0, 300)
    if (!proposedTitle) issues.push({ field: 'proposedTitle', message: 'Enter the proposed contract’s title' })
    const raw = text(body, 'proposedAnnualValue')
    const pence = raw ? parsePoundsToPence(raw) : undefined
    if (!raw) issues.push({ field: 'proposedAnnualValue', message: 'Enter the proposed contract’s annual value' })
    else if (pence === undefined || pence <= 0) issues.push({ field: 'proposedAnnualValue', message: 'The annual value must be an amount in pounds more than £0, like 250000' })
    else proposedAnnualValuePence = pence
  }
  const tierText = text(body, 'tier')
  if (!['1', '2', '3', 'suggested'].includes(tierText)) issues.push({ field: 'tier', message: 'Select the tier' })
  const financials = text(body, 'financials')
  if (!financials) issues.push({ field: 'financials', message: 'Select the year of figures to assess, or none yet' })
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    value: {
      contractId: contract === 'proposed' ? null : contract,
      proposedTitle,
      proposedAnnualValuePence,
      tier: tierText === 'suggested' ? 'suggested' : (Number(tierText) as Tier),
      financialsId: financials === 'none' ? null : financials,
      statutory: list(body, 'critical').includes('statutory'),
      vulnerableResidents: list(body, 'critical').includes('vulnerable'),
      hardToReplace: list(body, 'critical').includes('hard-to-replace'),
    },
  }
}

export const assessmentFieldIds = () => ({ contract: 'contract', tier: 'tier', financials: 'financials' })

export function parseDecisionForm(body: FormBody): Parsed<{ mitigations: MitigationCode[]; decision: Decision | null; reason: string | null }> {
  const issues: FieldIssue[] = []
  const mitigations = list(body, 'mitigations').filter(isMitigation)
  const decisionText = text(body, 'decision')
  const decision = decisionText && Object.hasOwn(DECISIONS, decisionText) ? (decisionText as Decision) : null
  if (decisionText && !decision) issues.push({ field: 'decision', message: 'Select a decision' })
  const reason = text(body, 'reason')
  if (decision && !reason) issues.push({ field: 'reason', message: 'Give the reason for the decision' })
  if (reason.length > 2000) issues.push({ field: 'reason', message: 'The reason must be 2,000 characters or fewer' })
  if (decision === 'proceed-with-mitigations' && mitigations.length === 0) issues.push({ field: 'mitigations', message: 'Tick the mitigations the decision relies on' })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: { mitigations, decision, reason: decision ? reason : null } }
}

export const settingsFieldName = (tier: Tier, field: ThresholdField) => settingKey(tier, field)

export function parseSettingsForm(body: FormBody): Parsed<Record<string, number>> {
  const issues: FieldIssue[] = []
  const values: Record<string, number> = {}
  const LABELS: Record<ThresholdField, string> = {
    minTurnoverRatio: 'turnover ratio',
    minOperatingMarginPercent: 'operating margin',
    minCurrentRatio: 'current ratio',
    minCashCoverMonths: 'cash cover',
    minYearsTrading: 'years trading',
  }
  for (const tier of [1, 2, 3] as Tier[]) {
    for (const field of THRESHOLD_FIELDS) {
      const name = settingKey(tier, field)
      const raw = text(body, name)
      const n = Number(raw)
      const min = field === 'minOperatingMarginPercent' ? -100 : 0
      if (raw === '' || !/^-?\d+(\.\d+)?$/.test(raw) || n < min || n > 100) {
        issues.push({ field: name, message: `Enter the tier ${tier} ${LABELS[field]} as a number from ${min} to 100` })
      } else values[name] = n
    }
  }
  const multiple = Number(text(body, 'naiveMultiple'))
  if (!/^\d+(\.\d+)?$/.test(text(body, 'naiveMultiple')) || multiple < 0.5 || multiple > 10) issues.push({ field: 'naiveMultiple', message: 'Enter the naive rule’s multiple as a number from 0.5 to 10' })
  else values.naiveMultiple = multiple
  for (const [name, label] of [['tier2AnnualValue', 'tier 2'], ['tier3AnnualValue', 'tier 3']] as const) {
    const pence = parsePoundsToPence(text(body, name))
    if (pence === undefined || pence < 0) issues.push({ field: name, message: `Enter the annual value that suggests ${label} in pounds, like 500000` })
    else values[`${name}Pence`] = pence
  }
  if (values.tier2AnnualValuePence !== undefined && values.tier3AnnualValuePence !== undefined && values.tier3AnnualValuePence < values.tier2AnnualValuePence) {
    issues.push({ field: 'tier3AnnualValue', message: 'The tier 3 value must be at least the tier 2 value' })
  }
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: values }
}
