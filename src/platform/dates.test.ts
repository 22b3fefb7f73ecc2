import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatDate, formatDateRange, formatDateTime, formatIfDate, isoDate } from './dates.ts'

describe('dates on pages', () => {
  it('writes a calendar date as GOV.UK does, with no leading zero and the month in full', () => {
    assert.equal(formatDate('2026-12-07'), '7 December 2026')
    assert.equal(formatDate('2024-02-29'), '29 February 2024')
    assert.equal(formatDate('2023-03-31'), '31 March 2023')
  })

  it('writes an instant as the day it was in London, across midnight in summer time', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    assert.equal(formatDate(new Date('2026-06-30T23:30:00Z')), '1 July 2026')
    // In winter London is on UTC.
    assert.equal(formatDate(new Date('2026-12-07T23:30:00Z')), '7 December 2026')
    assert.equal(formatDate('2026-06-30T23:30:00.000Z'), '1 July 2026')
  })

  it('gives nothing for no date or one that cannot be read, rather than "Invalid Date"', () => {
    for (const value of [null, undefined, '', 'not a date', '2026-02-30', '2026-13-01']) assert.equal(formatDate(value), '', String(value))
  })

  it('writes times as 3:05pm, 12:00pm at midday and 12:00am at midnight, in London time', () => {
    assert.equal(formatDateTime(new Date('2026-12-07T15:05:00Z')), '7 December 2026 at 3:05pm')
    assert.equal(formatDateTime(new Date('2026-07-01T11:00:00Z')), '1 July 2026 at 12:00pm')
    assert.equal(formatDateTime(new Date('2026-12-07T00:00:00Z')), '7 December 2026 at 12:00am')
    assert.equal(formatDateTime('2026-12-07'), '7 December 2026', 'a calendar date has no time')
  })

  it('writes a range with "to"', () => {
    assert.equal(formatDateRange('2025-04-01', '2026-03-31'), '1 April 2025 to 31 March 2026')
    assert.equal(formatDateRange('2025-04-01', undefined), 'from 1 April 2025')
    assert.equal(formatDateRange(undefined, '2026-03-31'), 'to 31 March 2026')
  })
})

describe('dates in files', () => {
  it('writes ISO 8601 calendar dates, an instant as its London day', () => {
    assert.equal(isoDate('2026-12-07'), '2026-12-07')
    assert.equal(isoDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(isoDate(new Date('2026-01-05T10:00:00Z')), '2026-01-05')
    assert.equal(isoDate('nonsense'), '')
  })
})

describe('stored values shown to people', () => {
  it('writes dates and timestamps found in audit entries as pages do, and leaves other text alone', () => {
    assert.equal(formatIfDate('2026-09-30'), '30 September 2026')
    assert.equal(formatIfDate('2026-09-30T09:15:00.000Z'), '30 September 2026 at 10:15am')
    assert.equal(formatIfDate('Ref 2026-09-30'), 'Ref 2026-09-30')
    assert.equal(formatIfDate('Hilltop Youth Trust'), 'Hilltop Youth Trust')
  })
})
