/**
 * A notice published again with changes, on the real database: the set-wise import (ADR 0041) updates the contracts
 * and opportunities that changed, adds the new ones, leaves the rest, and audits each change with what it was before;
 * a tender later awarded leaves the pipeline. Starts from a real-shaped Find a Tender package (test/fixtures/ocds).
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts'
import { loadDemo } from '../../../demo/seed.ts'
import { systemActor } from '../../../platform/audit/audit.ts'
import { auditEntries } from '../../../platform/audit/schema.ts'
import { findCouncil, type CouncilRow } from '../../councils/service.ts'
import { importFile } from '../import-file.ts'
import { opportunities } from '../schema.ts'
import { listContracts } from '../service.ts'

const NOW = new Date('2026-11-22T09:00:00Z')
const LATER = new Date('2026-11-23T09:00:00Z')
const fixture = path.resolve(import.meta.dirname, '../../../../test/fixtures/ocds/find-a-tender-release-package.json')
const actor = systemActor('test')

interface Release {
  ocid: string
  id: string
  date: string
  tag: string[]
  tender?: { id?: string; title?: string; value?: { amount: number; currency: string } }
  awards?: { value?: { amount: number } }[]
  contracts?: { value?: { amount: number } }[]
  [key: string]: unknown
}

let db: TestDatabase
let council: CouncilRow
before(async () => {
  db = await createTestDatabase()
  await loadDemo(db.db, { password: 'correct-horse-battery', now: NOW })
  council = (await findCouncil(db.db, 'DEMO'))!
})
after(async () => db?.close())

const run = (pkg: { releases: Release[] }, now: Date) =>
  importFile(db.db, { kind: 'ocds', bytes: Buffer.from(JSON.stringify(pkg)), actor, now, today: now.toISOString().slice(0, 10), council })

const opportunity = async (ocid: string) =>
  (await db.db.select().from(opportunities).where(and(eq(opportunities.councilId, council.id), eq(opportunities.ocid, ocid))))[0]

const auditsOf = (entityId: string) => db.db.select().from(auditEntries).where(eq(auditEntries.entityId, entityId)).orderBy(auditEntries.id)

test('a package published again: changed contracts and opportunities updated with their history, new ones added, the rest left', async () => {
  const original = JSON.parse(fs.readFileSync(fixture, 'utf8')) as { releases: Release[] }
  const first = await run(original, NOW)
  assert.ok(first.ok)
  assert.deepEqual([first.summary.created, first.summary.opportunities.created], [2, 1])

  // The contract's value is corrected, the open tender renamed, and a new tender published.
  const changed = structuredClone(original)
  for (const release of changed.releases.filter((r) => r.ocid === 'ocds-h6vhtk-05a1b2' && r.tag.includes('award'))) {
    release.awards![0]!.value!.amount = 2_400_000
    release.contracts![0]!.value!.amount = 2_400_000
  }
  changed.releases.find((r) => r.ocid === 'ocds-h6vhtk-05e5f6')!.tender!.title = 'Parks and open spaces maintenance'
  changed.releases.push({ ...structuredClone(changed.releases.find((r) => r.ocid === 'ocds-h6vhtk-05e5f6')!), ocid: 'ocds-h6vhtk-05z9z9', id: '012999-2026', tender: { id: 'DBC-TEN-199', title: 'Library refurbishment' } })
  const second = await run(changed, LATER)
  assert.ok(second.ok)
  assert.deepEqual([second.summary.created, second.summary.updated, second.summary.unchanged], [0, 1, 1])
  assert.deepEqual(second.summary.opportunities, { created: 1, updated: 1, unchanged: 0 })

  const [day] = (await listContracts(db.db, { councilId: council.id }, { q: 'DBC-TEN-101' }, 1)).items
  assert.equal(day!.totalValuePence, 240_000_000)
  assert.equal(day!.updatedAt.toISOString(), LATER.toISOString())
  // Fields the file does not give are as they were, in the row and in the history's "after".
  assert.deepEqual([day!.startDate, day!.endDate, day!.awardProcedure], ['2026-04-01', '2029-03-31', 'competitive-flexible'])
  const dayHistory = await auditsOf(day!.id)
  const last = dayHistory.at(-1)!
  assert.equal((last.before as { totalValuePence: number }).totalValuePence, 235_000_000)
  assert.equal((last.after as { totalValuePence: number }).totalValuePence, 240_000_000)
  assert.equal((last.after as { startDate: string }).startDate, '2026-04-01')

  const parks = (await opportunity('ocds-h6vhtk-05e5f6'))!
  assert.equal(parks.title, 'Parks and open spaces maintenance')
  assert.equal(parks.valuePence, 9_000_000)
  assert.equal(parks.createdAt.toISOString(), NOW.toISOString())
  assert.equal(parks.updatedAt.toISOString(), LATER.toISOString())
  const parksHistory = await auditsOf(parks.id)
  assert.equal(parksHistory.length, 2)
  assert.equal((parksHistory[1]!.before as { title: string }).title, 'Parks maintenance (still out to tender)')
  assert.equal((parksHistory[1]!.after as { title: string }).title, 'Parks and open spaces maintenance')
  const library = (await opportunity('ocds-h6vhtk-05z9z9'))!
  assert.deepEqual([library.title, library.reference, library.stage], ['Library refurbishment', 'DBC-TEN-199', 'tender'])
  assert.equal((await auditsOf(library.id)).length, 1)

  // The same changed file again changes nothing, and writes no history.
  const auditCount = (await db.db.select().from(auditEntries)).length
  const third = await run(changed, LATER)
  assert.ok(third.ok)
  assert.deepEqual([third.summary.created, third.summary.updated, third.summary.unchanged], [0, 0, 2])
  assert.deepEqual(third.summary.opportunities, { created: 0, updated: 0, unchanged: 2 })
  assert.equal((await db.db.select().from(auditEntries)).length, auditCount)

  // The library tender is awarded: it leaves the pipeline, and becomes a contract.
  const awarded = structuredClone(changed)
  awarded.releases.push({
    ...structuredClone(changed.releases.find((r) => r.ocid === 'ocds-h6vhtk-05a1b2' && r.tag.includes('award'))!),
    ocid: 'ocds-h6vhtk-05z9z9',
    id: '012999-2026-award',
    date: '2026-11-01T09:00:00Z',
  })
  const fourth = await run(awarded, LATER)
  assert.ok(fourth.ok)
  assert.equal(fourth.summary.created, 1)
  assert.equal((await opportunity('ocds-h6vhtk-05z9z9'))!.stage, 'awarded')
  assert.equal((await opportunity('ocds-h6vhtk-05e5f6'))!.stage, 'tender')
})
