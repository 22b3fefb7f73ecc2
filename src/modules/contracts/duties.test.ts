import assert from 'node:assert/strict'
import { test } from 'node:test'
import { attentionReasons, checkKpiDuty, type ContractDutyFacts } from './duties.ts'

const big: ContractDutyFacts = {
  totalValuePence: 600_000_000,
  lightTouch: false,
  status: 'active',
  startDate: '2025-04-01',
  endDate: '2029-03-31',
  reviewDate: null,
  extensionOptions: 0,
  extensionsTaken: 0,
  kpiCount: 3,
  lastAssessedOn: '2026-03-01',
}
const today = '2026-06-15'

test('a contract over £5m, not light touch, with 3 KPIs and an assessment this year meets ss.52 and 71', () => {
  assert.deepEqual(checkKpiDuty(big, today), { applies: true, shortfalls: [], nextAssessmentDue: '2027-03-01', cites: ['s.52(1)', 's.52(6)(d)', 's.71(2)'] })
})

test('the duty falls short with fewer than 3 KPIs, or no assessment in 12 months', () => {
  const cases: [Partial<ContractDutyFacts>, string[]][] = [
    [{ kpiCount: 2 }, ['kpis-missing']],
    [{ lastAssessedOn: '2025-06-14' }, ['assessment-overdue']],
    [{ lastAssessedOn: '2025-06-15' }, []],
    [{ lastAssessedOn: null, startDate: '2025-01-10', kpiCount: 0 }, ['kpis-missing', 'assessment-overdue']],
    [{ lastAssessedOn: null, startDate: '2026-01-10', kpiCount: 3 }, []],
  ]
  for (const [change, expected] of cases) assert.deepEqual(checkKpiDuty({ ...big, ...change }, today).shortfalls, expected, JSON.stringify(change))
})

test('the duty does not apply at £5m exactly, below it, or to a light touch contract', () => {
  assert.equal(checkKpiDuty({ ...big, totalValuePence: 500_000_000, kpiCount: 0 }, today).applies, false)
  assert.equal(checkKpiDuty({ ...big, totalValuePence: null }, today).applies, false)
  const lightTouch = checkKpiDuty({ ...big, lightTouch: true, kpiCount: 0 }, today)
  assert.equal(lightTouch.applies, false)
  assert.deepEqual(lightTouch.cites, ['s.52(6)(d)', 's.71(6)'])
})

test('the attention list sorts ending contracts into 3, 6 and 12 months and finds reviews and extensions', () => {
  const small = { ...big, totalValuePence: 1_000_000 }
  assert.deepEqual(attentionReasons({ ...small, endDate: '2026-09-15' }, today), ['expires-3-months'])
  assert.deepEqual(attentionReasons({ ...small, endDate: '2026-09-16' }, today), ['expires-6-months'])
  assert.deepEqual(attentionReasons({ ...small, endDate: '2027-06-15' }, today), ['expires-12-months'])
  assert.deepEqual(attentionReasons({ ...small, endDate: '2027-06-16' }, today), [])
  assert.deepEqual(attentionReasons({ ...small, endDate: '2026-06-14' }, today), [], 'already ended')
  assert.deepEqual(attentionReasons({ ...small, reviewDate: '2026-06-15', extensionOptions: 2, extensionsTaken: 1 }, today), ['review-due', 'extension-available'])
  assert.deepEqual(attentionReasons({ ...big, kpiCount: 1, lastAssessedOn: '2025-01-01' }, today), ['assessment-overdue', 'kpis-missing'])
  assert.deepEqual(attentionReasons({ ...small, status: 'expired', endDate: '2026-07-01' }, today), [], 'only live contracts')
})
