import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { assessFinancialStanding, classify, MITIGATIONS, naiveRule, residualOf, suggestTier, type MitigationCode } from './assess.ts'
import { EVENT_KINDS, eventsInWindow, insideWindow, yearsBefore } from './look-back.ts'
import { cashCover, currentRatio, exclusionEvents, metricsFor, netAssets, operatingMargin, performance, turnoverRatio, wholeYearsBetween, yearsTrading } from './metrics.ts'
import type { FinancialFigures, RiskThresholds, TierThresholds, TrackRecord } from './types.ts'

const T3: TierThresholds = { minTurnoverRatio: 2, minOperatingMarginPercent: 2, minCurrentRatio: 1.2, minCashCoverMonths: 2, minYearsTrading: 3 }
const THRESHOLDS: RiskThresholds = {
  tiers: {
    1: { minTurnoverRatio: 1, minOperatingMarginPercent: 0, minCurrentRatio: 1, minCashCoverMonths: 0.5, minYearsTrading: 1 },
    2: { minTurnoverRatio: 1.5, minOperatingMarginPercent: 0, minCurrentRatio: 1, minCashCoverMonths: 1, minYearsTrading: 2 },
    3: T3,
  },
  naiveMultiple: 2,
  tier2AnnualValuePence: 50_000_000,
  tier3AnnualValuePence: 500_000_000,
}
const ON = '2026-11-22'
const NO_RECORD: TrackRecord = { assessments: [], events: [] }
const GOOD_RECORD: TrackRecord = { assessments: [{ assessedOn: '2026-07-01', rating: 'good' }], events: [] }

/** A small, stable, profitable provider: £3.1m turnover, 4% margin, positive net assets, trading since 2009. */
const SMALL: FinancialFigures = {
  periodEnd: '2026-03-31',
  turnoverPence: 310_000_000,
  operatingProfitPence: 12_400_000,
  netAssetsPence: 90_000_000,
  cashPence: 60_000_000,
  currentAssetsPence: 84_000_000,
  currentLiabilitiesPence: 60_000_000,
  tradingSince: '2009-05-01',
  accountsAudited: true,
  auditRequired: true,
  parentGuarantee: false,
}
const ANNUAL = 248_000_000 // £2.48m a year

describe('turnover against the contract', () => {
  test('exactly at the tier’s ratio meets; a penny under is a concern', () => {
    assert.equal(turnoverRatio({ ...SMALL, turnoverPence: 200_000 }, 100_000, T3).effect, 'meets')
    assert.equal(turnoverRatio({ ...SMALL, turnoverPence: 199_999 }, 100_000, T3).effect, 'concern')
    assert.equal(turnoverRatio({ ...SMALL, turnoverPence: 200_001 }, 100_000, T3).effect, 'meets')
  })
  test('the value is the ratio and the threshold is in words', () => {
    const m = turnoverRatio(SMALL, ANNUAL, T3)
    assert.equal(m.value, 1.25)
    assert.match(m.valueText, /^1\.25 times \(£3,100,000 a year\)$/)
    assert.equal(m.thresholdText, 'at least 2 times the annual value')
  })
  test('no turnover is not given, never a concern', () => {
    const m = turnoverRatio({ ...SMALL, turnoverPence: null }, ANNUAL, T3)
    assert.equal(m.effect, 'not-given')
    assert.match(m.explanation, /ask the provider/)
    assert.equal(turnoverRatio(null, ANNUAL, T3).effect, 'not-given')
  })
})

describe('operating margin', () => {
  test('at 2% meets, just under is a concern, a loss is a concern that says so', () => {
    assert.equal(operatingMargin({ ...SMALL, turnoverPence: 10_000, operatingProfitPence: 200 }, T3).effect, 'meets')
    assert.equal(operatingMargin({ ...SMALL, turnoverPence: 10_000, operatingProfitPence: 199 }, T3).effect, 'concern')
    const loss = operatingMargin({ ...SMALL, turnoverPence: 10_000, operatingProfitPence: -1 }, T3)
    assert.equal(loss.effect, 'concern')
    assert.match(loss.explanation, /loss/)
  })
  test('a 0% threshold is met by breaking even', () => {
    assert.equal(operatingMargin({ ...SMALL, operatingProfitPence: 0 }, THRESHOLDS.tiers[1]).effect, 'meets')
    assert.equal(operatingMargin({ ...SMALL, operatingProfitPence: -1 }, THRESHOLDS.tiers[1]).effect, 'concern')
  })
  test('without profit, or without a positive turnover, it is not given', () => {
    assert.equal(operatingMargin({ ...SMALL, operatingProfitPence: null }, T3).effect, 'not-given')
    assert.equal(operatingMargin({ ...SMALL, turnoverPence: 0 }, T3).effect, 'not-given')
  })
})

