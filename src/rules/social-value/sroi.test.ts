/**
 * SROI against examples worked by hand, following the Cabinet Office guide's stages 4 and 5 (domain-rules §5.5):
 * deductions multiply, drop-off from year 2, discounting from year 1, ratio = present value ÷ inputs.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { breakEven, calculateSroi, firstYearImpact, impactByYear, presentValue, sensitivity, withAssumption, assumptionsOf, type SroiModel } from './sroi.ts'

const close = (actual: number | null, expected: number, digits = 6, message?: string) => {
  assert.ok(actual !== null, message ?? 'a value')
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${message ?? ''} expected ${expected}, got ${actual}`)
}

// Ten people into work, £1,000 a year each; 25% would have happened anyway, 10% displaced, 20% due to others,
// 10% drop-off a year, for 3 years; £10,000 invested; 3.5% discount rate.
const model: SroiModel = {
  inputsPence: 1_000_000,
  discountRate: 0.035,
  outcomes: [{ name: 'Into work', quantity: 10, proxyPence: 100_000, durationYears: 3, deadweight: 0.25, displacement: 0.1, attribution: 0.2, dropOff: 0.1 }],
}
const outcome = model.outcomes[0]!

test('the deductions multiply: 0.75 × 0.9 × 0.8 = 0.54 of £10,000 is £5,400, not the £4,500 that adding them would give', () => {
  assert.equal(Math.round(firstYearImpact(outcome)), 540_000)
  assert.notEqual(Math.round(firstYearImpact(outcome)), 450_000)
})

test('drop-off starts in year 2: £5,400, then £4,860, then £4,374', () => {
  assert.deepEqual(impactByYear(outcome).map(Math.round), [540_000, 486_000, 437_400])
  assert.deepEqual(impactByYear({ ...outcome, dropOff: 0 }).map(Math.round), [540_000, 540_000, 540_000], 'no drop-off keeps year 1')
  assert.deepEqual(impactByYear({ ...outcome, durationYears: 1 }).map(Math.round), [540_000], 'one year has no drop-off at all')
})

test('discounting from year 1 at 3.5%: £5,400/1.035 + £4,860/1.035² + £4,374/1.035³ = £13,699.35', () => {
  // 5217.3913 + 4536.8620 + 3945.0974 = 13699.3507 (pounds)
  close(presentValue([540_000, 486_000, 437_400], 0.035) / 100, 13_699.3507, 3)
  close(presentValue([100, 100], 0), 200, 9, 'a rate of 0 leaves values as they are')
})

test('the ratio is present value ÷ inputs (1.37 : 1), the net ratio (PV − inputs) ÷ inputs, payback in year 3', () => {
  const result = calculateSroi(model)
  close(result.presentValuePence / 100, 13_699.3507, 3)
  close(result.ratio, 1.36993507, 7)
  close(result.netRatio, 0.36993507, 7)
  close(result.netPresentValuePence / 100, 3_699.3507, 3)
  assert.equal(result.paybackYear, 3, 'after 2 years only £9,754.25 has come back')
  assert.equal(calculateSroi({ ...model, inputsPence: 0 }).ratio, null, 'no inputs: no ratio to divide by')
})

test('two outcomes add; each keeps its own duration and drop-off', () => {
  const two: SroiModel = { ...model, discountRate: 0, outcomes: [outcome, { name: 'Volunteering', quantity: 100, proxyPence: 1_000, durationYears: 2, deadweight: 0.5, displacement: 0, attribution: 0, dropOff: 0.5 }] }
  // Volunteering: 100 × £10 × 0.5 = £500, then £250. Into work undiscounted: 5400 + 4860 + 4374 = 14634.
  const result = calculateSroi(two)
  close(result.outcomes[1]!.presentValuePence / 100, 750, 6)
  close(result.presentValuePence / 100, 15_384, 6)
  close(result.ratio, 1.5384, 9)
})

test('break-even: deadweight 45.25%, proxy £729.96, inputs £13,699.35, duration 3 years', () => {
  const list = assumptionsOf(model)
  const find = (kind: string) => list.find((a) => a.kind === kind)!
  // The ratio is proportional to (1 − deadweight): 1 − d = 0.75 × 10000 / 13699.3507 = 0.547471, so d = 0.452529.
  const dw = breakEven(model, find('deadweight'))
  close(dw.value, 1 - (0.75 * 10_000) / 13_699.350702720476, 6)
  close(calculateSroi(withAssumption(model, find('deadweight'), dw.value!)).ratio, 1, 6, 'the ratio at the break-even value is 1')
  close(breakEven(model, find('proxy')).value! / 100, (1000 * 10_000) / 13_699.350702720476, 4)
  close(breakEven(model, find('inputs')).value! / 100, 13_699.3507, 3)
  assert.deepEqual(breakEven(model, find('duration')), { value: 3, remark: 'found' })
  // Even with no displacement at all the ratio cannot reach 1 when the inputs are 10 times larger.
  const big = { ...model, inputsPence: 10_000_000 }
  assert.deepEqual(breakEven(big, assumptionsOf(big).find((a) => a.kind === 'displacement')!), { value: null, remark: 'always-below' })
  // And a ratio that stays above 1 whatever the discount rate (from 0% to 100%) says so.
  const small = { ...model, inputsPence: 100_000 }
  assert.deepEqual(breakEven(small, assumptionsOf(small).find((a) => a.kind === 'discountRate')!), { value: null, remark: 'always-above' })
})

test('sensitivity: a year less or more of duration moves the ratio most (0.39), then deadweight ±10 points (0.18)', () => {
  const rows = sensitivity(model)
  assert.equal(rows[0]!.kind, 'duration')
  // Two years: (5217.39 + 4536.86) / 10000 = 0.9754; the swing is year 3's present value over the inputs.
  close(rows[0]!.ratioAtLow, 0.97542533, 7)
  close(rows[0]!.swing, 0.39450974, 7)
  assert.equal(rows[1]!.kind, 'deadweight')
  // 0.65/0.75 and 0.85/0.75 of the ratio: ±0.18266.
  close(rows[1]!.ratioAtLow, (1.36993507 * 0.85) / 0.75, 6)
  close(rows[1]!.ratioAtHigh, (1.36993507 * 0.65) / 0.75, 6)
  close(rows[1]!.swing, (1.36993507 * 0.1) / 0.75, 6)
  assert.equal(rows.length, 9, 'seven assumptions of the one outcome, the discount rate and the inputs')
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.swing >= rows[i]!.swing, 'largest swing first')
})

test('sensitivity keeps shares inside 0–100%', () => {
  const rows = sensitivity({ ...model, outcomes: [{ ...outcome, attribution: 0.05 }] })
  const attribution = rows.find((r) => r.kind === 'attribution')!
  assert.equal(attribution.low, 0)
  close(attribution.high, 0.15, 12)
})
