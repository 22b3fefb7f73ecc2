/** `catalyst red-flags` as a person runs it: every rule raises a flag on the demo, in words and as JSON. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertUserError, catalyst, target } from '../../test/support/cli.ts'

test('red-flags lists each rule with its flags; --json gives one object; an unknown council is a user error', async () => {
  const t = await target({ demo: true })

  const json = await catalyst(t, ['red-flags', '--council', 'DEMO', '--json'])
  assert.equal(json.status, 0, json.stderr)
  assert.equal(json.json.ok, true)
  const rules = json.json.rules as { id: string; open: { key: string; summary: string }[] }[]
  assert.deepEqual(rules.map((r) => r.id), ['RF-SPLIT', 'RF-DIRECT', 'RF-OVERSPEND', 'RF-NOCONTRACT', 'RF-KPI', 'RF-SHARE', 'RF-EXCLUSION', 'RF-SOCIAL-VALUE'])
  for (const rule of rules) assert.ok(rule.open.length > 0, `${rule.id} raises a flag on the demo`)
  assert.ok(rules.every((r) => r.open.every((f) => f.key.startsWith(`${r.id}:`))))

  const human = await catalyst(t, ['red-flags', '--council', 'DEMO'])
  assert.equal(human.status, 0, human.stderr)
  assert.match(human.stdout, /^Red flags for Demo Borough Council \(DEMO\) on \d{4}-\d{2}-\d{2}$/m)
  assert.match(human.stdout, /^RF-DIRECT Repeated direct awards to one supplier: 1 open, 0 dismissed$/m)
  assert.match(human.stdout, /^ {2}- 3 direct awards to Brightpath Digital Ltd/m)

  assertUserError(await catalyst(t, ['red-flags', '--council', 'NOPE']), /no council with code NOPE/)
  assertUserError(await catalyst(t, ['red-flags']), /give --council CODE/)
})
