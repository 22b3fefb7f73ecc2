/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in whole days and months, free of time zones. */

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** The date n months later, on the last day of the month where the day does not exist (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return target.toISOString().slice(0, 10)
}

/** Whole months from one date to another (rounded to the nearest month), for contract terms. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number]
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number]
  return Math.max(0, Math.round((y2 - y1) * 12 + (m2 - m1) + (d2 - d1 + 1) / 30))
}

/** Today's date in London, from the injected clock. */
export function londonDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** An ISO date from the first 10 characters of an OCDS or 360Giving date-time, if it is a real date. */
export function dateOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const day = value.slice(0, 10)
  return isIsoDate(day) ? day : undefined
}
