/**
 * Values in spend files read as a UK finance officer reads them: day-first dates in every common form, period codes
 * kept with their precision, amounts with pound signs, thousands separators, padding, minus signs or brackets.
 * Pure functions: a value in, a parsed value or a plain reason out. Nothing here throws.
 */
export type DatePrecision = 'day' | 'month' | 'quarter' | 'period'

export interface SpendDate {
  /** The first day the value covers, ISO. */
  start: string
  /** The last day it covers, ISO (the same as start for a day). */
  end: string
  precision: DatePrecision
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const iso = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function validDay(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Two-digit years are this century: spend files do not go back to the 1900s. */
function fullYear(text: string): number {
  const n = Number(text)
  return text.length <= 2 ? 2000 + n : n
}

const day = (year: number, month: number, d: number): SpendDate | undefined =>
  validDay(year, month, d) ? { start: iso(year, month, d), end: iso(year, month, d), precision: 'day' } : undefined

const month = (year: number, m: number, precision: DatePrecision = 'month'): SpendDate | undefined =>
  validDay(year, m, 1) ? { start: iso(year, m, 1), end: iso(year, m, daysInMonth(year, m)), precision } : undefined

/** Months of a financial year starting in April: period or month 1 is April of startYear. */
function financialMonth(startYear: number, n: number): { year: number; month: number } {
  const monthIndex = (3 + n - 1) % 12
  return { year: startYear + Math.floor((3 + n - 1) / 12), month: monthIndex + 1 }
}

function quarter(startYear: number, startMonth: number): SpendDate | undefined {
  if (!validDay(startYear, startMonth, 1)) return undefined
  const endMonth0 = startMonth - 1 + 2
  const endYear = startYear + Math.floor(endMonth0 / 12)
  const endMonth = (endMonth0 % 12) + 1
  return { start: iso(startYear, startMonth, 1), end: iso(endYear, endMonth, daysInMonth(endYear, endMonth)), precision: 'quarter' }
}

/** "2024/25", "2024-25", "24/25", "2024/2025": the financial year's starting calendar year. */
function financialYearStart(text: string): number | undefined {
  const m = text.match(/^(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/)
  if (!m) return undefined
  const start = fullYear(m[1]!)
  const end = fullYear(m[2]!)
  return end === start + 1 ? start : undefined
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/**
 * A payment date as it appears in council files:
 * - days: 04/03/2025, 4/3/25, 04-03-2025, 04.03.2025 (day first), 2025-03-04 (with or without a time), 20250304,
 *   26-May-11, 6 Jun 2023, 6 June 2023, an Excel serial day number (45000);
 * - months: Apr-24, April 2024, 2024-04, 04/2024, 202404;
 * - financial periods: P01 2024/25, 2024/25 P1, Period 1 2024/25 (P01 is April; P13, the year-end period, is March);
 * - quarters: Q1 2024/25 (April to June 2024), 2024/25 Q1, Q1 2024 (a calendar quarter: January to March 2024).
 */
export function parseSpendDate(raw: string): Parsed<SpendDate> {
  const text = raw.trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, reason: 'no payment date' }
  const found = readDate(text)
  if (found) return { ok: true, value: found }
  if (/^(P|Q|Period )\s?\d{1,2}$/i.test(text)) return { ok: false, reason: `"${text}" is a period with no year` }
  return { ok: false, reason: `"${clip(text)}" is not a date` }
}

function readDate(text: string): SpendDate | undefined {
  let m: RegExpMatchArray | null
  // ISO date, with an optional time.
  if ((m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/))) {
    return day(Number(m[1]), Number(m[2]), Number(m[3]))
  }
  // Day first: 04/03/2025, 4/3/25, 04-03-2025, 04.03.2025, with an optional time after.
  if ((m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/))) {
    return day(fullYear(m[3]!), Number(m[2]), Number(m[1]))
  }
  // 26-May-11, 6 Jun 2023, 6 June 2023, 06-Jun-2023, 6th June 2023
  if ((m = text.match(/^(\d{1,2})(?:st|nd|rd|th)?[ -/]([A-Za-z]{3,9})[ -/,]+(\d{4}|\d{2})$/))) {
    const mo = MONTHS[m[2]!.toLowerCase()]
    return mo ? day(fullYear(m[3]!), mo, Number(m[1])) : undefined
  }
  // 20250304
  if ((m = text.match(/^(\d{4})(\d{2})(\d{2})$/))) return day(Number(m[1]), Number(m[2]), Number(m[3]))
  // 202404 or 2024-04 or 04/2024: a month.
  if ((m = text.match(/^(\d{4})-?(\d{2})$/))) return month(Number(m[1]), Number(m[2]))
  if ((m = text.match(/^(\d{1,2})[/-](\d{4})$/))) return month(Number(m[2]), Number(m[1]))
  // Apr-24, April 2024, Apr 24
  if ((m = text.match(/^([A-Za-z]{3,9})[ -/,]+(\d{4}|\d{2})$/))) {
    const mo = MONTHS[m[1]!.toLowerCase()]
    return mo ? month(fullYear(m[2]!), mo) : undefined
  }
  // Financial periods: P01 2024/25, P1 24/25, Period 1 2024/25, 2024/25 P01, 2024/25 Period 1
  if ((m = text.match(/^(?:P|Period ?)(\d{1,2}) (\S+)$/i))) return financialPeriod(m[2]!, Number(m[1]))
  if ((m = text.match(/^(\S+) (?:P|Period ?)(\d{1,2})$/i))) return financialPeriod(m[1]!, Number(m[2]))
  // Quarters: Q1 2024/25, 2024/25 Q1, Q1 2024
  if ((m = text.match(/^Q([1-4]) (\S+)$/i) ?? text.match(/^(\S+) Q([1-4])$/i))) {
    const [q, year] = /^Q/i.test(text) ? [Number(m[1]), m[2]!] : [Number(m[2]), m[1]!]
    const fy = financialYearStart(year)
    if (fy !== undefined) {
      const start = financialMonth(fy, (q - 1) * 3 + 1)
      return quarter(start.year, start.month)
    }
    if (/^\d{4}$/.test(year)) return quarter(Number(year), (q - 1) * 3 + 1)
    return undefined
  }
  // An Excel serial day number (a date cell saved without its format): 1 January 2000 is 36526.
  if ((m = text.match(/^(\d{5})(?:\.0+)?$/))) {
    const serial = Number(m[1])
    if (serial < 32874 || serial > 73050) return undefined // 1990 to 2100
    const d = new Date(EXCEL_EPOCH + serial * 86_400_000)
    return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  }
  return undefined
}

function financialPeriod(yearText: string, n: number): SpendDate | undefined {
  const fy = financialYearStart(yearText)
  if (fy === undefined || n < 1 || n > 13) return undefined
  if (n === 13) return { start: iso(fy + 1, 3, 31), end: iso(fy + 1, 3, 31), precision: 'period' }
  const { year, month: mo } = financialMonth(fy, n)
  return month(year, mo, 'period')
}

/**
 * How a file's period codes (202404, P04, "Period 4", 4) are read (ADR 0024): as calendar months (202404 is April
 * 2024), as periods of the financial year (April is period 1, so 202404 is July 2024, and period 13 is the year-end
 * period, dated 31 March), or as thirteen four-week periods from 1 April (period 13 ends on 31 March). Full dates
 * are read as dates whatever the reading.
 */
export type PeriodReading = 'calendar-month' | 'financial-period' | 'four-week-period'

export interface DateReading {
  periods: PeriodReading
  /** The financial year (the calendar year it starts in) for codes that carry no year ("P04", "4"), if the file says. */
  year?: number | undefined
}

/** A period code as councils write it: yyyymm, P04 or Period 4 (with or without a financial year), or a bare 1 to 13. */
export interface PeriodCode {
  n: number
  /** The year written with it: the yyyy of yyyymm, or the financial year's start. */
  year?: number | undefined
  yyyymm?: boolean
}

export function periodCode(raw: string): PeriodCode | undefined {
  const text = raw.trim().replace(/\s+/g, ' ')
  let m: RegExpMatchArray | null
  if ((m = text.match(/^(\d{4})(\d{2})$/))) {
    const year = Number(m[1])
    const n = Number(m[2])
    return year >= 1990 && year <= 2100 && n >= 1 && n <= 13 ? { n, year, yyyymm: true } : undefined
  }
  if ((m = text.match(/^(?:P|Period ?)?(\d{1,2})$/i))) {
    const n = Number(m[1])
    return n >= 1 && n <= 13 ? { n } : undefined
  }
  if ((m = text.match(/^(?:P|Period ?)(\d{1,2}) (\S+)$/i) ?? text.match(/^(\S+) (?:P|Period ?)(\d{1,2})$/i))) {
    const [n, yearText] = /^(P|Period)/i.test(text) ? [Number(m[1]), m[2]!] : [Number(m[2]), m[1]!]
    const year = financialYearStart(yearText)
    return year !== undefined && n >= 1 && n <= 13 ? { n, year } : undefined
  }
  return undefined
}

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Period n of the financial year starting in April of `year`, in the reading's calendar. */
export function periodDates(year: number, n: number, periods: PeriodReading): SpendDate | undefined {
  if (n < 1 || n > 13 || year < 1990 || year > 2100) return undefined
  if (periods === 'calendar-month') return n <= 12 ? month(year, n) : undefined
  if (periods === 'financial-period') {
    if (n === 13) return { start: iso(year + 1, 3, 31), end: iso(year + 1, 3, 31), precision: 'period' }
    const { year: y, month: mo } = financialMonth(year, n)
    return month(y, mo, 'period')
  }
  const start = addDays(iso(year, 4, 1), 28 * (n - 1))
  const end = n === 13 ? iso(year + 1, 3, 31) : addDays(start, 27)
  return { start, end, precision: 'period' }
}

/**
 * A payment date read with the file's reading of its period codes; without one, as parseSpendDate reads it.
 * Codes with no year take the reading's year, or are refused with a reason.
 */
export function parseSpendDateAs(raw: string, reading: DateReading | null | undefined): Parsed<SpendDate> {
  if (!reading) return parseSpendDate(raw)
  const code = periodCode(raw)
  if (!code) return parseSpendDate(raw)
  if (code.yyyymm !== true && code.year === undefined && reading.year === undefined) return parseSpendDate(raw)
  const year = code.year ?? reading.year!
  // "P04 2024/25" names its own calendar: the reading only changes codes that leave it open.
  const periods = code.yyyymm === true || code.year === undefined ? reading.periods : reading.periods === 'calendar-month' ? 'financial-period' : reading.periods
  const value = periodDates(year, code.n, periods)
  if (value) return { ok: true, value }
  return { ok: false, reason: `"${clip(raw.trim())}" is not a ${periods === 'calendar-month' ? 'month' : 'period of the financial year'}` }
}

/**
 * An amount of money in pence: "1234.56", "£1,234.56", " 519.89 ", "-£5", "£-5", "(1,234.56)", "1234.5-", "12.00 CR",
 * "GBP 12". More than two decimal places are rounded to the nearest penny (half away from zero).
 */
export function parseAmount(raw: string): Parsed<number> {
  let text = raw.trim()
  if (text === '') return { ok: false, reason: 'no amount' }
  let negative = false
  const original = text
  if (/^\(.*\)$/.test(text)) {
    negative = true
    text = text.slice(1, -1).trim()
  }
  if (/(?:-|\bCR)$/i.test(text)) {
    negative = !negative
    text = text.replace(/(?:-|\s*CR)$/i, '').trim()
  }
  text = text.replace(/^GBP\s*/i, '').replace(/\s*GBP$/i, '')
  let m = text.match(/^([-+]?)\s*£?\s*([-+]?)\s*(.*)$/)
  if (m) {
    if (m[1] === '-' || m[2] === '-') negative = !negative
    text = m[3]!
  }
  text = text.replace(/\s+/g, '')
  m = text.match(/^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/)
  if (!m || (m[1] === undefined && !m[2])) return { ok: false, reason: `"${clip(original)}" is not an amount of money` }
  const whole = (m[1] ?? '0').replace(/,/g, '')
  const fraction = m[2] ?? ''
  let pence = Number(whole) * 100 + Number((fraction.slice(0, 2) || '0').padEnd(2, '0'))
  if (fraction.length > 2 && Number(fraction[2]) >= 5) pence += 1
  if (!Number.isSafeInteger(pence)) return { ok: false, reason: `"${clip(original)}" is too large an amount` }
  return { ok: true, value: negative && pence !== 0 ? -pence : pence }
}

/**
 * Payees a council has withheld: personal data, individuals, redactions. They stay redacted and are never matched to an
 * organisation. Matched on the whole name so that "Individual Care Services Ltd" is not taken for a person.
 */
const REDACTED = [
  /^redact/i,
  /\bredacted\b/i,
  /^personal (data|information|details)/i,
  /^(private )?individuals?( payment)?$/i,
  /^(name )?withheld\b/i,
  /^(data protection|gdpr|dpa)\b/i,
  /\b(under|per) (the )?(dp|gdpr|data protection)\b/i,
  /^not (disclosed|published|for publication)\b/i,
  /^(confidential|restricted)$/i,
  /^\*+$/,
  /^x{3,}$/i,
  /^(sensitive|vulnerable) (person|individual|client)/i,
]

export function isRedactedPayee(name: string): boolean {
  const text = name.trim()
  return REDACTED.some((pattern) => pattern.test(text))
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text)
