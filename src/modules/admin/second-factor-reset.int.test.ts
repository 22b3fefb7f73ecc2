/**
 * An administrator resets the second factor of someone who lost their authenticator app (ADR 0051): from the
 * person's page, audited, every session of theirs ended; they sign in with their password alone and, where their
 * council requires a second factor of administrators, must set up an app again before anything else. The clock is
 * fixed and moved by hand, so that codes can be worked out.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { addAccount } from '../../platform/auth/accounts.ts'
import { memberships, totpFactors, totpRecoveryCodes, users } from '../../platform/auth/schema.ts'
import { codeAt } from '../../platform/auth/totp.ts'
import { findCouncil } from '../councils/service.ts'

let now = new Date('2026-03-02T10:00:00Z')
const clock = () => new Date(now)
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms)
}

let t: TestApp
let demoId = ''
let otherId = ''
/** The demo council administrator's app, set up in the first test. */
let adminSecret = ''

before(async () => {
  t = await createTestApp({ clock })
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
})
after(async () => t?.close())

async function newAccount(email: string, role: 'admin' | 'commissioner', councilId = demoId): Promise<string> {
  await t.db.db.transaction((tx) => addAccount(tx, { email, displayName: email.split('@')[0]!, password: DEMO_PASSWORD, councilId, role }, systemActor('test'), now))
  const [user] = await t.db.db.select().from(users).where(eq(users.email, email))
  return user!.id
}

/** Sets up TOTP through the pages; returns the secret the page showed and the recovery codes. */
async function setUpTotp(client: TestClient): Promise<{ secret: string; codes: string[] }> {
  advance(30_000)
  const page = await client.get('/account/two-factor')
  assert.equal(page.statusCode, 200)
  const secret = page.body.match(/id="setup-key"[^>]*>([A-Z2-7 ]+)</)?.[1]?.replace(/ /g, '')
  assert.ok(secret, 'the setup page shows the secret')
  const confirmed = await client.post('/account/two-factor', { code: codeAt(secret, now) })
  assert.equal(confirmed.statusCode, 200)
  const codes = [...confirmed.body.matchAll(/<code[^>]*>([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})<\/code>/g)].map((m) => m[1]!)
  assert.equal(codes.length, 10)
  return { secret, codes }
}

/** Signs in with a password and, when asked, the code from the app. */
async function signInWith(email: string, secret?: string): Promise<TestClient> {
  const client = t.client()
  await client.get('/sign-in')
  const response = await client.post('/sign-in', { email, password: DEMO_PASSWORD })
  assert.equal(response.statusCode, 303)
  if (response.headers.location === '/sign-in/code') {
    assert.ok(secret, `${email} was asked for a code`)
    advance(30_000)
    await client.get('/sign-in/code')
    assert.equal((await client.post('/sign-in/code', { code: codeAt(secret, now) })).statusCode, 303)
  }
  return client
}