describe('net assets', () => {
  test('a penny of net assets meets; nothing or less is a concern', () => {
    assert.equal(netAssets({ ...SMALL, netAssetsPence: 1 }).effect, 'meets')
    assert.equal(netAssets({ ...SMALL, netAssetsPence: 0 }).effect, 'concern')
    assert.equal(netAssets({ ...SMALL, netAssetsPence: -1 }).effect, 'concern')
    assert.equal(netAssets({ ...SMALL, netAssetsPence: null }).effect, 'not-given')
  })
})

describe('current ratio', () => {
  test('at 1.2 meets, under is a concern', () => {
    assert.equal(currentRatio({ ...SMALL, currentAssetsPence: 120, currentLiabilitiesPence: 100 }, T3).effect, 'meets')
    assert.equal(currentRatio({ ...SMALL, currentAssetsPence: 119, currentLiabilitiesPence: 100 }, T3).effect, 'concern')
    assert.equal(currentRatio({ ...SMALL, currentAssetsPence: 121, currentLiabilitiesPence: 100 }, T3).value, 1.21)
  })
  test('no liabilities meets; either figure missing is not given', () => {
    const none = currentRatio({ ...SMALL, currentAssetsPence: 5, currentLiabilitiesPence: 0 }, T3)
    assert.equal(none.effect, 'meets')
    assert.equal(none.valueText, 'No current liabilities')
    assert.equal(currentRatio({ ...SMALL, currentLiabilitiesPence: null }, T3).effect, 'not-given')
    assert.equal(currentRatio({ ...SMALL, currentAssetsPence: null }, T3).effect, 'not-given')
  })
})

describe('cash cover', () => {
  test('two months of the annual value meets; a penny less is a concern', () => {
    assert.equal(cashCover({ ...SMALL, cashPence: 200 }, 1_200, T3).effect, 'meets')
    assert.equal(cashCover({ ...SMALL, cashPence: 199 }, 1_200, T3).effect, 'concern')
    assert.equal(cashCover({ ...SMALL, cashPence: 200 }, 1_200, T3).value, 2)
    assert.equal(cashCover({ ...SMALL, cashPence: null }, 1_200, T3).effect, 'not-given')
  })
})

describe('years trading', () => {
  test('whole years count from the day trading began', () => {
    assert.equal(wholeYearsBetween('2023-11-22', '2026-11-22'), 3)
    assert.equal(wholeYearsBetween('2023-11-23', '2026-11-22'), 2)
    assert.equal(wholeYearsBetween('2027-01-01', '2026-11-22'), 0)
  })
  test('three years to the day meets tier 3; a day short is a concern; unknown is not given', () => {
    assert.equal(yearsTrading({ ...SMALL, tradingSince: '2023-11-22' }, ON, T3).effect, 'meets')
    assert.equal(yearsTrading({ ...SMALL, tradingSince: '2023-11-23' }, ON, T3).effect, 'concern')
    assert.equal(yearsTrading({ ...SMALL, tradingSince: null }, ON, T3).effect, 'not-given')
  })
})

describe('track record', () => {
  test('the latest rated assessment decides; later ones and unrated ones are ignored', () => {
    assert.equal(performance(GOOD_RECORD, ON).effect, 'meets')
    assert.equal(performance({ assessments: [{ assessedOn: '2026-01-01', rating: 'approaching-target' }], events: [] }, ON).effect, 'meets')
    const worse = { assessments: [{ assessedOn: '2025-01-01', rating: 'good' }, { assessedOn: '2026-01-01', rating: 'requires-improvement' }], events: [] }
    assert.equal(performance(worse, ON).effect, 'concern')
    const recovered = { assessments: [{ assessedOn: '2025-01-01', rating: 'inadequate' }, { assessedOn: '2026-01-01', rating: 'good' }, { assessedOn: '2026-06-01', rating: 'other' }], events: [] }
    assert.equal(performance(recovered, ON).effect, 'meets')
    assert.equal(performance({ assessments: [{ assessedOn: '2026-12-01', rating: 'inadequate' }], events: [] }, ON).effect, 'not-given')
    assert.equal(performance(NO_RECORD, ON).effect, 'not-given')
  })
})

