/** The provider API as a program uses it: bearer tokens, JSON, problem documents, tenancy. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { createApiToken } from '../../platform/auth/service.ts'
import { findCouncil } from '../councils/service.ts'
import { providersOpenApi } from './api-docs.ts'
import { listProviders } from './service.ts'

let t: TestApp
const tokens = new Map<string, string>()
const ids = new Map<string, string>()

before(async () => {
  t = await createTestApp()
  for (const email of ['commissioner@demo.catalyst.test', 'councillor@demo.catalyst.test', 'provider@demo.catalyst.test', 'admin@other.catalyst.test']) {
    const membership = await membershipFor(t.db.db, email)
    assert.ok(membership, email)
    tokens.set(email, (await createApiToken(t.db.db, { membershipId: membership.membershipId, name: 'test', now: new Date() })).token)
  }
  for (const code of ['DEMO', 'OTHER']) {
    const council = (await findCouncil(t.db.db, code))!
    for (const p of (await listProviders(t.db.db, council.id, {}, { page: 1, pageSize: 100 })).items) ids.set(`${code}:${p.name}`, p.id)
  }
})
after(async () => t.close())

const id = (key: string) => ids.get(key)!

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, as: string | undefined, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: { ...(as ? { authorization: `Bearer ${tokens.get(as)}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  })
  return { status: response.statusCode, headers: response.headers, json: response.body ? response.json() : undefined }
}

const COMMISSIONER = 'commissioner@demo.catalyst.test'

describe('reading', () => {
  test('lists the council’s providers with paging and filters', async () => {
    const all = await api('GET', '/api/v1/providers?pageSize=5&page=2', COMMISSIONER)
    assert.equal(all.status, 200)
    assert.equal(all.json.total, 15)
    assert.equal(all.json.page, 2)
    assert.equal(all.json.pageSize, 5)
    assert.equal(all.json.items.length, 5)
    const mutual = await api('GET', '/api/v1/providers?flag=mutual', COMMISSIONER)
    assert.deepEqual(mutual.json.items.map((p: { name: string }) => p.name), ['Kindred Care Mutual CIC'])
    assert.deepEqual(mutual.json.items[0].identifiers, [{ scheme: 'GB-COH', id: '09876543', orgId: 'GB-COH-09876543' }])
    assert.deepEqual(mutual.json.items[0].flags, ['sme', 'vcse', 'mutual'])
    const search = await api('GET', '/api/v1/providers?q=GB-COH-8123456&category=waste-recycling&area=E06000002', COMMISSIONER)
    assert.deepEqual(search.json.items.map((p: { name: string }) => p.name), ['Greenway Recycling Ltd'])
  })

  test('bad query values are a problem document naming each parameter', async () => {
    const response = await api('GET', '/api/v1/providers?pageSize=500&flag=big', COMMISSIONER)
    assert.equal(response.status, 400)
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
    assert.deepEqual(response.json.errors.map((e: { field: string }) => e.field).sort(), ['/flag/0', '/pageSize'])
  })

  test('reads one provider; another council’s is 404; no token is 401', async () => {
    const one = await api('GET', `/api/v1/providers/${id('DEMO:Greenway Recycling Ltd')}`, COMMISSIONER)
    assert.equal(one.status, 200)
    assert.equal(one.json.name, 'Greenway Recycling Ltd')
    assert.equal(one.json.links.self, `/api/v1/providers/${id('DEMO:Greenway Recycling Ltd')}`)
    const other = await api('GET', `/api/v1/providers/${id('OTHER:Westfield Care Homes Ltd')}`, COMMISSIONER)
    assert.equal(other.status, 404)
    assert.equal(other.json.type, 'urn:catalyst:problem:not-found')
    assert.equal((await api('GET', '/api/v1/providers', undefined)).status, 401)
  })

  test('a provider’s token reads only its own record, without private notes', async () => {
    const provider = 'provider@demo.catalyst.test'
    assert.equal((await api('GET', '/api/v1/providers', provider)).status, 403)
    const own = await api('GET', `/api/v1/providers/${id('DEMO:Riverside Community Care')}`, provider)
    assert.equal(own.status, 200)
    assert.equal('privateNotes' in own.json, false)
    assert.equal((await api('GET', `/api/v1/providers/${id('DEMO:Ability Works')}`, provider)).status, 404)
  })
})

describe('writing', () => {
  test('creates a provider: 201 with Location, normalised values, audited', async () => {
    const response = await api('POST', '/api/v1/providers', COMMISSIONER, {
      name: 'Acklam Men’s Shed',
      legalForm: 'cio',
      identifiers: [{ scheme: 'GB-CHC', id: '1188001' }],
      flags: ['vcse'],
      postcode: 'ts5 7aa',
      website: 'https://shed.example',
      serviceCategories: ['public-health'],
      areasServed: ['E06000002'],
      published: true,
    })
    assert.equal(response.status, 201)
    assert.equal(response.headers.location, `/api/v1/providers/${response.json.id}`)
    assert.equal(response.json.postcode, 'TS5 7AA')
    assert.equal(response.json.website, 'https://shed.example/')
    const read = await api('GET', response.headers.location as string, COMMISSIONER)
    assert.equal(read.json.name, 'Acklam Men’s Shed')
  })

  test('invalid input is 400 with a pointer and message for each field', async () => {
    const response = await api('POST', '/api/v1/providers', COMMISSIONER, {
      name: '',
      legalForm: 'empire',
      identifiers: [{ scheme: 'GB-COH', id: 'not a number' }],
      postcode: 'nowhere',
      colour: 'red',
    })
    assert.equal(response.status, 400)
    assert.equal(response.json.title, 'The request is not valid')
    const fields = response.json.errors.map((e: { field: string }) => e.field)
    for (const field of ['/name', '/legalForm', '/identifiers/0/id', '/postcode']) assert.ok(fields.includes(field), `${field} in ${fields}`)
    assert.ok(response.json.errors.some((e: { message: string }) => /colour/.test(e.message)))
  })

  test('a duplicate name is 409 unless confirmed; a held identifier is always 409', async () => {
    const body = { name: 'Greenway Recycling Limited', legalForm: 'company-shares' }
    const warned = await api('POST', '/api/v1/providers', COMMISSIONER, body)
    assert.equal(warned.status, 409)
    assert.match(warned.json.errors[0].message, /Matches Greenway Recycling Ltd/)
    assert.equal((await api('POST', '/api/v1/providers', COMMISSIONER, { ...body, confirmDuplicate: true })).status, 201)
    const held = await api('POST', '/api/v1/providers', COMMISSIONER, {
      name: 'Different Name',
      legalForm: 'company-shares',
      identifiers: [{ scheme: 'GB-CHC', id: '1181234' }, { scheme: 'GB-COH', id: '8123456' }],
      confirmDuplicate: true,
    })
    assert.equal(held.status, 409)
    assert.deepEqual(held.json.errors.map((e: { field: string }) => e.field).sort(), ['/identifiers/0/id', '/identifiers/1/id'])
  })

  test('PATCH changes only the fields sent', async () => {
    const target = id('DEMO:Oakfield Legal LLP')
    const response = await api('PATCH', `/api/v1/providers/${target}`, COMMISSIONER, { website: 'oakfield.example', flags: ['sme', 'vcse'] })
    assert.equal(response.status, 200)
    assert.equal(response.json.website, 'https://oakfield.example/')
    assert.deepEqual(response.json.flags, ['sme', 'vcse'])
    assert.equal(response.json.name, 'Oakfield Legal LLP')
    assert.deepEqual(response.json.identifiers.map((i: { orgId: string }) => i.orgId), ['GB-COH-OC412345'])
    const bad = await api('PATCH', `/api/v1/providers/${target}`, COMMISSIONER, { postcode: 'nowhere' })
    assert.equal(bad.status, 400)
    assert.equal(bad.json.errors[0].field, '/postcode')
  })

  test('roles and councils are enforced on writes', async () => {
    assert.equal((await api('POST', '/api/v1/providers', 'councillor@demo.catalyst.test', { name: 'X', legalForm: 'cio' })).status, 403)
    assert.equal((await api('PATCH', `/api/v1/providers/${id('DEMO:Ability Works')}`, 'admin@other.catalyst.test', { name: 'Hijack' })).status, 404)
    const provider = 'provider@demo.catalyst.test'
    const own = id('DEMO:Riverside Community Care')
    const renamed = await api('PATCH', `/api/v1/providers/${own}`, provider, { town: 'Stockton-on-Tees' })
    assert.equal(renamed.status, 200)
    assert.equal(renamed.json.town, 'Stockton-on-Tees')
    assert.equal((await api('PATCH', `/api/v1/providers/${own}`, provider, { published: false })).status, 403)
    assert.equal((await api('PATCH', `/api/v1/providers/${id('DEMO:Ability Works')}`, provider, { town: 'X' })).status, 404)
  })
})

test('the OpenAPI fragment describes every route the API serves', () => {
  assert.deepEqual(Object.keys(providersOpenApi.paths).sort(), ['/api/v1/providers', '/api/v1/providers/{id}'])
  const paths = providersOpenApi.paths as Record<string, object>
  assert.deepEqual(Object.keys(paths['/api/v1/providers/{id}'] ?? {}).sort(), ['get', 'patch'])
  assert.deepEqual(Object.keys(paths['/api/v1/providers'] ?? {}).sort(), ['get', 'post'])
})
