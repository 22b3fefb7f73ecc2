/** API rate limits per token and per address, sized in settings (ADR 0044). */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { loadConfig } from '../../config.ts'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from '../auth/accounts.ts'
import { createApiToken } from '../auth/service.ts'

let t: TestApp
const tokens: string[] = []

before(async () => {
  t = await createTestApp({ env: { CATALYST_API_RATE_PER_TOKEN: '3', CATALYST_API_RATE_PER_ADDRESS: '2' } })
  for (const email of ['commissioner@demo.catalyst.test', 'finance@demo.catalyst.test']) {
    const membership = await membershipFor(t.db.db, email)
    tokens.push((await createApiToken(t.db.db, { membershipId: membership!.membershipId, name: 'rate', now: new Date() })).token)
  }
})
after(async () => t.close())

const get = (url: string, bearer?: string, ip = '192.0.2.10') =>
  t.app.inject({ method: 'GET', url, remoteAddress: ip, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })

test('a token may make the set number of requests a minute, then gets 429 as a problem document', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await get('/api/v1/providers?pageSize=1', tokens[0])).statusCode, 200)
  const refused = await get('/api/v1/providers?pageSize=1', tokens[0])
  assert.equal(refused.statusCode, 429)
  assert.match(String(refused.headers['content-type']), /^application\/problem\+json/)
  assert.equal(refused.json().type, 'urn:catalyst:problem:too-many-requests')
  assert.match(refused.json().detail, /allows 3 requests a minute/)
  assert.ok(Number(refused.headers['retry-after']) > 0)
  // Another token from the same address has its own count.
  assert.equal((await get('/api/v1/providers?pageSize=1', tokens[1])).statusCode, 200)
})

test('without a valid token the count is per address, so made-up tokens share it', async () => {
  assert.equal((await get('/api/v1/providers', undefined, '198.51.100.7')).statusCode, 401)
  assert.equal((await get('/api/v1/providers', 'cat_guess-one', '198.51.100.7')).statusCode, 401)
  assert.equal((await get('/api/v1/providers', 'cat_guess-two', '198.51.100.7')).statusCode, 429)
  assert.equal((await get('/api/v1/providers', undefined, '198.51.100.8')).statusCode, 401, 'another address has its own count')
})

test('pages are not counted by the API limit', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await get('/accessibility', undefined, '203.0.113.5')).statusCode, 200)
})

test('the limits are checked when settings are read', () => {
  assert.deepEqual(loadConfig({ NODE_ENV: 'test' }).apiRateLimit, { perToken: 600, perAddress: 120 })
  assert.throws(() => loadConfig({ NODE_ENV: 'test', CATALYST_API_RATE_PER_TOKEN: '0' }), /CATALYST_API_RATE_PER_TOKEN.*from 1 to 1000000/)
})
