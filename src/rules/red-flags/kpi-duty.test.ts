import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, settings } from './fixtures.ts'
import { kpiDuty } from './kpi-duty.ts'

const run = (c: ReturnType<typeof contract>, today = '2026-11-22') => kpiDuty.evaluate(facts({ contracts: [c], today }), settings())
const FIVE_MILLION = 500_000_000

test('over £5m with fewer than 3 KPIs: flagged; £5m exactly, or 3 KPIs, is not', () => {
  const recent = { startDate: '2026-06-01', awardDate: '2026-05-01' }
  assert.equal(run(contract({ ...recent, totalValuePence: FIVE_MILLION, kpiCount: 0 })).length, 0)
  const over = contract({ ...recent, totalValuePence: FIVE_MILLION + 1, kpiCount: 2 })
  const flags = run(over)
  assert.deepEqual(flags.map((f) => f.key), [`RF-KPI:contract:${over.id}:kpis`])
  assert.match(flags[0]!.summary, /has 2 KPIs; a contract of this value needs at least 3/)
  assert.equal(run(contract({ ...recent, totalValuePence: FIVE_MILLION + 1, kpiCount: 3 })).length, 0)
})

test('an assessment is overdue the day after 12 months from the last (or the start)', () => {
  const c = (lastAssessedOn: string) => contract({ totalValuePence: FIVE_MILLION + 1, kpiCount: 3, startDate: '2024-01-01', assessments: [{ assessedOn: lastAssessedOn, rating: 'good' }, { assessedOn: '2024-06-01', rating: 'good' }] })
  assert.equal(run(c('2025-11-22')).length, 0, 'due today')
  const overdue = run(c('2025-11-21'))
  assert.equal(overdue.length, 1)
  assert.match(overdue[0]!.key, /:assessment$/)
  assert.ok(overdue[0]!.evidence.some((e) => e.label === 'Last assessed' && e.value === '21 November 2025'))
  const never = run(contract({ totalValuePence: FIVE_MILLION + 1, kpiCount: 3, startDate: '2025-11-21' }))
  assert.equal(never.length, 1)
  assert.ok(never[0]!.evidence.some((e) => e.value.startsWith('never')))
})

test('light touch contracts and contracts no longer live are not flagged (s.52(6)(d), s.71(6))', () => {
  assert.equal(run(contract({ totalValuePence: FIVE_MILLION * 3, lightTouch: true, startDate: '2020-01-01' })).length, 0)
  assert.equal(run(contract({ totalValuePence: FIVE_MILLION * 3, status: 'expired', startDate: '2020-01-01' })).length, 0)
})
