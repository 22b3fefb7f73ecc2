/**
 * The risk share of a pooled fund: who bears an overspend and who gets an underspend back. The NHS Bodies and Local
 * Authorities Partnership Arrangements Regulations 2000 do not prescribe one; it is a schedule of each local s.75
 * agreement (domain-rules 11.1). So the rule is data the council writes down and can read back in words, and these
 * pure functions apply it to an amount, showing every step as a sentence a finance officer can check by hand.
 *
 * Money is integer pence. Pro rata splits are worked in BigInt (a £50m fund times a £50m contribution passes 2^53)
 * and rounded by the largest-remainder method, so the shares always add up to the amount to the penny.
 */
import { z } from 'zod'
import { formatPence } from '../../platform/money.ts'

export const RISK_SHARE_KINDS = ['pro-rata', 'capped', 'first-loss'] as const

export const riskShareRuleSchema = z.discriminatedUnion('kind', [
  /** Every partner bears the amount in proportion to its contribution to the pool. */
  z.object({ kind: z.literal('pro-rata') }),
  /**
   * Pro rata, but no partner bears more than its cap; what a capped partner would have borne above its cap moves to
   * the partners still under theirs, pro rata to their contributions. Partners without a cap have none.
   */
  z.object({ kind: z.literal('capped'), caps: z.array(z.object({ partnerId: z.string(), capPence: z.number().int().nonnegative() })) }),
  /** One partner bears the first part of the amount, up to a limit; the rest is shared pro rata among all partners. */
  z.object({ kind: z.literal('first-loss'), partnerId: z.string(), firstLossPence: z.number().int().nonnegative() }),
])
export type RiskShareRule = z.infer<typeof riskShareRuleSchema>

/** An agreement's rules: one for an overspend, one for an underspend (they are often different). */
export const riskShareTermsSchema = z.object({ overspend: riskShareRuleSchema, underspend: riskShareRuleSchema })
export type RiskShareTerms = z.infer<typeof riskShareTermsSchema>

export const DEFAULT_TERMS: RiskShareTerms = { overspend: { kind: 'pro-rata' }, underspend: { kind: 'pro-rata' } }

export interface PartnerContribution {
  partnerId: string
  name: string
  /** The partner's contribution to the pool for the year, in pence. */
  contributionPence: number
}

export interface PartnerShare {
  partnerId: string
  name: string
  sharePence: number
}

export interface RiskShareResult {
  /** Each partner's share, in the order the partners were given. */
  shares: PartnerShare[]
  /** What no partner could bear under the rule (every partner at its cap): the agreement must say who does. */
  unallocatedPence: number
  /** The working, one sentence a step. */
  workings: string[]
}

