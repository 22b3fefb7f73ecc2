/**
 * Signing in with a council's identity provider, against a real OpenID provider started on a loopback port: the
 * settings page, the code flow through the provider's own login page, roles from the roles claim, sign-out there
 * too, and the answers Catalyst must refuse.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { findCouncil } from '../../../modules/councils/service.ts'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../../test/support/app.ts'
import { startOidcProvider, type TestOidcProvider } from '../../../../test/support/oidc-provider.ts'
import { auditEntries } from '../../audit/schema.ts'
import { writeSettings } from '../../settings/settings.ts'
import { signInSecuritySettings } from '../security-settings.ts'
import { instanceSecret } from '../../instance-secret.ts'
import { memberships, users } from '../schema.ts'
import { saveIdentityProvider } from './configuration.ts'
import { councilIdentityProviders, oidcSignInAttempts } from './schema.ts'

const PUBLIC_URL = 'http://localhost:4123'
const ACCOUNTS = {
  ada: { email: 'ada.lovelace@demo-council.example', name: 'Ada Lovelace', roles: ['Catalyst.Commissioner'] },
  grace: { email: 'grace.hopper@demo-council.example', name: 'Grace Hopper', roles: ['Some.Other.App'] },
  alan: { email: 'alan.turing@demo-council.example', name: 'Alan Turing', roles: ['Catalyst.Finance'] },
  // The other demo council's administrator: this council's provider must not sign in to that account.
  intruder: { email: 'admin@other.catalyst.test', name: 'Not Other Admin', roles: ['Catalyst.Admin'] },
  // The demo council's own administrator, who also has a password.
  admin: { email: 'admin@demo.catalyst.test', name: 'Ada Admin', roles: ['Catalyst.Admin'] },
}

let t: TestApp
let op: TestOidcProvider
let demoCouncilId: string

before(async () => {
  t = await createTestApp({ env: { CATALYST_PUBLIC_URL: PUBLIC_URL } })
  op = await startOidcProvider({
    accounts: ACCOUNTS,
    redirectUri: `${PUBLIC_URL}/sign-in/callback`,
    postLogoutRedirectUri: `${PUBLIC_URL}/sign-in?signedOut=1`,
  })
  demoCouncilId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => {
  await op?.close()
  await t?.close()
})

/** Configures DEMO's provider directly, as the settings page would (for tests about something else). */
async function configure(overrides: { issuer?: string; mapping?: Record<string, string[]> } = {}) {
  const secret = await instanceSecret(t.db.db, undefined)
  await t.db.db.transaction((tx) =>
    saveIdentityProvider(tx, {
      actor: { userId: null, label: 'test' },
      councilId: demoCouncilId,
      instanceSecret: secret,
      values: {
        displayName: 'Demo Borough Council account',
        issuer: overrides.issuer ?? op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        rolesClaim: 'roles',
        roleMapping: overrides.mapping ?? { admin: ['Catalyst.Admin'], commissioner: ['Catalyst.Commissioner'], finance: ['Catalyst.Finance'] },
        enabled: true,
      },
      now: new Date(),
    }),
  )
}

/** Starts a sign-in at Catalyst, signs in at the provider as `login`, and returns the callback path and the attempt cookie. */
async function throughProvider(client: TestClient, login: string) {
  const start = await client.get('/sign-in/with/DEMO')
  assert.equal(start.statusCode, 303, pageText(start.body))
  const authorization = new URL(start.headers.location as string)
  assert.equal(authorization.origin, op.issuer)
  assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256')
  assert.ok(authorization.searchParams.get('state') && authorization.searchParams.get('nonce'))
  const attemptCookie = (start.cookies as { name: string; value: string }[]).find((c) => c.name === 'catalyst_oidc')!.value
  const back = await op.signIn(authorization.toString(), login)
  assert.equal(back.origin + back.pathname, `${PUBLIC_URL}/sign-in/callback`)
  assert.ok(back.searchParams.get('code'))
  return { callback: back.pathname + back.search, attemptCookie }
}

async function rolesOf(email: string) {
  const rows = await t.db.db
    .select({ role: memberships.role, councilId: memberships.councilId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, email))
  return rows.map((r) => `${r.councilId === demoCouncilId ? 'DEMO' : 'other'}:${r.role}`).sort()
}

