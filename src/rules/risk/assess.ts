/**
 * The proportionate assessment (domain-rules §7; PA 2023 s.12(4), s.22(3); Procurement Regulations 2024 reg 10):
 *
 * - High: an insolvency or ceasing to trade inside its Schedule 7 window; or a loss with net liabilities (nothing in
 *   reserve to absorb it); or three or more concerns other than turnover against the contract.
 * - Medium: any concern other than turnover; or turnover small against the contract without the stability,
 *   profitability and good record that outweigh it; or turnover, operating profit or net assets not given.
 * - Low: otherwise.
 *
 * Turnover against the contract's value never counts towards high: on its own it can make a supplier medium at most,
 * and stability (years trading, positive net assets), profitability and a good record with the council outweigh it.
 * A figure not given is never a concern: it leads to asking for more evidence, which suits suppliers whose accounts
 * need not be audited (s.22(3)). Mitigations remove the concerns they answer, and the same rules give the residual
 * risk; no mitigation removes an exclusion ground, which is the council's own decision to take.
 */
import { metricsFor } from './metrics.ts'
import type { FinancialFigures, Metric, MetricCode, RiskLevel, RiskThresholds, Tier, TrackRecord } from './types.ts'

export type MitigationCode = 'parent-guarantee' | 'bond' | 'lots' | 'shorter-payment-terms' | 'step-in-rights'

export const MITIGATIONS: Record<MitigationCode, { name: string; addresses: MetricCode[]; how: string }> = {
  'parent-guarantee': {
    name: 'Parent company guarantee',
    addresses: ['turnover-ratio', 'operating-margin', 'net-assets', 'current-ratio', 'cash-cover'],
    how: 'the parent company stands behind the contract, so its finances answer for the provider’s (s.22(8)–(9))',
  },
  bond: {
    name: 'Performance bond',
    addresses: ['turnover-ratio', 'operating-margin', 'net-assets'],
    how: 'a bond pays the council’s cost of finding another provider if this one fails',
  },
  lots: {
    name: 'Split the contract into lots',
    addresses: ['turnover-ratio', 'cash-cover'],
    how: 'a smaller lot is a smaller part of the provider’s business and needs less cash to run',
  },
  'shorter-payment-terms': {
    name: 'Shorter payment terms',
    addresses: ['cash-cover', 'current-ratio'],
    how: 'paying the provider sooner (monthly in advance, or within days) eases its cash flow',
  },
  'step-in-rights': {
    name: 'Step-in rights',
    addresses: ['performance', 'years-trading', 'exclusion-events'],
    how: 'the council can step in, or move the service quickly, if delivery falters',
  },
}

export const isMitigation = (value: string): value is MitigationCode => Object.hasOwn(MITIGATIONS, value)

export interface Classification {
  level: RiskLevel
  /** Why, in plain sentences, most important first. */
  reasons: string[]
  /** Concerns left after mitigations. */
  concerns: MetricCode[]
  notGiven: MetricCode[]
}

