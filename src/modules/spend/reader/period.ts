/**
 * Whether a file's date column holds period codes (202404, P04, Period 4) and, if so, how to read them (ADR 0024).
 * A code is read as a calendar month unless the file's other evidence says otherwise: the days in another date column
 * of the same rows (an "Updated" or payment date), and the month, period or year its name gives. Each reading is
 * scored by how many rows' evidence falls inside the period it gives; a financial-year reading must do better than
 * the calendar one, and thirteen four-week periods better than twelve months, to be chosen.
 */
import { parseSpendDate, periodCode, periodDates, type DateReading, type PeriodCode, type PeriodReading, type SpendDate } from './values.ts'

export interface PeriodEvidence {
  /** The date column's values, one per sampled row. */
  values: string[]
  /** For each sampled row, the days other date columns give (empty when none). */
  otherDates: string[][]
  /** The file's name (a zip member's for a part of a zip). */
  fileName: string
  /** Whether the column is named as a period (Period, Payment period, Financial period). */
  namedPeriod: boolean
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}

/** What a file name says about its dates: a calendar month, a financial period, a financial year. */
export interface NameEvidence {
  month?: { year: number; month: number } | undefined
  period?: number | undefined
  financialYear?: number | undefined
}

export function nameEvidence(fileName: string): NameEvidence {
  const name = fileName.toLowerCase().replace(/\.[a-z]+$/, '')
  const found: NameEvidence = {}
  let m: RegExpMatchArray | null
  if ((m = name.match(/(?:^|\D)(20\d{2})[-_ ]?(0[1-9]|1[0-2])(?:\D|$)/))) found.month = { year: Number(m[1]), month: Number(m[2]) }
  if ((m = name.match(/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]*(20\d{2})/))) {
    found.month = { year: Number(m[2]), month: MONTH_NAMES[m[1]!]! }
  }
  if ((m = name.match(/(?:^|[^a-z])p(?:eriod)?[-_ ]?(0?[1-9]|1[0-3])(?:\D|$)/))) found.period = Number(m[1])
  if ((m = name.match(/(20\d{2})[-_/ ]?(?:20)?(\d{2})(?!\d)/)) && (Number(m[2]) === (Number(m[1]) + 1) % 100)) found.financialYear = Number(m[1])
  return found
}

const isPeriodLike = (value: string) => {
  const code = periodCode(value)
  if (!code) return false
  if (code.yyyymm) return true
  // A bare number is a period only in a column named as one; "P04" and "Period 4" say so themselves.
  return /[a-z]/i.test(value)
}

/** The financial year (starting calendar year) a day falls in. */
const financialYearOf = (isoDate: string) => {
  const year = Number(isoDate.slice(0, 4))
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1
}

function datesOf(code: PeriodCode, periods: PeriodReading, year: number | undefined): SpendDate | undefined {
  const y = code.year ?? year
  return y === undefined ? undefined : periodDates(y, code.n, periods)
}

/**
 * The reading of the date column's period codes, or null when its values are dates (or it holds too few codes to
 * say). Values with their own financial year ("P04 2024/25") are financial periods; the rest are weighed here.
 */
export function choosePeriodReading(evidence: PeriodEvidence): DateReading | null {
  const present = evidence.values.map((v) => v.trim()).filter((v) => v !== '')
  if (present.length === 0) return null
  const codes = present.filter((v) => (evidence.namedPeriod ? periodCode(v) !== undefined : isPeriodLike(v)))
  if (codes.length < present.length * 0.8) return null
  const parsed = codes.map((v) => periodCode(v)!)
  const fromName = nameEvidence(evidence.fileName)

  // A year for codes that carry none: the financial year of the other dates, else the one the file name gives.
  const days = evidence.otherDates.flat().filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()
  const medianDay = days[Math.floor(days.length / 2)]
  const year = medianDay ? financialYearOf(medianDay) : fromName.financialYear ?? (fromName.month ? financialYearOf(`${fromName.month.year}-${String(fromName.month.month).padStart(2, '0')}-01`) : undefined)

  const yyyymm = parsed.some((c) => c.yyyymm === true)
  const ownYear = parsed.every((c) => c.year !== undefined && c.yyyymm !== true)
  const candidates: PeriodReading[] = yyyymm ? ['calendar-month', 'financial-period', 'four-week-period'] : ['financial-period', 'four-week-period']
  const score = (periods: PeriodReading) => {
    let agree = 0
    evidence.values.forEach((value, row) => {
      const code = periodCode(value)
      if (!code) return
      const dates = datesOf(code, periods, year)
      if (!dates) return
      for (const day of evidence.otherDates[row] ?? []) if (day >= dates.start && day <= dates.end) agree++
    })
    // The file name counts as much as a handful of rows: it is one statement about the whole file.
    const first = parsed[0]
    const firstDates = first ? datesOf(first, periods, year) : undefined
    if (firstDates && fromName.month) {
      const monthStart = `${fromName.month.year}-${String(fromName.month.month).padStart(2, '0')}-01`
      const monthEnd = `${monthStart.slice(0, 8)}28`
      if (firstDates.start <= monthEnd && firstDates.end >= monthStart) agree += 5
    }
    if (first && fromName.period !== undefined && periods !== 'calendar-month' && first.n === fromName.period) agree += 5
    return agree
  }
  const scores = new Map(candidates.map((c) => [c, score(c)]))
  let chosen: PeriodReading = candidates[0]!
  for (const candidate of candidates.slice(1)) if (scores.get(candidate)! > scores.get(chosen)!) chosen = candidate
  // Codes with their own financial year are financial periods unless four-week periods fit better.
  if (ownYear && chosen === 'calendar-month') chosen = 'financial-period'
  if (!yyyymm && !ownYear && year === undefined) return { periods: chosen }
  return { periods: chosen, year }
}

/** The days another date column gives for a row, for the evidence. */
export function dayOf(value: string): string | undefined {
  const parsed = parseSpendDate(value)
  return parsed.ok && parsed.value.precision === 'day' ? parsed.value.start : undefined
}
