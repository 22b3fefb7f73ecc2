import assert from 'node:assert/strict'
import { test } from 'node:test'
import { OVERDUE_WINDOW_DAYS, reminderKindFor, shiftDate } from './windows.ts'

test('a due date earns a due-soon reminder within the lead time, including on the day itself', () => {
  assert.equal(reminderKindFor('2026-12-21', '2026-12-07', 14), 'due-soon')
  assert.equal(reminderKindFor('2026-12-22', '2026-12-07', 14), undefined)
  assert.equal(reminderKindFor('2026-12-07', '2026-12-07', 14), 'due-soon')
})

test('a passed due date earns an overdue reminder, but only within the overdue window', () => {
  assert.equal(reminderKindFor('2026-12-06', '2026-12-07', 14), 'overdue')
  assert.equal(reminderKindFor(shiftDate('2026-12-07', -OVERDUE_WINDOW_DAYS), '2026-12-07', 14), 'overdue')
  assert.equal(reminderKindFor(shiftDate('2026-12-07', -OVERDUE_WINDOW_DAYS - 1), '2026-12-07', 14), undefined)
})

test('dates shift across months, years and the leap day', () => {
  assert.equal(shiftDate('2026-12-31', 1), '2027-01-01')
  assert.equal(shiftDate('2028-03-01', -1), '2028-02-29')
})