const CORE: MetricCode[] = ['turnover-ratio', 'operating-margin', 'net-assets']
const LEVEL_ORDER: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** The level for a set of metrics, with the codes of concerns a mitigation answers treated as answered. */
export function classify(metrics: Metric[], options: { answered?: ReadonlySet<MetricCode> } = {}): Classification {
  const answered = options.answered ?? new Set<MetricCode>()
  const graveEvents = metrics.some((m) => m.grave === true)
  const effect = (code: MetricCode) => metrics.find((m) => m.code === code)?.effect ?? 'not-given'
  const open = metrics.filter((m) => m.effect === 'concern' && !answered.has(m.code))
  const weighty = open.filter((m) => m.code !== 'turnover-ratio')
  const notGiven = metrics.filter((m) => m.effect === 'not-given' && m.code !== 'performance')
  const turnoverOpen = open.some((m) => m.code === 'turnover-ratio')
  const stable = effect('years-trading') === 'meets' && effect('net-assets') === 'meets'
  const profitable = effect('operating-margin') === 'meets'
  const goodRecord = effect('performance') === 'meets'
  const reasons: string[] = []
  let level: RiskLevel = 'low'

  const lossWithNetLiabilities = weighty.some((m) => m.code === 'net-assets') && weighty.some((m) => m.code === 'operating-margin')
  if (graveEvents) {
    level = 'high'
    reasons.push('An insolvency or ceasing to trade is known inside its Schedule 7 look-back window. No mitigation removes that: the council decides whether to exclude, after hearing the provider.')
  }
  if (lossWithNetLiabilities) {
    level = 'high'
    const loss = (metrics.find((m) => m.code === 'operating-margin')?.value ?? 0) < 0
    reasons.push(`The provider ${loss ? 'made a loss' : 'has a thin margin'} and owes at least as much as it owns, so it has nothing in reserve to absorb a bad year.`)
  }
  if (weighty.length >= 3) {
    level = 'high'
    reasons.push(`${weighty.length} measures other than turnover raise concerns: ${list(weighty.map((m) => lower(m.name)))}.`)
  } else if (weighty.length > 0 && !lossWithNetLiabilities) {
    if (level === 'low') level = 'medium'
    reasons.push(`${weighty.length === 1 ? 'One measure' : 'Two measures'} other than turnover ${weighty.length === 1 ? 'raises a concern' : 'raise concerns'}: ${list(weighty.map((m) => lower(m.name)))}.`)
  }

  if (turnoverOpen) {
    if (stable && profitable && goodRecord) {
      reasons.push('Turnover is small against the contract, but the provider is stable (years trading, positive net assets), profitable and has a good record with the council, which outweighs it.')
    } else {
      const missing = [!stable && 'stability (years trading and positive net assets)', !profitable && 'profitability', !goodRecord && 'a good performance record with the council'].filter((x): x is string => Boolean(x))
      if (level === 'low') level = 'medium'
      reasons.push(`Turnover is small against the contract and is not yet outweighed by ${list(missing)}. Turnover alone never makes a provider high risk.`)
    }
  }

  const coreMissing = notGiven.filter((m) => CORE.includes(m.code))
  if (coreMissing.length > 0) {
    if (level === 'low') level = 'medium'
    reasons.push(`${upper(list(coreMissing.map((m) => lower(m.name))))} ${coreMissing.length === 1 ? 'was' : 'were'} not given: ask the provider for more evidence rather than marking it down.`)
  } else if (notGiven.length > 0) {
    reasons.push(`${upper(list(notGiven.map((m) => lower(m.name))))} ${notGiven.length === 1 ? 'was' : 'were'} not given; the assessment rests on the other measures.`)
  }

  if (level === 'low' && reasons.length === 0) reasons.push('Every measure meets the threshold for this tier.')
  return { level, reasons, concerns: open.map((m) => m.code), notGiven: notGiven.map((m) => m.code) }
}

export interface AssessmentInput {
  figures: FinancialFigures | null
  annualValuePence: number
  tier: Tier
  thresholds: RiskThresholds
  trackRecord: TrackRecord
  /** The day of the assessment (ISO). */
  on: string
  mitigations?: MitigationCode[]
}

export interface Assessment {
  tier: Tier
  metrics: Metric[]
  result: RiskLevel
  explanation: string
  reasons: string[]
  /** Whether to offer the provider the chance to give more evidence: anything but low, or figures missing. */
  moreEvidenceSuggested: boolean
  mitigations: MitigationCode[]
  residualRisk: RiskLevel
  residualExplanation: string
}

const LEVEL_WORDS: Record<RiskLevel, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' }

export function assessFinancialStanding(input: AssessmentInput): Assessment {
  const metrics = metricsFor({ figures: input.figures, annualValuePence: input.annualValuePence, thresholds: input.thresholds.tiers[input.tier], trackRecord: input.trackRecord, on: input.on })
  const before = classify(metrics)
  const unaudited = input.figures !== null && input.figures.auditRequired === false
  const reasons = [...before.reasons]
  if (unaudited && before.notGiven.length > 0) {
    reasons.push('The provider’s accounts need not be audited, so it is assessed on what it can reasonably give (PA 2023 s.22(3), Procurement Regulations 2024 reg 10).')
  }
  if (input.figures === null) reasons.unshift('No figures have been given for the provider yet.')
  if (before.level !== 'low') reasons.push('Offer the provider the chance to give more evidence, and consider mitigations.')

  const { mitigations, residualRisk, residualExplanation } = residualOf(metrics, input.mitigations ?? [])

  return {
    tier: input.tier,
    metrics,
    result: before.level,
    explanation: `${LEVEL_WORDS[before.level]}. ${reasons.join(' ')}`,
    reasons,
    moreEvidenceSuggested: before.level !== 'low' || before.notGiven.length > 0,
    mitigations,
    residualRisk,
    residualExplanation,
  }
}

/**
 * The residual risk under a set of mitigations: the concerns each answers are set aside and the same rules run again.
 * Works on stored metrics too, so a past assessment's residual risk is recomputed from what was assessed then.
 */
