/**
 * The council's thresholds for proportionate financial standing (ADR 0012). The Cabinet Office guidance's own metrics
 * and thresholds were not confirmed [U] (domain-rules §7), so every figure here is the council's choice; the defaults
 * are a moderate starting point, stricter as the contract becomes more critical, and the settings page says so.
 */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'
import type { RiskThresholds, Tier, TierThresholds } from '../../rules/risk/types.ts'

const ratio = (d: number) => z.number().min(0).max(100).default(d)

export const TIER_DEFAULTS: Record<Tier, TierThresholds> = {
  1: { minTurnoverRatio: 1, minOperatingMarginPercent: 0, minCurrentRatio: 1, minCashCoverMonths: 0.5, minYearsTrading: 1 },
  2: { minTurnoverRatio: 1.5, minOperatingMarginPercent: 0, minCurrentRatio: 1, minCashCoverMonths: 1, minYearsTrading: 2 },
  3: { minTurnoverRatio: 2, minOperatingMarginPercent: 2, minCurrentRatio: 1.2, minCashCoverMonths: 2, minYearsTrading: 3 },
}

export const THRESHOLD_FIELDS = ['minTurnoverRatio', 'minOperatingMarginPercent', 'minCurrentRatio', 'minCashCoverMonths', 'minYearsTrading'] as const
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number]

const tierShape = (tier: Tier) =>
  Object.fromEntries(THRESHOLD_FIELDS.map((f) => [`tier${tier}${f[0]!.toUpperCase()}${f.slice(1)}`, f === 'minOperatingMarginPercent' ? z.number().min(-100).max(100).default(TIER_DEFAULTS[tier][f]) : ratio(TIER_DEFAULTS[tier][f])])) as Record<string, z.ZodDefault<z.ZodNumber>>

export const settingKey = (tier: Tier, field: ThresholdField) => `tier${tier}${field[0]!.toUpperCase()}${field.slice(1)}`

export const riskSettings = settingsSection(
  'risk',
  z.object({
    ...tierShape(1),
    ...tierShape(2),
    ...tierShape(3),
    /** The naive rule's multiple: PCR 2015 reg 58(9) capped a minimum turnover at twice the contract value. */
    naiveMultiple: z.number().min(0.5).max(10).default(2),
    /** Contracts worth at least this a year suggest tier 2 (default £500,000). */
    tier2AnnualValuePence: z.number().int().min(0).default(50_000_000),
    /** Contracts worth at least this a year suggest tier 3 (default £5,000,000). */
    tier3AnnualValuePence: z.number().int().min(0).default(500_000_000),
  }),
)
export type RiskSettings = Record<string, number>

/** The settings as the rules read them. */
export function thresholdsOf(settings: RiskSettings): RiskThresholds {
  const tier = (t: Tier): TierThresholds => Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, settings[settingKey(t, f)] ?? TIER_DEFAULTS[t][f]])) as unknown as TierThresholds
  return {
    tiers: { 1: tier(1), 2: tier(2), 3: tier(3) },
    naiveMultiple: settings.naiveMultiple ?? 2,
    tier2AnnualValuePence: settings.tier2AnnualValuePence ?? 50_000_000,
    tier3AnnualValuePence: settings.tier3AnnualValuePence ?? 500_000_000,
  }
}
