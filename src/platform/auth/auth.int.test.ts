import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

describe('signing in', () => {
  test('a demo user signs in, sees their council, and signs out', async () => {
    const client = t.client()
    await client.signIn('commissioner@demo.catalyst.test')
    const home = await client.get('/')
    assert.match(pageText(home.body), /Demo Borough Council/)
    assert.match(pageText(home.body), /Sign out/)
    const out = await client.post('/sign-out')
    assert.equal(out.statusCode, 303)
    const after = await client.get('/providers')
    assert.equal(after.statusCode, 303)
    assert.match(after.headers.location ?? '', /^\/sign-in/)
  })

  test('a wrong password gets an error summary, not a session', async () => {
    const client = t.client()
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { email: 'finance@demo.catalyst.test', password: 'not the password' })
    assert.equal(response.statusCode, 400)
    assert.match(pageText(response.body), /There is a problem Enter the email address and password of a Catalyst account/)
    assert.equal(client.hasCookie('catalyst_session'), false)
  })

  test('an empty form says what to enter for each field', async () => {
    const client = t.client()
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { email: '', password: '' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#email">Enter your email address/)
    assert.match(response.body, /href="#password">Enter your password/)
  })

  test('a form without its CSRF token is refused', async () => {
    const client = t.client()
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { email: 'admin@demo.catalyst.test', password: 'correct-horse-battery' }, { csrf: false })
    assert.equal(response.statusCode, 403)
    assert.equal(client.hasCookie('catalyst_session'), false)
    const forged = await client.post('/sign-in', { _csrf: 'forged', email: 'admin@demo.catalyst.test', password: 'correct-horse-battery' })
    assert.equal(forged.statusCode, 403)
  })
})

describe('platform pages', () => {
  test('health and readiness answer with JSON', async () => {
    const health = await t.client().get('/healthz')
    assert.equal(health.statusCode, 200)
    assert.deepEqual(health.json(), { status: 'ok' })
    const ready = await t.client().get('/readyz')
    assert.equal(ready.statusCode, 200)
    assert.equal(ready.json().database, 'ok')
  })

  test('an unknown page is a GOV.UK 404 page, with security headers', async () => {
    const response = await t.client().get('/no-such-page')
    assert.equal(response.statusCode, 404)
    assert.match(pageText(response.body), /Page not found/)
    assert.match(String(response.headers['content-security-policy']), /script-src 'self' 'nonce-[^']+'/)
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN')
    assert.ok(response.headers['x-request-id'])
  })
})

describe('a provider user', () => {
  test('finds their own organisation’s profile from the home page', async () => {
    const client = await t.signedIn('provider@demo.catalyst.test')
    const home = await client.get('/')
    const link = home.body.match(/href="(\/providers\/[0-9a-f-]+)">Your organisation’s profile/)
    assert.ok(link?.[1], 'home page links to the provider’s own record')
    const profile = await client.get(link[1])
    assert.equal(profile.statusCode, 200)
    assert.match(pageText(profile.body), /Riverside Community Care/)
  })
})
