/**
 * The pipeline notice (Procurement Act 2023 s.93; domain-rules, notices table, labelled [P]): a contracting authority
 * that expects to pay more than £100m under relevant contracts in the coming financial year publishes, within 56 days
 * of 1 April, a notice of the public contracts over £2m for which it intends to publish a tender or transparency
 * notice in the 18 months from that 1 April. Pure functions on ISO dates and pence.
 */
import { addMonths } from '../contracts/dates.ts'
import { addDays } from '../../rules/contracts/in-force.ts'

/** s.93(1): "more than £100 million" payable in the coming financial year. */
export const PIPELINE_NOTICE_PAYMENTS_PENCE = 100_000_000 * 100
/** s.93(2): public contracts with an estimated value of more than £2 million. */
export const PIPELINE_NOTICE_CONTRACT_PENCE = 2_000_000 * 100
export const PIPELINE_NOTICE_DAYS = 56
export const PIPELINE_NOTICE_MONTHS = 18
/** How far ahead the pipeline page looks for contracts ending: the notice's 18 months. */
export const ENDING_WITHIN_MONTHS = 18

export interface NoticeWindow {
  /** The 1 April the notice is for: the start of the financial year it covers. */
  from: string
  /** The last day of the 18 months from that 1 April. */
  to: string
  /** The last day to publish it: 56 days after 1 April. */
  publishBy: string
  /** The financial year whose payments decide whether it is required, "2027/28". */
  yearLabel: string
  yearEnd: string
}

/**
 * The notice a council should be working on today: this year's while its 56 days are still running, otherwise the
 * coming 1 April's.
 */
export function noticeWindow(today: string): NoticeWindow {
  const year = Number(today.slice(0, 4))
  const thisApril = `${year}-04-01`
  // Before this 1 April, or within its 56 days: this year's notice; after them: next year's.
  const startYear = today <= addDays(thisApril, PIPELINE_NOTICE_DAYS) ? year : year + 1
  const from = `${startYear}-04-01`
  return {
    from,
    to: addDays(addMonths(from, PIPELINE_NOTICE_MONTHS), -1),
    publishBy: addDays(from, PIPELINE_NOTICE_DAYS),
    yearLabel: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    yearEnd: `${startYear + 1}-03-31`,
  }
}

/** Whether the authority must publish: strictly more than £100m expected in the year. */
export const noticeRequired = (expectedPaymentsPence: number) => expectedPaymentsPence > PIPELINE_NOTICE_PAYMENTS_PENCE

/** Whether an entry belongs in the notice: over £2m and expected within the notice's 18 months. */
export function inNotice(entry: { valuePence: number | null; date: string | null }, window: NoticeWindow): boolean {
  return entry.valuePence !== null && entry.valuePence > PIPELINE_NOTICE_CONTRACT_PENCE && entry.date !== null && entry.date >= window.from && entry.date <= window.to
}

/** Value bands for readers and filters (presentation only; the £2m line is the notice's). */
export const VALUE_BANDS = [
  { code: 'under-100k', text: 'Under £100,000', min: 0, max: 10_000_000 },
  { code: '100k-500k', text: '£100,000 to £500,000', min: 10_000_000, max: 50_000_000 },
  { code: '500k-2m', text: '£500,000 to £2 million', min: 50_000_000, max: PIPELINE_NOTICE_CONTRACT_PENCE },
  { code: 'over-2m', text: 'Over £2 million', min: PIPELINE_NOTICE_CONTRACT_PENCE, max: Number.MAX_SAFE_INTEGER },
] as const

export function bandOf(valuePence: number | null): (typeof VALUE_BANDS)[number] | undefined {
  if (valuePence === null) return undefined
  // Bands include their upper bound: £2m exactly is not "over £2 million".
  return VALUE_BANDS.find((b) => valuePence > b.min && valuePence <= b.max) ?? (valuePence === 0 ? VALUE_BANDS[0] : undefined)
}