describe('Schedule 7 look-back windows', () => {
  test('insolvency known exactly 3 years ago still counts; a day earlier does not', () => {
    assert.equal(insideWindow({ kind: 'insolvency', occurredOn: '2023-10-01', knownOn: '2023-11-22' }, ON), true)
    assert.equal(insideWindow({ kind: 'insolvency', occurredOn: '2023-10-01', knownOn: '2023-11-21' }, ON), false)
  })
  test('poor performance and serious breach use 3 years; a s.71(5) notice the general 5', () => {
    assert.equal(EVENT_KINDS['poor-performance'].windowYears, 3)
    assert.equal(EVENT_KINDS['serious-breach'].windowYears, 3)
    assert.equal(insideWindow({ kind: 's71-notice', occurredOn: '2021-11-22', knownOn: '2021-11-22' }, ON), true)
    assert.equal(insideWindow({ kind: 's71-notice', occurredOn: '2021-11-21', knownOn: '2021-11-21' }, ON), false)
    assert.equal(insideWindow({ kind: 'poor-performance', occurredOn: '2022-01-01', knownOn: '2022-01-01' }, ON), false)
  })
  test('an event known after the assessment day does not count yet', () => {
    assert.equal(insideWindow({ kind: 'insolvency', occurredOn: '2026-11-01', knownOn: '2026-11-23' }, ON), false)
  })
  test('29 February steps back to 28 February', () => {
    assert.equal(yearsBefore('2028-02-29', 3), '2025-02-28')
    assert.equal(yearsBefore('2028-02-29', 4), '2024-02-29')
  })
  test('the metric lists the events inside the windows with their paragraph', () => {
    const events = [{ kind: 'poor-performance', occurredOn: '2025-06-01', knownOn: '2025-07-01' }, { kind: 'insolvency', occurredOn: '2019-01-01', knownOn: '2019-01-01' }]
    assert.equal(eventsInWindow(events, ON).length, 1)
    const m = exclusionEvents({ assessments: [], events }, ON)
    assert.equal(m.effect, 'concern')
    assert.match(m.valueText, /poor performance \(para 12\(2\), known 2025-07-01\)/)
    assert.equal(exclusionEvents(NO_RECORD, ON).effect, 'meets')
  })
})

const assess = (figures: FinancialFigures | null, options: { annual?: number; tier?: 1 | 2 | 3; record?: TrackRecord; mitigations?: MitigationCode[] } = {}) =>
  assessFinancialStanding({ figures, annualValuePence: options.annual ?? ANNUAL, tier: options.tier ?? 3, thresholds: THRESHOLDS, trackRecord: options.record ?? GOOD_RECORD, on: ON, mitigations: options.mitigations ?? [] })

