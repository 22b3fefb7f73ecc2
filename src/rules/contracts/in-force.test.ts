/** The one "in force" rule (ADR 0027) that RF-NOCONTRACT, the spend pages and RF-OVERSPEND share. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addDays, inForceDuring, paymentWithinTerm } from './in-force.ts'

const term = (startDate: string | null, endDate: string | null, awardDate: string | null = null) => ({ startDate, endDate, awardDate })

test('a contract is in force in a period it overlaps by a single day, at either end', () => {
  assert.equal(inForceDuring(term('2024-04-01', '2025-03-31'), '2025-03-31', '2026-03-30'), true)
  assert.equal(inForceDuring(term('2026-03-31', '2027-03-31'), '2025-04-01', '2026-03-31'), true)
  assert.equal(inForceDuring(term('2024-04-01', '2025-03-30'), '2025-03-31', '2026-03-31'), false)
  assert.equal(inForceDuring(term('2026-04-01', null), '2025-04-01', '2026-03-31'), false)
})

test('the award date stands in for a missing start date; a contract with no dates is taken to be in force', () => {
  assert.equal(inForceDuring(term(null, null, '2027-01-01'), '2025-04-01', '2026-03-31'), false)
  assert.equal(inForceDuring(term(null, null), '1999-04-01', '2000-03-31'), true)
})

test('a payment counts from the start to the end plus the late-invoice tolerance, and not before the start', () => {
  const c = term('2024-04-01', '2025-03-31')
  assert.equal(paymentWithinTerm(c, '2024-03-31', 90), false)
  assert.equal(paymentWithinTerm(c, '2024-04-01', 90), true)
  assert.equal(paymentWithinTerm(c, addDays('2025-03-31', 90), 90), true)
  assert.equal(paymentWithinTerm(c, addDays('2025-03-31', 91), 90), false)
  assert.equal(paymentWithinTerm(c, '2025-04-01', 0), false)
  assert.equal(addDays('2024-02-28', 1), '2024-02-29')
})
