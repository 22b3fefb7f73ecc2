/**
 * Counting days for executive decisions: clear days' notice of a key decision and working days for call-in.
 * Dates are calendar dates ("2026-12-07"), counted in whole days with no time of day, so summer time cannot move them.
 *
 * Clear days (reg 9, The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012, SI 2012/2089): the 28 days must be "clear". Catalyst follows the usual local-government reading,
 * that clear days exclude both the day the notice is published and the day of the decision (domain-rules §12, where
 * the exact rule is marked unconfirmed; this is the stated convention, not a quotation of the regulation).
 *
 * Working days (call-in): Monday to Friday, less the bank holidays in the council's list. The call-in period is the
 * council's constitution's, a setting; it runs from the day after the decision is published.
 */
const DAY_MS = 24 * 60 * 60 * 1000
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a calendar date; throws on anything that is not a real date, which is a caller's bug. */
function dayNumber(date: string): number {
  const match = CALENDAR_DATE.exec(date)
  if (!match) throw new Error(`Not a calendar date: ${date}`)
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`Not a calendar date: ${date}`)
  return ms / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days)
}

/** The days strictly between publication and decision: neither end counts. Negative when the decision comes first. */
export function clearDaysBetween(publishedOn: string, decisionOn: string): number {
  return dayNumber(decisionOn) - dayNumber(publishedOn) - 1
}

/** Reg 9: at least 28 clear days' notice of a key decision. */
export const KEY_DECISION_NOTICE_CLEAR_DAYS = 28

/** The earliest date a key decision may be taken with full notice from a forward plan published on `publishedOn`. */
export function earliestDecisionDate(publishedOn: string, clearDays = KEY_DECISION_NOTICE_CLEAR_DAYS): string {
  return addDays(publishedOn, clearDays + 1)
}

export function hasClearDaysNotice(publishedOn: string, decisionOn: string, clearDays = KEY_DECISION_NOTICE_CLEAR_DAYS): boolean {
  return clearDaysBetween(publishedOn, decisionOn) >= clearDays
}

export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string>): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(date)
}

/** The `n`th working day after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number, bankHolidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Working days must be a whole number, not ${n}`)
  let day = dayNumber(date)
  let left = n
  while (left > 0) {
    day += 1
    if (isWorkingDay(fromDayNumber(day), bankHolidays)) left -= 1
  }
  return fromDayNumber(day)
}

/**
 * The last day a decision published on `publishedOn` may be called in: the end of the `periodWorkingDays`th working
 * day after publication.
 */
export function callInDeadline(publishedOn: string, periodWorkingDays: number, bankHolidays: ReadonlySet<string>): string {
  return addWorkingDays(publishedOn, periodWorkingDays, bankHolidays)
}

/** Whether a call-in made on `on` is in time: on or after the day of publication, and no later than the deadline. */
export function isWithinCallIn(publishedOn: string, on: string, periodWorkingDays: number, bankHolidays: ReadonlySet<string>): boolean {
  return dayNumber(on) >= dayNumber(publishedOn) && dayNumber(on) <= dayNumber(callInDeadline(publishedOn, periodWorkingDays, bankHolidays))
}

/** A date some calendar months on, held to the month's last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const match = CALENDAR_DATE.exec(date)
  if (!match) throw new Error(`Not a calendar date: ${date}`)
  const year = Number(match[1])
  const month = Number(match[2]) - 1 + months
  const day = Number(match[3])
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(day, last))).toISOString().slice(0, 10)
}