describe('the result', () => {
  test('a small, stable, profitable provider with a good record is low even though the naive rule excludes it', () => {
    assert.equal(naiveRule(SMALL.turnoverPence, ANNUAL).outcome, 'excluded')
    const a = assess(SMALL)
    assert.equal(a.metrics.find((m) => m.code === 'turnover-ratio')!.effect, 'concern')
    assert.equal(a.result, 'low')
    assert.match(a.explanation, /^Low risk\. .*outweighs it/)
  })
  test('the same provider with no record with the council is medium, and says what is missing', () => {
    const a = assess(SMALL, { record: NO_RECORD })
    assert.equal(a.result, 'medium')
    assert.match(a.explanation, /not yet outweighed by a good performance record/)
    assert.match(a.explanation, /never makes a provider high risk/)
  })
  test('a loss with net liabilities is high', () => {
    const a = assess({ ...SMALL, operatingProfitPence: -5_000_000, netAssetsPence: -1_000_000 })
    assert.equal(a.result, 'high')
    assert.match(a.explanation, /made a loss and owes at least as much as it owns/)
  })
  test('one concern other than turnover is medium, two medium, three high', () => {
    assert.equal(assess({ ...SMALL, currentAssetsPence: 1 }).result, 'medium')
    assert.equal(assess({ ...SMALL, currentAssetsPence: 1, cashPence: 1 }).result, 'medium')
    const three = assess({ ...SMALL, currentAssetsPence: 1, cashPence: 1, tradingSince: '2025-01-01' })
    assert.equal(three.result, 'high')
    assert.match(three.explanation, /3 measures other than turnover raise concerns/)
  })
  test('an insolvency inside its window is high; outside it, ignored', () => {
    const inside = assess(SMALL, { record: { assessments: GOOD_RECORD.assessments, events: [{ kind: 'insolvency', occurredOn: '2025-01-01', knownOn: '2025-01-02' }] } })
    assert.equal(inside.result, 'high')
    const outside = assess(SMALL, { record: { assessments: GOOD_RECORD.assessments, events: [{ kind: 'insolvency', occurredOn: '2020-01-01', knownOn: '2020-01-02' }] } })
    assert.equal(outside.result, 'low')
  })
  test('poor performance inside its window is a concern, not on its own high', () => {
    const a = assess(SMALL, { record: { assessments: GOOD_RECORD.assessments, events: [{ kind: 'poor-performance', occurredOn: '2025-01-01', knownOn: '2025-01-02' }] } })
    assert.equal(a.result, 'medium')
  })
  test('missing core figures ask for more evidence and never fail; an unaudited provider is told why', () => {
    const micro: FinancialFigures = { ...SMALL, turnoverPence: 14_000_000, operatingProfitPence: null, netAssetsPence: null, cashPence: null, currentAssetsPence: null, currentLiabilitiesPence: null, accountsAudited: false, auditRequired: false }
    const a = assess(micro, { annual: 9_000_000, record: NO_RECORD })
    assert.equal(a.result, 'medium')
    assert.equal(a.moreEvidenceSuggested, true)
    assert.match(a.explanation, /not given: ask the provider for more evidence/)
    assert.match(a.explanation, /s\.22\(3\)/)
    assert.equal(assess(null).result, 'medium')
  })
  test('every measure met is low with nothing more to ask', () => {
    const big = { ...SMALL, turnoverPence: 2_000_000_000, operatingProfitPence: 100_000_000, cashPence: 500_000_000 }
    const a = assess(big)
    assert.equal(a.result, 'low')
    assert.equal(a.moreEvidenceSuggested, false)
    assert.match(a.explanation, /Every measure meets/)
  })
  test('lower tiers ask less: the same figures meet tier 1', () => {
    const young = { ...SMALL, tradingSince: '2024-06-01' }
    assert.equal(assess(young, { tier: 3 }).metrics.find((m) => m.code === 'years-trading')!.effect, 'concern')
    assert.equal(assess(young, { tier: 1 }).metrics.find((m) => m.code === 'years-trading')!.effect, 'meets')
  })
})

describe('mitigations', () => {
  test('a parent guarantee answers a loss with net liabilities: high falls to low', () => {
    const weak = { ...SMALL, operatingProfitPence: -5_000_000, netAssetsPence: -1_000_000 }
    const a = assess(weak, { mitigations: ['parent-guarantee'] })
    assert.equal(a.result, 'high')
    assert.equal(a.residualRisk, 'low')
    assert.match(a.residualExplanation, /Parent company guarantee: .*answers the concern about .*operating margin and net assets/)
    assert.match(a.residualExplanation, /falls from high to low/)
  })
  test('shorter payment terms answer cash and current ratio, not turnover', () => {
    const a = assess({ ...SMALL, cashPence: 1, currentAssetsPence: 1 }, { record: NO_RECORD, mitigations: ['shorter-payment-terms'] })
    assert.equal(a.result, 'medium')
    assert.equal(a.residualRisk, 'medium', 'turnover is still not outweighed without a record')
    const b = assess({ ...SMALL, cashPence: 1, currentAssetsPence: 1 }, { record: NO_RECORD, mitigations: ['shorter-payment-terms', 'lots'] })
    assert.equal(b.residualRisk, 'low')
  })
  test('a mitigation answering no concern changes nothing and says so', () => {
    const a = assess(SMALL, { record: NO_RECORD, mitigations: ['step-in-rights'] })
    assert.equal(a.residualRisk, 'medium')
    assert.match(a.residualExplanation, /Step-in rights: answers none of the concerns/)
  })
  test('no mitigation removes an insolvency inside its window', () => {
    const a = assess(SMALL, { record: { assessments: [], events: [{ kind: 'insolvency', occurredOn: '2025-01-01', knownOn: '2025-01-01' }] }, mitigations: Object.keys(MITIGATIONS) as MitigationCode[] })
    assert.equal(a.residualRisk, 'high')
  })
  test('without mitigations the residual risk is the result', () => {
    const a = assess(SMALL, { record: NO_RECORD })
    assert.equal(a.residualRisk, a.result)
    assert.match(a.residualExplanation, /No mitigations relied on/)
  })
})

