/**
 * The API reads of ADR 0061 (stories, priorities, supplier risk, the market): each list gives every record of the
 * token's council once, a page at a time, and its filters pick what the database holds; one record reads back; a
 * token of another council gets 404 for the record and never sees it in a list; a token's scopes limit what it reads.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from './support/app.ts'
import { apiGet, tokenFor, walkPages } from './support/api.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { marketPositionStatements, providerCapacity } from '../src/modules/market/schema.ts'
import { priorityRounds } from '../src/modules/priorities/schema.ts'
import { riskAssessments } from '../src/modules/risk/schema.ts'
import { stories } from '../src/modules/stories/schema.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoId = ''

before(async () => {
  t = await createTestApp()
  reader = await tokenFor(t, 'commissioner@demo.catalyst.test', ['stories:read', 'priorities:read', 'risk:read', 'market:read'])
  otherAdmin = await tokenFor(t, 'admin@other.catalyst.test', ['*:read'])
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const ids = (items: { id?: string }[]) => items.map((i) => i.id!).sort()

/** The list walked two at a time holds exactly `expected`; the first record reads back; the other council sees none of it. */
async function holdsExactly(list: string, expected: string[]) {
  assert.ok(expected.length >= 1, `${list}: the demo data has records`)
  const walked = await walkPages(t, `${list}?limit=2`, reader)
  assert.deepEqual(ids(walked), [...expected].sort(), `${list}: every record once`)
  const one = await apiGet(t, `${list}/${expected[0]}`, reader)
  assert.equal(one.status, 200)
  assert.equal(one.json.id, expected[0])
  assert.equal(one.json.links.self, `${list}/${expected[0]}`)
  assert.equal((await apiGet(t, `${list}/${expected[0]}`, reader, { 'if-none-match': String(one.headers.etag) })).status, 304)
  assert.equal((await apiGet(t, `${list}/${expected[0]}`, otherAdmin)).status, 404, `${list}: another council’s record is not found`)
  const theirs = ids(await walkPages(t, list, otherAdmin))
  assert.deepEqual(theirs.filter((id) => expected.includes(id)), [], `${list}: another council’s list holds none of ours`)
}

test('stories: the council’s published stories only, without the author’s email or postcode; filters by provider and ward', async () => {
  const rows = await t.db.db.select().from(stories).where(and(eq(stories.councilId, demoId), eq(stories.status, 'published')))
  await holdsExactly('/api/v1/stories', rows.map((r) => r.id))
  const all = await walkPages(t, '/api/v1/stories', reader)
  const text = JSON.stringify(all)
  for (const r of rows) {
    assert.ok(!text.includes(r.authorEmail), 'no author’s email')
    if (r.postcode) assert.ok(!text.includes(r.postcode), 'no postcode')
  }
  const unpublished = (await t.db.db.select().from(stories).where(eq(stories.councilId, demoId))).find((r) => r.status !== 'published')
  if (unpublished) assert.equal((await apiGet(t, `/api/v1/stories/${unpublished.id}`, reader)).status, 404, 'a story not published is not the council page’s either')
  const withProvider = rows.find((r) => r.providerId)!
  assert.deepEqual(ids(await walkPages(t, `/api/v1/stories?provider=${withProvider.providerId}&limit=1`, reader)), rows.filter((r) => r.providerId === withProvider.providerId).map((r) => r.id).sort())
  const withWard = rows.find((r) => r.ward)
  if (withWard) assert.deepEqual(ids(await walkPages(t, `/api/v1/stories?ward=${encodeURIComponent(withWard.ward!)}`, reader)), rows.filter((r) => r.ward === withWard.ward).map((r) => r.id).sort())
  const bad = await apiGet(t, '/api/v1/stories?provider=me&serviceCategory=cakes&limit=0', reader)
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['/limit', '/provider', '/serviceCategory'])
})

