import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { DEFAULT_CRITERIA, DEFAULT_OPTIONS, rankOptions, weightSensitivity, type Criterion, type Option } from './appraisal.ts'

const options: Option[] = [
  { id: 'a', name: 'In-house' },
  { id: 'b', name: 'Open contract' },
  { id: 'c', name: 'Grant' },
]
const criteria: Criterion[] = [
  { id: 'cost', name: 'Cost', weight: 60 },
  { id: 'quality', name: 'Quality', weight: 40 },
]
const scores = new Map([
  ['a', new Map([['cost', 2], ['quality', 5]])],
  ['b', new Map([['cost', 5], ['quality', 2]])],
  ['c', new Map([['cost', 1], ['quality', 1]])],
])

test('the defaults are the ten delivery models and eight criteria weighing 100 in all', () => {
  assert.equal(DEFAULT_OPTIONS.length, 10)
  assert.equal(DEFAULT_CRITERIA.length, 8)
  assert.equal(DEFAULT_CRITERIA.reduce((s, c) => s + c.weight, 0), 100)
})

test('options rank by weighted score with weights normalised', () => {
  const ranking = rankOptions(options, criteria, scores)
  // b: (60×5 + 40×2)/100 = 3.8; a: (60×2 + 40×5)/100 = 3.2; c: 1.
  assert.deepEqual(ranking.ranked.map((r) => [r.option.id, r.rank, r.weightedScore]), [['b', 1, 3.8], ['a', 2, 3.2], ['c', 3, 1]])
  assert.equal(ranking.normalisedWeights.get('cost'), 60)
  assert.equal(ranking.complete, true)
  // Doubling every weight changes nothing: only their proportions matter.
  const doubled = rankOptions(options, criteria.map((c) => ({ ...c, weight: c.weight * 2 })), scores)
  assert.deepEqual(doubled.ranked.map((r) => r.weightedScore), ranking.ranked.map((r) => r.weightedScore))
})

test('changing weights keeps the scores and re-ranks', () => {
  const reweighted = rankOptions(options, [{ ...criteria[0]!, weight: 20 }, { ...criteria[1]!, weight: 80 }], scores)
  assert.equal(reweighted.ranked[0]!.option.id, 'a')
})

test('sensitivity: how far each weight must move before another option draws level with the top', () => {
  const [cost, quality] = weightSensitivity(options, criteria, scores)
  // Top is b (totals: b 380, a 320). a catches b on quality when 60 + δ(5 − 2) = 0 … i.e. δ = 60/3 = 20 up.
  assert.equal(quality!.increase, 20)
  assert.equal(quality!.increaseOvertakenBy?.id, 'a')
  assert.equal(quality!.decrease, null, 'lowering quality only helps b')
  // On cost, a and c score lower than b: lowering cost by 60/3 = 20 lets a draw level.
  assert.equal(cost!.decrease, 20)
  assert.equal(cost!.decreaseOvertakenBy?.id, 'a')
  assert.equal(cost!.increase, null)
  // Check by re-ranking at the point found: the two draw level.
  const moved = rankOptions(options, [{ ...criteria[0]!, weight: 40 }, criteria[1]!], scores)
  assert.equal(moved.ranked[0]!.weightedScore, moved.ranked[1]!.weightedScore)
})

test('a fall larger than the weight itself is not offered', () => {
  const light = [{ id: 'cost', name: 'Cost', weight: 10 }, { id: 'quality', name: 'Quality', weight: 90 }]
  const s = weightSensitivity(options, light, scores)
  // Top is a (2×10+5×90=470 vs b 5×10+2×90=230); lowering quality helps b but needs 240/3 = 80 ≤ 90.
  assert.equal(s[1]!.decrease, 80)
  assert.equal(s[0]!.decrease, null)
})

test('property: moving a weight by less than the sensitivity keeps the top option; by it, another draws level', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 5 }),
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 }),
      (grid, weights) => {
        const opts = grid.map((_, i) => ({ id: `o${i}`, name: `Option ${i}` }))
        const crits = weights.map((weight, i) => ({ id: `c${i}`, name: `C${i}`, weight }))
        const sc = new Map(grid.map((row, i) => [`o${i}`, new Map(row.map((v, j) => [`c${j}`, v]))]))
        const top = rankOptions(opts, crits, sc).ranked[0]!
        for (const s of weightSensitivity(opts, crits, sc)) {
          if (s.increase !== null && s.increase > 0.01) {
            const nudged = crits.map((c) => (c.id === s.criterion.id ? { ...c, weight: c.weight + s.increase! * 0.99 } : c))
            const r = rankOptions(opts, nudged, sc).ranked
            assert.ok(r[0]!.weightedScore - (r.find((x) => x.option.id === s.increaseOvertakenBy!.id)!.weightedScore) > -1e-9)
            const atPoint = crits.map((c) => (c.id === s.criterion.id ? { ...c, weight: c.weight + s.increase! } : c))
            const r2 = rankOptions(opts, atPoint, sc).ranked
            const topScore = r2.find((x) => x.option.id === top.option.id)!.weightedScore
            const other = r2.find((x) => x.option.id === s.increaseOvertakenBy!.id)!.weightedScore
            assert.ok(Math.abs(topScore - other) < 1e-9)
          }
        }
      },
    ),
  )
})