export function residualOf(metrics: Metric[], chosen: MitigationCode[]): { mitigations: MitigationCode[]; residualRisk: RiskLevel; residualExplanation: string } {
  const mitigations = [...new Set(chosen)]
  const before = classify(metrics)
  const answered = new Set<MetricCode>()
  for (const code of mitigations) for (const m of MITIGATIONS[code].addresses) if (before.concerns.includes(m)) answered.add(m)
  const after = classify(metrics, { answered })
  const residualRisk: RiskLevel = LEVEL_ORDER[after.level] <= LEVEL_ORDER[before.level] ? after.level : before.level
  return { mitigations, residualRisk, residualExplanation: residualText(mitigations, before, after, residualRisk, metrics) }
}

function residualText(mitigations: MitigationCode[], before: Classification, after: Classification, residual: RiskLevel, metrics: Metric[]): string {
  if (mitigations.length === 0) return `No mitigations relied on: the residual risk is the assessed risk, ${LEVEL_WORDS[before.level].toLowerCase()}.`
  const nameOf = (code: MetricCode) => lower(metrics.find((m) => m.code === code)?.name ?? code)
  const parts = mitigations.map((code) => {
    const answers = MITIGATIONS[code].addresses.filter((m) => before.concerns.includes(m))
    return answers.length > 0
      ? `${MITIGATIONS[code].name}: ${MITIGATIONS[code].how}; it answers the concern about ${list(answers.map(nameOf))}.`
      : `${MITIGATIONS[code].name}: answers none of the concerns found, so it does not change the risk.`
  })
  const remaining = after.concerns.length > 0 ? ` Concerns left: ${list(after.concerns.map(nameOf))}.` : ' No concerns are left unanswered.'
  const change = residual === before.level ? `The residual risk stays ${residual}.` : `The residual risk falls from ${before.level} to ${residual}.`
  return `${parts.join(' ')}${remaining} ${change}`
}

// ---------- tiers ----------

export interface TierAnswers {
  annualValuePence: number
  statutory: boolean
  vulnerableResidents: boolean
  hardToReplace: boolean
}

/**
 * The suggested tier: 3 when the annual value reaches the council's tier 3 value, or the service is statutory, for
 * vulnerable residents and hard to replace at short notice; 2 when the value reaches the tier 2 value or two of those
 * three hold; otherwise 1. The officer may choose another tier.
 */
export function suggestTier(answers: TierAnswers, thresholds: Pick<RiskThresholds, 'tier2AnnualValuePence' | 'tier3AnnualValuePence'>): { tier: Tier; reasons: string[] } {
  const yes = [answers.statutory && 'a statutory service', answers.vulnerableResidents && 'for vulnerable residents', answers.hardToReplace && 'hard to replace at short notice'].filter((x): x is string => Boolean(x))
  const reasons: string[] = []
  let tier: Tier = 1
  if (answers.annualValuePence >= thresholds.tier3AnnualValuePence) {
    tier = 3
    reasons.push('The annual value reaches the council’s tier 3 value.')
  } else if (answers.annualValuePence >= thresholds.tier2AnnualValuePence) {
    tier = 2
    reasons.push('The annual value reaches the council’s tier 2 value.')
  }
  if (yes.length === 3) {
    tier = 3
    reasons.push('The service is statutory, for vulnerable residents and hard to replace at short notice.')
  } else if (yes.length === 2 && tier < 2) {
    tier = 2
    reasons.push(`The service is ${yes.join(' and ')}.`)
  }
  if (reasons.length === 0) reasons.push('The annual value is below the council’s tier 2 value and the service is not critical on the answers given.')
  return { tier, reasons }
}

// ---------- the naive rule ----------

export interface NaiveOutcome {
  outcome: 'passes' | 'excluded' | 'not-given'
  requiredPence: number
  explanation: string
}

/**
 * The naive rule a council might still apply: "turnover must be at least twice the contract value". PCR 2015 reg
 * 58(9) capped a minimum turnover at two times the contract value; PA 2023 s.22 has no such rule.
 */
export function naiveRule(turnoverPence: number | null, annualValuePence: number, multiple = 2): NaiveOutcome {
  const requiredPence = Math.ceil(annualValuePence * multiple)
  if (turnoverPence === null) return { outcome: 'not-given', requiredPence, explanation: 'No turnover given: the naive rule cannot be applied.' }
  const passes = turnoverPence >= annualValuePence * multiple
  return {
    outcome: passes ? 'passes' : 'excluded',
    requiredPence,
    explanation: passes ? `Turnover is at least ${multiple} times the annual value.` : `Turnover is less than ${multiple} times the annual value: the naive rule would exclude the provider.`,
  }
}
