/**
 * The rules of a grant round, as pure functions: when an application may be submitted, which form it uses, whether
 * an organisation is eligible, how scores are weighted and when two assessors' scores need moderating, and how big
 * an organisation is. No database, no HTTP.
 */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

/**
 * The council's grant settings. Defaults: short form for requests up to £10,000 (a common "small grants" line in
 * councils' funds, to be set by each council); organisation size by annual income in the bands of the NCVO UK Civil
 * Society Almanac (micro under £10,000, small under £100,000, medium under £1m, large £1m and over), which the
 * voluntary sector uses to describe itself; moderation when two scores are more than 20 points apart out of 100.
 */
export const grantRoundSettings = settingsSection(
  'grant-rounds',
  z.object({
    shortFormUpToPence: z.number().int().min(0).default(1_000_000),
    microBelowPence: z.number().int().min(0).default(1_000_000),
    smallBelowPence: z.number().int().min(0).default(10_000_000),
    mediumBelowPence: z.number().int().min(0).default(100_000_000),
    moderationGap: z.number().int().min(0).max(100).default(20),
  }),
)
export type GrantRoundSettings = z.output<typeof grantRoundSettings.schema>

export const SIZE_BANDS = { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large', unknown: 'Not given' } as const
export type SizeBand = keyof typeof SIZE_BANDS

export function sizeBand(annualIncomePence: number | null | undefined, settings: GrantRoundSettings): SizeBand {
  if (annualIncomePence === null || annualIncomePence === undefined) return 'unknown'
  if (annualIncomePence < settings.microBelowPence) return 'micro'
  if (annualIncomePence < settings.smallBelowPence) return 'small'
  if (annualIncomePence < settings.mediumBelowPence) return 'medium'
  return 'large'
}

/** The short form for small requests, the full one above the round's band (proportionate: Keep it Local). */
export function formFor(amountRequestedPence: number, shortFormUpToPence: number): 'short' | 'full' {
  return amountRequestedPence <= shortFormUpToPence ? 'short' : 'full'
}

export type SubmitWindow = 'not-open' | 'open' | 'closed'

/** Whether an application may be submitted at `now`: from the opening instant to the closing instant, both included. */
export function submitWindow(round: { opensAt: Date; closesAt: Date }, now: Date): SubmitWindow {
  if (now.getTime() < round.opensAt.getTime()) return 'not-open'
  if (now.getTime() > round.closesAt.getTime()) return 'closed'
  return 'open'
}

export interface Eligibility {
  vcseOnly: boolean
  localOnly: boolean
  maxIncomePence: number | null
}

/** Why an organisation cannot apply, in words it can act on; empty when it can. */
export function ineligibleReasons(round: Eligibility, applicant: { isVcse: boolean; isLocal: boolean; annualIncomePence: number | null }): string[] {
  const reasons: string[] = []
  if (round.vcseOnly && !applicant.isVcse) reasons.push('This round is for voluntary, community and social enterprise organisations only')
  if (round.localOnly && !applicant.isLocal) reasons.push('This round is for organisations based in the council’s area: your postcode is not in it')
  if (round.maxIncomePence !== null && applicant.annualIncomePence !== null && applicant.annualIncomePence > round.maxIncomePence) {
    reasons.push('This round is for organisations whose annual income is at most the round’s limit')
  }
  return reasons
}

export interface Criterion {
  id: string
  weight: number
}

export const MAX_CRITERION_SCORE = 5

/** Σ weight × score over Σ weight × 5, as a percentage with one decimal place. Every criterion must be scored. */
export function weightedScore(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0)
  if (totalWeight === 0) return 0
  const got = criteria.reduce((sum, c) => sum + c.weight * (scores[c.id] ?? 0), 0)
  return Math.round((got / (totalWeight * MAX_CRITERION_SCORE)) * 1000) / 10
}

export type ScoreState =
  | { state: 'awaiting'; scored: number }
  | { state: 'needs-moderation'; gap: number }
  | { state: 'agreed'; score: number; moderated: boolean }

/**
 * Two assessors score each application. When their weighted scores are within the gap, the score is their mean;
 * further apart, a moderator agrees a score with a reason, and that score stands.
 */
export function combinedScore(weighted: readonly number[], moderatedScore: number | null, gap: number): ScoreState {
  if (moderatedScore !== null) return { state: 'agreed', score: moderatedScore, moderated: true }
  if (weighted.length < 2) return { state: 'awaiting', scored: weighted.length }
  const [a, b] = weighted as [number, number]
  const apart = Math.round(Math.abs(a - b) * 10) / 10
  if (apart > gap) return { state: 'needs-moderation', gap: apart }
  return { state: 'agreed', score: Math.round(((a + b) / 2) * 10) / 10, moderated: false }
}

/** The instant a London wall-clock time names (summer time included): "2027-03-31" at 12:00 is 11:00 UTC. */
export function londonInstant(isoDate: string, hour: number, minute: number): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const asUtc = Date.UTC(y, m - 1, d, hour, minute)
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(at))
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<string, number>
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - at
  }
  const first = asUtc - offset(asUtc)
  return new Date(asUtc - offset(first))
}
