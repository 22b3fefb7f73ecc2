/**
 * The registers in and out of the open standards, on the real database: exports read back by Catalyst's own
 * schemas of OCDS and 360Giving (`npm run check:open-data` checks them against the official schemas); an OCDS package exported and imported into a fresh council gives the same contracts;
 * Find a Tender and Contracts Finder files import once (the second time changes nothing); bad files change nothing.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { DEMO_COUNCILS, loadDemo } from '../../demo/seed.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { parseCouncilFile } from '../councils/import-file.ts'
import { importCouncils } from '../councils/import.ts'
import { findCouncil, upsertCouncil, type CouncilRow } from '../councils/service.ts'
import { getProvider } from '../providers/service.ts'
import { grantSchema, read360Giving, threeSixtyGivingCsv, threeSixtyGivingJson } from '../grants/threesixty.ts'
import { listGrants } from '../grants/service.ts'
import { importFile, type ImportKind } from './import-file.ts'
import { ocdsPackage } from './ocds/export.ts'
import { readOcds } from './ocds/read.ts'
import { listContracts, type ContractRecord } from './service.ts'
import { openDataIdentity } from './settings.ts'
import { CONTRACT_COLUMNS, transparencyContractsCsv } from './transparency-csv.ts'

const NOW = new Date('2026-11-22T09:00:00Z')
const TODAY = '2026-11-22'
const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures')
const actor = systemActor('test')

let source: TestDatabase
let demo: CouncilRow
before(async () => {
  source = await createTestDatabase()
  await loadDemo(source.db, { password: 'correct-horse-battery', now: NOW })
  demo = (await findCouncil(source.db, 'DEMO'))!
})
after(async () => source?.close())

async function exportPackage(db: TestDatabase['db'], council: CouncilRow, kind: 'releases' | 'records') {
  const text = await collect(ocdsPackage(db, { council, identity: await openDataIdentity(db, council), uri: `https://example.org/open-data/${council.code}/ocds-${kind}.json`, publishedDate: NOW }, kind))
  return { text, json: JSON.parse(text) as Record<string, unknown> }
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = ''
  for await (const chunk of chunks) text += chunk
  return text
}

const run = (db: TestDatabase['db'], kind: ImportKind, bytes: Buffer | string, council?: CouncilRow) =>
  importFile(db, { kind, bytes: Buffer.from(bytes), actor, now: NOW, today: TODAY, council })

test('the OCDS release and record packages are read back whole by Catalyst’s own OCDS schemas', async () => {
  const releases = await exportPackage(source.db, demo, 'releases')
  const records = await exportPackage(source.db, demo, 'records')
  const readRecords = readOcds(records.text)
  assert.ok(readRecords.ok && readRecords.processes.length === 10 && readRecords.skipped.length === 0 && readRecords.warnings.length === 0)
  // And Catalyst's own reading of its output: every process is one contract with its supplier.
  const read = readOcds(releases.text)
  assert.ok(read.ok && read.processes.length === 10 && read.skipped.length === 0 && read.warnings.length === 0)
  const food = (releases.json.releases as { tender: { id: string }; parties: { roles: string[]; details?: Record<string, unknown> }[] }[]).find((r) => r.tender.id === 'DBC-FOOD-006')!
  assert.deepEqual(food.parties.find((p) => p.roles.includes('supplier'))!.details, { scale: 'sme', vcse: true, publicServiceMissionOrganization: false, shelteredWorkshop: false })
})

test('360Giving JSON is read back by Catalyst’s own 360Giving schema, and the CSV and Transparency Code CSVs carry their columns', async () => {
  const identity = await openDataIdentity(source.db, demo)
  const text = await collect(threeSixtyGivingJson(source.db, demo, identity, NOW))
  const json = JSON.parse(text)
  const read = read360Giving(text)
  assert.ok(read.ok && read.grants.length === 3)
  for (const grant of read.grants) assert.ok(grantSchema.safeParse(grant.value).success, JSON.stringify(grant.value))
  assert.equal(json.grants.length, 3)
  assert.ok(json.grants.every((g: { id: string }) => g.id.startsWith('360G-demo-')))
  const csv = parse(await collect(threeSixtyGivingCsv(source.db, demo, identity)), { columns: true }) as Record<string, string>[]
  assert.equal(csv.length, 3)
  assert.ok(csv.every((row) => row['Funding Org:Name'] === 'Demo Borough Council' && row['Amount Awarded'] && row['Recipient Org:Name']))
  const contracts = parse(await collect(transparencyContractsCsv(source.db, demo.id, identity.ocidPrefix)), { columns: true }) as Record<string, string>[]
  assert.deepEqual(Object.keys(contracts[0]!), [...CONTRACT_COLUMNS])
  assert.equal(contracts.length, 10)
})

function comparable(c: ContractRecord) {
  return {
    reference: c.reference, title: c.title, description: c.description, cpvCodes: [...c.cpvCodes].sort(), mainCategory: c.mainCategory,
    awardProcedure: c.awardProcedure, directAwardGround: c.directAwardGround, totalValuePence: c.totalValuePence, valuesIncludeVat: c.valuesIncludeVat,
    awardDate: c.awardDate, startDate: c.startDate, endDate: c.endDate,
    // OCDS has one "active" for both active and extended, and "terminated" for both ended states.
    status: c.status === 'extended' ? 'active' : c.status,
    notices: c.notices.map((n) => `${n.type} ${n.publishedOn}`).sort(),
    suppliers: c.suppliers.map((s) => ({ name: s.name, sme: s.isSme, vcse: s.isVcse, mutual: s.isPublicServiceMutual, supported: s.isSupportedEmploymentProvider })),
  }
}

test('an OCDS package exported by Catalyst and imported into a fresh council gives the same contracts', async () => {
  const { text } = await exportPackage(source.db, demo, 'releases')
  const fresh = await createTestDatabase()
  try {
    // A fresh installation: the council exists, its registers are empty.
    await upsertCouncil(fresh.db, DEMO_COUNCILS[0]!, actor, NOW)
    const target = (await findCouncil(fresh.db, 'DEMO'))!
    const first = await run(fresh.db, 'ocds', text, target)
    assert.ok(first.ok)
    assert.deepEqual({ created: first.summary.created, updated: first.summary.updated, skipped: first.summary.skipped }, { created: 10, updated: 0, skipped: [] })
    // Only published contracts are exported.
    const before = (await listContracts(source.db, { councilId: demo.id }, {}, 1, 100)).items.filter((c) => c.published).map(comparable).sort((a, b) => a.reference.localeCompare(b.reference))
    const afterImport = (await listContracts(fresh.db, { councilId: target.id }, {}, 1, 100)).items.map(comparable).sort((a, b) => a.reference.localeCompare(b.reference))
    assert.deepEqual(afterImport, before)
    // Supplier identifiers come across too.
    const [food] = (await listContracts(fresh.db, { councilId: target.id }, { q: 'DBC-FOOD-006' }, 1)).items
    const provider = await getProvider(fresh.db, target.id, food!.suppliers[0]!.providerId)
    assert.deepEqual(provider!.identifiers, [{ scheme: 'GB-MPR', identifier: '31245R' }])
    // The same file again changes nothing.
    const second = await run(fresh.db, 'ocds', text, target)
    assert.ok(second.ok)
    assert.deepEqual({ created: second.summary.created, updated: second.summary.updated, unchanged: second.summary.unchanged, suppliers: second.summary.suppliersCreated }, { created: 0, updated: 0, unchanged: 10, suppliers: 0 })
  } finally {
    await fresh.close()
  }
})

test('a Find a Tender release package: merged by ocid, buyer matched by name, suppliers by identifier, once only', async () => {
  const db = await createTestDatabase()
  try {
    await loadDemo(db.db, { password: 'correct-horse-battery', now: NOW })
    const bytes = fs.readFileSync(path.join(fixtures, 'ocds/find-a-tender-release-package.json'))
    const first = await run(db.db, 'ocds', bytes)
    assert.ok(first.ok)
    assert.equal(first.summary.created, 2)
    assert.deepEqual(first.summary.skipped.map((s) => s.reason.replace(/^ocds-h6vhtk-\w+: /, '')), [
      'the contract period has an impossible date (2026-02-30T00:00:00Z to 2027-02-28T00:00:00Z)',
    ])
    // The tender without an award is the council's pipeline, not a skipped row and not a contract.
    assert.deepEqual(first.summary.opportunities, { created: 1, updated: 0, unchanged: 0 })
    assert.ok(first.summary.warnings.some((w) => w.includes('"preliminaryMarketEngagement" is not in the OCDS releaseTag codelist')))
    const council = (await findCouncil(db.db, 'DEMO'))!
    const [day] = (await listContracts(db.db, { councilId: council.id }, { q: 'DBC-TEN-101' }, 1)).items
    assert.equal(day!.ocid, 'ocds-h6vhtk-05a1b2')
    // What the council publishes carries its own ocid prefix, never Find a Tender's: the first ocid is kept in the
    // register and named in the open data as a related process.
    const identity = await openDataIdentity(db.db, council)
    const releases = (await exportPackage(db.db, council, 'releases')).json.releases as { ocid: string; tender: { id: string }; relatedProcesses?: { scheme: string; identifier: string }[] }[]
    const published = releases.find((r) => r.tender.id === 'DBC-TEN-101')!
    assert.equal(published.ocid, `${identity.ocidPrefix}-${day!.id}`)
    assert.deepEqual(published.relatedProcesses?.map((p) => [p.scheme, p.identifier]), [['ocid', 'ocds-h6vhtk-05a1b2']])
    assert.ok(releases.every((r) => r.ocid.startsWith(`${identity.ocidPrefix}-`)), releases.map((r) => r.ocid).join(' '))
    const csv = parse(await collect(transparencyContractsCsv(db.db, council.id, identity.ocidPrefix)), { columns: true }) as Record<string, string>[]
    const row = csv.find((r) => r['Reference number'] === 'DBC-TEN-101')!
    assert.equal(row['Open Contracting ID'], `${identity.ocidPrefix}-${day!.id}`)
    assert.ok(csv.every((r) => r['Open Contracting ID']!.startsWith(`${identity.ocidPrefix}-`)))
    assert.equal(day!.totalValuePence, 235_000_000)
    assert.equal(day!.awardProcedure, 'competitive-flexible')
    assert.deepEqual([day!.startDate, day!.endDate, day!.awardDate], ['2026-04-01', '2029-03-31', '2026-02-20'])
    assert.deepEqual(day!.notices.map((n) => n.type), ['UK4', 'UK6', 'UK7'])
    assert.deepEqual(day!.suppliers.map((s) => [s.name, s.isSme, s.isVcse]), [['Brightday Support CIC', true, true]])
    // Greenway Recycling is a demo provider: found by its company number, not added again.
    const [bulky] = (await listContracts(db.db, { councilId: council.id }, { q: 'DBC-TEN-102' }, 1)).items
    assert.equal(bulky!.suppliers[0]!.name, 'Greenway Recycling Ltd')
    assert.equal(first.summary.suppliersCreated, 1)

    const again = await run(db.db, 'ocds', bytes)
    assert.ok(again.ok)
    assert.deepEqual([again.summary.created, again.summary.updated, again.summary.unchanged], [0, 0, 2])
  } finally {
    await db.close()
  }
})

test('a Contracts Finder record package is filed under its buyer; bad files change nothing', async () => {
  const db = await createTestDatabase()
  try {
    await loadDemo(db.db, { password: 'correct-horse-battery', now: NOW })
    const other = (await findCouncil(db.db, 'OTHER'))!
    // OTHER has no GB-LAE code in the demo, so the buyer is found by its name; no --council is needed.
    const record = await run(db.db, 'ocds', fs.readFileSync(path.join(fixtures, 'ocds/contracts-finder-record-package.json')))
    assert.ok(record.ok)
    assert.equal(record.summary.created, 1)
    const [cleaning] = (await listContracts(db.db, { councilId: other.id }, { q: 'ODC-CLN-01' }, 1)).items
    assert.deepEqual([cleaning!.ocid, cleaning!.totalValuePence, cleaning!.cpvCodes, cleaning!.suppliers[0]!.isSme], ['ocds-b5fd17-2b7e1c2a', 3_600_000, ['90919200'], true])
    // A buyer no council matches is reported, not filed under another council.
    const stranger = JSON.parse(fs.readFileSync(path.join(fixtures, 'ocds/contracts-finder-record-package.json'), 'utf8'))
    stranger.records[0].compiledRelease.parties[0].name = 'Elsewhere Borough Council'
    stranger.records[0].compiledRelease.parties[0].id = 'GB-LAE-ZZZ'
    stranger.records[0].compiledRelease.buyer = { id: 'GB-LAE-ZZZ', name: 'Elsewhere Borough Council' }
    const unknown = await run(db.db, 'ocds', JSON.stringify(stranger), other)
    assert.ok(unknown.ok)
    assert.match(unknown.summary.skipped[0]!.reason, /the buyer \(Elsewhere Borough Council\) is not a council Catalyst knows/)
    const before = (await listContracts(db.db, { councilId: other.id }, {}, 1)).total

    const notJson = await run(db.db, 'ocds', fs.readFileSync(path.join(fixtures, 'ocds/not-json.json')))
    assert.equal(notJson.ok, false)
    assert.match(!notJson.ok ? notJson.reason : '', /not valid JSON/)
    const wrongStandard = await run(db.db, 'ocds', fs.readFileSync(path.join(fixtures, '360giving/grants.csv')))
    assert.equal(wrongStandard.ok, false)
    const grantsAsOcds = await run(db.db, 'ocds', JSON.stringify({ grants: [{ id: 'x' }] }))
    assert.match(!grantsAsOcds.ok ? grantsAsOcds.reason : '', /360Giving/)
    assert.equal((await listContracts(db.db, { councilId: other.id }, {}, 1)).total, before)
  } finally {
    await db.close()
  }
})

test('a council contracts CSV with its own column names, and 360Giving CSV, import with reasons for every row left out', async () => {
  const db = await createTestDatabase()
  try {
    await loadDemo(db.db, { password: 'correct-horse-battery', now: NOW })
    const council = (await findCouncil(db.db, 'DEMO'))!
    const csv = fs.readFileSync(path.join(fixtures, 'contracts/council-register.csv'))
    const result = await run(db.db, 'contracts-csv', csv, council)
    assert.ok(result.ok)
    assert.equal(result.summary.created, 2)
    assert.deepEqual(result.summary.skipped.map((s) => s.reason), ['DBC-CSV-03: no supplier', 'DBC-CSV-04: no value', 'DBC-CSV-05: start date "31/02/2026" is not a real date'])
    assert.deepEqual(result.csv?.mapping.reference, 'Contract Ref')
    const [meals] = (await listContracts(db.db, { councilId: council.id }, { q: 'DBC-CSV-01' }, 1)).items
    assert.deepEqual([meals!.totalValuePence, meals!.startDate, meals!.endDate, meals!.department, meals!.cpvCodes], [12_000_000, '2026-04-01', '2028-03-31', 'Adult Social Care', ['55521100']])
    const again = await run(db.db, 'contracts-csv', csv, council)
    assert.ok(again.ok && again.summary.created === 0 && again.summary.updated === 0)

    const grants = await run(db.db, '360giving', fs.readFileSync(path.join(fixtures, '360giving/grants.csv')), council)
    assert.ok(grants.ok)
    assert.equal(grants.summary.created, 1)
    assert.deepEqual(grants.summary.skipped.map((s) => s.reason), ['Award Date 2026-02-30 is not a real date', 'no Recipient Org:Name (grants to individuals are not held in the register)'])
    const listed = await listGrants(db.db, { councilId: council.id }, { q: 'Lunch club' }, 1)
    assert.equal(listed.items[0]?.recipient?.name, 'Castle Street Lunch Club')
    assert.equal(listed.items[0]?.amountAwardedPence, 250_000)
  } finally {
    await db.close()
  }
})

test('a real Contracts Finder package on the real council list: not-stated procedures, buyers found, the pipeline kept', async () => {
  const db = await createTestDatabase()
  try {
    const list = parseCouncilFile(fs.readFileSync(path.join(fixtures, 'councils/mysociety-england.csv')))
    assert.ok(list.ok)
    const councilsRead = await importCouncils(db.db, list, { actor, now: NOW })
    assert.equal(councilsRead.rejected.length, 0)
    assert.ok(await findCouncil(db.db, 'GMCA'), 'a combined authority is a council, by its four-letter code')
    const bytes = fs.readFileSync(path.join(fixtures, 'ocds/contracts-finder-2025-01-23.json'))
    // Independent reading of the file: which processes state no procedure, and which have no award yet.
    const releases = (JSON.parse(bytes.toString('utf8')) as { releases: Record<string, any>[] }).releases
    const byOcid = new Map<string, Record<string, any>[]>()
    for (const r of releases) byOcid.set(r.ocid, [...(byOcid.get(r.ocid) ?? []), r])
    const noMethod = new Set([...byOcid].filter(([, rs]) => !rs.some((r) => r.tender?.procurementMethod)).map(([o]) => o))
    const notAwarded = new Set([...byOcid].filter(([, rs]) => !rs.some((r) => (r.awards ?? []).some((a: any) => a.suppliers?.length) || (r.parties ?? []).some((p: any) => p.roles?.includes('supplier')))).map(([o]) => o))
    assert.deepEqual([byOcid.size, noMethod.size, notAwarded.size], [94, 17, 37])

    const result = await run(db.db, 'ocds', bytes)
    assert.ok(result.ok)
    const s = result.summary
    // Every process is accounted for: a contract, an opportunity, or skipped with its reason.
    assert.equal(s.created + s.opportunities.created + s.skipped.length, 94)
    const skippedBuyers = s.skipped.filter((k) => /is not a council Catalyst knows/.test(k.reason)).map((k) => k.reason)
    for (const name of ['Cheshire west and Chester Borough Council', 'The North Yorkshire Council', "Hertfordshire County Council - Children's Services", 'East Herts Council', 'City of Doncaster Council']) {
      assert.ok(!skippedBuyers.some((r) => r.includes(`(${name})`)), `${name} was not found: ${skippedBuyers.find((r) => r.includes(name))}`)
    }
    const contracts = ((await db.db.execute(sql`select ocid, award_procedure from contracts`)) as unknown as { rows: unknown[] }).rows as { ocid: string; award_procedure: string }[]
    assert.equal(contracts.length, s.created)
    for (const c of contracts) {
      assert.ok(!notAwarded.has(c.ocid), `${c.ocid} has no award but entered the contracts register`)
      assert.equal(c.award_procedure === 'not-stated', noMethod.has(c.ocid), `${c.ocid}: ${c.award_procedure}`)
      assert.notEqual(c.award_procedure === 'open' && noMethod.has(c.ocid), true)
    }
    assert.ok(contracts.some((c) => c.award_procedure === 'not-stated'))
    const pipeline = ((await db.db.execute(sql`select ocid from opportunities`)) as unknown as { rows: unknown[] }).rows as { ocid: string }[]
    assert.equal(pipeline.length, s.opportunities.created)
    assert.ok(pipeline.length > 0 && pipeline.every((o) => notAwarded.has(o.ocid)))
  } finally {
    await db.close()
  }
})
