import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMonths, dateOf, isIsoDate, londonDate, monthsBetween } from './dates.ts'

test('real dates only', () => {
  assert.equal(isIsoDate('2024-02-29'), true)
  assert.equal(isIsoDate('2025-02-29'), false)
  assert.equal(isIsoDate('2026-13-01'), false)
  assert.equal(isIsoDate('26-1-1'), false)
  assert.equal(dateOf('2026-04-01T00:00:00Z'), '2026-04-01')
  assert.equal(dateOf('2026-02-30T00:00:00Z'), undefined)
})

test('months are added on the calendar, keeping to the end of short months', () => {
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28')
  assert.equal(addMonths('2026-06-15', 12), '2027-06-15')
  assert.equal(addMonths('2026-06-15', -3), '2026-03-15')
  assert.equal(monthsBetween('2025-04-01', '2028-03-31'), 36)
  assert.equal(monthsBetween('2025-04-01', '2025-09-30'), 6)
})

test('today is the London date', () => {
  assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
  assert.equal(londonDate(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
})
