/** The grants API: cursor paging, filters, ETags, tenancy and token scopes (ADR 0044). */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, gte, like, lte } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { apiGet, tokenFor, walkPages } from '../../../test/support/api.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
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

describe('adding a grant through the API', () => {
  const post = async (bearer: string, body: unknown) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/grants', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
    return { status: response.statusCode, headers: response.headers, json: response.json() }
  }
  const recipientOf = async (council: string) => {
    const [row] = await t.db.db.select({ id: providers.id }).from(providers).where(eq(providers.councilId, (await findCouncil(t.db.db, council))!.id)).limit(1)
    return row!.id
  }
  const valid = async () => ({
    identifier: 'API-001',
    title: 'Lunch club for older people',
    amountAwardedPence: 250_000,
    awardDate: '2026-10-01',
    plannedStartDate: '2026-11-01',
    plannedEndDate: '2027-10-31',
    recipientProviderId: await recipientOf('DEMO'),
    programme: 'Community Chest',
    fromOpenCall: true,
    beneficiaryLocations: ['E06000002'],
  })

  test('a write-scoped token of a role that may change the registers adds it: 201, Location, readable, audited', async () => {
    const writer = await tokenFor(t, 'finance@demo.catalyst.test', ['grants:write'])
    const created = await post(writer, await valid())
    assert.equal(created.status, 201, JSON.stringify(created.json))
    assert.match(created.json.identifier, /^360G-.+-API-001$/, 'the council’s prefix is added, as on the page')
    assert.equal(created.headers.location, `/api/v1/grants/${created.json.id}`)
    const read = await apiGet(t, String(created.headers.location), writer)
    assert.equal(read.json.amountAwardedPence, 250_000)
    assert.equal(read.json.plannedEndDate, '2027-10-31')
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'grant'), eq(auditEntries.entityId, created.json.id)))
    assert.equal(entry?.action, 'create')
    assert.equal(entry?.actorUserId, (await membershipFor(t.db.db, 'finance@demo.catalyst.test'))!.userId, 'the token’s user is the actor')
    const again = await post(writer, await valid())
    assert.equal(again.status, 409)
    assert.deepEqual(again.json.errors.map((e: { field: string }) => e.field), ['/identifier'])
  })

  test('bad input is a problem naming each field, with the page’s messages, and nothing is written', async () => {
    const writer = await tokenFor(t, 'commissioner@demo.catalyst.test', ['grants:write'])
    const before = (await t.db.db.select({ id: grants.id }).from(grants)).length
    const types = await post(writer, { ...(await valid()), identifier: 'API-002', amountAwardedPence: 12.5, awardDate: '1 Oct 2026', colour: 'red' })
    assert.equal(types.status, 400)
    assert.deepEqual(types.json.errors.map((e: { field: string }) => e.field).sort(), ['/', '/amountAwardedPence', '/awardDate'])
    const rules = await post(writer, { ...(await valid()), identifier: 'API-003', title: ' ', amountAwardedPence: -100, plannedEndDate: '2026-01-01', beneficiaryLocations: ['Hartlepool'] })
    assert.equal(rules.status, 400)
    const byField = Object.fromEntries(rules.json.errors.map((e: { field: string; message: string }) => [e.field, e.message]))
    assert.deepEqual(Object.keys(byField).sort(), ['/amountAwardedPence', '/beneficiaryLocations', '/plannedEndDate', '/title'])
    assert.equal(byField['/plannedEndDate'], 'The planned end date must be after the start date')
    const foreign = await post(writer, { ...(await valid()), identifier: 'API-004', recipientProviderId: await recipientOf('OTHER') })
    assert.equal(foreign.status, 400)
    assert.deepEqual(foreign.json.errors.map((e: { field: string }) => e.field), ['/recipientProviderId'])
    assert.equal((await t.db.db.select({ id: grants.id }).from(grants)).length, before)
  })

  test('a read scope, a councillor and another scope cannot add grants', async () => {
    const body = { ...(await valid()), identifier: 'API-005' }
    assert.equal((await post(await tokenFor(t, 'finance@demo.catalyst.test', ['grants:read']), body)).status, 403)
    assert.equal((await post(await tokenFor(t, 'finance@demo.catalyst.test', ['contracts:write']), body)).status, 403)
    assert.equal((await post(await tokenFor(t, 'councillor@demo.catalyst.test', ['*:write']), body)).status, 403)
    assert.deepEqual(await t.db.db.select({ id: grants.id }).from(grants).where(like(grants.identifier, '%API-005')), [], 'nothing was written')
  })
})
