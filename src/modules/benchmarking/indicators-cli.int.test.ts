/** `catalyst import indicators` as a person runs it, on a real LG Inform file and the council list with regions. */
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { assertUserError, catalyst, root, target } from '../../../test/support/cli.ts'

const fixture = (name: string) => path.join(root, 'test/fixtures/benchmarking', name)

test('import indicators: a real file, again with nothing changed, and the mistakes a person makes', async () => {
  const t = await target({ demo: true })
  const councils = await catalyst(t, ['import', 'councils', fixture('mysociety-england-regions.csv'), '--json'])
  assert.equal(councils.status, 0, councils.stderr)

  const file = fixture('lginform-household-waste-recycling.csv')
  // Two councils use Catalyst in the demo: the command asks whose benchmarking it is.
  assertUserError(await catalyst(t, ['import', 'indicators', file, '--format', 'lginform-long']), /say which council the indicators are for with --council \(DEMO, OTHER\)/)
  assertUserError(await catalyst(t, ['import', 'indicators', file, '--council', 'DEMO']), /give the file's layout with --format: lginform-long, lginform-wide, ascof, revenue-outturn/)

  const first = await catalyst(t, ['import', 'indicators', file, '--format', 'lginform-long', '--council', 'DEMO', '--polarity', 'high', '--json'])
  assert.equal(first.status, 0, first.stderr)
  // 365 lines of figures: 12 are England's, which is not a council; the other 353 are 16 councils' figures.
  assert.equal(first.json.created, 353)
  assert.equal(first.json.councils, 16)
  assert.equal(first.json.indicators.length, 2)
  assert.equal(first.json.problems.length, 12)
  assert.deepEqual(first.json.problems[0], { line: 6, reason: 'E92000001 is England, not a council' })

  const again = await catalyst(t, ['import', 'indicators', file, '--format', 'lginform-long', '--council', 'DEMO', '--json'])
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 353])
  assert.ok(again.json.indicators.every((i: { created: boolean }) => !i.created))

  const human = await catalyst(t, ['import', 'indicators', fixture('lginform-wide-sample.csv'), '--format', 'lginform-wide', '--council', 'DEMO', '--indicator', 'Fly-tipping incidents'])
  assert.equal(human.status, 0, human.stderr)
  assert.match(human.stdout, /Created: {4}10/)
  assert.match(human.stdout, /Not used: {3}3\n/, 'Nowhere’s line is reported once, not once a period')
  assert.match(human.stdout, /line 4: no value given \(“-”\) in column “2023\/24” for Middlesbrough, 2023\/24/)
  assert.match(human.stdout, /line 7: no council with the code E99999999 in the council list \(the line names Nowhere\)/)
  assertUserError(
    await catalyst(t, ['import', 'indicators', fixture('lginform-wide-sample.csv'), '--format', 'lginform-wide', '--council', 'DEMO']),
    /was not imported: an LG Inform download does not name its indicator: give its name\. Nothing was changed\.$/,
  )
  assertUserError(await catalyst(t, ['import', 'indicators', file, '--format', 'ascof', '--council', 'DEMO']), /was not imported: this is not an ASCOF release: no “onscode”/)
})
