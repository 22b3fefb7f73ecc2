/** The contracts API: cursor paging, filters, ETags, tenancy and token scopes (ADR 0044). */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { createApiToken } from '../../platform/auth/service.ts'
import { findCouncil } from '../councils/service.ts'
import { listContracts } from './service.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoTotal = 0

before(async () => {
  t = await createTestApp()
  const make = async (email: string, scopes: string[]) =>
    (await createApiToken(t.db.db, { membershipId: (await membershipFor(t.db.db, email))!.membershipId, name: 'test', now: new Date(), scopes })).token
  reader = await make('commissioner@demo.catalyst.test', ['contracts:read'])
  otherAdmin = await make('admin@other.catalyst.test', ['*:read'])
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  demoTotal = (await listContracts(t.db.db, { councilId: demo.id }, {}, 1, 1000)).total
})
after(async () => t.close())

const get = async (url: string, bearer = reader, headers: Record<string, string> = {}) => {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...headers } })
  return { status: response.statusCode, headers: response.headers, json: response.body ? response.json() : undefined }
}

test('cursor paging walks every contract once, keeping the filters in links.next', async () => {
  assert.ok(demoTotal >= 3, 'the demo has contracts to page through')
  const seen: string[] = []
  let url: string | null = '/api/v1/contracts?limit=2'
  while (url) {
    const page = await get(url)
    assert.equal(page.status, 200, JSON.stringify(page.json))
    assert.ok(page.json.items.length <= 2)
    seen.push(...page.json.items.map((c: { id: string }) => c.id))
    url = page.json.links.next
    if (url) assert.match(url, /^\/api\/v1\/contracts\?limit=2&cursor=/)
  }
  assert.equal(seen.length, demoTotal)
  assert.equal(new Set(seen).size, demoTotal)
})

test('filters narrow the list as the page’s filters do; bad values are a problem naming each', async () => {
  const live = await get('/api/v1/contracts?status=active&limit=200')
  assert.ok(live.json.items.length > 0)
  assert.ok(live.json.items.every((c: { status: string }) => c.status === 'active'))
  const first = live.json.items[0]
  const byWords = await get(`/api/v1/contracts?q=${encodeURIComponent(first.reference)}`)
  assert.ok(byWords.json.items.some((c: { id: string }) => c.id === first.id))
  const bad = await get('/api/v1/contracts?status=lost&limit=0&cursor=xyz')
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['/cursor', '/limit', '/status'])
})

test('one contract comes with its KPIs, assessments and modifications; ETags give 304 until it changes', async () => {
  const list = await get('/api/v1/contracts?limit=200')
  const id = list.json.items[0].id
  const one = await get(`/api/v1/contracts/${id}`)
  assert.equal(one.status, 200)
  for (const part of ['kpis', 'assessments', 'modifications']) assert.ok(Array.isArray(one.json[part]), part)
  const etag = String(one.headers.etag)
  assert.match(etag, /^W\/"[0-9a-f]{32}"$/)
  const again = await get(`/api/v1/contracts/${id}`, reader, { 'if-none-match': etag })
  assert.equal(again.status, 304)
  const listEtag = String(list.headers.etag)
  assert.equal((await get('/api/v1/contracts?limit=200', reader, { 'if-none-match': listEtag })).status, 304)
  assert.equal((await get('/api/v1/contracts?limit=1', reader, { 'if-none-match': listEtag })).status, 200, 'another page is another ETag')
})

test('another council’s contract is 404; a token without contracts:read is 403', async () => {
  const demoId = (await get('/api/v1/contracts?limit=1')).json.items[0].id
  const other = await get(`/api/v1/contracts/${demoId}`, otherAdmin)
  assert.equal(other.status, 404)
  assert.equal(other.json.type, 'urn:catalyst:problem:not-found')
  const otherList = await get('/api/v1/contracts?limit=200', otherAdmin)
  assert.ok(!otherList.json.items.some((c: { id: string }) => c.id === demoId))
  const providersOnly = (await createApiToken(t.db.db, { membershipId: (await membershipFor(t.db.db, 'commissioner@demo.catalyst.test'))!.membershipId, name: 'p', now: new Date(), scopes: ['providers:write'] })).token
  assert.equal((await get('/api/v1/contracts', providersOnly)).status, 403)
  assert.equal((await get('/api/v1/providers?pageSize=1', reader)).status, 403, 'contracts:read does not read providers')
})