describe('tiers', () => {
  const t = { tier2AnnualValuePence: THRESHOLDS.tier2AnnualValuePence, tier3AnnualValuePence: THRESHOLDS.tier3AnnualValuePence }
  const no = { statutory: false, vulnerableResidents: false, hardToReplace: false }
  test('by annual value, at and around each tier’s value', () => {
    assert.equal(suggestTier({ ...no, annualValuePence: 49_999_999 }, t).tier, 1)
    assert.equal(suggestTier({ ...no, annualValuePence: 50_000_000 }, t).tier, 2)
    assert.equal(suggestTier({ ...no, annualValuePence: 499_999_999 }, t).tier, 2)
    assert.equal(suggestTier({ ...no, annualValuePence: 500_000_000 }, t).tier, 3)
  })
  test('by the officer’s answers: two make tier 2, all three tier 3', () => {
    assert.equal(suggestTier({ ...no, statutory: true, annualValuePence: 1 }, t).tier, 1)
    assert.equal(suggestTier({ ...no, statutory: true, vulnerableResidents: true, annualValuePence: 1 }, t).tier, 2)
    const all = suggestTier({ statutory: true, vulnerableResidents: true, hardToReplace: true, annualValuePence: 1 }, t)
    assert.equal(all.tier, 3)
    assert.match(all.reasons.join(' '), /statutory, for vulnerable residents and hard to replace/)
  })
})

describe('the naive rule', () => {
  test('exactly twice passes, a penny under is excluded, none given cannot be applied', () => {
    assert.equal(naiveRule(200, 100).outcome, 'passes')
    assert.equal(naiveRule(199, 100).outcome, 'excluded')
    assert.equal(naiveRule(null, 100).outcome, 'not-given')
    assert.equal(naiveRule(200, 100).requiredPence, 200)
  })
  test('the multiple is the council’s', () => {
    assert.equal(naiveRule(299, 100, 3).outcome, 'excluded')
    assert.equal(naiveRule(150, 100, 1.5).outcome, 'passes')
  })
})

