/**
 * Sign-in throttling under parallel guessing, and the owner's way in. Runs on both databases: the check and the
 * record are one locked transaction, so the count holds however many requests arrive at once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'

let now = new Date()
let t: TestApp
before(async () => {
  t = await createTestApp({ clock: () => now, env: { CATALYST_TRUST_PROXY: '127.0.0.1' } })
})
after(async () => t.close())

/** Posts the sign-in form as if from this client address (through the trusted proxy's X-Forwarded-For). */
async function attempt(client: TestClient, email: string, password: string, address: string) {
  return client.request({
    method: 'POST',
    url: '/sign-in',
    payload: new URLSearchParams({ _csrf: client.csrfToken, email, password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
  })
}

async function formClient(): Promise<TestClient> {
  const client = t.client()
  await client.get('/sign-in')
  return client
}

describe('sign-in throttling', () => {
  test('100 parallel wrong guesses get no more tries than the allowance (5)', async () => {
    const client = await formClient()
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attempt(client, 'moderator@demo.catalyst.test', `wrong guess ${i}`, '198.51.100.7')),
    )
    const tried = responses.filter((r) => r.statusCode === 400).length
    const refused = responses.filter((r) => r.statusCode === 429).length
    assert.equal(tried, 5, `${tried} guesses were checked`)
    assert.equal(refused, 95)
    assert.ok(responses.every((r) => r.statusCode !== 303))
    const last = responses.find((r) => r.statusCode === 429)!
    assert.match(pageText(last.body), /Too many failed attempts to sign in from here\. Wait 1 second, then try again/)
    assert.equal(last.headers['retry-after'], '1')
  })

  test('the guesser is slowed with growing delays, even with the right password', async () => {
    const client = await formClient()
    // The five failures above have used the allowance; each further failure doubles the wait.
    now = new Date(now.getTime() + 1000)
    assert.equal((await attempt(client, 'moderator@demo.catalyst.test', 'wrong again', '198.51.100.7')).statusCode, 400)
    const right = await attempt(client, 'moderator@demo.catalyst.test', DEMO_PASSWORD, '198.51.100.7')
    assert.equal(right.statusCode, 429)
    assert.match(pageText(right.body), /Wait 2 seconds/)
    now = new Date(now.getTime() + 2000)
    assert.equal((await attempt(client, 'moderator@demo.catalyst.test', 'and again', '198.51.100.7')).statusCode, 400)
    assert.match(pageText((await attempt(client, 'moderator@demo.catalyst.test', DEMO_PASSWORD, '198.51.100.7')).body), /Wait 4 seconds/)
  })

  test('the owner signing in from an address that has not failed is not locked out', async () => {
    const owner = await formClient()
    const response = await attempt(owner, 'moderator@demo.catalyst.test', DEMO_PASSWORD, '203.0.113.20')
    assert.equal(response.statusCode, 303)
  })

  test('one address spraying many accounts is slowed too', async () => {
    const client = await formClient()
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(client, `nobody-${i}@example.gov.uk`, 'a wrong password', '192.0.2.99')),
    )
    assert.equal(responses.filter((r) => r.statusCode === 400).length, 30)
    assert.equal(responses.filter((r) => r.statusCode === 429).length, 30)
    // Another address is unaffected.
    assert.equal((await attempt(client, 'nobody-1@example.gov.uk', 'a wrong password', '192.0.2.100')).statusCode, 400)
  })

  test('failures are forgotten after the window', async () => {
    now = new Date(now.getTime() + 16 * 60 * 1000)
    const client = await formClient()
    assert.equal((await attempt(client, 'moderator@demo.catalyst.test', DEMO_PASSWORD, '198.51.100.7')).statusCode, 303)
  })
})
