import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatPence, parsePoundsToPence } from './money.ts'
import { financialQuarterOf, financialYearOf } from './financial-year.ts'

test('pence are shown as pounds the way a UK reader expects', () => {
  assert.equal(formatPence(123456), '£1,234.56')
  assert.equal(formatPence(123456, { whole: true }), '£1,235')
  assert.equal(formatPence(-500), '-£5.00')
  assert.equal(formatPence(null), '')
})

test('amounts typed into forms become pence, and anything else is refused', () => {
  assert.equal(parsePoundsToPence('£1,234.56'), 123456)
  assert.equal(parsePoundsToPence(' 1234.5 '), 123450)
  assert.equal(parsePoundsToPence('5000000'), 500000000)
  assert.equal(parsePoundsToPence('-20'), -2000)
  assert.equal(parsePoundsToPence('12.345'), undefined)
  assert.equal(parsePoundsToPence('twelve'), undefined)
  assert.equal(parsePoundsToPence(''), undefined)
})

test('financial years run April to March', () => {
  assert.equal(financialYearOf('2026-03-31').label, '2025/26')
  assert.equal(financialYearOf('2026-04-01').label, '2026/27')
  assert.equal(financialYearOf('2099-12-31').label, '2099/00')
  assert.equal(financialQuarterOf('2026-04-01'), 1)
  assert.equal(financialQuarterOf('2026-09-30'), 2)
  assert.equal(financialQuarterOf('2026-12-01'), 3)
  assert.equal(financialQuarterOf('2027-03-31'), 4)
})
