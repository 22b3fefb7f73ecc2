/** LM3 (NEF, The Money Trail; domain-rules §6) against an example worked by hand, with ranges where nothing is known. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { calculateLm3, surveyProblem, type Lm3Supplier } from './lm3.ts'

const k = (pounds: number) => pounds * 100_000 // thousands of pounds in pence

const answered: Lm3Supplier[] = [
  // A local supplier: all £100k is Round 2; it re-spends 40% on local staff and 20% with local suppliers: £60k.
  { id: 'a', name: 'Local Care', spendPence: k(100), locality: 'local', survey: { localStaffShare: 0.4, localSupplierShare: 0.2 } },
  // A supplier from outside: only its 10% on local staff is Round 2 (£5k); its local supplier spend is not counted.
  { id: 'b', name: 'National Facilities', spendPence: k(50), locality: 'not-local', survey: { localStaffShare: 0.1, localSupplierShare: 0.3 } },
]

test('every supplier answered: LM3 = (150 + 105 + 60) / 150 = 2.1 exactly, coverage 100%', () => {
  const result = calculateLm3(answered)
  assert.equal(result.round1Pence, k(150))
  assert.deepEqual(result.round2, { low: k(105), high: k(105) })
  assert.deepEqual(result.round3, { low: k(60), high: k(60) })
  assert.deepEqual(result.lm3, { low: 2.1, high: 2.1 })
  assert.equal(result.coverage, 1)
  assert.deepEqual(result.notAnswered, [])
})

test('suppliers that have not answered widen the range instead of being assumed: 1.975 to 2.325, coverage 75%', () => {
  const result = calculateLm3([
    ...answered,
    // Local, no answer: Round 2 is its £30k; Round 3 anywhere from nothing to all £30k.
    { id: 'c', name: 'Parish Transport', spendPence: k(30), locality: 'local', survey: null },
    // Locality unknown and no answer: Rounds 2 and 3 each from nothing to its £20k.
    { id: 'd', name: 'Unmatched payee', spendPence: k(20), locality: 'unknown', survey: null },
  ])
  assert.equal(result.round1Pence, k(200))
  assert.deepEqual(result.round2, { low: k(135), high: k(155) })
  assert.deepEqual(result.round3, { low: k(60), high: k(110) })
  // (200 + 135 + 60) / 200 and (200 + 155 + 110) / 200
  assert.deepEqual(result.lm3, { low: 1.975, high: 2.325 })
  assert.equal(result.coverage, 0.75)
  assert.equal(result.localityKnown, 0.9)
  assert.deepEqual(result.notAnswered.map((s) => s.name), ['Parish Transport', 'Unmatched payee'], 'largest spend first')
})

test('a supplier of unknown locality that answered spans the two readings', () => {
  const result = calculateLm3([{ id: 'e', name: 'E', spendPence: k(10), locality: 'unknown', survey: { localStaffShare: 0.5, localSupplierShare: 0.2 } }])
  // Read as local: R2 £10k, R3 £7k. Read as from outside: R2 £5k (staff), R3 nothing.
  assert.deepEqual(result.round2, { low: k(5), high: k(10) })
  assert.deepEqual(result.round3, { low: 0, high: k(7) })
  assert.deepEqual(result.lm3, { low: 1.5, high: 2.7 })
  assert.equal(result.coverage, 0, 'an answer without a known locality does not count as covered')
})

test('the bounds: nothing local gives 1, everything local and re-spent gives 3; no spend gives no multiplier', () => {
  assert.deepEqual(calculateLm3([{ id: 'x', name: 'X', spendPence: k(1), locality: 'not-local', survey: { localStaffShare: 0, localSupplierShare: 0 } }]).lm3, { low: 1, high: 1 })
  assert.deepEqual(calculateLm3([{ id: 'y', name: 'Y', spendPence: k(1), locality: 'local', survey: { localStaffShare: 0.7, localSupplierShare: 0.3 } }]).lm3, { low: 3, high: 3 })
  const none = calculateLm3([])
  assert.equal(none.lm3, null)
  assert.equal(none.coverage, null)
})

test('a return whose shares are out of range or add to more than 100% is refused with a reason', () => {
  assert.equal(surveyProblem(0.4, 0.6), null)
  assert.match(surveyProblem(0.7, 0.4) ?? '', /more than 100%/)
  assert.match(surveyProblem(-0.1, 0) ?? '', /local staff/)
  assert.match(surveyProblem(0, 1.2) ?? '', /local suppliers/)
})
