/** RF-OVERSPEND (s.74(4)(a)): only payments inside a contract's term, plus the late-invoice tolerance, count (ADR 0027). */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, payment, settings, SUPPLIER } from './fixtures.ts'
import { overspend } from './overspend.ts'

const term = { startDate: '2024-04-01', awardDate: '2024-03-01', endDate: '2025-03-31' }
const run = (contracts: ReturnType<typeof contract>[], payments: ReturnType<typeof payment>[], overrides = {}) =>
  overspend.evaluate(facts({ contracts, payments }), settings(overrides))

test('services: spend up to 10% over the contract value is within s.74(4)(a); a penny more is flagged', () => {
  const c = contract({ ...term, totalValuePence: 10_000_000 })
  assert.equal(run([c], [payment({ date: '2024-05-01', amountPence: 11_000_000 })]).length, 0)
  const flags = run([c], [payment({ date: '2024-05-01', amountPence: 6_000_000 }), payment({ date: '2025-02-01', amountPence: 5_000_001 })])
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-OVERSPEND:contracts:${c.id}`)
  assert.match(flags[0]!.summary, new RegExp(`Acme Ltd was paid £110,000 under ${c.reference} \\(${c.title}\\), 10% more than its value of £100,000`))
  assert.ok(flags[0]!.evidence.some((e) => e.label === 'Paid beyond that' && e.value === '£0'))
})

test('payments before the start, or after the end and its 90 days, are not counted, and the flag says so', () => {
  const c = contract({ ...term, totalValuePence: 10_000_000 })
  const before = payment({ date: '2024-03-31', amountPence: 50_000_000 })
  const late = payment({ date: '2025-06-30', amountPence: 1_000_000 }) // 91 days after the end
  const onTime = payment({ date: '2025-06-29', amountPence: 1_000_000 }) // the 90th day
  assert.equal(run([c], [before, late, onTime, payment({ date: '2024-06-01', amountPence: 10_000_000 })]).length, 0, '£110,000 counted: within the limit')
  const flags = run([c], [before, late, onTime, payment({ date: '2024-06-01', amountPence: 10_000_001 })])
  assert.equal(flags.length, 1)
  const evidence = Object.fromEntries(flags[0]!.evidence.map((e) => [e.label, e.value]))
  assert.equal(evidence['Payments counted'], '2 payments, £110,000, made 1 June 2024 to 29 June 2025: during the contract’s term or up to 90 days after it ended')
  assert.equal(evidence['Not counted'], '2 payments to Acme Ltd, £510,000, made when none of its contracts was in force')
  const link = flags[0]!.links[0]!
  assert.equal(link.href, '/spend/payments?payee=20000000-0000-4000-8000-000000000001&from=2024-06-01&to=2025-06-29')
})

test('the council sets the tolerance: with 0 days a payment the day after the end is not counted', () => {
  const c = contract({ ...term, totalValuePence: 10_000_000 })
  const payments = [payment({ date: '2024-06-01', amountPence: 10_000_000 }), payment({ date: '2025-04-01', amountPence: 5_000_000 })]
  assert.equal(run([c], payments).length, 1)
  assert.equal(run([c], payments, { overspendLateInvoiceDays: 0 }).length, 0)
})

test('each contract is measured against the payments made in its own term', () => {
  const first = contract({ startDate: '2022-04-01', awardDate: null, endDate: '2023-03-31', totalValuePence: 10_000_000 })
  const second = contract({ startDate: '2024-04-01', awardDate: null, endDate: '2025-03-31', totalValuePence: 10_000_000 })
  // £150,000 in the second contract's term: over it, though under the two contracts' £200,000 together.
  const flags = run([first, second], [payment({ date: '2022-06-01', amountPence: 1_000_000 }), payment({ date: '2024-06-01', amountPence: 15_000_000 })], { overspendLateInvoiceDays: 0 })
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-OVERSPEND:contracts:${second.id}`)
})

test('a payment while two contracts overlap ties them together, and they are measured together', () => {
  const goods = contract({ ...term, totalValuePence: 10_000_000, mainCategory: 'goods' })
  const works = contract({ ...term, totalValuePence: 10_000_000, mainCategory: 'works' })
  assert.equal(run([goods, works], [payment({ date: '2024-06-01', amountPence: 22_500_000 })]).length, 0)
  const flags = run([goods, works], [payment({ date: '2024-06-01', amountPence: 22_500_001 })])
  assert.equal(flags.length, 1)
  assert.match(flags[0]!.summary, /under its 2 overlapping contracts/)
  assert.equal(flags[0]!.key, `RF-OVERSPEND:contracts:${[goods.id, works.id].sort().join('+')}`)
})

test('no contract in force, or a contract of unknown value: not this rule’s flag', () => {
  assert.equal(run([], [payment({ amountPence: 50_000_000 })]).length, 0)
  assert.equal(run([contract({ ...term, totalValuePence: null })], [payment({ date: '2024-06-01', amountPence: 50_000_000 })]).length, 0)
  assert.equal(run([contract({ ...term })], [payment({ date: '2026-06-01', amountPence: 50_000_000 })]).length, 0)
})

test('light touch contracts are flagged with a note that the Act lets them be modified freely', () => {
  const flags = run([contract({ ...term, totalValuePence: 10_000_000, lightTouch: true })], [payment({ date: '2024-06-01', amountPence: 20_000_000 })])
  assert.ok(flags[0]!.evidence.some((e) => e.label === 'Note'))
  assert.equal(flags[0]!.links.at(-1)!.href, `/providers/${SUPPLIER}`)
})
