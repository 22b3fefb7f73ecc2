import assert from 'node:assert/strict'
import { test } from 'node:test'
import { adviseOnModification, type ModificationInput } from './modification.ts'

const services: ModificationInput = {
  category: 'services',
  lightTouch: false,
  originalValuePence: 100_000_000, // £1m
  newValuePence: 100_000_000,
  originalTermMonths: 36,
  newTermMonths: 36,
  date: '2026-06-01',
}

test('a 10% value increase on a services contract is a below-threshold modification with no change notice (s.74(4), s.75(5))', () => {
  const advice = adviseOnModification({ ...services, newValuePence: 110_000_000 })
  assert.equal(advice.classification, 'below-threshold')
  assert.equal(advice.changeNoticeRequired, false)
  assert.ok(advice.cites.includes('s.74(4)(a)(ii)'))
  assert.ok(advice.cites.includes('s.75(5)'))
})

test('just over 10% on services is not below threshold; works allow 15% (s.74(4)(a))', () => {
  const over = adviseOnModification({ ...services, newValuePence: 110_000_100 })
  assert.notEqual(over.classification, 'below-threshold')
  assert.equal(over.changeNoticeRequired, true)
  const works = adviseOnModification({ ...services, category: 'works', originalValuePence: 1_000_000_000, newValuePence: 1_150_000_000 })
  assert.equal(works.classification, 'below-threshold')
  assert.ok(works.cites.includes('s.74(4)(a)(i)'))
})

test('below-threshold modifications add up: the total must stay under the Sch 1 threshold (s.74(4)(b))', () => {
  const advice = adviseOnModification({ ...services, newValuePence: 105_000_000, earlierBelowThresholdModificationsPence: 16_000_000 })
  // £50,000 + £160,000 = £210,000, over the £207,720 sub-central threshold from 1 January 2026.
  assert.notEqual(advice.classification, 'below-threshold')
  const before2026 = adviseOnModification({ ...services, date: '2025-12-31', newValuePence: 105_000_000, earlierBelowThresholdModificationsPence: 16_000_000 })
  // £210,000 is under the £214,904 threshold in force until 31 December 2025.
  assert.equal(before2026.classification, 'below-threshold')
})

test('extending the term by more than 10% is substantial and needs a Schedule 8 ground (s.74(3)(a))', () => {
  const advice = adviseOnModification({ ...services, newValuePence: 130_000_000, newTermMonths: 48 })
  assert.equal(advice.classification, 'not-permitted')
  assert.equal(advice.substantial, true)
  assert.match(advice.summary, /Schedule 8 ground/)
  assert.ok(advice.cites.includes('s.74(3)'))
})

test('an unforeseeable-circumstances modification is capped at a 50% increase (Sch 8 para 4)', () => {
  const within = adviseOnModification({ ...services, newValuePence: 150_000_000, newTermMonths: 48, ground: 'unforeseeable' })
  assert.equal(within.classification, 'schedule-8')
  assert.equal(within.changeNoticeRequired, true)
  assert.ok(within.cites.includes('Sch 8 para 4'))
  const beyond = adviseOnModification({ ...services, newValuePence: 150_000_100, ground: 'unforeseeable' })
  assert.equal(beyond.classification, 'not-permitted')
})

test('a light touch contract may be modified freely with no change notice (s.74(2), s.75(6)(b))', () => {
  const advice = adviseOnModification({ ...services, lightTouch: true, newValuePence: 300_000_000, newTermMonths: 72 })
  assert.equal(advice.classification, 'light-touch')
  assert.equal(advice.changeNoticeRequired, false)
  assert.deepEqual(advice.cites, ['s.74(2)', 's.75(6)(b)'])
})

test('a notifiable modification to a contract over £5m must be published within 90 days (s.77)', () => {
  const advice = adviseOnModification({ ...services, originalValuePence: 600_000_000, newValuePence: 700_000_000, ground: 'unforeseeable' })
  assert.equal(advice.publishWithin90Days, true)
  assert.ok(advice.cites.includes('s.77'))
})

test('a price rise beyond 10% with the term unchanged is not substantial on the officer’s answers, with a warning (s.74(3)(c))', () => {
  const advice = adviseOnModification({ ...services, newValuePence: 125_000_000 })
  assert.equal(advice.classification, 'not-substantial')
  assert.equal(advice.changeNoticeRequired, true)
  assert.equal(advice.warnings.length, 1)
})

test('novation on corporate restructuring always needs a change notice (Sch 8 para 9)', () => {
  const advice = adviseOnModification({ ...services, ground: 'corporate-restructuring' })
  assert.equal(advice.classification, 'schedule-8')
  assert.equal(advice.changeNoticeRequired, true)
})
