/**
 * The shapes the proportionate financial standing rules work on (domain-rules §7). Money is in pence, dates are
 * ISO (YYYY-MM-DD). The rules read no database and no clock: the assessment date is passed in.
 */

/** One year of a provider's accounts, or what it could reasonably give instead (Procurement Regulations 2024 reg 10). */
export interface FinancialFigures {
  periodEnd: string
  turnoverPence: number | null
  operatingProfitPence: number | null
  netAssetsPence: number | null
  cashPence: number | null
  currentAssetsPence: number | null
  currentLiabilitiesPence: number | null
  tradingSince: string | null
  employees?: number | null
  accountsAudited: boolean
  /** Whether Part 16 of the Companies Act 2006 requires an audit; null when unknown. */
  auditRequired: boolean | null
  parentCompany?: string | null
  parentGuarantee: boolean
}

export type Tier = 1 | 2 | 3
export const TIERS: readonly Tier[] = [1, 2, 3]

/** What a contract of one tier must show. The EFS guidance's own figures are not confirmed [U]: these are the council's. */
export interface TierThresholds {
  /** Turnover at least this many times the contract's annual value. */
  minTurnoverRatio: number
  /** Operating profit as a percentage of turnover. */
  minOperatingMarginPercent: number
  /** Current assets divided by current liabilities. */
  minCurrentRatio: number
  /** Cash held, in months of the contract's annual value. */
  minCashCoverMonths: number
  minYearsTrading: number
}

/** The council's risk settings, as the rules need them. */
export interface RiskThresholds {
  tiers: Record<Tier, TierThresholds>
  /** The naive rule's multiple: turnover at least this many times the contract value (PCR 2015 reg 58(9) capped it at 2). */
  naiveMultiple: number
  /** A contract worth at least this a year suggests tier 2, and at least the second tier 3. */
  tier2AnnualValuePence: number
  tier3AnnualValuePence: number
}

/** UK9-scale ratings of the provider's contracts with this council (s.71). */
export type PerformanceRating = 'good' | 'approaching-target' | 'requires-improvement' | 'inadequate' | 'other'

export interface PerformanceAssessment {
  assessedOn: string
  rating: PerformanceRating | string
}

export type EventKind = 'insolvency' | 'ceased-trading' | 'serious-breach' | 'poor-performance' | 's71-notice'

export interface ProviderEvent {
  kind: EventKind | string
  occurredOn: string
  /** When the council knew, or should have known, of it: the look-back runs from here (Sch 7 para 15). */
  knownOn: string
  description?: string
}

export interface TrackRecord {
  assessments: PerformanceAssessment[]
  events: ProviderEvent[]
}

export type Effect = 'meets' | 'concern' | 'not-given'

export type MetricCode =
  | 'turnover-ratio'
  | 'operating-margin'
  | 'net-assets'
  | 'current-ratio'
  | 'cash-cover'
  | 'years-trading'
  | 'performance'
  | 'exclusion-events'

export interface Metric {
  code: MetricCode
  name: string
  /** The number behind the value, when there is one (a ratio, a percentage, pence, months, years, a count). */
  value: number | null
  /** The value in words: "1.25 times", "4.0%", "£250,000". */
  valueText: string
  /** The threshold for the tier in words: "at least 2 times". */
  thresholdText: string
  effect: Effect
  /** What the effect means, in plain words. */
  explanation: string
  /** Set on the exclusion-grounds metric when an insolvency or ceasing to trade is inside its window. */
  grave?: boolean
}

export type RiskLevel = 'low' | 'medium' | 'high'
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high']
