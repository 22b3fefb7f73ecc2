import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isRedactedPayee, parseAmount, parseSpendDate } from './values.ts'

describe('payment dates as UK officers write them', () => {
  const cases: [string, string, string, string][] = [
    ['04/03/2025', '2025-03-04', '2025-03-04', 'day'],
    ['4/3/25', '2025-03-04', '2025-03-04', 'day'],
    ['04-03-2025', '2025-03-04', '2025-03-04', 'day'],
    ['04.03.2025', '2025-03-04', '2025-03-04', 'day'],
    ['04/03/2025 00:00:00', '2025-03-04', '2025-03-04', 'day'],
    ['2025-03-04', '2025-03-04', '2025-03-04', 'day'],
    ['2025-03-04T00:00:00Z', '2025-03-04', '2025-03-04', 'day'],
    ['20250304', '2025-03-04', '2025-03-04', 'day'],
    ['26-May-11', '2011-05-26', '2011-05-26', 'day'],
    ['01-Apr-2024', '2024-04-01', '2024-04-01', 'day'],
    ['6 Jun 2023', '2023-06-06', '2023-06-06', 'day'],
    ['6 June 2023', '2023-06-06', '2023-06-06', 'day'],
    ['45390', '2024-04-08', '2024-04-08', 'day'],
    ['Apr-24', '2024-04-01', '2024-04-30', 'month'],
    ['April 2024', '2024-04-01', '2024-04-30', 'month'],
    ['2024-04', '2024-04-01', '2024-04-30', 'month'],
    ['201904', '2019-04-01', '2019-04-30', 'month'],
    ['02/2024', '2024-02-01', '2024-02-29', 'month'],
    ['P01 2024/25', '2024-04-01', '2024-04-30', 'period'],
    ['P10 2024/25', '2025-01-01', '2025-01-31', 'period'],
    ['2024/25 P3', '2024-06-01', '2024-06-30', 'period'],
    ['Period 12 24/25', '2025-03-01', '2025-03-31', 'period'],
    ['P13 2024/25', '2025-03-31', '2025-03-31', 'period'],
    ['Q1 2024/25', '2024-04-01', '2024-06-30', 'quarter'],
    ['Q4 2024/25', '2025-01-01', '2025-03-31', 'quarter'],
    ['2024/25 Q3', '2024-10-01', '2024-12-31', 'quarter'],
    ['Q1 2024', '2024-01-01', '2024-03-31', 'quarter'],
  ]
  for (const [raw, start, end, precision] of cases) {
    test(`"${raw}"`, () => assert.deepEqual(parseSpendDate(raw), { ok: true, value: { start, end, precision } }))
  }
  const bad: [string, RegExp][] = [
    ['', /no payment date/],
    ['31/02/2024', /is not a date/],
    ['P03', /period with no year/],
    ['Q3', /period with no year/],
    ['13/13/2024', /is not a date/],
    ['yesterday', /is not a date/],
  ]
  for (const [raw, reason] of bad) {
    test(`"${raw}" is refused with a reason`, () => {
      const result = parseSpendDate(raw)
      assert.equal(result.ok, false)
      if (!result.ok) assert.match(result.reason, reason)
    })
  }
})

describe('amounts', () => {
  const cases: [string, number][] = [
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['"1,708.75"'.replace(/"/g, ''), 170875],
    [' 519.89 ', 51989],
    ['-£5', -500],
    ['£-5', -500],
    ['(1,234.56)', -123456],
    ['1234.5-', -123450],
    ['12.00 CR', -1200],
    ['GBP 12', 1200],
    ['.5', 50],
    ['0.005', 1],
    ['1234.564', 123456],
    ['0', 0],
  ]
  for (const [raw, pence] of cases) test(`"${raw}" is ${pence}p`, () => assert.deepEqual(parseAmount(raw), { ok: true, value: pence }))
  for (const raw of ['', 'twelve', '1.2.3', '£', '12,34', '1e5']) {
    test(`"${raw}" is not an amount`, () => assert.equal(parseAmount(raw).ok, false))
  }
})

describe('withheld payees', () => {
  for (const name of ['REDACTED', 'Redacted Personal Information', 'REDACTED UNDER DP ACT', 'Personal data', 'Individual', 'Private Individual', 'Name withheld', '*****', 'XXXXX', 'Data Protection']) {
    test(`"${name}" is withheld`, () => assert.equal(isRedactedPayee(name), true))
  }
  for (const name of ['Individual Care Services Ltd', 'Redwood Homes Ltd', 'Personal Touch Cleaning Ltd', 'Riverside Community Care']) {
    test(`"${name}" is an organisation`, () => assert.equal(isRedactedPayee(name), false))
  }
})
