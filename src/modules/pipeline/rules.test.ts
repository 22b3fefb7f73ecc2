import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bandOf, inNotice, noticeRequired, noticeWindow } from './rules.ts'

test('s.93: the notice is for the coming 1 April, published within 56 days of it, covering 18 months', () => {
  assert.deepEqual(noticeWindow('2026-12-07'), { from: '2027-04-01', to: '2028-09-30', publishBy: '2027-05-27', yearLabel: '2027/28', yearEnd: '2028-03-31' })
  // Within the 56 days the notice in hand is this year's; the day after, next year's.
  assert.equal(noticeWindow('2027-05-27').from, '2027-04-01')
  assert.equal(noticeWindow('2027-05-28').from, '2028-04-01')
  assert.equal(noticeWindow('2027-01-15').from, '2027-04-01')
})

test('s.93(1): required only when more than £100m is expected to be paid in the year', () => {
  assert.equal(noticeRequired(100_000_000 * 100), false)
  assert.equal(noticeRequired(100_000_000 * 100 + 1), true)
})

test('s.93(2): the notice lists contracts over £2m expected within its 18 months', () => {
  const w = noticeWindow('2026-12-07')
  assert.equal(inNotice({ valuePence: 200_000_001, date: '2027-06-01' }, w), true)
  assert.equal(inNotice({ valuePence: 200_000_000, date: '2027-06-01' }, w), false)
  assert.equal(inNotice({ valuePence: 500_000_000, date: '2028-10-01' }, w), false)
  assert.equal(inNotice({ valuePence: 500_000_000, date: '2027-03-31' }, w), false)
  assert.equal(inNotice({ valuePence: null, date: '2027-06-01' }, w), false)
})

test('value bands include their upper bound', () => {
  assert.equal(bandOf(200_000_000)?.code, '500k-2m')
  assert.equal(bandOf(200_000_001)?.code, 'over-2m')
  assert.equal(bandOf(5_000_000)?.code, 'under-100k')
  assert.equal(bandOf(null), undefined)
})