describe('the settings page', () => {
  test('an administrator configures the provider; bad input gets an error summary; the secret is stored sealed', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const hub = await admin.get('/settings')
    assert.match(hub.body, /href="\/settings\/sign-in"/)
    const page = await admin.get('/settings/sign-in')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Redirect URI http:\/\/localhost:4123\/sign-in\/callback/)

    const empty = await admin.post('/settings/sign-in', { enabled: 'yes', displayName: '', issuer: '', clientId: '', clientSecret: '', rolesClaim: 'roles' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /govuk-error-summary/)
    assert.match(empty.body, /href="#displayName">Enter the name people know the provider by/)
    assert.match(empty.body, /href="#issuer">Enter the issuer URL/)
    assert.match(empty.body, /href="#clientSecret">Enter the client secret/)

    const form = {
      enabled: 'yes',
      displayName: 'Demo Borough Council account',
      issuer: op.issuer,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
      rolesClaim: 'roles',
      'role-admin': 'Catalyst.Admin',
      'role-commissioner': 'Catalyst.Commissioner',
      'role-finance': 'Catalyst.Finance, Catalyst.Admin',
    }
    const duplicate = await admin.post('/settings/sign-in', form)
    assert.equal(duplicate.statusCode, 400)
    assert.match(pageText(duplicate.body), /Catalyst.Admin is already given to Administrator: give each value to one role/)

    // The discovery document at this address names another issuer (as another tenant's would): refused.
    const wrongIssuer = await admin.post('/settings/sign-in', { ...form, 'role-finance': 'Catalyst.Finance', issuer: op.otherTenantIssuer })
    assert.equal(wrongIssuer.statusCode, 400)
    assert.match(pageText(wrongIssuer.body), /The provider at this address gives a different issuer/)

    const saved = await admin.post('/settings/sign-in', { ...form, 'role-finance': 'Catalyst.Finance' })
    assert.equal(saved.statusCode, 303)
    const [row] = await t.db.db.select().from(councilIdentityProviders).where(eq(councilIdentityProviders.councilId, demoCouncilId))
    assert.ok(row)
    assert.ok(!row.clientSecretSealed.includes(op.clientSecret), 'the client secret is not stored in clear')
    assert.deepEqual(row.roleMapping, { admin: ['Catalyst.Admin'], commissioner: ['Catalyst.Commissioner'], finance: ['Catalyst.Finance'] })
    const audits = await t.db.db.select().from(auditEntries).where(eq(auditEntries.entityType, 'identity-provider'))
    assert.ok(audits.length >= 1)
    assert.ok(!JSON.stringify(audits).includes(op.clientSecret), 'the audit log never holds the secret')

    // Saving again with the secret left blank keeps it.
    const again = await admin.post('/settings/sign-in', { ...form, 'role-finance': 'Catalyst.Finance', clientSecret: '', displayName: 'Demo Borough Council account' })
    assert.equal(again.statusCode, 303)
    const reread = await admin.get('/settings/sign-in?saved=1')
    assert.match(pageText(reread.body), /Sign-in settings saved/)
    assert.doesNotMatch(reread.body, new RegExp(op.clientSecret))

    // Other roles cannot open it.
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    assert.equal((await commissioner.get('/settings/sign-in')).statusCode, 403)

    // The sign-in page offers the provider, and keeps the password form.
    const signInPage = await t.client().get('/sign-in')
    assert.match(pageText(signInPage.body), /Sign in with Demo Borough Council account/)
    assert.match(signInPage.body, /href="\/sign-in\/with\/DEMO"/)
    assert.match(signInPage.body, /name="password"/)
  })
})

