import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, OTHER_SUPPLIER, settings } from './fixtures.ts'
import { splitContracts } from './split-contracts.ts'

const run = (contracts: ReturnType<typeof contract>[], s = settings()) => splitContracts.evaluate(facts({ contracts }), s)
const notifiable = (flags: ReturnType<typeof run>) => flags.filter((f) => f.key.includes(':notifiable:'))

test('two contracts with one supplier, each under £30,000, together at £30,000: flagged (s.87(4))', () => {
  const a = contract({ totalValuePence: 1_500_000, awardDate: '2026-03-01' })
  const b = contract({ totalValuePence: 1_500_000, awardDate: '2026-06-01' })
  const flags = notifiable(run([a, b]))
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-SPLIT:provider:${a.supplierIds[0]}:notifiable:${a.id}`)
  assert.match(flags[0]!.summary, /2 contracts with Acme Ltd, each below the notifiable below-threshold level of £30,000, together £30,000/)
  assert.ok(flags[0]!.evidence.some((e) => e.label === a.reference && e.value.includes('£15,000')))
  assert.ok(flags[0]!.links.some((l) => l.href === `/contracts/${a.id}`))
})

test('together £1p under the level: not flagged; one contract at the level is not "below" it', () => {
  assert.equal(notifiable(run([contract({ totalValuePence: 1_500_000 }), contract({ totalValuePence: 1_499_999, awardDate: '2026-04-01' })])).length, 0)
  // £30,000 is itself notifiable, so it is not one of the pieces; the other alone is under.
  assert.equal(notifiable(run([contract({ totalValuePence: 3_000_000 }), contract({ totalValuePence: 1_000_000, awardDate: '2026-04-01' })])).length, 0)
  // £29,999.99 is below: with £0.01 more the pair reaches £30,000.
  assert.equal(notifiable(run([contract({ totalValuePence: 2_999_999 }), contract({ totalValuePence: 1, awardDate: '2026-04-01' })])).length, 1)
})

test('the window: a contract awarded exactly 12 months after the first is outside it, a day earlier is inside', () => {
  const first = { totalValuePence: 2_000_000, awardDate: '2026-01-15' }
  assert.equal(notifiable(run([contract(first), contract({ totalValuePence: 2_000_000, awardDate: '2027-01-15' })])).length, 0)
  assert.equal(notifiable(run([contract(first), contract({ totalValuePence: 2_000_000, awardDate: '2027-01-14' })])).length, 1)
  // A 6-month window set by the council.
  assert.equal(notifiable(run([contract(first), contract({ totalValuePence: 2_000_000, awardDate: '2026-07-15' })], settings({ splitWindowMonths: 6 }))).length, 0)
})

test('values recorded without VAT are grossed up at the council’s rate before comparing', () => {
  const exVat = (pence: number, awardDate: string) => contract({ totalValuePence: pence, valuesIncludeVat: false, awardDate })
  // £12,500 + £12,500 = £25,000 ex VAT, £30,000 with VAT at 20%.
  assert.equal(notifiable(run([exVat(1_250_000, '2026-03-01'), exVat(1_250_000, '2026-04-01')])).length, 1)
  assert.equal(notifiable(run([exVat(1_250_000, '2026-03-01'), exVat(1_250_000, '2026-04-01')], settings({ vatRatePercent: 0 }))).length, 0)
})

test('contracts with different suppliers but the same CPV category are grouped; sharing both gives one flag', () => {
  const a = contract({ totalValuePence: 2_000_000, cpvCodes: ['85312000'] })
  const b = contract({ totalValuePence: 2_000_000, cpvCodes: ['85312300'], supplierIds: [OTHER_SUPPLIER], awardDate: '2026-05-01' })
  const flags = notifiable(run([a, b]))
  assert.equal(flags.length, 1)
  assert.match(flags[0]!.key, /^RF-SPLIT:cpv:85312:notifiable:/)
  const sameSupplier = notifiable(run([contract({ totalValuePence: 2_000_000, cpvCodes: ['85312000'] }), contract({ totalValuePence: 2_000_000, cpvCodes: ['85312000'], awardDate: '2026-05-01' })]))
  assert.equal(sameSupplier.length, 1, 'one flag, by supplier')
  assert.match(sameSupplier[0]!.key, /^RF-SPLIT:provider:/)
  // Eight digits: 85312000 and 85312300 differ.
  assert.equal(notifiable(run([a, b], settings({ splitCpvDigits: 8 }))).length, 0)
})

test('the Schedule 1 threshold by date: £207,720 from 1 January 2026, £214,904 before', () => {
  const sch1 = (flags: ReturnType<typeof run>) => flags.filter((f) => f.key.includes(':sub-central-goods-services:'))
  // £103,860 twice = £207,720, at the 2026 threshold.
  assert.equal(sch1(run([contract({ totalValuePence: 10_386_000, awardDate: '2026-01-01' }), contract({ totalValuePence: 10_386_000, awardDate: '2026-02-01' })])).length, 1)
  assert.equal(sch1(run([contract({ totalValuePence: 10_386_000, awardDate: '2026-01-01' }), contract({ totalValuePence: 10_385_999, awardDate: '2026-02-01' })])).length, 0)
  // The same pair from 31 December 2025 is measured against £214,904: not flagged.
  assert.equal(sch1(run([contract({ totalValuePence: 10_386_000, awardDate: '2025-12-31' }), contract({ totalValuePence: 10_386_000, awardDate: '2026-02-01' })])).length, 0)
  // A contract at the threshold is above it (s.3: "not less than"), so is not a piece.
  assert.equal(sch1(run([contract({ totalValuePence: 20_772_000, awardDate: '2026-01-01' }), contract({ totalValuePence: 100_000, awardDate: '2026-02-01' })])).length, 0)
})

test('works and light touch are measured against their own thresholds, not mixed with goods and services', () => {
  const lt = (awardDate: string) => contract({ totalValuePence: 40_000_000, lightTouch: true, awardDate })
  const flags = run([lt('2026-01-10'), lt('2026-02-10')])
  assert.equal(flags.filter((f) => f.key.includes(':light-touch:')).length, 1, '£400,000 twice reaches the £663,540 light touch threshold')
  assert.equal(flags.filter((f) => f.key.includes(':sub-central-goods-services:')).length, 0)
})

test('contracts let before the Act commenced (24 February 2025), or with no value or date, are left out', () => {
  assert.equal(run([contract({ totalValuePence: 2_000_000, awardDate: '2025-02-23', startDate: '2025-02-23' }), contract({ totalValuePence: 2_000_000, awardDate: '2025-03-01' })]).length, 0)
  assert.equal(run([contract({ totalValuePence: null }), contract({ totalValuePence: 3_000_000 })]).length, 0)
  assert.equal(run([contract({ totalValuePence: 2_000_000, awardDate: null, startDate: null }), contract({ totalValuePence: 2_000_000 })]).length, 0)
})
