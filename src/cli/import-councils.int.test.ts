/** `catalyst import councils` run for real, as a child process: counts, rejected rows, all or nothing, successors. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { councils } from '../modules/councils/schema.ts'
import { findCouncil, findCouncilById } from '../modules/councils/service.ts'
import { auditEntries } from '../platform/audit/schema.ts'
import { assertUserError, catalyst, fixtures, root, target, type Target } from '../../test/support/cli.ts'

describe('catalyst import councils', () => {
  let t: Target
  before(async () => {
    t = await target()
    const migrate = await catalyst(t, ['migrate'])
    assert.equal(migrate.status, 0, migrate.stderr)
  })
  const count = () => t.withDb(async (db) => (await db.select({ id: councils.id }).from(councils)).length)

  test('a file that cannot be read writes nothing and says why', async () => {
    const noColumns = path.join(os.tmpdir(), `catalyst-no-columns-${process.pid}.csv`)
    fs.writeFileSync(noColumns, 'Supplier,Amount\nAcme Ltd,100\n')
    // None of these opens the database, so they can run side by side.
    const [notCsv, columns, missing, strict] = await Promise.all([
      catalyst(t, ['import', 'councils', path.join(root, 'package.json')]),
      catalyst(t, ['import', 'councils', noColumns, '--json']),
      catalyst(t, ['import', 'councils', 'no-such-file.csv']),
      catalyst(t, ['import', 'councils', path.join(fixtures, 'messy.csv'), '--strict']),
    ]).finally(() => fs.rmSync(noColumns))
    assertUserError(notCsv, /^catalyst: .*package\.json was not imported: the file is not valid CSV .* Nothing was changed\.$/)
    assert.equal(columns.status, 1)
    assert.equal(columns.json.ok, false)
    assert.match(columns.json.error, /no column of council names .* among "Supplier", "Amount"\. Nothing was changed\./)
    assertUserError(missing, /^catalyst: no file at no-such-file\.csv$/)
    assertUserError(strict, /6 rows could not be read \(first: line 4, no council name\)\. Nothing was changed\./)
    assert.equal(await count(), 0, 'nothing was written')
  })

  test('mySociety’s register: councils created, an abolished council keeps its end date and successor', async () => {
    const run = await catalyst(t, ['import', 'councils', path.join(fixtures, 'mysociety.csv'), '--json'])
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout.trim().split('\n').length, 1)
    assert.deepEqual(
      { rowsRead: run.json.rowsRead, created: run.json.created, updated: run.json.updated, unchanged: run.json.unchanged, rejected: run.json.rejected },
      { rowsRead: 10, created: 8, updated: 0, unchanged: 0, rejected: [] },
    )
    assert.deepEqual(run.json.skipped.map((s: { line: number }) => s.line), [10, 11])
    await t.withDb(async (db) => {
      const harrogate = await findCouncil(db, 'GB-LAE-HAG')
      assert.equal(harrogate?.gssCode, 'E07000165')
      assert.equal(harrogate?.endDate, '2023-03-31')
      assert.equal(harrogate?.type, 'district')
      const successor = await findCouncilById(db, harrogate!.successorId!)
      assert.equal(successor?.name, 'North Yorkshire Council')
      assert.equal(successor?.gssCode, 'E06000065')
      const [audit] = await db.select().from(auditEntries).where(eq(auditEntries.action, 'import'))
      assert.equal(audit?.actorLabel, 'catalyst import councils')
    })

    const again = await catalyst(t, ['import', 'councils', path.join(fixtures, 'mysociety.csv')])
    assert.equal(again.status, 0, again.stderr)
    assert.match(again.stdout, /Rows read: +10\n +Created: +0\n +Updated: +0\n +Unchanged: +8\n +Skipped: +2\n +Rejected: +0/)
    assert.match(again.stdout, /line 10: Cardiff Council is not an English authority/)
  })

  test('an ONS file updates names without losing the GB-LAE codes and dates it does not carry', async () => {
    const run = await catalyst(t, ['import', 'councils', path.join(fixtures, 'ons-lad23.csv'), '--json'])
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.json.format, 'ons')
    assert.equal(run.json.created, 0)
    assert.equal(run.json.updated, 7, 'ONS names are the short names')
    await t.withDb(async (db) => {
      const middlesbrough = await findCouncil(db, 'E06000002')
      assert.equal(middlesbrough?.name, 'Middlesbrough')
      assert.equal(middlesbrough?.laeCode, 'MDB')
      assert.equal(middlesbrough?.startDate, '1996-04-01')
    })
  })

  test('a messy file: good rows imported, every bad row reported with its line number', async () => {
    const run = await catalyst(t, ['import', 'councils', path.join(fixtures, 'messy.csv')])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /utf-8 with BOM/)
    assert.match(run.stdout, /Created: +2\n +Updated: +1\n/)
    assert.match(run.stdout, /Rows not imported:\n  line 4: no council name\n  line 5: "E7000123" is not a GSS code/)
    assert.match(run.stdout, /line 10: GB-LAE code MDB is also on line 2\n  line 11: Nowhere Council has no GSS code or GB-LAE code/)
    assert.match(run.stdout, /line 8: Northamptonshire County Council was replaced by several councils \(NNT, WNT\)/)
    assert.doesNotMatch(run.stdout, /\[[█░=-]+\]/, 'no progress bar when stdout is not a terminal')
    const cp1252 = await catalyst(t, ['import', 'councils', path.join(fixtures, 'ons-cp1252.csv'), '--json'])
    assert.equal(cp1252.json.encoding, 'windows-1252')
    assert.equal(cp1252.json.created, 3)
    await t.withDb(async (db) => {
      assert.equal((await findCouncil(db, 'E07000146'))?.name, 'King’s Lynn and West Norfolk')
    })
  })
})
