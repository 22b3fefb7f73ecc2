/** `catalyst risk naive-rule-report` as a person runs it, on the demo data. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertUserError, catalyst, target } from '../../test/support/cli.ts'

test('the naive-rule report on the demo: three suppliers the naive rule would exclude, one of them low risk', async () => {
  const t = await target({ demo: true })

  const human = await catalyst(t, ['risk', 'naive-rule-report', '--council', 'DEMO'])
  assert.equal(human.status, 0, human.stderr)
  assert.match(human.stdout, /Riverside Community Care\s+DBC-ASC-001\s+£2,480,000\s+£3,100,000\s+WOULD EXCLUDE\s+low \(tier 2\)/)
  assert.match(human.stdout, /The naive rule would exclude 3; of those the proportionate assessment finds 1 low, 1 medium and 1 high risk\./)

  const json = await catalyst(t, ['risk', 'naive-rule-report', '--council', 'DEMO', '--json'])
  assert.equal(json.status, 0, json.stderr)
  assert.equal(json.json.multiple, 2)
  // Nine supplier places from the registers demo and four from the red flags demo; six of those suppliers have figures.
  assert.deepEqual(json.json.summary, { contracts: 13, withFigures: 6, excluded: 3, excludedButLow: 1, excludedButMedium: 1, excludedAndHigh: 1 })
  assertUserError(await catalyst(t, ['risk', 'naive-rule-report', '--council', 'NOPE']), /NOPE/)
})
