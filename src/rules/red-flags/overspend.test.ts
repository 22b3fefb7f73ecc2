import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, settings, spend, SUPPLIER } from './fixtures.ts'
import { overspend } from './overspend.ts'

const run = (contracts: ReturnType<typeof contract>[], spent: number[]) =>
  overspend.evaluate(facts({ contracts, spend: spent.map((amountPence, i) => spend({ amountPence, year: 2024 + i })) }), settings())

test('services: spend up to 10% over the contract value is within s.74(4)(a); a penny more is flagged', () => {
  const c = contract({ totalValuePence: 10_000_000 })
  assert.equal(run([c], [11_000_000]).length, 0)
  const flags = run([c], [6_000_000, 5_000_001])
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-OVERSPEND:provider:${SUPPLIER}`)
  assert.match(flags[0]!.summary, /Acme Ltd was paid £110,000, 10% more than its contracts’ value of £100,000/)
  assert.ok(flags[0]!.evidence.some((e) => e.label === 'Spend 2024/25' && e.value === '£60,000'))
  assert.ok(flags[0]!.evidence.some((e) => e.label === 'Paid beyond that' && e.value === '£0'))
})

test('works allow 15%', () => {
  const c = contract({ totalValuePence: 10_000_000, mainCategory: 'works' })
  assert.equal(run([c], [11_500_000]).length, 0)
  assert.equal(run([c], [11_500_001]).length, 1)
})

test('several contracts add up, each with its own limit', () => {
  const goods = contract({ totalValuePence: 10_000_000, mainCategory: 'goods' })
  const works = contract({ totalValuePence: 10_000_000, mainCategory: 'works' })
  assert.equal(run([goods, works], [22_500_000]).length, 0)
  assert.equal(run([goods, works], [22_500_001]).length, 1)
})

test('no contract, a contract of unknown value, or spend not matched to a provider: not this rule’s flag', () => {
  assert.equal(run([], [50_000_000]).length, 0)
  assert.equal(run([contract({ totalValuePence: null })], [50_000_000]).length, 0)
  assert.equal(overspend.evaluate(facts({ contracts: [contract()], spend: [spend({ providerId: null, amountPence: 50_000_000 })] }), settings()).length, 0)
})

test('light touch contracts are flagged with a note that the Act lets them be modified freely', () => {
  const flags = run([contract({ totalValuePence: 10_000_000, lightTouch: true })], [20_000_000])
  assert.ok(flags[0]!.evidence.some((e) => e.label === 'Note'))
})
