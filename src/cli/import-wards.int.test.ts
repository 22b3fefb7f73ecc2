/** `catalyst import wards` as a person runs it: the same importer as the wards page, on a real file. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { asc, eq } from 'drizzle-orm'
import { assertUserError, catalyst, target } from '../../test/support/cli.ts'
import { findCouncil } from '../modules/councils/service.ts'
import { wards } from '../modules/scrutiny/schema.ts'

const write = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-wards-')), name)
  fs.writeFileSync(file, text)
  return file
}

test('import wards from an ONS lookup: a bad row changes nothing; a good file adds and renames by code; again changes nothing', async () => {
  const t = await target({ demo: true })
  const before = await t.withDb(async (db) => db.select().from(wards).where(eq(wards.councilId, (await findCouncil(db, 'DEMO'))!.id)))

  const bad = write('bad.csv', 'WD24CD,WD24NM,LAD24CD\nE05990201,Hilltop,\nE0599,Broken,\n')
  assertUserError(await catalyst(t, ['import', 'wards', bad, '--council', 'DEMO']), /bad\.csv was not imported: one row has a problem \(line 3: “E0599” is not a ward code such as E05001234\)\. Nothing was changed\.$/)
  assertUserError(await catalyst(t, ['import', 'wards', bad]), /say which council the wards are for with --council \(DEMO, OTHER\)/)
  assertUserError(await catalyst(t, ['import', 'wards', bad, '--council', 'NOPE']), /no council with code NOPE/)

  // An ONS-shaped lookup: another year's columns, in another order among other columns, with a byte order mark.
  const good = write('wards.csv', '\uFEFFObjectId,LAD23CD,WD23NM,WD23CD,LAD23NM\n1,,Hilltop,E05990201,Demo\n2,,Riverside and Docks,E05990004,Demo\n')
  const first = await catalyst(t, ['import', 'wards', good, '--council', 'DEMO', '--json'])
  assert.equal(first.status, 0, first.stderr)
  assert.deepEqual({ added: first.json.added, renamed: first.json.renamed, unchanged: first.json.unchanged }, { added: 1, renamed: 1, unchanged: 0 })
  const second = await catalyst(t, ['import', 'wards', good, '--council', 'DEMO'])
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stdout, /Added: +0\n +Renamed: +0\n +Unchanged: +2/)
  const after = await t.withDb(async (db) => db.select().from(wards).where(eq(wards.councilId, (await findCouncil(db, 'DEMO'))!.id)).orderBy(asc(wards.code)))
  assert.equal(after.length, before.length + 1)
  assert.equal(after.find((w) => w.code === 'E05990004')!.name, 'Riverside and Docks')
})
