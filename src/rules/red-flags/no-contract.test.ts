import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, settings, spend } from './fixtures.ts'
import { spendWithoutContract } from './no-contract.ts'

const run = (spent: ReturnType<typeof spend>[], contracts: ReturnType<typeof contract>[] = [], s = settings()) => spendWithoutContract.evaluate(facts({ spend: spent, contracts }), s)

test('more than £30,000 in a financial year with no contract: flagged; £30,000 exactly is not above it', () => {
  assert.equal(run([spend({ amountPence: 3_000_000 })]).length, 0)
  const flags = run([spend({ amountPence: 2_000_000, category: 'A' }), spend({ amountPence: 1_000_001, category: 'B' })])
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, 'RF-NOCONTRACT:payee:20000000-0000-4000-8000-000000000001:2025')
  assert.match(flags[0]!.summary, /Acme Ltd was paid £30,000 in 2025\/26 with no contract in force that year\./)
  assert.equal(flags[0]!.links[0]!.href, '/spend/payees/20000000-0000-4000-8000-000000000001')
})

test('the threshold is the council’s', () => {
  assert.equal(run([spend({ amountPence: 2_500_001 })], [], settings({ noContractThresholdPence: 2_500_000 })).length, 1)
  assert.equal(run([spend({ amountPence: 2_500_000 })], [], settings({ noContractThresholdPence: 2_500_000 })).length, 0)
})

test('a contract in force during the year clears it; one that ended before the year began, or starts after it ends, does not', () => {
  const big = [spend({ amountPence: 5_000_000, year: 2025 })]
  assert.equal(run(big, [contract({ startDate: '2024-04-01', endDate: '2025-04-01' })]).length, 0, 'ends on the year’s second day')
  assert.equal(run(big, [contract({ startDate: '2024-04-01', endDate: '2025-03-31' })]).length, 1, 'ended the day before the year began')
  assert.equal(run(big, [contract({ awardDate: '2026-03-31', startDate: '2026-03-31', endDate: '2027-03-31' })]).length, 0, 'starts on the year’s last day')
  assert.equal(run(big, [contract({ awardDate: '2026-04-01', startDate: '2026-04-01', endDate: '2027-03-31' })]).length, 1, 'starts the day after it ended')
})

test('redacted payees are left out; a payee not matched to a provider has no contract', () => {
  assert.equal(run([spend({ amountPence: 9_000_000, redacted: true })]).length, 0)
  const flags = run([spend({ amountPence: 9_000_000, providerId: null })], [contract()])
  assert.equal(flags.length, 1)
  assert.ok(flags[0]!.evidence.some((e) => e.value.includes('not matched')))
})
