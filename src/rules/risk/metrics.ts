/**
 * Each metric of a provider's financial standing for one contract: its value, the threshold for the contract's tier
 * and its effect. Comparisons multiply across rather than divide, so a value exactly at a threshold meets it.
 */
import { formatPence } from '../../platform/money.ts'
import { eventsInWindow, graveEventsInWindow, schedule7ParagraphOf } from './look-back.ts'
import type { FinancialFigures, Metric, PerformanceAssessment, TierThresholds, TrackRecord } from './types.ts'

export interface MetricInput {
  figures: FinancialFigures | null
  annualValuePence: number
  thresholds: TierThresholds
  trackRecord: TrackRecord
  /** The day of the assessment: years trading and the look-back windows count back from it. */
  on: string
}

const number = (value: number, digits = 2) => Number(value.toFixed(digits)).toLocaleString('en-GB', { maximumFractionDigits: digits })
const times = (value: number) => `${number(value)} ${value === 1 ? 'time' : 'times'}`
const plural = (n: number, word: string) => `${number(n, 1)} ${word}${n === 1 ? '' : 's'}`

/** Whole years from one ISO date to another: the birthdays passed. */
export function wholeYearsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number]
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number]
  let years = y2 - y1
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years--
  return Math.max(0, years)
}

function notGiven(code: Metric['code'], name: string, thresholdText: string, what: string): Metric {
  return { code, name, value: null, valueText: 'Not given', thresholdText, effect: 'not-given', explanation: `${what} not given: ask the provider for it, or for other information that shows the same thing.` }
}

export function turnoverRatio(figures: FinancialFigures | null, annualValuePence: number, t: TierThresholds): Metric {
  const name = 'Turnover against the contract'
  const thresholdText = `at least ${times(t.minTurnoverRatio)} the annual value`
  if (figures?.turnoverPence == null || annualValuePence <= 0) return notGiven('turnover-ratio', name, thresholdText, 'Turnover')
  const ratio = figures.turnoverPence / annualValuePence
  const meets = figures.turnoverPence >= t.minTurnoverRatio * annualValuePence
  return {
    code: 'turnover-ratio',
    name,
    value: ratio,
    valueText: `${times(ratio)} (${formatPence(figures.turnoverPence, { whole: true })} a year)`,
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets
      ? 'The contract is a modest part of the provider’s business.'
      : 'The contract would be a large part of the provider’s business. On its own this is not a reason to exclude: it is weighed against stability, profitability and track record.',
  }
}

export function operatingMargin(figures: FinancialFigures | null, t: TierThresholds): Metric {
  const name = 'Operating margin'
  const thresholdText = `at least ${number(t.minOperatingMarginPercent, 1)}%`
  if (figures?.operatingProfitPence == null || figures.turnoverPence == null || figures.turnoverPence <= 0) {
    return notGiven('operating-margin', name, thresholdText, figures?.turnoverPence != null && figures.turnoverPence <= 0 ? 'A positive turnover' : 'Operating profit or turnover')
  }
  const margin = (figures.operatingProfitPence / figures.turnoverPence) * 100
  const meets = figures.operatingProfitPence * 100 >= t.minOperatingMarginPercent * figures.turnoverPence
  return {
    code: 'operating-margin',
    name,
    value: margin,
    valueText: `${number(margin, 1)}% (${formatPence(Math.abs(figures.operatingProfitPence), { whole: true })} ${figures.operatingProfitPence < 0 ? 'loss' : 'profit'})`,
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'The provider covers its costs from its income.' : figures.operatingProfitPence < 0 ? 'The provider made an operating loss in the year.' : 'The provider’s margin is thin for a contract of this tier.',
  }
}

export function netAssets(figures: FinancialFigures | null): Metric {
  const name = 'Net assets'
  const thresholdText = 'more than £0'
  if (figures?.netAssetsPence == null) return notGiven('net-assets', name, thresholdText, 'Net assets')
  const meets = figures.netAssetsPence > 0
  return {
    code: 'net-assets',
    name,
    value: figures.netAssetsPence,
    valueText: formatPence(figures.netAssetsPence, { whole: true }),
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'The provider owns more than it owes: a sign of stability.' : 'The provider owes more than it owns (or exactly as much).',
  }
}

export function currentRatio(figures: FinancialFigures | null, t: TierThresholds): Metric {
  const name = 'Current ratio'
  const thresholdText = `at least ${number(t.minCurrentRatio)}`
  if (figures?.currentAssetsPence == null || figures.currentLiabilitiesPence == null) return notGiven('current-ratio', name, thresholdText, 'Current assets or current liabilities')
  const { currentAssetsPence: assets, currentLiabilitiesPence: liabilities } = figures
  const meets = assets >= t.minCurrentRatio * liabilities
  const value = liabilities > 0 ? assets / liabilities : null
  return {
    code: 'current-ratio',
    name,
    value,
    valueText: value === null ? 'No current liabilities' : number(value),
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'The provider can pay what falls due within a year from what it will have within a year.' : 'The provider may struggle to pay what falls due within a year.',
  }
}

