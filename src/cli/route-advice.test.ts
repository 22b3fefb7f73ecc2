/** `catalyst route-advice` as a child process: JSON in on standard input, the answer as the last line out. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalystWithInput } from '../../test/support/cli.ts'

const run = (args: string[], stdin: string) => catalystWithInput(['route-advice', ...args], stdin)

test('route-advice --json answers a works contract as one JSON object on the last line', async () => {
  const result = await run(['--json'], JSON.stringify({ category: 'works', cpv: ['45214200-2'], valuePence: 600_000_000, startDate: '2026-03-01', termMonths: 24 }))
  assert.equal(result.status, 0, result.stderr)
  const answer = JSON.parse(result.stdout.trim().split('\n').at(-1)!)
  assert.equal(answer.regime, 'covered-above-threshold')
  assert.equal(answer.thresholdPence, 519_300_000)
  assert.deepEqual(answer.notices.map((n: { code: string }) => n.code), ['UK2', 'UK3', 'UK4', 'UK6', 'UK7', 'UK9'])
  assert.ok(answer.cites.includes('Sch 1 row 10'))
})

test('route-advice refuses bad input with one error line and a JSON error', async () => {
  const result = await run(['--json'], JSON.stringify({ category: 'services', valuePence: 100, valueUnknown: true, termMonths: 0 }))
  assert.equal(result.status, 1)
  assert.equal(result.stderr.trim().split('\n').length, 1)
  assert.match(result.stderr, /valueUnknown cannot be true.*termMonths must be at least 1 month|termMonths must be at least 1 month.*valueUnknown/)
  const answer = JSON.parse(result.stdout.trim().split('\n').at(-1)!)
  assert.equal(answer.ok, false)
  assert.ok(answer.errors.some((e: { field: string }) => e.field === '/termMonths'))
})
