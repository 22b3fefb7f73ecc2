import assert from 'node:assert/strict'
import { test } from 'node:test'
import { repeatedDirectAwards } from './direct-awards.ts'
import { contract, facts, settings, SUPPLIER } from './fixtures.ts'

const direct = (awardDate: string, ground = 'sch5-13') => contract({ awardProcedure: 'direct-award', directAwardGround: ground, awardDate, startDate: awardDate })
const run = (contracts: ReturnType<typeof contract>[], s = settings()) => repeatedDirectAwards.evaluate(facts({ contracts }), s)

test('three direct awards to one supplier within 24 months: flagged, keyed by the supplier', () => {
  const flags = run([direct('2025-03-01'), direct('2025-09-01'), direct('2027-02-28')])
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-DIRECT:provider:${SUPPLIER}`)
  assert.match(flags[0]!.summary, /^3 direct awards to Acme Ltd between 1 March 2025 and 28 February 2027, within 24 months\./)
  assert.equal(flags[0]!.links[0]!.href, `/providers/${SUPPLIER}`)
})

test('two is below the count; the third exactly 24 months after the first is outside the window', () => {
  assert.equal(run([direct('2025-03-01'), direct('2025-09-01')]).length, 0)
  assert.equal(run([direct('2025-03-01'), direct('2025-09-01'), direct('2027-03-01')]).length, 0)
  assert.equal(run([direct('2025-03-01'), direct('2025-09-01'), direct('2027-03-01')], settings({ directAwardCount: 2 })).length, 1)
})

test('only direct awards count, and user choice awards only when the council says so', () => {
  assert.equal(run([direct('2025-03-01'), direct('2025-04-01'), contract({ awardDate: '2025-05-01' })]).length, 0)
  const userChoice = [direct('2025-03-01', 'sch5-15'), direct('2025-04-01', 'sch5-15'), direct('2025-05-01', 'sch5-15')]
  assert.equal(run(userChoice).length, 0)
  assert.equal(run(userChoice, settings({ directAwardCountUserChoice: true })).length, 1)
})

test('the evidence lists the awards in the latest qualifying window', () => {
  const flags = run([direct('2020-01-01'), direct('2025-01-01'), direct('2025-06-01'), direct('2026-01-01')])
  assert.equal(flags[0]!.evidence.filter((e) => e.label.startsWith('C-')).length, 3)
  assert.ok(flags[0]!.evidence.some((e) => e.value.includes('sch5-13')))
})
