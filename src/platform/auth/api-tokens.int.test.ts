/** API tokens' scopes, expiry and the use count written without a write on every request (ADR 0044). */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from './accounts.ts'
import { apiTokens } from './schema.ts'
import { createApiToken } from './service.ts'
import { TOKEN_USAGE_WRITE_MS } from './token-usage.ts'

let t: TestApp
let now = new Date('2026-06-01T09:00:00Z')
let membershipId = ''

before(async () => {
  t = await createTestApp({ clock: () => now })
  membershipId = (await membershipFor(t.db.db, 'commissioner@demo.catalyst.test'))!.membershipId
})
after(async () => t.close())

const token = (scopes: string[], expiresAt?: Date) => createApiToken(t.db.db, { membershipId, name: 'test', now, scopes, expiresAt })

async function call(method: 'GET' | 'POST', url: string, bearer: string, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  })
  return { status: response.statusCode, type: String(response.headers['content-type']), headers: response.headers, json: response.json() }
}

test('a token without the scope a route needs gets 403 as a problem document naming the scope', async () => {
  const reader = await token(['providers:read'])
  assert.equal((await call('GET', '/api/v1/providers', reader.token)).status, 200)
  const write = await call('POST', '/api/v1/providers', reader.token, { name: 'Tees Valley Meals CIC', legalForm: 'cic' })
  assert.equal(write.status, 403)
  assert.match(write.type, /^application\/problem\+json/)
  assert.equal(write.json.type, 'urn:catalyst:problem:forbidden')
  assert.match(write.json.detail, /needs the scope providers:write; the token has providers:read/)

  const otherModule = await token(['route-advice:read'])
  const listed = await call('GET', '/api/v1/providers', otherModule.token)
  assert.equal(listed.status, 403)
  assert.match(listed.json.detail, /providers:read \(or providers:write\)/)
  // Route advice is a POST that changes nothing: read is enough.
  const advice = await call('POST', '/api/v1/route-advice', otherModule.token, {})
  assert.equal(advice.status, 400, 'reaches the advice’s own validation')

  const writer = await token(['providers:write'])
  const created = await call('POST', '/api/v1/providers', writer.token, { name: 'Tees Valley Meals CIC', legalForm: 'cic' })
  assert.equal(created.status, 201)
  assert.equal((await call('GET', created.headers.location as string, writer.token)).status, 200, 'write includes read')
})

test('a scope never widens the role: a councillor’s write token still cannot write', async () => {
  const councillor = (await membershipFor(t.db.db, 'councillor@demo.catalyst.test'))!.membershipId
  const { token: bearer } = await createApiToken(t.db.db, { membershipId: councillor, name: 'test', now, scopes: ['*:write'] })
  assert.equal((await call('POST', '/api/v1/providers', bearer, { name: 'X', legalForm: 'cic' })).status, 403)
})

test('an expired token gets 401 saying it expired; an unknown one 401 asking for a token', async () => {
  const soon = await token(['*:read'], new Date(now.getTime() + 60_000))
  assert.equal((await call('GET', '/api/v1/providers', soon.token)).status, 200)
  now = new Date(now.getTime() + 60_000)
  const expired = await call('GET', '/api/v1/providers', soon.token)
  assert.equal(expired.status, 401)
  assert.match(expired.type, /^application\/problem\+json/)
  assert.equal(expired.json.title, 'The API token has expired')
  assert.match(String(expired.headers['www-authenticate']), /invalid_token/)
  const unknown = await call('GET', '/api/v1/providers', 'cat_unknown')
  assert.equal(unknown.status, 401)
  assert.equal(unknown.json.title, 'Authentication required')
})

test('tokens are refused past the longest life, and without valid scopes', async () => {
  await assert.rejects(token(['*:read'], new Date(now.getTime() + 400 * 86_400_000)), /must expire within 366 days/)
  await assert.rejects(token(['contracts:admin']), /scopes must be like/)
  await assert.rejects(token([]), /scopes must be like/)
})

test('using a token writes its last use at once, then at most once a minute, and the rest when the app closes', async () => {
  const { id, token: bearer } = await token(['*:read'])
  const row = async () => (await t.db.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!
  const first = now
  for (let i = 0; i < 10; i++) assert.equal((await call('GET', '/api/v1/providers?pageSize=1', bearer)).status, 200)
  assert.equal((await row()).usageCount, 1, 'only the first use was written')
  assert.equal((await row()).lastUsedAt?.toISOString(), first.toISOString())

  now = new Date(now.getTime() + TOKEN_USAGE_WRITE_MS)
  await call('GET', '/api/v1/providers?pageSize=1', bearer)
  assert.equal((await row()).usageCount, 11, 'a minute on, every use counted so far is written')
  assert.equal((await row()).lastUsedAt?.toISOString(), now.toISOString())

  now = new Date(now.getTime() + 1000)
  await call('GET', '/api/v1/providers?pageSize=1', bearer)
  await call('GET', '/api/v1/providers?pageSize=1', bearer)
  assert.equal((await row()).usageCount, 11)
  await t.app.close()
  assert.equal((await row()).usageCount, 13, 'closing the app writes what was still counted')
  assert.equal((await row()).lastUsedAt?.toISOString(), now.toISOString())
})
