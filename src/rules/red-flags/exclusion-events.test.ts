import assert from 'node:assert/strict'
import { test } from 'node:test'
import { exclusionEvents, insideLookBack } from './exclusion-events.ts'
import { contract, event, facts, OTHER_SUPPLIER, settings, SUPPLIER } from './fixtures.ts'

const today = '2026-11-22'
const run = (events: ReturnType<typeof event>[], contracts = [contract()], proposed: { providerId: string; title: string; assessedOn: string }[] = []) =>
  exclusionEvents.evaluate(facts({ today, events, contracts, proposed }), settings())

test('an insolvency known last year, with a live contract: flagged with its paragraph and dates', () => {
  const flags = run([event({ knownOn: '2025-06-10' })])
  assert.equal(flags.length, 1)
  assert.equal(flags[0]!.key, `RF-EXCLUSION:provider:${SUPPLIER}`)
  const ground = flags[0]!.evidence[0]!
  assert.equal(ground.label, 'Insolvency (Sch 7 para 5)')
  assert.match(ground.value, /known 10 June 2025, counts until 10 June 2028/)
})

test('para 15: known exactly 3 years ago still counts; a day more does not; a future date does not', () => {
  assert.equal(run([event({ knownOn: '2023-11-22' })]).length, 1)
  assert.equal(run([event({ knownOn: '2023-11-21' })]).length, 0)
  assert.equal(run([event({ knownOn: '2026-11-23' })]).length, 0)
  assert.equal(insideLookBack('2021-11-22', today, 10), true, 'never beyond 5 years...')
  assert.equal(insideLookBack('2021-11-21', today, 10), false, '...whatever the ground')
})

test('every para 5, 6 and 12 kind counts; an unknown kind does not', () => {
  for (const kind of ['insolvency', 'ceased-trading', 'serious-breach', 'poor-performance', 's71-notice']) assert.equal(run([event({ kind })]).length, 1, kind)
  assert.equal(run([event({ kind: 'rumour' })]).length, 0)
})

test('only with a live or proposed contract', () => {
  assert.equal(run([event()], [contract({ status: 'expired' })]).length, 0)
  assert.equal(run([event()], [contract({ status: 'planned' })]).length, 1)
  assert.equal(run([event()], [contract({ supplierIds: [OTHER_SUPPLIER] })]).length, 0)
  const proposed = run([event()], [], [{ providerId: SUPPLIER, title: 'Day centre meals', assessedOn: '2026-10-01' }])
  assert.equal(proposed.length, 1)
  assert.match(proposed[0]!.evidence.at(-1)!.value, /Day centre meals \(proposed/)
})

test('an inadequate performance assessment inside 3 years counts as para 12 evidence', () => {
  const rated = (assessedOn: string, rating = 'inadequate') => contract({ assessments: [{ assessedOn, rating }] })
  assert.equal(run([], [rated('2023-11-22')]).length, 1)
  assert.equal(run([], [rated('2023-11-21')]).length, 0)
  assert.equal(run([], [rated('2026-01-01', 'requires-improvement')]).length, 0)
})