export function cashCover(figures: FinancialFigures | null, annualValuePence: number, t: TierThresholds): Metric {
  const name = 'Cash cover'
  const thresholdText = `at least ${plural(t.minCashCoverMonths, 'month')} of the contract`
  if (figures?.cashPence == null || annualValuePence <= 0) return notGiven('cash-cover', name, thresholdText, 'Cash')
  const months = (figures.cashPence * 12) / annualValuePence
  const meets = figures.cashPence * 12 >= t.minCashCoverMonths * annualValuePence
  return {
    code: 'cash-cover',
    name,
    value: months,
    valueText: `${plural(months, 'month')} (${formatPence(figures.cashPence, { whole: true })})`,
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'The provider could fund the service while waiting to be paid.' : 'The provider holds little cash against the cost of running the service; paying it sooner would help.',
  }
}

export function yearsTrading(figures: FinancialFigures | null, on: string, t: TierThresholds): Metric {
  const name = 'Years trading'
  const thresholdText = `at least ${plural(t.minYearsTrading, 'year')}`
  if (!figures?.tradingSince) return notGiven('years-trading', name, thresholdText, 'The date the provider began trading')
  const years = wholeYearsBetween(figures.tradingSince, on)
  const meets = years >= t.minYearsTrading
  return {
    code: 'years-trading',
    name,
    value: years,
    valueText: `${plural(years, 'year')} (since ${figures.tradingSince})`,
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'An established provider: a sign of stability.' : 'A young organisation has less history to judge it by.',
  }
}

const GOOD = new Set(['good', 'approaching-target'])
const POOR = new Set(['requires-improvement', 'inadequate'])

/** The most recent rated assessment (good, approaching target, requires improvement or inadequate) on or before the day. */
export function latestRating(assessments: PerformanceAssessment[], on: string): PerformanceAssessment | undefined {
  return assessments
    .filter((a) => a.assessedOn <= on && (GOOD.has(a.rating) || POOR.has(a.rating)))
    .sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))[0]
}

const RATING_WORDS: Record<string, string> = { good: 'Good', 'approaching-target': 'Approaching target', 'requires-improvement': 'Requires improvement', inadequate: 'Inadequate' }

export function performance(trackRecord: TrackRecord, on: string): Metric {
  const name = 'Performance on this council’s contracts'
  const thresholdText = 'latest rating good or approaching target'
  const latest = latestRating(trackRecord.assessments, on)
  if (!latest) {
    return { code: 'performance', name, value: null, valueText: 'No rated assessments', thresholdText, effect: 'not-given', explanation: 'The provider has no performance record with this council: that is neither for nor against it.' }
  }
  const meets = GOOD.has(latest.rating)
  return {
    code: 'performance',
    name,
    value: null,
    valueText: `${RATING_WORDS[latest.rating]} (${latest.assessedOn})`,
    thresholdText,
    effect: meets ? 'meets' : 'concern',
    explanation: meets ? 'A track record of delivering for this council.' : 'The latest assessment found the provider’s performance short of target.',
  }
}

export function exclusionEvents(trackRecord: TrackRecord, on: string): Metric {
  const name = 'Exclusion grounds (Schedule 7)'
  const thresholdText = 'none inside the look-back windows'
  const inWindow = eventsInWindow(trackRecord.events, on)
  if (inWindow.length === 0) {
    return { code: 'exclusion-events', name, value: 0, valueText: 'None recorded in the windows', thresholdText, effect: 'meets', explanation: 'No insolvency, ceasing to trade, serious breach or poor performance known in the look-back windows (Schedule 7 para 15).' }
  }
  const listed = inWindow.map((e) => `${e.kind.replace(/-/g, ' ')} (para ${schedule7ParagraphOf(e.kind)}, known ${e.knownOn})`).join('; ')
  return {
    code: 'exclusion-events',
    name,
    value: inWindow.length,
    valueText: listed,
    thresholdText,
    effect: 'concern',
    grave: graveEventsInWindow(inWindow, on).length > 0,
    explanation: 'A discretionary exclusion ground may apply. Exclusion is a decision for the council, after hearing the provider (Schedule 7 is discretionary).',
  }
}

/** Every metric, in the order the result page lists them. */
export function metricsFor(input: MetricInput): Metric[] {
  const { figures, annualValuePence, thresholds, trackRecord, on } = input
  return [
    turnoverRatio(figures, annualValuePence, thresholds),
    operatingMargin(figures, thresholds),
    netAssets(figures),
    currentRatio(figures, thresholds),
    cashCover(figures, annualValuePence, thresholds),
    yearsTrading(figures, on, thresholds),
    performance(trackRecord, on),
    exclusionEvents(trackRecord, on),
  ]
}
