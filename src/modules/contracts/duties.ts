/**
 * The duties that follow a contract once it is let, as pure functions of its figures and today's date:
 * - s.52 (KPIs): a public contract over £5m needs at least three KPIs, unless it is light touch (s.52(6)(d));
 * - s.71 (performance): its performance is assessed and published at least every 12 months (s.71(2)), again not
 *   for light touch contracts (s.71(6));
 * - and the attention list a council works from: contracts ending soon, reviews due, extensions still open.
 */
import { addMonths } from './dates.ts'

export const KPI_DUTY_THRESHOLD_PENCE = 500_000_000
export const MINIMUM_KPIS = 3
export const ASSESSMENT_INTERVAL_MONTHS = 12

export interface ContractDutyFacts {
  totalValuePence: number | null
  lightTouch: boolean
  status: string
  startDate: string | null
  endDate: string | null
  reviewDate: string | null
  extensionOptions: number
  extensionsTaken: number
  kpiCount: number
  /** The most recent assessment, if any. */
  lastAssessedOn: string | null
}

export type DutyShortfall = 'kpis-missing' | 'assessment-overdue'

export interface DutyCheck {
  applies: boolean
  shortfalls: DutyShortfall[]
  /** When the next assessment is due, where the duty applies and the contract has started. */
  nextAssessmentDue: string | null
  cites: string[]
}

const LIVE = new Set(['active', 'extended'])

/** Whether the s.52/s.71 duties apply to the contract, and what it lacks on `today`. */
export function checkKpiDuty(contract: ContractDutyFacts, today: string): DutyCheck {
  const applies = (contract.totalValuePence ?? 0) > KPI_DUTY_THRESHOLD_PENCE && !contract.lightTouch
  if (!applies) return { applies, shortfalls: [], nextAssessmentDue: null, cites: contract.lightTouch ? ['s.52(6)(d)', 's.71(6)'] : ['s.52(1)'] }
  const shortfalls: DutyShortfall[] = []
  const live = LIVE.has(contract.status)
  if (live && contract.kpiCount < MINIMUM_KPIS) shortfalls.push('kpis-missing')
  const from = contract.lastAssessedOn ?? contract.startDate
  const nextAssessmentDue = live && from ? addMonths(from, ASSESSMENT_INTERVAL_MONTHS) : null
  if (nextAssessmentDue && nextAssessmentDue < today) shortfalls.push('assessment-overdue')
  return { applies, shortfalls, nextAssessmentDue, cites: ['s.52(1)', 's.52(6)(d)', 's.71(2)'] }
}

export type AttentionReason =
  | 'expires-3-months'
  | 'expires-6-months'
  | 'expires-12-months'
  | 'review-due'
  | 'assessment-overdue'
  | 'kpis-missing'
  | 'extension-available'

export const ATTENTION_HEADINGS: Record<AttentionReason, string> = {
  'expires-3-months': 'Ending within 3 months',
  'expires-6-months': 'Ending in 3 to 6 months',
  'expires-12-months': 'Ending in 6 to 12 months',
  'review-due': 'Review date reached',
  'assessment-overdue': 'Performance assessment overdue (s.71)',
  'kpis-missing': 'Fewer than 3 KPIs (s.52)',
  'extension-available': 'Extension options still available',
}

/** Why a contract needs the council's attention on `today`; an empty list when it does not. */
export function attentionReasons(contract: ContractDutyFacts, today: string): AttentionReason[] {
  if (!LIVE.has(contract.status)) return []
  const reasons: AttentionReason[] = []
  const end = contract.endDate
  if (end && end >= today) {
    if (end <= addMonths(today, 3)) reasons.push('expires-3-months')
    else if (end <= addMonths(today, 6)) reasons.push('expires-6-months')
    else if (end <= addMonths(today, 12)) reasons.push('expires-12-months')
  }
  if (contract.reviewDate && contract.reviewDate <= today) reasons.push('review-due')
  const duty = checkKpiDuty(contract, today)
  if (duty.shortfalls.includes('assessment-overdue')) reasons.push('assessment-overdue')
  if (duty.shortfalls.includes('kpis-missing')) reasons.push('kpis-missing')
  if (contract.extensionOptions > contract.extensionsTaken) reasons.push('extension-available')
  return reasons
}
