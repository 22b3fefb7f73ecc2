/**
 * When KPI returns are asked for and when they are late (ADR 0047). Pure functions on ISO dates.
 *
 * - A return covers a quarter of the financial year (April to June, July to September, October to December,
 *   January to March): the period councils' contract meetings and the s.71 assessment work in.
 * - It is due RETURN_DUE_DAYS after the quarter ends. This is Catalyst's default for a contract that says nothing
 *   else, not a rule of law: the Procurement Act 2023 sets no timetable for suppliers' figures.
 * - The council asks for the ended quarters of the contract's term in the last twelve months (s.71(2) asks for an
 *   assessment at least every twelve months, so that is the year an assessment reads). Earlier quarters of the term
 *   may still be reported, but are never counted as late.
 */
import { addMonths } from '../contracts/dates.ts'
import { addDays } from '../../rules/contracts/in-force.ts'

export const RETURN_DUE_DAYS = 30

export interface Quarter {
  /** First and last days, ISO. */
  start: string
  end: string
  /** "April to June 2026". */
  label: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function quarterStarting(year: number, month: number): Quarter {
  const start = `${year}-${String(month).padStart(2, '0')}-01`
  const end = addDays(addMonths(start, 3), -1)
  return { start, end, label: `${MONTHS[month - 1]} to ${MONTHS[month + 1]} ${year}` }
}

/** The financial-year quarter a date falls in. */
export function quarterOf(iso: string): Quarter {
  const year = Number(iso.slice(0, 4))
  const month = Number(iso.slice(5, 7))
  // Quarters start in January, April, July and October.
  return quarterStarting(year, month - ((month - 1) % 3))
}

/** The quarter starting on this date, or undefined if no quarter starts on it (for periods read from a URL). */
export function quarterStartingOn(iso: string): Quarter | undefined {
  const match = /^(\d{4})-(01|04|07|10)-01$/.exec(iso)
  return match ? quarterStarting(Number(match[1]), Number(match[2])) : undefined
}

export const dueDateOf = (quarter: Quarter): string => addDays(quarter.end, RETURN_DUE_DAYS)

export interface Term {
  startDate: string | null
  endDate: string | null
}

/** Every quarter of the term that has ended by today, newest first: what a provider may report on. */
export function reportableQuarters(term: Term, today: string): Quarter[] {
  if (!term.startDate || term.startDate > today) return []
  const quarters: Quarter[] = []
  let quarter = quarterOf(today)
  // The quarter holding today has not ended: start with the one before it.
  quarter = quarterOf(addDays(quarter.start, -1))
  while (quarter.end >= term.startDate) {
    if (!term.endDate || quarter.start <= term.endDate) quarters.push(quarter)
    quarter = quarterOf(addDays(quarter.start, -1))
  }
  return quarters
}

/** The quarters the council asks for: reportable quarters that ended in the last twelve months. */
export function askedQuarters(term: Term, today: string): Quarter[] {
  const yearAgo = addMonths(today, -12)
  return reportableQuarters(term, today).filter((q) => q.end > yearAgo)
}

export type ReturnState = 'not-due' | 'due' | 'late' | 'submitted' | 'accepted' | 'queried'

/** Where one KPI's return for one quarter stands, from its stored status (if any) and today. */
export function returnState(quarter: Quarter, status: string | undefined, today: string): ReturnState {
  if (status === 'submitted' || status === 'accepted' || status === 'queried') return status
  const due = dueDateOf(quarter)
  if (today > due) return 'late'
  return quarter.end < today ? 'due' : 'not-due'
}

export const STATE_WORDS: Record<ReturnState, { text: string; classes: string }> = {
  'not-due': { text: 'Not due yet', classes: 'govuk-tag--grey' },
  due: { text: 'Due', classes: 'govuk-tag--yellow' },
  late: { text: 'Late', classes: 'govuk-tag--red' },
  submitted: { text: 'Waiting for the council', classes: 'govuk-tag--blue' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
  queried: { text: 'Queried', classes: 'govuk-tag--orange' },
}

/**
 * A figure as typed: 95, 95.5, -3, 1,200, 97%. Returns the decimal as a string (for the numeric column) or a
 * message saying what is wrong.
 */
export function readFigure(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const cleaned = raw.trim().replace(/%$/, '').trim().replace(/,(?=\d{3}(\D|$))/g, '')
  if (cleaned === '') return { ok: false, message: 'Enter the figure for the quarter' }
  if (!/^-?\d{1,15}(\.\d{1,4})?$/.test(cleaned)) return { ok: false, message: 'Enter the figure as a number, like 96 or 96.5 (up to 4 decimal places)' }
  return { ok: true, value: cleaned.replace(/^(-?)0+(?=\d)/, '$1') }
}

/** A stored numeric ("96.5000") as people write it ("96.5"). */
export function showFigure(stored: string): string {
  const [whole, fraction] = stored.split('.')
  const trimmed = (fraction ?? '').replace(/0+$/, '')
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return trimmed ? `${grouped}.${trimmed}` : grouped
}
