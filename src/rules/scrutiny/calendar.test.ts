/** Clear days (reg 9, SI 2012/2089, usual reading: neither end counts) and call-in working days with bank holidays. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.ts'
import { addMonths, addWorkingDays, callInDeadline, clearDaysBetween, earliestDecisionDate, hasClearDaysNotice, isWithinCallIn, isWorkingDay } from './calendar.ts'
import { keyDecisionReasons } from './key-decision.ts'

const HOLIDAYS = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date))
const NONE = new Set<string>()

describe('clear days before a key decision (reg 9: 28 clear days)', () => {
  test('neither the day of publication nor the day of decision counts', () => {
    assert.equal(clearDaysBetween('2026-01-01', '2026-01-02'), 0)
    assert.equal(clearDaysBetween('2026-01-01', '2026-01-03'), 1)
    assert.equal(clearDaysBetween('2026-01-01', '2026-01-30'), 28)
  })
  test('a decision 29 days after publication has 28 clear days; 28 days after has 27 and fails', () => {
    assert.equal(hasClearDaysNotice('2026-03-02', '2026-03-31'), true)
    assert.equal(hasClearDaysNotice('2026-03-02', '2026-03-30'), false)
    assert.equal(earliestDecisionDate('2026-03-02'), '2026-03-31')
  })
  test('the boundary holds across a month end, a leap day and the clocks going forward', () => {
    // 29 February 2028 lies between; the clocks go forward on 26 March 2028.
    assert.equal(earliestDecisionDate('2028-02-10'), '2028-03-10')
    assert.equal(hasClearDaysNotice('2028-02-10', '2028-03-09'), false)
    assert.equal(hasClearDaysNotice('2028-03-20', '2028-04-18'), true)
    assert.equal(hasClearDaysNotice('2028-03-20', '2028-04-17'), false)
  })
  test('a decision before publication has no notice at all', () => {
    assert.equal(clearDaysBetween('2026-05-10', '2026-05-01'), -10)
    assert.equal(hasClearDaysNotice('2026-05-10', '2026-05-01'), false)
  })
})

describe('working days for call-in', () => {
  test('weekends are not working days; bank holidays in the list are not', () => {
    assert.equal(isWorkingDay('2026-04-03', NONE), true, 'Good Friday counts when the list lacks it')
    assert.equal(isWorkingDay('2026-04-03', HOLIDAYS), false)
    assert.equal(isWorkingDay('2026-04-04', HOLIDAYS), false)
    assert.equal(isWorkingDay('2026-04-07', HOLIDAYS), true)
  })
  test('five working days from a Monday end on the next Monday', () => {
    assert.equal(callInDeadline('2026-06-01', 5, HOLIDAYS), '2026-06-08')
  })
  test('Easter 2026 moves the deadline by its two bank holidays', () => {
    // Published Wednesday 1 April 2026: Thu 2, (Good Fri 3), (Sat, Sun), (Easter Mon 6), Tue 7, Wed 8, Thu 9, Fri 10.
    assert.equal(callInDeadline('2026-04-01', 5, HOLIDAYS), '2026-04-10')
    assert.equal(callInDeadline('2026-04-01', 5, NONE), '2026-04-08')
    assert.equal(isWithinCallIn('2026-04-01', '2026-04-10', 5, HOLIDAYS), true, 'the last day is in time')
    assert.equal(isWithinCallIn('2026-04-01', '2026-04-11', 5, HOLIDAYS), false, 'the day after is too late')
    assert.equal(isWithinCallIn('2026-04-01', '2026-04-09', 5, NONE), false, 'without the holidays the window closes sooner')
  })
  test('Christmas 2026 with Boxing Day’s substitute on Monday 28 December', () => {
    // Published Wednesday 23 December: Thu 24, (Fri 25), (weekend), (Mon 28), Tue 29, Wed 30, Thu 31, (Fri 1 Jan).
    assert.equal(addWorkingDays('2026-12-23', 4, HOLIDAYS), '2026-12-31')
    assert.equal(callInDeadline('2026-12-23', 5, HOLIDAYS), '2027-01-04')
  })
  test('a call-in on the day of publication is in time; one before it is not', () => {
    assert.equal(isWithinCallIn('2026-06-01', '2026-06-01', 5, HOLIDAYS), true)
    assert.equal(isWithinCallIn('2026-06-01', '2026-05-31', 5, HOLIDAYS), false)
  })
  test('a council’s own added holiday moves the deadline', () => {
    const withExtra = new Set([...HOLIDAYS, '2026-06-03'])
    assert.equal(callInDeadline('2026-06-01', 5, withExtra), '2026-06-09')
  })
})

describe('response deadlines in months', () => {
  test('two months on, held to the month’s end', () => {
    assert.equal(addMonths('2026-03-15', 2), '2026-05-15')
    assert.equal(addMonths('2026-12-31', 2), '2027-02-28')
    assert.equal(addMonths('2027-12-31', 2), '2028-02-29')
  })
})

describe('key decisions (reg 8)', () => {
  test('at the threshold is key; a penny under is not; no threshold set means value alone never makes it key', () => {
    assert.deepEqual(keyDecisionReasons({ valuePence: 50_000_000, wardsAffected: 0, thresholdPence: 50_000_000, judgedSignificant: false }), ['above-threshold'])
    assert.deepEqual(keyDecisionReasons({ valuePence: 49_999_999, wardsAffected: 1, thresholdPence: 50_000_000, judgedSignificant: false }), [])
    assert.deepEqual(keyDecisionReasons({ valuePence: 900_000_000, wardsAffected: 0, thresholdPence: null, judgedSignificant: false }), [])
  })
  test('two or more wards make it key whatever the value; savings count as spending does', () => {
    assert.deepEqual(keyDecisionReasons({ valuePence: null, wardsAffected: 2, thresholdPence: 50_000_000, judgedSignificant: false }), ['two-or-more-wards'])
    assert.deepEqual(keyDecisionReasons({ valuePence: -60_000_000, wardsAffected: 0, thresholdPence: 50_000_000, judgedSignificant: true }), ['above-threshold', 'judged-significant'])
  })
})
