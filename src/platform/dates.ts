/**
 * Dates are written one way on pages, as GOV.UK writes them ("7 December 2026", times "3:05pm"), and one way in files
 * (ISO 8601, "2026-12-07"). These are the only formatters; the `govukDate` and `govukDateTime` template filters call
 * them. A calendar date ("2026-12-07", as PostgreSQL's date columns give it) is that day wherever the server runs; an
 * instant (a Date or a timestamp) is the day it was in London.
 */
const LONDON = 'Europe/London'
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
})

interface Parts {
  year: number
  month: number
  day: number
  hour?: number
  minute?: number
}

function partsOf(value: unknown): Parts | undefined {
  if (value === null || value === undefined || value === '') return undefined
  if (typeof value === 'string') {
    const calendar = CALENDAR_DATE.exec(value)
    if (calendar) {
      const [year, month, day] = [Number(calendar[1]), Number(calendar[2]), Number(calendar[3])]
      const check = new Date(Date.UTC(year, month - 1, day))
      if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
      return { year, month, day }
    }
  }
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) return undefined
  const parts = Object.fromEntries(londonParts.formatToParts(date).map((p) => [p.type, p.value]))
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) }
}

/** "7 December 2026"; '' for no date or one that cannot be read. */
export function formatDate(value: unknown): string {
  const parts = partsOf(value)
  return parts ? `${parts.day} ${MONTHS[parts.month - 1]} ${parts.year}` : ''
}

/** "7 December 2026 at 3:05pm" (midday is "12:00pm", midnight "12:00am"), in London time. */
export function formatDateTime(value: unknown): string {
  const parts = partsOf(value)
  if (!parts) return ''
  if (parts.hour === undefined || parts.minute === undefined) return formatDate(value)
  const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12
  return `${formatDate(value)} at ${hour12}:${String(parts.minute).padStart(2, '0')}${parts.hour < 12 ? 'am' : 'pm'}`
}

/** "7 December 2026 to 31 March 2027", or one date alone when the other is missing. */
export function formatDateRange(from: unknown, to: unknown): string {
  const [a, b] = [formatDate(from), formatDate(to)]
  return a && b ? `${a} to ${b}` : a ? `from ${a}` : b ? `to ${b}` : ''
}

/** "2026-12-07", for files (CSV, JSON, OCDS, 360Giving): a calendar date as it is, an instant as its London day. */
export function isoDate(value: unknown): string {
  const parts = partsOf(value)
  return parts ? `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}` : ''
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A stored value for people (an audit entry's before and after): a date or timestamp written as pages write them. */
export function formatIfDate(value: string): string {
  if (CALENDAR_DATE.test(value)) return formatDate(value) || value
  if (TIMESTAMP.test(value)) return formatDateTime(value) || value
  return value
}
