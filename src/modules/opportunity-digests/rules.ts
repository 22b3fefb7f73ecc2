/**
 * The digest's rules (ADR 0059), pure: when a person's digest is due, which days it covers, and whether an
 * opportunity matches what they chose.
 *
 * A digest covers whole London days: the sweep of day T covers what was listed from the day of the last digest up
 * to the day before T, so every day is covered by exactly one digest and something listed after the 07:00 sweep
 * waits for the next one. A first digest covers the period before it (one day, or seven).
 */
import { addDays } from '../../rules/contracts/in-force.ts'

export const FREQUENCIES = [
  { code: 'weekly', name: 'Weekly, on Mondays' },
  { code: 'daily', name: 'Daily' },
  { code: 'never', name: 'Never: no digest' },
] as const
export type Frequency = (typeof FREQUENCIES)[number]['code']
export const isFrequency = (value: unknown): value is Frequency => FREQUENCIES.some((f) => f.code === value)

/** True on the days a digest of this frequency is sent: every day, or Mondays. */
export function digestDay(frequency: Frequency, today: string): boolean {
  if (frequency === 'daily') return true
  if (frequency === 'weekly') return new Date(`${today}T12:00:00Z`).getUTCDay() === 1
  return false
}

export interface DigestWindow {
  /** The first day covered (inclusive). */
  from: string
  /** The day of the digest: covered up to the day before (exclusive). */
  to: string
}

/** The days today's digest covers, or null when none is due (not its day, or already sent today). */
export function digestWindow(frequency: Frequency, lastDigestOn: string | null, today: string): DigestWindow | null {
  if (!digestDay(frequency, today)) return null
  if (lastDigestOn !== null && lastDigestOn >= today) return null
  return { from: lastDigestOn ?? addDays(today, frequency === 'weekly' ? -7 : -1), to: today }
}

export const listedWithin = (listedOn: string, window: DigestWindow) => listedOn >= window.from && listedOn < window.to

export interface Choice {
  services: readonly string[]
  wholeCouncil: boolean
  wardIds: readonly string[]
}

export interface Placed {
  /** The service category, or null when the record does not say: then it is shown to everyone, marked so. */
  serviceCategory: string | null
  /** The wards it is placed in; none means the whole council. */
  wardIds: readonly string[]
}

/**
 * An opportunity matches when its service is one chosen (or not stated: better a line too many than a missed
 * opportunity) and it is in an area chosen: anywhere for the whole council, or a chosen ward, or council-wide.
 */
export function matches(item: Placed, choice: Choice): boolean {
  const service = item.serviceCategory === null || choice.services.includes(item.serviceCategory)
  const area = choice.wholeCouncil || item.wardIds.length === 0 || item.wardIds.some((w) => choice.wardIds.includes(w))
  return service && area
}
