/**
 * The same grants in 360Giving JSON and in the standard's flattened CSV are the same grants: whichever comes first,
 * importing the other reports every grant unchanged. The fixtures (test/fixtures/360giving/same-grants.*) differ the
 * ways real files do: date-times against dates, 2500.5 against 2500.50, "" against an empty cell, a duration with or
 * without an end date, two numbered beneficiary locations, open call Yes, No and not stated.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { createTestDatabase } from '../../../test/support/database.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { upsertCouncil, type CouncilRow } from '../councils/service.ts'
import { importFile } from '../contracts/import-file.ts'
import { openDataIdentity } from '../contracts/settings.ts'
import { listGrants } from './service.ts'
import { threeSixtyGivingCsv, threeSixtyGivingJson } from './threesixty.ts'

const NOW = new Date('2026-11-22T09:00:00Z')
const actor = systemActor('test')
const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/360giving')
const json = fs.readFileSync(path.join(fixtures, 'same-grants.json'))
const csv = fs.readFileSync(path.join(fixtures, 'same-grants.csv'))

async function collect(chunks: AsyncIterable<string>) {
  let text = ''
  for await (const chunk of chunks) text += chunk
  return text
}

async function withCouncil(body: (db: Awaited<ReturnType<typeof createTestDatabase>>['db'], council: CouncilRow) => Promise<void>) {
  const handle = await createTestDatabase()
  try {
    const { council } = await upsertCouncil(handle.db, { name: 'Demo Borough Council', code: 'DEMO', type: 'unitary', isTenant: true }, actor, NOW)
    await body(handle.db, council)
  } finally {
    await handle.close()
  }
}

const importGrants = (db: Parameters<Parameters<typeof withCouncil>[0]>[0], bytes: Buffer | string, council: CouncilRow) =>
  importFile(db, { kind: '360giving', bytes: Buffer.from(bytes), actor, now: NOW, today: '2026-11-22', council })

async function stored(db: Parameters<Parameters<typeof withCouncil>[0]>[0], council: CouncilRow) {
  const { items } = await listGrants(db, { councilId: council.id }, {}, 1, 100)
  return Object.fromEntries(items.map((g) => [g.identifier.replace('360G-demo-', ''), g]))
}

test('JSON then CSV of the same grants: the CSV changes nothing, and every fact of both files is kept', async () => {
  await withCouncil(async (db, council) => {
    const first = await importGrants(db, json, council)
    assert.ok(first.ok, !first.ok ? first.reason : '')
    assert.deepEqual([first.summary.created, first.summary.skipped], [5, []])
    const second = await importGrants(db, csv, council)
    assert.ok(second.ok && second.detail.startsWith('360Giving CSV'))
    assert.deepEqual([second.summary.created, second.summary.updated, second.summary.unchanged, second.summary.skipped], [0, 0, 5, []])

    const g = await stored(db, council)
    assert.equal(g.SG1!.plannedDurationMonths, 12)
    assert.deepEqual(g.SG1!.beneficiaryPlaces, [{ name: 'Middlesbrough', geoCode: 'E06000002' }, { name: 'Redcar and Cleveland', geoCode: 'E06000003' }])
    assert.deepEqual(g.SG1!.beneficiaryLocations, ['E06000002', 'E06000003'])
    assert.deepEqual([g.SG2!.description, g.SG2!.programme, g.SG2!.department, g.SG2!.amountAwardedPence, g.SG2!.fromOpenCall], [null, null, null, 250_050, false])
    assert.deepEqual([g.SG3!.plannedEndDate, g.SG3!.plannedDurationMonths, g.SG3!.beneficiaryPlaces], ['2026-02-28', 6, [{ name: 'North Ormesby', geoCode: null }]])
    assert.equal(g.SG4!.fromOpenCall, null, 'an open call not stated is not known, never "no"')
    assert.equal(g.SG1!.awardDate, '2025-04-14')
    assert.deepEqual(g.SG5!.beneficiaryPlaces.map((p) => p.name), ['Hemlington', 'Coulby Newham'])
  })
})

test('CSV then JSON of the same grants: the JSON changes nothing; Catalyst’s own exports import back unchanged', async () => {
  await withCouncil(async (db, council) => {
    const first = await importGrants(db, csv, council)
    assert.ok(first.ok, !first.ok ? first.reason : '')
    assert.deepEqual([first.summary.created, first.summary.skipped], [5, []])
    const second = await importGrants(db, json, council)
    assert.ok(second.ok && second.detail.startsWith('360Giving JSON'))
    assert.deepEqual([second.summary.created, second.summary.updated, second.summary.unchanged], [0, 0, 5])

    // What Catalyst publishes carries the same facts: both locations, the duration, open call and empty fields.
    const identity = await openDataIdentity(db, council)
    const ownCsv = await collect(threeSixtyGivingCsv(db, council, identity))
    assert.match(ownCsv.split('\n')[0]!, /Planned Dates:Duration \(months\).*Beneficiary Location:1:Name/)
    const ownJson = await collect(threeSixtyGivingJson(db, council, identity, NOW))
    for (const own of [ownCsv, ownJson]) {
      const again = await importGrants(db, own, council)
      assert.ok(again.ok)
      assert.deepEqual([again.summary.created, again.summary.updated, again.summary.unchanged], [0, 0, 5], again.detail)
    }
    // A changed fact is still a change: the other format with one amount altered updates that grant only.
    const altered = await importGrants(db, csv.toString('utf8').replace('40000.00', '40001.00'), council)
    assert.ok(altered.ok)
    assert.deepEqual([altered.summary.updated, altered.summary.unchanged], [1, 4])
  })
})