const money = (pence: number) => formatPence(pence)
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(2)}%`)

/**
 * Splits `amountPence` among partners in proportion to their weights, to the penny: each gets the whole pence of
 * its exact share, and the pence left over go one each to the largest fractions (the earlier partner on a tie).
 */
export function splitProRata(amountPence: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n)
  if (total === 0n || amountPence === 0) return weights.map(() => 0)
  const amount = BigInt(amountPence)
  const exact = weights.map((w) => amount * BigInt(w))
  const whole = exact.map((e) => e / total)
  let left = amount - whole.reduce((sum, w) => sum + w, 0n)
  const byFraction = exact.map((e, i) => ({ i, fraction: e % total })).sort((a, b) => (b.fraction > a.fraction ? 1 : b.fraction < a.fraction ? -1 : a.i - b.i))
  for (const { i } of byFraction) {
    if (left <= 0n) break
    whole[i] = whole[i]! + 1n
    left -= 1n
  }
  return whole.map(Number)
}

function proRataWorkings(amountPence: number, partners: readonly PartnerContribution[], shares: readonly number[], lead: string): string[] {
  const total = partners.reduce((sum, p) => sum + p.contributionPence, 0)
  return [
    `${lead} ${money(amountPence)} is shared pro rata to contributions totalling ${money(total)}.`,
    ...partners.map((p, i) => `${p.name}: ${money(p.contributionPence)} of ${money(total)} is ${percent(p.contributionPence, total)}, so ${money(shares[i]!)}.`),
  ]
}

/** Applies one rule to an amount (an overspend or underspend, as a positive number of pence). */
export function applyRule(rule: RiskShareRule, amountPence: number, partners: readonly PartnerContribution[]): RiskShareResult {
  if (!Number.isSafeInteger(amountPence) || amountPence < 0) throw new RangeError('The amount to share must be a whole, non-negative number of pence')
  const known = new Set(partners.map((p) => p.partnerId))
  const name = (id: string) => partners.find((p) => p.partnerId === id)?.name ?? 'a partner no longer in the fund'
  if (amountPence === 0) {
    return { shares: partners.map((p) => ({ partnerId: p.partnerId, name: p.name, sharePence: 0 })), unallocatedPence: 0, workings: ['There is nothing to share.'] }
  }

  switch (rule.kind) {
    case 'pro-rata': {
      const shares = splitProRata(amountPence, partners.map((p) => p.contributionPence))
      return {
        shares: partners.map((p, i) => ({ partnerId: p.partnerId, name: p.name, sharePence: shares[i]! })),
        unallocatedPence: 0,
        workings: proRataWorkings(amountPence, partners, shares, 'The'),
      }
    }

    case 'first-loss': {
      if (!known.has(rule.partnerId)) throw new RangeError('The partner bearing the first loss is not a partner in the fund')
      const first = Math.min(amountPence, rule.firstLossPence)
      const rest = amountPence - first
      const split = splitProRata(rest, partners.map((p) => p.contributionPence))
      const workings = [
        `${name(rule.partnerId)} bears the first ${money(rule.firstLossPence)}: of ${money(amountPence)}, that is ${money(first)}.`,
        ...(rest > 0 ? proRataWorkings(rest, partners, split, 'The remaining') : ['Nothing remains to share.']),
      ]
      const shares = partners.map((p, i) => ({ partnerId: p.partnerId, name: p.name, sharePence: split[i]! + (p.partnerId === rule.partnerId ? first : 0) }))
      if (rest > 0) workings.push(`${name(rule.partnerId)} bears ${money(first)} + ${money(split[partners.findIndex((p) => p.partnerId === rule.partnerId)]!)} = ${money(shares.find((s) => s.partnerId === rule.partnerId)!.sharePence)} in all.`)
      return { shares, unallocatedPence: 0, workings }
    }

    case 'capped': {
      for (const cap of rule.caps) if (!known.has(cap.partnerId)) throw new RangeError('A cap names a partner that is not in the fund')
      const capOf = new Map(rule.caps.map((c) => [c.partnerId, c.capPence]))
      const borne = new Map(partners.map((p) => [p.partnerId, 0]))
      let remaining = amountPence
      let active = partners.filter((p) => p.contributionPence > 0)
      const workings: string[] = []
      let round = 0
      // Water-filling: share what remains pro rata among the partners still under their caps; any partner the split
      // takes past its cap bears only up to the cap and drops out, and what it would have borne above it is shared
      // again among the rest. Each round removes at least one partner, so this ends.
      while (remaining > 0 && active.length > 0) {
        round++
        const split = splitProRata(remaining, active.map((p) => p.contributionPence))
        workings.push(...proRataWorkings(remaining, active, split, round === 1 ? 'The' : 'The remaining'))
        const over = active.filter((p, i) => borne.get(p.partnerId)! + split[i]! > (capOf.get(p.partnerId) ?? Infinity))
        if (over.length === 0) {
          active.forEach((p, i) => borne.set(p.partnerId, borne.get(p.partnerId)! + split[i]!))
          remaining = 0
          break
        }
        for (const p of over) {
          const cap = capOf.get(p.partnerId)!
          const give = cap - borne.get(p.partnerId)!
          const would = split[active.indexOf(p)]! + borne.get(p.partnerId)!
          borne.set(p.partnerId, cap)
          remaining -= give
          workings.push(`${p.name} would bear ${money(would)}, above its cap of ${money(cap)}: it bears ${money(cap)} and the ${money(would - cap)} above its cap moves to the other partners.`)
        }
        // The partners not over their caps keep nothing from this round: the whole remainder is split again below.
        active = active.filter((p) => !over.includes(p))
      }
      if (remaining > 0) workings.push(`Every partner is at its cap: ${money(remaining)} is left that the rule gives to no one; the agreement must say who bears it.`)
      const shares = partners.map((p) => ({ partnerId: p.partnerId, name: p.name, sharePence: borne.get(p.partnerId)! }))
      workings.push(`In all: ${shares.map((s) => `${s.name} ${money(s.sharePence)}`).join('; ')}.`)
      return { shares, unallocatedPence: remaining, workings }
    }
  }
}

export interface RiskSharePosition extends RiskShareResult {
  direction: 'overspend' | 'underspend' | 'on budget'
  /** The forecast spend less the pool: positive is an overspend. */
  variancePence: number
}

/** The position for a forecast: which rule applies (overspend or underspend) and each partner's share of it. */
export function applyTerms(terms: RiskShareTerms, forecastPence: number, poolPence: number, partners: readonly PartnerContribution[]): RiskSharePosition {
  const variancePence = forecastPence - poolPence
  if (variancePence === 0) {
    return { direction: 'on budget', variancePence, shares: partners.map((p) => ({ partnerId: p.partnerId, name: p.name, sharePence: 0 })), unallocatedPence: 0, workings: [`The forecast of ${money(forecastPence)} equals the pool of ${money(poolPence)}: there is nothing to share.`] }
  }
  const direction = variancePence > 0 ? 'overspend' : 'underspend'
  const rule = terms[direction]
  const result = applyRule(rule, Math.abs(variancePence), partners)
  const lead = `The forecast of ${money(forecastPence)} against the pool of ${money(poolPence)} is ${direction === 'overspend' ? 'an overspend' : 'an underspend'} of ${money(Math.abs(variancePence))}, shared by the ${direction} rule: ${describeRule(rule, partners)}`
  return { direction, variancePence, ...result, workings: [lead, ...result.workings] }
}

/** A rule in words, as the agreement's schedule would put it. */
export function describeRule(rule: RiskShareRule, partners: readonly { partnerId: string; name: string }[]): string {
  const name = (id: string) => partners.find((p) => p.partnerId === id)?.name ?? 'a partner no longer in the fund'
  switch (rule.kind) {
    case 'pro-rata':
      return 'pro rata to each partner’s contribution.'
    case 'first-loss':
      return `${name(rule.partnerId)} bears the first ${money(rule.firstLossPence)}, then the rest is shared pro rata to contributions.`
    case 'capped':
      return rule.caps.length === 0
        ? 'pro rata to contributions (no partner has a cap).'
        : `pro rata to contributions, with ${rule.caps.map((c) => `${name(c.partnerId)} bearing no more than ${money(c.capPence)}`).join(' and ')}; what a partner would bear above its cap moves to the others pro rata.`
  }
}