describe('signing in through the provider', () => {
  before(async () => configure())

  test('a new person is created on first sign-in with the role their claim maps to, and signs out at the provider too', async () => {
    const browser = t.client()
    const { callback } = await throughProvider(browser, 'ada')
    const done = await browser.get(callback)
    assert.equal(done.statusCode, 303, pageText(done.body))
    assert.equal(done.headers.location, '/')
    const home = await browser.get('/')
    assert.match(pageText(home.body), /Ada Lovelace/)
    assert.match(pageText(home.body), /Demo Borough Council/)
    assert.deepEqual(await rolesOf(ACCOUNTS.ada.email), ['DEMO:commissioner'])
    assert.equal((await browser.get('/contracts')).statusCode, 200)

    // A second sign-in finds the same account, no duplicate.
    const second = t.client()
    const { callback: callback2 } = await throughProvider(second, 'ada')
    assert.equal((await second.get(callback2)).statusCode, 303)
    assert.equal((await t.db.db.select().from(users).where(eq(users.email, ACCOUNTS.ada.email))).length, 1)

    // Sign-out ends the session here and sends the browser to the provider's end_session_endpoint.
    const out = await browser.post('/sign-out')
    assert.equal(out.statusCode, 200)
    const refresh = out.body.match(/<meta http-equiv="refresh" content="0; url=([^"]+)">/)
    assert.ok(refresh, 'the sign-out page sends the browser on to the provider')
    const endSession = new URL(refresh[1]!.replace(/&amp;/g, '&'))
    assert.equal(endSession.origin, op.issuer)
    assert.ok(endSession.searchParams.get('id_token_hint'))
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${PUBLIC_URL}/sign-in?signedOut=1`)
    assert.equal((await browser.get('/contracts')).statusCode, 303, 'the Catalyst session has ended')
    const back = await op.signOut(endSession.toString())
    assert.equal(back.toString(), `${PUBLIC_URL}/sign-in?signedOut=1`)
  })

  test('an account with roles in another council is not signed in to through this council’s provider', async () => {
    const browser = t.client()
    const { callback } = await throughProvider(browser, 'intruder')
    const refused = await browser.get(callback)
    assert.equal(refused.statusCode, 409)
    assert.match(pageText(refused.body), /Your email address already has a Catalyst account elsewhere/)
    assert.equal(browser.hasCookie('catalyst_session'), false)
    assert.deepEqual(await rolesOf('admin@other.catalyst.test'), ['other:admin'])
  })

  test('a replayed answer (the same state and code again) is refused', async () => {
    const browser = t.client()
    const { callback, attemptCookie } = await throughProvider(browser, 'alan')
    assert.equal((await browser.get(callback)).statusCode, 303)
    const replay = await t.app.inject({ method: 'GET', url: callback, headers: { cookie: `catalyst_oidc=${attemptCookie}` } })
    assert.equal(replay.statusCode, 400)
    assert.match(pageText(replay.body), /This sign-in has expired or has already been used/)
    assert.equal((replay.cookies as { name: string }[]).some((c) => c.name === 'catalyst_session'), false)
    // And an answer brought to another browser (without the attempt's cookie) is refused too.
    const { callback: other } = await throughProvider(t.client(), 'alan')
    const elsewhere = await t.client().get(other)
    assert.equal(elsewhere.statusCode, 400)
  })

  test('an ID token whose nonce is not the one the sign-in sent is refused', async () => {
    const browser = t.client()
    const { callback, attemptCookie: _cookie } = await throughProvider(browser, 'alan')
    // What a code injected from another sign-in looks like to Catalyst: the token's nonce is not the one stored.
    await t.db.db.update(oidcSignInAttempts).set({ nonce: 'a-nonce-from-another-sign-in' })
    const refused = await browser.get(callback)
    assert.equal(refused.statusCode, 400)
    assert.match(pageText(refused.body), /Catalyst could not check your sign-in/)
    assert.equal(browser.hasCookie('catalyst_session'), false)
  })

  test('a person whose roles claim maps to no role is created without one and told so; mapping it lets them in', async () => {
    const browser = t.client()
    const { callback } = await throughProvider(browser, 'grace')
    const page = await browser.get(callback)
    assert.equal(page.statusCode, 403)
    assert.match(pageText(page.body), /You do not have a role in Catalyst yet/)
    assert.match(pageText(page.body), /Some.Other.App/)
    assert.equal(browser.hasCookie('catalyst_session'), false)
    assert.equal((await t.db.db.select().from(users).where(eq(users.email, ACCOUNTS.grace.email))).length, 1)
    assert.deepEqual(await rolesOf(ACCOUNTS.grace.email), [])

    await configure({ mapping: { commissioner: ['Catalyst.Commissioner'], councillor: ['Some.Other.App'] } })
    const again = t.client()
    const { callback: callback2 } = await throughProvider(again, 'grace')
    assert.equal((await again.get(callback2)).statusCode, 303)
    assert.deepEqual(await rolesOf(ACCOUNTS.grace.email), ['DEMO:councillor'])

    // The claim no longer carries a mapped value: the role the mapping speaks for is taken away at the next sign-in.
    await configure({ mapping: { councillor: ['Catalyst.Councillor'] } })
    const third = t.client()
    const { callback: callback3 } = await throughProvider(third, 'grace')
    assert.equal((await third.get(callback3)).statusCode, 403)
    assert.deepEqual(await rolesOf(ACCOUNTS.grace.email), [])
    await configure()
  })

  test('a disabled account is refused', async () => {
    await t.db.db.update(users).set({ disabled: true }).where(eq(users.email, ACCOUNTS.ada.email))
    const browser = t.client()
    const { callback } = await throughProvider(browser, 'ada')
    const refused = await browser.get(callback)
    assert.equal(refused.statusCode, 403)
    assert.match(pageText(refused.body), /Your Catalyst account is disabled/)
    assert.equal(browser.hasCookie('catalyst_session'), false)
    await t.db.db.update(users).set({ disabled: false }).where(eq(users.email, ACCOUNTS.ada.email))
  })

  test('a provider that answers as another issuer than the one configured is not trusted', async () => {
    await configure({ issuer: op.otherTenantIssuer })
    const start = await t.client().get('/sign-in/with/DEMO')
    assert.equal(start.statusCode, 502)
    assert.match(pageText(start.body), /Sign-in with Demo Borough Council account is not set up correctly/)
    assert.equal(start.headers.location, undefined)
    await configure()
    const rows = await t.db.db.select().from(councilIdentityProviders).where(and(eq(councilIdentityProviders.councilId, demoCouncilId)))
    assert.equal(rows[0]?.issuer, op.issuer)
  })
})

describe('the council’s rule that administrators use a second factor (ADR 0051)', () => {
  before(async () => configure())

  const requireForAdmins = (value: boolean) =>
    t.db.db.transaction((tx) =>
      writeSettings(tx, {
        actor: { userId: null, label: 'test' },
        councilId: demoCouncilId,
        section: signInSecuritySettings,
        values: { requireTwoFactorForAdmins: value },
        now: new Date(),
      }),
    )

  test('a session the council’s provider opened meets it; the same administrator signing in with a password does not', async () => {
    await requireForAdmins(true)
    try {
      // The administrator without an authenticator app, signing in with the provider: straight to their pages.
      const viaProvider = t.client()
      const { callback } = await throughProvider(viaProvider, 'admin')
      const done = await viaProvider.get(callback)
      assert.equal(done.statusCode, 303, pageText(done.body))
      for (const url of ['/', '/admin/users', '/settings/sign-in']) {
        assert.equal((await viaProvider.get(url)).statusCode, 200, url)
      }
      // Their own two-factor page offers the app without saying the council requires it of them now.
      assert.doesNotMatch(pageText((await viaProvider.get('/account/two-factor')).body), /requires administrators to use two-factor authentication/)

      // The same account, signing in with its password in another browser: sent to set up the app first.
      const viaPassword = await t.signedIn('admin@demo.catalyst.test')
      for (const url of ['/', '/admin/users', '/settings/sign-in']) {
        const response = await viaPassword.get(url)
        assert.equal(response.statusCode, 303, url)
        assert.equal(response.headers.location, '/account/two-factor', url)
      }
      assert.match(pageText((await viaPassword.get('/account/two-factor')).body), /Demo Borough Council requires administrators to use two-factor authentication/)
    } finally {
      await requireForAdmins(false)
    }
  })

  test('an administrator signed in through the provider may turn the rule on without an authenticator app; one signed in with a password may not', async () => {
    const viaPassword = await t.signedIn('admin@demo.catalyst.test')
    await viaPassword.get('/admin/security')
    const refused = await viaPassword.post('/admin/security', { requireTwoFactorForAdmins: 'yes' })
    assert.equal(refused.statusCode, 400)
    assert.match(pageText(refused.body), /Set up two-factor authentication for your own account before you require it of administrators/)

    const viaProvider = t.client()
    const { callback } = await throughProvider(viaProvider, 'admin')
    assert.equal((await viaProvider.get(callback)).statusCode, 303)
    const page = await viaProvider.get('/admin/security')
    assert.match(pageText(page.body), /Administrators who sign in with your council’s identity provider are not asked for Catalyst’s code/)
    const saved = await viaProvider.post('/admin/security', { requireTwoFactorForAdmins: 'yes' })
    assert.equal(saved.statusCode, 303)
    assert.equal((await viaProvider.get('/admin/users')).statusCode, 200)
    await requireForAdmins(false)
  })
})
