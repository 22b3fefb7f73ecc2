/**
 * The risk-share rules against figures worked by hand. The rules are each agreement's own schedule (the 2000
 * Regulations prescribe none: domain-rules 11.1), so these check the arithmetic the schedule describes.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { applyRule, applyTerms, describeRule, riskShareTermsSchema, splitProRata, type PartnerContribution } from './risk-share.ts'

const pounds = (n: number) => Math.round(n * 100)
const council: PartnerContribution = { partnerId: 'la', name: 'Demo Borough Council', contributionPence: pounds(600_000) }
const icb: PartnerContribution = { partnerId: 'icb', name: 'NHS Demo ICB', contributionPence: pounds(400_000) }
const shares = (result: { shares: { partnerId: string; sharePence: number }[] }) => Object.fromEntries(result.shares.map((s) => [s.partnerId, s.sharePence]))

test('pro rata: £100,000 over a pool of £600,000 and £400,000 is £60,000 and £40,000', () => {
  const result = applyRule({ kind: 'pro-rata' }, pounds(100_000), [council, icb])
  assert.deepEqual(shares(result), { la: pounds(60_000), icb: pounds(40_000) })
  assert.equal(result.unallocatedPence, 0)
  assert.ok(result.workings.includes('Demo Borough Council: £600,000.00 of £1,000,000.00 is 60.00%, so £60,000.00.'), result.workings.join('\n'))
})

test('pro rata rounds to the penny and the shares add up: £100 in thirds is £33.34, £33.33, £33.33', () => {
  const thirds = ['a', 'b', 'c'].map((id) => ({ partnerId: id, name: id, contributionPence: 100 }))
  assert.deepEqual(shares(applyRule({ kind: 'pro-rata' }, 10_000, thirds)), { a: 3334, b: 3333, c: 3333 })
})

test('pro rata holds to the penny for any amounts, even past 2^53 in the working', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 5_000_000_000_00 }), fc.array(fc.integer({ min: 0, max: 9_000_000_000_00 }), { minLength: 1, maxLength: 6 }), (amount, weights) => {
      const split = splitProRata(amount, weights)
      const total = weights.reduce((a, b) => a + b, 0)
      assert.equal(split.reduce((a, b) => a + b, 0), total === 0 ? 0 : amount)
      // No share is more than a penny from its exact value.
      if (total > 0) split.forEach((s, i) => assert.ok(Math.abs(s - (amount * weights[i]!) / total) < 1.0001))
    }),
  )
})

test('capped: the ICB capped at £30,000 bears £30,000 and the £10,000 above its cap moves to the council', () => {
  // Pro rata would be £60,000 and £40,000; the ICB's cap is £30,000, so the council bears £60,000 + £10,000.
  const result = applyRule({ kind: 'capped', caps: [{ partnerId: 'icb', capPence: pounds(30_000) }] }, pounds(100_000), [council, icb])
  assert.deepEqual(shares(result), { la: pounds(70_000), icb: pounds(30_000) })
  assert.equal(result.unallocatedPence, 0)
  assert.ok(result.workings.some((w) => w === 'NHS Demo ICB would bear £40,000.00, above its cap of £30,000.00: it bears £30,000.00 and the £10,000.00 above its cap moves to the other partners.'), result.workings.join('\n'))
})

test('capped with three partners: the remainder above a cap moves to the other two pro rata', () => {
  // A £500k, B £300k, C £200k; overspend £100k. Pro rata: A £50k, B £30k, C £20k. C's cap is £10k, so C bears
  // £10k and the other £90k is shared by A and B 5:3: A £56,250, B £33,750.
  const a = { partnerId: 'a', name: 'A', contributionPence: pounds(500_000) }
  const b = { partnerId: 'b', name: 'B', contributionPence: pounds(300_000) }
  const c = { partnerId: 'c', name: 'C', contributionPence: pounds(200_000) }
  const result = applyRule({ kind: 'capped', caps: [{ partnerId: 'c', capPence: pounds(10_000) }] }, pounds(100_000), [a, b, c])
  assert.deepEqual(shares(result), { a: pounds(56_250), b: pounds(33_750), c: pounds(10_000) })
  assert.ok(result.workings.includes('The remaining £90,000.00 is shared pro rata to contributions totalling £800,000.00.'), result.workings.join('\n'))
})

test('capped: a cap reached only after the first move is still kept (B capped at £32,000 in the second round)', () => {
  // Round 1: A 50k, B 30k, C 20k → C over its 10k cap. Round 2: £90k at 5:3 → A 56,250, B 33,750 → B over its
  // £32k cap. Round 3: A bears the remaining £100k − 10k − 32k = £58,000.
  const a = { partnerId: 'a', name: 'A', contributionPence: pounds(500_000) }
  const b = { partnerId: 'b', name: 'B', contributionPence: pounds(300_000) }
  const c = { partnerId: 'c', name: 'C', contributionPence: pounds(200_000) }
  const rule = { kind: 'capped' as const, caps: [{ partnerId: 'c', capPence: pounds(10_000) }, { partnerId: 'b', capPence: pounds(32_000) }] }
  assert.deepEqual(shares(applyRule(rule, pounds(100_000), [a, b, c])), { a: pounds(58_000), b: pounds(32_000), c: pounds(10_000) })
})

test('capped: when every partner is at its cap, what is left is said to be unallocated, not hidden', () => {
  const rule = { kind: 'capped' as const, caps: [{ partnerId: 'la', capPence: pounds(50_000) }, { partnerId: 'icb', capPence: pounds(20_000) }] }
  const result = applyRule(rule, pounds(100_000), [council, icb])
  assert.deepEqual(shares(result), { la: pounds(50_000), icb: pounds(20_000) })
  assert.equal(result.unallocatedPence, pounds(30_000))
  assert.ok(result.workings.some((w) => w.startsWith('Every partner is at its cap: £30,000.00 is left')))
})

test('first loss: the council bears the first £25,000 of £100,000, then £75,000 is shared 60:40', () => {
  // Council: £25,000 + £45,000 = £70,000; ICB: £30,000.
  const result = applyRule({ kind: 'first-loss', partnerId: 'la', firstLossPence: pounds(25_000) }, pounds(100_000), [council, icb])
  assert.deepEqual(shares(result), { la: pounds(70_000), icb: pounds(30_000) })
  assert.equal(result.workings[0], 'Demo Borough Council bears the first £25,000.00: of £100,000.00, that is £25,000.00.')
  assert.ok(result.workings.includes('Demo Borough Council bears £25,000.00 + £45,000.00 = £70,000.00 in all.'))
})

test('first loss: an amount inside the first loss falls wholly on that partner', () => {
  const result = applyRule({ kind: 'first-loss', partnerId: 'icb', firstLossPence: pounds(25_000) }, pounds(20_000), [council, icb])
  assert.deepEqual(shares(result), { la: 0, icb: pounds(20_000) })
  assert.ok(result.workings.includes('Nothing remains to share.'))
})

test('the terms pick the overspend or the underspend rule from the forecast against the pool', () => {
  const terms = riskShareTermsSchema.parse({
    overspend: { kind: 'first-loss', partnerId: 'la', firstLossPence: pounds(25_000) },
    underspend: { kind: 'pro-rata' },
  })
  const over = applyTerms(terms, pounds(1_100_000), pounds(1_000_000), [council, icb])
  assert.equal(over.direction, 'overspend')
  assert.equal(over.variancePence, pounds(100_000))
  assert.deepEqual(shares(over), { la: pounds(70_000), icb: pounds(30_000) })
  assert.match(over.workings[0]!, /is an overspend of £100,000\.00, shared by the overspend rule: Demo Borough Council bears the first £25,000\.00/)

  const under = applyTerms(terms, pounds(950_000), pounds(1_000_000), [council, icb])
  assert.equal(under.direction, 'underspend')
  assert.deepEqual(shares(under), { la: pounds(30_000), icb: pounds(20_000) })

  const even = applyTerms(terms, pounds(1_000_000), pounds(1_000_000), [council, icb])
  assert.equal(even.direction, 'on budget')
  assert.deepEqual(shares(even), { la: 0, icb: 0 })
})

test('rules read back in words and refuse partners not in the fund', () => {
  assert.equal(describeRule({ kind: 'capped', caps: [{ partnerId: 'icb', capPence: pounds(30_000) }] }, [council, icb]),
    'pro rata to contributions, with NHS Demo ICB bearing no more than £30,000.00; what a partner would bear above its cap moves to the others pro rata.')
  assert.throws(() => applyRule({ kind: 'first-loss', partnerId: 'nobody', firstLossPence: 1 }, 100, [council, icb]), /not a partner/)
  assert.throws(() => applyRule({ kind: 'capped', caps: [{ partnerId: 'nobody', capPence: 1 }] }, 100, [council, icb]), /not in the fund/)
  assert.throws(() => riskShareTermsSchema.parse({ overspend: { kind: 'lottery' }, underspend: { kind: 'pro-rata' } }))
})