test('priorities: the council’s rounds, by phase; votes only once the results are published', async () => {
  const rows = await t.db.db.select().from(priorityRounds).where(eq(priorityRounds.councilId, demoId))
  await holdsExactly('/api/v1/priorities', rows.map((r) => r.id))
  for (const phase of new Set(rows.map((r) => r.phase))) {
    assert.deepEqual(ids(await walkPages(t, `/api/v1/priorities?phase=${phase}&limit=1`, reader)), rows.filter((r) => r.phase === phase).map((r) => r.id).sort())
  }
  for (const round of rows) {
    const one = (await apiGet(t, `/api/v1/priorities/${round.id}`, reader)).json
    const published = round.phase === 'results' || round.phase === 'delivery'
    assert.equal(one.resultsPublished, published)
    if (!published) assert.ok(one.ideas.every((i: { votes: unknown; winner: unknown }) => i.votes === null && i.winner === null), `${round.title}: no count before the results`)
  }
  assert.equal((await apiGet(t, '/api/v1/priorities?phase=finished', reader)).status, 400)
})

test('risk: the council’s assessments, filtered by provider, result and decision', async () => {
  const rows = await t.db.db.select().from(riskAssessments).where(eq(riskAssessments.councilId, demoId))
  await holdsExactly('/api/v1/risk/assessments', rows.map((r) => r.id))
  const first = rows[0]!
  assert.deepEqual(ids(await walkPages(t, `/api/v1/risk/assessments?provider=${first.providerId}`, reader)), rows.filter((r) => r.providerId === first.providerId).map((r) => r.id).sort())
  for (const result of ['low', 'medium', 'high']) {
    assert.deepEqual(ids(await walkPages(t, `/api/v1/risk/assessments?result=${result}&limit=1`, reader)), rows.filter((r) => r.result === result).map((r) => r.id).sort())
  }
  assert.deepEqual(ids(await walkPages(t, '/api/v1/risk/assessments?decision=undecided', reader)), rows.filter((r) => r.decision === null).map((r) => r.id).sort())
  const one = (await apiGet(t, `/api/v1/risk/assessments/${first.id}`, reader)).json
  assert.deepEqual(one.metrics, first.metrics, 'the metrics as assessed')
  assert.equal(one.result, first.result)
})

test('market: providers’ capacity and position statements, filtered by service and publication', async () => {
  const capacity = await t.db.db.select().from(providerCapacity).where(eq(providerCapacity.councilId, demoId))
  await holdsExactly('/api/v1/market/capacity', capacity.map((r) => r.id))
  const category = capacity[0]!.serviceCategory
  assert.deepEqual(ids(await walkPages(t, `/api/v1/market/capacity?serviceCategory=${category}&limit=1`, reader)), capacity.filter((r) => r.serviceCategory === category).map((r) => r.id).sort())
  const statements = await t.db.db.select().from(marketPositionStatements).where(eq(marketPositionStatements.councilId, demoId))
  await holdsExactly('/api/v1/market/statements', statements.map((r) => r.id))
  for (const published of [true, false]) {
    assert.deepEqual(ids(await walkPages(t, `/api/v1/market/statements?published=${published}`, reader)), statements.filter((r) => r.published === published).map((r) => r.id).sort())
  }
  assert.equal((await apiGet(t, '/api/v1/market/statements?published=maybe', reader)).status, 400)
})

test('scopes and roles limit the reads: a stories token reads no risk or market; a provider’s token reads no council list', async () => {
  const storiesOnly = await tokenFor(t, 'commissioner@demo.catalyst.test', ['stories:read'])
  assert.equal((await apiGet(t, '/api/v1/stories', storiesOnly)).status, 200)
  assert.equal((await apiGet(t, '/api/v1/risk/assessments', storiesOnly)).status, 403)
  assert.equal((await apiGet(t, '/api/v1/market/capacity', storiesOnly)).status, 403)
  const provider = await tokenFor(t, 'provider@demo.catalyst.test', ['*:read'])
  assert.equal((await apiGet(t, '/api/v1/stories', provider)).status, 403, 'a provider answers stories on its own page, and reads no council list')
  assert.equal((await apiGet(t, '/api/v1/risk/assessments', provider)).status, 403)
})
