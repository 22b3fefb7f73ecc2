/** The grants API: cursor paging, filters, ETags, tenancy and token scopes (ADR 0044). */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq, gte, lte } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { apiGet, tokenFor, walkPages } from '../../../test/support/api.ts'
import { findCouncil } from '../councils/service.ts'
import { grants } from './schema.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoGrants: (typeof grants.$inferSelect)[] = []

before(async () => {
  t = await createTestApp()
  reader = await tokenFor(t, 'councillor@demo.catalyst.test', ['grants:read'])
  otherAdmin = await tokenFor(t, 'admin@other.catalyst.test', ['*:read'])
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  demoGrants = await t.db.db.select().from(grants).where(eq(grants.councilId, demo.id))
})
after(async () => t.close())

test('cursor paging walks every grant of the council once', async () => {
  assert.ok(demoGrants.length >= 3, 'the demo has grants to page through')
  const seen = await walkPages(t, '/api/v1/grants?limit=2', reader)
  assert.deepEqual(seen.map((g) => g.id).sort(), demoGrants.map((g) => g.id).sort())
})

test('filters narrow by recipient, programme and award date; links.next keeps them', async () => {
  const sample = demoGrants.find((g) => g.recipientProviderId && g.programme)!
  const byRecipient = await walkPages(t, `/api/v1/grants?recipient=${sample.recipientProviderId}&limit=1`, reader)
  assert.deepEqual(byRecipient.map((g) => g.id).sort(), demoGrants.filter((g) => g.recipientProviderId === sample.recipientProviderId).map((g) => g.id).sort())

  const byProgramme = await apiGet(t, `/api/v1/grants?programme=${encodeURIComponent(sample.programme!.toUpperCase())}&limit=200`, reader)
  assert.ok(byProgramme.json.items.length > 0)
  assert.ok(byProgramme.json.items.every((g: { programme: string }) => g.programme === sample.programme), 'the programme is matched whole, in any case')

  const from = sample.awardDate
  const to = sample.awardDate
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  const onDay = await t.db.db.select({ id: grants.id }).from(grants).where(and(eq(grants.councilId, demo.id), gte(grants.awardDate, from), lte(grants.awardDate, to)))
  const byDate = await walkPages(t, `/api/v1/grants?awardedFrom=${from}&awardedTo=${to}&limit=1`, reader)
  assert.deepEqual(byDate.map((g) => g.id).sort(), onDay.map((g) => g.id).sort())

  const first = await apiGet(t, `/api/v1/grants?awardedFrom=2000-01-01&limit=1`, reader)
  assert.match(first.json.links.next, /^\/api\/v1\/grants\?awardedFrom=2000-01-01&limit=1&cursor=/)

  const bad = await apiGet(t, '/api/v1/grants?recipient=nobody&awardedFrom=31/12/2025&limit=500', reader)
  assert.equal(bad.status, 400)
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['/awardedFrom', '/limit', '/recipient'])
})

test('one grant says what the register holds, with an ETag that gives 304 until it changes', async () => {
  const stored = demoGrants[0]!
  const one = await apiGet(t, `/api/v1/grants/${stored.id}`, reader)
  assert.equal(one.status, 200)
  assert.equal(one.json.identifier, stored.identifier)
  assert.equal(one.json.amountAwardedPence, stored.amountAwardedPence)
  assert.equal(one.json.awardDate, stored.awardDate)
  assert.equal(one.json.recipient?.providerId ?? null, stored.recipientProviderId)
  assert.equal(one.json.links.html, `/grants/${stored.id}`)
  const etag = String(one.headers.etag)
  assert.equal((await apiGet(t, `/api/v1/grants/${stored.id}`, reader, { 'if-none-match': etag })).status, 304)
  await t.db.db.update(grants).set({ title: `${stored.title} (renamed)` }).where(eq(grants.id, stored.id))
  const changed = await apiGet(t, `/api/v1/grants/${stored.id}`, reader, { 'if-none-match': etag })
  assert.equal(changed.status, 200)
  assert.equal(changed.json.title, `${stored.title} (renamed)`)
})

test('another council’s grant is 404 and never listed; grants:read does not read contracts, nor contracts:read grants', async () => {
  const id = demoGrants[0]!.id
  const other = await apiGet(t, `/api/v1/grants/${id}`, otherAdmin)
  assert.equal(other.status, 404)
  assert.equal(other.json.type, 'urn:catalyst:problem:not-found')
  const otherList = await walkPages(t, '/api/v1/grants?limit=200', otherAdmin)
  assert.ok(!otherList.some((g) => demoGrants.some((d) => d.id === g.id)))
  assert.equal((await apiGet(t, '/api/v1/contracts', reader)).status, 403)
  const contractsOnly = await tokenFor(t, 'commissioner@demo.catalyst.test', ['contracts:write'])
  const refused = await apiGet(t, '/api/v1/grants', contractsOnly)
  assert.equal(refused.status, 403)
  assert.match(refused.json.detail, /grants:read/)
})