describe('properties', () => {
  const pence = fc.integer({ min: 1, max: 50_000_000_000 })
  const healthy = fc.record({
    turnoverPence: pence,
    marginPercent: fc.integer({ min: 2, max: 40 }),
    netAssetsPence: pence,
    liabilities: fc.integer({ min: 0, max: 1_000_000_000 }),
    years: fc.integer({ min: 3, max: 100 }),
    annual: pence,
    tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
  })
  const figuresOf = (h: { turnoverPence: number; marginPercent: number; netAssetsPence: number; liabilities: number; years: number; annual: number }): FinancialFigures => ({
    ...SMALL,
    turnoverPence: h.turnoverPence,
    operatingProfitPence: Math.ceil((h.turnoverPence * h.marginPercent) / 100),
    netAssetsPence: h.netAssetsPence,
    currentAssetsPence: h.liabilities * 2,
    currentLiabilitiesPence: h.liabilities,
    cashPence: h.annual, // a year's cover
    tradingSince: `${2026 - h.years}-01-01`,
  })

  test('turnover against contract value alone never makes a provider high risk', () => {
    fc.assert(
      fc.property(healthy, fc.constantFrom<TrackRecord>(NO_RECORD, GOOD_RECORD), (h, record) => {
        const a = assessFinancialStanding({ figures: figuresOf(h), annualValuePence: h.annual, tier: h.tier, thresholds: THRESHOLDS, trackRecord: record, on: ON })
        return a.result !== 'high'
      }),
    )
  })

  test('any turnover, with everything else unchanged, never turns a result high', () => {
    fc.assert(
      fc.property(
        fc.record({ profit: fc.integer({ min: -1_000_000, max: 1_000_000 }), net: fc.integer({ min: -1_000_000, max: 1_000_000 }), cash: fc.integer({ min: 0, max: 1_000_000 }), turnover: fc.integer({ min: 1, max: 1_000_000_000 }), annual: fc.integer({ min: 1, max: 1_000_000_000 }) }),
        (r) => {
          const base: FinancialFigures = { ...SMALL, operatingProfitPence: r.profit, netAssetsPence: r.net, cashPence: r.cash }
          // Fix the margin by scaling profit with turnover, so only the turnover ratio moves.
          const withTurnover = (turnover: number) => ({ ...base, turnoverPence: turnover, operatingProfitPence: Math.round((r.profit * turnover) / 1_000_000_000) })
          const high = assessFinancialStanding({ figures: withTurnover(1_000_000_000 * 1000), annualValuePence: r.annual, tier: 3, thresholds: THRESHOLDS, trackRecord: GOOD_RECORD, on: ON })
          const small = assessFinancialStanding({ figures: withTurnover(r.turnover), annualValuePence: r.annual, tier: 3, thresholds: THRESHOLDS, trackRecord: GOOD_RECORD, on: ON })
          return !(small.result === 'high' && high.result !== 'high')
        },
      ),
    )
  })

  test('a small, stable, profitable provider with a good track record is low', () => {
    fc.assert(
      fc.property(healthy, (h) => {
        const a = assessFinancialStanding({ figures: figuresOf(h), annualValuePence: h.annual, tier: h.tier, thresholds: THRESHOLDS, trackRecord: GOOD_RECORD, on: ON })
        return a.result === 'low'
      }),
    )
  })

  test('mitigations never raise the risk', () => {
    fc.assert(
      fc.property(healthy, fc.boolean(), fc.subarray(Object.keys(MITIGATIONS) as MitigationCode[]), (h, loss, mitigations) => {
        const f = figuresOf(h)
        const figures = loss ? { ...f, operatingProfitPence: -1, netAssetsPence: -1 } : f
        const a = assessFinancialStanding({ figures, annualValuePence: h.annual, tier: h.tier, thresholds: THRESHOLDS, trackRecord: NO_RECORD, on: ON, mitigations })
        const order = { low: 0, medium: 1, high: 2 }
        return order[a.residualRisk] <= order[a.result]
      }),
    )
  })
})

test('classify lists every metric once, in order', () => {
  const metrics = metricsFor({ figures: SMALL, annualValuePence: ANNUAL, thresholds: T3, trackRecord: GOOD_RECORD, on: ON })
  assert.deepEqual(metrics.map((m) => m.code), ['turnover-ratio', 'operating-margin', 'net-assets', 'current-ratio', 'cash-cover', 'years-trading', 'performance', 'exclusion-events'])
  assert.equal(classify(metrics).level, 'low')
})

test('the residual risk worked out again from stored metrics matches the assessment’s own', () => {
  const weak = { ...SMALL, operatingProfitPence: -5_000_000, netAssetsPence: -1_000_000 }
  const record = { assessments: [], events: [{ kind: 'insolvency', occurredOn: '2020-01-01', knownOn: '2020-01-01' }] }
  for (const mitigations of [[], ['parent-guarantee'], ['bond', 'lots'], ['step-in-rights']] as MitigationCode[][]) {
    const a = assess(weak, { record, mitigations })
    const stored = JSON.parse(JSON.stringify(a.metrics)) as typeof a.metrics
    const again = residualOf(stored, mitigations)
    assert.equal(again.residualRisk, a.residualRisk)
    assert.equal(again.residualExplanation, a.residualExplanation)
  }
  const grave = assess(SMALL, { record: { assessments: [], events: [{ kind: 'ceased-trading', occurredOn: '2026-01-01', knownOn: '2026-01-01' }] } })
  assert.equal(residualOf(JSON.parse(JSON.stringify(grave.metrics)), ['parent-guarantee', 'step-in-rights']).residualRisk, 'high')
})
