/** `catalyst import spend` and `catalyst spend undo` run for real, as child processes. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../platform/db/database.ts'
import { assertUserError, catalyst, root, target, type Target } from '../../test/support/cli.ts'

const fixtures = path.join(root, 'test/fixtures/spend')
const countPayments = (t: Target) => t.withDb(async (db) => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from spend_payments`))[0]!.n)

describe('catalyst import spend', () => {
  let t: Target
  before(async () => {
    t = await target({ demo: true })
  })

  test('a file it cannot map is refused, naming the missing field; nothing is written', async () => {
    const before = await countPayments(t)
    const run = await catalyst(t, ['import', 'spend', path.join(fixtures, 'no-amount.csv'), '--council', 'DEMO', '--json'])
    assertUserError(run, /no-amount\.csv was not imported: Catalyst could not find a column for the amount among "Date", "Supplier", "Notes"; give the columns with --mapping FILE\. Nothing was changed\./)
    assert.equal(run.json.ok, false)
    assert.equal(await countPayments(t), before)
  })

  test('--dry-run reports without writing; --json ends with one object of the counts, dates and rejected lines', async () => {
    const before = await countPayments(t)
    const dry = await catalyst(t, ['import', 'spend', path.join(fixtures, 'messy-cp1252.csv'), '--council', 'DEMO', '--json', '--dry-run'])
    assert.equal(dry.status, 0, dry.stderr)
    assert.equal(dry.json.dryRun, true)
    assert.equal(await countPayments(t), before)

    const run = await catalyst(t, ['import', 'spend', path.join(fixtures, 'messy-cp1252.csv'), path.join(fixtures, 'card.csv'), '--council', 'DEMO', '--json'])
    assert.equal(run.status, 0, run.stderr)
    const { ok, rowsRead, rowsImported, rowsRejected, totalPence, dateFrom, dateTo, rejected } = run.json
    assert.deepEqual(
      { ok, rowsRead, rowsImported, rowsRejected, totalPence, dateFrom, dateTo },
      // The messy file's row with no payee name is a payment of £800 to "Payee not given".
      { ok: true, rowsRead: 12, rowsImported: 9, rowsRejected: 3, totalPence: 264205 + 80000 + 1299 + 4510 - 800, dateFrom: '2024-04-01', dateTo: '2024-06-05' },
    )
    assert.deepEqual(
      run.json.imports.map((i: { dateColumn: string; amountColumn: string; periodReading: string | null }) => [i.dateColumn, i.amountColumn, i.periodReading]),
      [['Date Paid', 'Net Amount(£)', null], ['Transaction Date', 'Amount', null]],
    )
    assert.deepEqual(rejected[0], { line: 10, reason: '"31/02/2024" is not a date', file: path.join(fixtures, 'messy-cp1252.csv') })
    assert.equal(await countPayments(t), before + 9)

    const again = await catalyst(t, ['import', 'spend', path.join(fixtures, 'card.csv'), '--council', 'DEMO'])
    assertUserError(again, /card\.csv was not imported: this file was imported before, as card\.csv on \d{4}-\d{2}-\d{2}; undo that import first/)

    const undo = await catalyst(t, ['spend', 'undo', run.json.imports[1].importId, '--council', 'DEMO', '--json'])
    assert.equal(undo.status, 0, undo.stderr)
    assert.equal(undo.json.rowsRemoved, 3)
    assert.equal(await countPayments(t), before + 6)
  })

  test('--mapping names columns the automatic mapping cannot find', async () => {
    const mapping = path.join(os.tmpdir(), `catalyst-mapping-${process.pid}.json`)
    fs.writeFileSync(mapping, JSON.stringify({ Notes: 'amount' }))
    const file = path.join(os.tmpdir(), `catalyst-notes-${process.pid}.csv`)
    fs.writeFileSync(file, 'Date,Supplier,Notes\n01/04/2024,Acme Ltd,600\n')
    try {
      const run = await catalyst(t, ['import', 'spend', file, '--council', 'DEMO', '--mapping', mapping, '--json'])
      assert.equal(run.status, 0, run.stderr)
      assert.equal(run.json.totalPence, 60000)
    } finally {
      fs.rmSync(mapping)
      fs.rmSync(file)
    }
  })
})
