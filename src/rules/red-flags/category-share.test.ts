import assert from 'node:assert/strict'
import { test } from 'node:test'
import { categoryShare } from './category-share.ts'
import { facts, settings, spend } from './fixtures.ts'

const A = '20000000-0000-4000-8000-00000000000a'
const B = '20000000-0000-4000-8000-00000000000b'
const run = (aPence: number, bPence: number, s = settings(), category = 'Home care') =>
  categoryShare.evaluate(facts({ spend: [spend({ payeeId: A, payeeName: 'Alpha', amountPence: aPence, category }), spend({ payeeId: B, payeeName: 'Beta', providerId: null, amountPence: bPence, category })] }), s)

test('more than 50% of a category of at least £100,000: flagged; exactly 50% is not more', () => {
  assert.equal(run(5_000_000, 5_000_000).length, 0)
  const flags = run(5_000_100, 4_999_900)
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-SHARE:payee:${A}:2025:Home care`)
  assert.match(flags[0]!.summary, /Alpha took 50% of 2025\/26 spend on “Home care” \(£50,001 of £100,000\)/)
})

test('a category under the minimum is not checked; at the minimum it is', () => {
  assert.equal(run(9_000_000, 999_999).length, 0, '£99,999.99')
  assert.equal(run(9_000_000, 1_000_000).length, 1, '£100,000')
})

test('the share is the council’s; “not stated” categories are left out', () => {
  assert.equal(run(7_000_000, 3_000_000, settings({ categorySharePercent: 70 })).length, 0)
  assert.equal(run(7_000_001, 2_999_999, settings({ categorySharePercent: 70 })).length, 1)
  assert.equal(run(9_000_000, 3_000_000, settings(), '').length, 0)
})

test('credits do not shrink the total the share is taken of', () => {
  const flags = categoryShare.evaluate(facts({ spend: [spend({ payeeId: A, amountPence: 6_000_000 }), spend({ payeeId: B, amountPence: 5_000_000 }), spend({ payeeId: 'c', amountPence: -5_000_000 })] }), settings())
  assert.equal(flags.length, 1)
  assert.match(flags[0]!.summary, /54\.5%/)
})