describe('an administrator resets someone’s second factor', () => {
  test('from the person’s page: audited, their sessions end, and the council’s rule makes them set it up again', async () => {
    const lostId = await newAccount('lost.phone@demo.catalyst.test', 'admin')
    // The council's administrator sets up their own app and requires one of administrators.
    const admin = await t.signedIn('admin@demo.catalyst.test')
    adminSecret = (await setUpTotp(admin)).secret
    await admin.get('/admin/security')
    assert.equal((await admin.post('/admin/security', { requireTwoFactorForAdmins: 'yes' })).statusCode, 303)

    // The other administrator has an app, and a session opened with it.
    const first = await signInWith('lost.phone@demo.catalyst.test')
    const lost = await setUpTotp(first)
    const withApp = await signInWith('lost.phone@demo.catalyst.test', lost.secret)
    assert.equal((await withApp.get('/admin/users')).statusCode, 200)

    // Their page says the app is set up and offers the reset.
    const page = await admin.get(`/admin/users/${lostId}`)
    assert.match(pageText(page.body), /Two-factor authentication Authenticator app Set up/)
    assert.match(page.body, new RegExp(`action="/admin/users/${lostId}/two-factor"`))
    assert.match(pageText(page.body), /Reset two-factor authentication/)

    const reset = await admin.post(`/admin/users/${lostId}/two-factor`)
    assert.equal(reset.statusCode, 303)
    assert.equal(reset.headers.location, `/admin/users/${lostId}?removed=two-factor`)
    const after = pageText((await admin.get(reset.headers.location)).body)
    assert.match(after, /Two-factor authentication reset\. They have been signed out everywhere/)
    assert.match(after, /Authenticator app Not set up/)
    assert.doesNotMatch(after, /Reset two-factor authentication/)

    // The app and its recovery codes are gone; every session of theirs has ended; the administrator's have not.
    assert.equal((await t.db.db.select().from(totpFactors).where(eq(totpFactors.userId, lostId))).length, 0)
    assert.equal((await t.db.db.select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, lostId))).length, 0)
    for (const client of [first, withApp]) {
      const response = await client.get('/admin/users')
      assert.equal(response.statusCode, 303)
      assert.match(response.headers.location ?? '', /^\/sign-in/)
    }
    assert.equal((await admin.get('/admin/users')).statusCode, 200)

    const [entry] = await t.db.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, lostId), eq(auditEntries.action, 'reset-second-factor')))
    assert.ok(entry, 'the reset is in the audit trail')
    assert.equal(entry.councilId, demoId)
    assert.deepEqual(entry.before, { twoFactor: true })
    assert.deepEqual(entry.after, { twoFactor: false, sessionsEnded: 2 })

    // Next sign-in: the password alone opens a session (no code is asked for), and the council's rule sends them
    // to set up an app before anything else.
    const next = await signInWith('lost.phone@demo.catalyst.test')
    for (const url of ['/', '/admin/users']) {
      const response = await next.get(url)
      assert.equal(response.statusCode, 303, url)
      assert.equal(response.headers.location, '/account/two-factor', url)
    }
    assert.match(pageText((await next.get('/account/two-factor')).body), /requires administrators to use two-factor authentication/)
    const again = await setUpTotp(next)
    assert.notEqual(again.secret, lost.secret, 'a new secret, not the lost phone’s')
    assert.equal((await next.get('/admin/users')).statusCode, 200)

    // A recovery code from before the reset opens nothing.
    const stale = t.client()
    await stale.get('/sign-in')
    await stale.post('/sign-in', { email: 'lost.phone@demo.catalyst.test', password: DEMO_PASSWORD })
    await stale.get('/sign-in/code')
    const refused = await stale.post('/sign-in/code', { code: lost.codes[0]! })
    assert.equal(refused.statusCode, 400)
    assert.equal(stale.hasCookie('catalyst_session'), false)

    await admin.post('/admin/security', {})
  })

  test('refused for themselves, for someone without an app, for someone who also works for another council; unseen by another council', async () => {
    const admin = await signInWith('admin@demo.catalyst.test', adminSecret)
    const [self] = await t.db.db.select().from(users).where(eq(users.email, 'admin@demo.catalyst.test'))
    const own = await admin.get(`/admin/users/${self!.id}`)
    assert.doesNotMatch(pageText(own.body), /Reset two-factor authentication/, 'no button on their own page')
    const ownReset = await admin.post(`/admin/users/${self!.id}/two-factor`)
    assert.equal(ownReset.statusCode, 400)
    assert.match(pageText(ownReset.body), /There is a problem You cannot reset your own two-factor authentication/)

    const [commissioner] = await t.db.db.select().from(users).where(eq(users.email, 'commissioner@demo.catalyst.test'))
    const none = await admin.post(`/admin/users/${commissioner!.id}/two-factor`)
    assert.equal(none.statusCode, 400)
    assert.match(pageText(none.body), /They have not set up two-factor authentication, so there is nothing to reset/)

    const bothId = await newAccount('two.councils@demo.catalyst.test', 'commissioner')
    await t.db.db.insert(memberships).values({ userId: bothId, councilId: otherId, role: 'commissioner', createdAt: now })
    const both = await admin.post(`/admin/users/${bothId}/two-factor`)
    assert.equal(both.statusCode, 400)
    assert.match(pageText(both.body), /also works for another council on Catalyst/)

    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.post(`/admin/users/${commissioner!.id}/two-factor`)).statusCode, 404)
    const commissionerClient = await t.signedIn('commissioner@demo.catalyst.test')
    assert.equal((await commissionerClient.post(`/admin/users/${commissioner!.id}/two-factor`)).statusCode, 403)
  })
})
