import assert from 'node:assert/strict'
import { test } from 'node:test'
import { askedQuarters, dueDateOf, quarterOf, quarterStartingOn, readFigure, reportableQuarters, returnState, showFigure } from './rules.ts'

test('quarters are the financial year’s: April to June, July to September, October to December, January to March', () => {
  assert.deepEqual(quarterOf('2026-05-17'), { start: '2026-04-01', end: '2026-06-30', label: 'April to June 2026' })
  assert.deepEqual(quarterOf('2027-03-31'), { start: '2027-01-01', end: '2027-03-31', label: 'January to March 2027' })
  assert.deepEqual(quarterOf('2026-12-01'), { start: '2026-10-01', end: '2026-12-31', label: 'October to December 2026' })
  assert.equal(quarterStartingOn('2026-07-01')?.end, '2026-09-30')
  assert.equal(quarterStartingOn('2026-08-01'), undefined)
  assert.equal(quarterStartingOn('not-a-date'), undefined)
})

test('a return is due 30 days after its quarter ends, and late the day after', () => {
  const q = quarterOf('2026-08-01')
  assert.equal(dueDateOf(q), '2026-10-30')
  assert.equal(returnState(q, undefined, '2026-09-30'), 'not-due')
  assert.equal(returnState(q, undefined, '2026-10-01'), 'due')
  assert.equal(returnState(q, undefined, '2026-10-30'), 'due')
  assert.equal(returnState(q, undefined, '2026-10-31'), 'late')
  // A return sent, however late, is no longer late: it is with the council.
  assert.equal(returnState(q, 'submitted', '2027-01-01'), 'submitted')
  assert.equal(returnState(q, 'queried', '2027-01-01'), 'queried')
})

test('a provider may report every ended quarter of the term; the council asks for those of the last twelve months', () => {
  const term = { startDate: '2025-05-10', endDate: '2028-05-09' }
  const today = '2026-12-07'
  assert.deepEqual(reportableQuarters(term, today).map((q) => q.start), ['2026-07-01', '2026-04-01', '2026-01-01', '2025-10-01', '2025-07-01', '2025-04-01'])
  assert.deepEqual(askedQuarters(term, today).map((q) => q.start), ['2026-07-01', '2026-04-01', '2026-01-01', '2025-10-01'])
  // On 1 January 2027 October to December 2025 ended more than twelve months ago and is no longer asked for.
  assert.deepEqual(askedQuarters(term, '2027-01-01').map((q) => q.start), ['2026-10-01', '2026-07-01', '2026-04-01', '2026-01-01'])
  // A contract that ended asks for nothing after its end, and one not yet started for nothing at all.
  assert.deepEqual(reportableQuarters({ startDate: '2026-01-15', endDate: '2026-05-01' }, today).map((q) => q.start), ['2026-04-01', '2026-01-01'])
  assert.deepEqual(reportableQuarters({ startDate: '2027-01-01', endDate: null }, today), [])
  assert.deepEqual(reportableQuarters({ startDate: null, endDate: null }, today), [])
})

test('figures are read as people type them and shown without trailing zeros', () => {
  assert.deepEqual(readFigure(' 96.5% '), { ok: true, value: '96.5' })
  assert.deepEqual(readFigure('1,200'), { ok: true, value: '1200' })
  assert.deepEqual(readFigure('-3'), { ok: true, value: '-3' })
  assert.deepEqual(readFigure('007'), { ok: true, value: '7' })
  assert.equal(readFigure('').ok, false)
  assert.equal(readFigure('about 90').ok, false)
  assert.equal(readFigure('1.23456').ok, false)
  assert.equal(showFigure('96.5000'), '96.5')
  assert.equal(showFigure('1200.0000'), '1,200')
  assert.equal(showFigure('-1234567.25'), '-1,234,567.25')
})
