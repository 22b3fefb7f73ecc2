/**
 * Password accounts (ADR 0043): a reset by emailed link, sent through a real SMTP server started here; an
 * administrator disabling and enabling an account; the TOTP second factor and the council's rule that
 * administrators use one. The clock is fixed and moved by hand; jobs are run by calling the worker's "run due jobs".
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/support/smtp-server.ts'
import { loadConfig } from '../../config.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { auditEntries } from '../audit/schema.ts'
import { formatDateTime } from '../dates.ts'
import { systemActor } from '../audit/audit.ts'
import { jobRegistry, type JobRegistry } from '../jobs/handlers.ts'
import { runDueJobs } from '../jobs/queue.ts'
import { jobs } from '../jobs/schema.ts'
import { linkIn } from '../notify/notifier.ts'
import { addAccount } from './accounts.ts'
import { PASSWORD_RESET_JOB, RESET_LIMITS } from './password-reset.ts'
import { users } from './schema.ts'
import { createApiToken } from './service.ts'
import { codeAt } from './totp.ts'

const PUBLIC_URL = 'https://catalyst.example.gov.uk'
let now = new Date('2026-03-02T10:00:00Z')
const clock = () => new Date(now)
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms)
}

let received: ReceivedMail[] = []
let smtp: TestSmtpServer
let t: TestApp
let registry: JobRegistry
let demoId = ''
let otherId = ''

const runJobs = () => runDueJobs(t.db.db, registry.handlers, { clock })

async function newAccount(email: string, role: 'admin' | 'commissioner' | 'finance', councilId = demoId) {
  return t.db.db.transaction((tx) =>
    addAccount(tx, { email, displayName: email.split('@')[0]!, password: DEMO_PASSWORD, councilId, role }, systemActor('test'), now),
  )
}

/** Posts the sign-in form; the response is what the browser gets back. */
async function postSignIn(client: TestClient, email: string, password = DEMO_PASSWORD) {
  await client.get('/sign-in')
  return client.post('/sign-in', { email, password })
}

before(async () => {
  smtp = await startSmtpServer()
  received = smtp.received
  const env = {
    EMAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    EMAIL_FROM: 'catalyst@example.gov.uk',
    CATALYST_PUBLIC_URL: PUBLIC_URL,
  }
  t = await createTestApp({ clock, env })
  registry = jobRegistry(loadConfig({ NODE_ENV: 'test', ...env }))
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
})

after(async () => {
  registry.close()
  await t.close()
  await smtp.stop()
})

/** The page's HTML without its per-request CSRF token, to compare two answers. */
const withoutCsrf = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '')

describe('password reset by an emailed link', () => {
  test('the same answer for a known and an unknown email; only the account gets a link, on the public address; it works once and ends every session', async () => {
    await newAccount('reset.me@demo.catalyst.test', 'commissioner')
    const elsewhere = t.client()
    await elsewhere.signIn('reset.me@demo.catalyst.test')
    assert.equal((await elsewhere.get('/providers')).statusCode, 200)

    const visitor = t.client()
    await visitor.get('/password-reset')
    const forged = { host: 'evil.example' }
    const known = await visitor.request({ method: 'POST', url: '/password-reset', headers: { 'content-type': 'application/x-www-form-urlencoded', ...forged }, payload: new URLSearchParams({ _csrf: visitor.csrfToken, email: 'Reset.Me@demo.catalyst.test' }).toString() })
    const unknown = await visitor.request({ method: 'POST', url: '/password-reset', headers: { 'content-type': 'application/x-www-form-urlencoded', ...forged }, payload: new URLSearchParams({ _csrf: visitor.csrfToken, email: 'nobody.here@demo.catalyst.test' }).toString() })
    assert.equal(known.statusCode, 200)
    assert.equal(unknown.statusCode, 200)
    assert.match(pageText(known.body), /Check your email If reset\.me@demo\.catalyst\.test belongs to a Catalyst account/)
    assert.equal(withoutCsrf(known.body).replace('reset.me', 'X'), withoutCsrf(unknown.body).replace('nobody.here', 'X'), 'the two answers are the same page')
    // Both did the same work in the request: one job each, and no email yet.
    const queued = await t.db.db.select().from(jobs).where(eq(jobs.name, PASSWORD_RESET_JOB))
    assert.equal(queued.length, 2)
    assert.equal(received.length, 0)

    assert.deepEqual(await runJobs(), { done: 3, retried: 0, dead: 0 }, 'two lookups, and one email sent')
    assert.equal(received.length, 1)
    const mail = received[0]!
    assert.deepEqual(mail.to, ['reset.me@demo.catalyst.test'])
    assert.match(mail.text, /^Subject: Reset your Catalyst password\r?$/m)
    assert.match(mail.text, /https:\/\/catalyst\.example\.gov\.uk\/password-reset\/[A-Za-z0-9_-]{43}/)
    assert.doesNotMatch(mail.text, /evil\.example/)
    const link = linkIn(mail.text, '/password-reset/')!

    // A new password is checked as at sign-up.
    const owner = t.client()
    const form = await owner.get(link)
    assert.equal(form.statusCode, 200)
    assert.match(pageText(form.body), /Choose a new password For reset\.me@demo\.catalyst\.test/)
    const weak = await owner.post(link, { password: 'password123' })
    assert.equal(weak.statusCode, 400)
    assert.match(pageText(weak.body), /There is a problem Password is too common/)
    const short = await owner.post(link, { password: 'short' })
    assert.match(pageText(short.body), /Password must be 10 characters or more/)

    const done = await owner.post(link, { password: 'lantern orchard biscuit' })
    assert.equal(done.statusCode, 303)
    assert.equal(done.headers.location, '/sign-in?passwordReset=1')
    assert.match(pageText((await owner.get('/sign-in?passwordReset=1')).body), /Your password has been changed/)

    // The session opened before the reset has ended.
    const old = await elsewhere.get('/providers')
    assert.equal(old.statusCode, 303)
    assert.match(old.headers.location ?? '', /^\/sign-in/)
    // The old password no longer works; the new one does.
    assert.equal((await postSignIn(t.client(), 'reset.me@demo.catalyst.test')).statusCode, 400)
    assert.equal((await postSignIn(t.client(), 'reset.me@demo.catalyst.test', 'lantern orchard biscuit')).statusCode, 303)

    // Used once: the link is gone.
    const again = await t.client().get(link)
    assert.equal(again.statusCode, 410)
    assert.match(pageText(again.body), /This password reset link has expired or has been used/)
    assert.equal((await t.client().post(link, { password: 'another good passphrase' })).statusCode, 410)

    const [user] = await t.db.db.select().from(users).where(eq(users.email, 'reset.me@demo.catalyst.test'))
    const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, user!.id), eq(auditEntries.action, 'reset-password')))
    assert.equal(audit.length, 1)
    assert.deepEqual(audit[0]!.after, { via: 'emailed link', sessionsEnded: 1 })
  })

  test('a link expires after 30 minutes', async () => {
    await newAccount('slow.reader@demo.catalyst.test', 'finance')
    const visitor = t.client()
    await visitor.get('/password-reset')
    await visitor.post('/password-reset', { email: 'slow.reader@demo.catalyst.test' })
    await runJobs()
    const link = linkIn(received.at(-1)!.text, '/password-reset/')!
    advance(29 * 60_000)
    assert.equal((await t.client().get(link)).statusCode, 200)
    advance(60_000)
    assert.equal((await t.client().get(link)).statusCode, 410)
  })

  test('asking too often sends no more links, and still says the same thing', async () => {
    await newAccount('flooded@demo.catalyst.test', 'finance')
    const before = received.length
    const visitor = t.client()
    await visitor.get('/password-reset')
    for (let i = 0; i < RESET_LIMITS.perEmail + 2; i++) {
      const answer = await visitor.post('/password-reset', { email: 'flooded@demo.catalyst.test' })
      assert.equal(answer.statusCode, 200)
      assert.match(pageText(answer.body), /Check your email/)
    }
    await runJobs()
    assert.equal(received.length - before, RESET_LIMITS.perEmail)
  })

  test('an email that is not an email address is told so', async () => {
    const visitor = t.client()
    await visitor.get('/password-reset')
    const empty = await visitor.post('/password-reset', { email: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /href="#email">Enter your email address/)
    const bad = await visitor.post('/password-reset', { email: 'not-an-address' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /Enter an email address in the correct format/)
  })
})

describe('an administrator disables and enables an account', () => {
  test('sessions and API tokens stop at once, sign-in and reset refuse it; enabling lets the person back in; the people page shows the last sign-in', async () => {
    const { membershipId } = await newAccount('leaver@demo.catalyst.test', 'finance')
    const leaver = t.client()
    advance(60_000)
    await leaver.signIn('leaver@demo.catalyst.test')
    const signedInAt = new Date(now)
    const { token } = await createApiToken(t.db.db, { membershipId, name: 'reports', now })
    const api = () => t.app.inject({ method: 'GET', url: '/api/v1/providers', headers: { authorization: `Bearer ${token}` } })
    assert.equal((await api()).statusCode, 200)
    // An open reset link, asked for before the account is disabled.
    const visitor = t.client()
    await visitor.get('/password-reset')
    await visitor.post('/password-reset', { email: 'leaver@demo.catalyst.test' })
    await runJobs()
    const link = linkIn(received.at(-1)!.text, '/password-reset/')!

    const admin = await t.signedIn('admin@demo.catalyst.test')
    const [user] = await t.db.db.select().from(users).where(eq(users.email, 'leaver@demo.catalyst.test'))
    const list = await admin.get('/admin/users')
    assert.match(pageText(list.body), new RegExp(`leaver leaver@demo\\.catalyst\\.test Procurement or finance officer Active ${formatDateTime(signedInAt)}`), 'the people page shows when the person last signed in')
    assert.match(pageText(list.body), /Account Last signed in/)

    const page = await admin.get(`/admin/users/${user!.id}`)
    assert.match(pageText(page.body), /Status Active Last signed in 2 March 2026 at/)
    const disabled = await admin.post(`/admin/users/${user!.id}/account`, { action: 'disable' })
    assert.equal(disabled.statusCode, 303)
    assert.match(pageText((await admin.get(disabled.headers.location!)).body), /Account disabled .*Status Disabled/)

    const kicked = await leaver.get('/providers')
    assert.equal(kicked.statusCode, 303, 'the open session has ended')
    assert.equal((await api()).statusCode, 401, 'the API token has stopped working')
    assert.equal((await postSignIn(t.client(), 'leaver@demo.catalyst.test')).statusCode, 400)
    assert.equal((await t.client().get(link)).statusCode, 410, 'the open reset link is closed')
    assert.equal((await t.client().post(link, { password: 'lantern orchard biscuit' })).statusCode, 410)
    // A new reset request sends nothing to a disabled account.
    const before = received.length
    await visitor.post('/password-reset', { email: 'leaver@demo.catalyst.test' })
    await runJobs()
    assert.equal(received.length, before)

    const enabled = await admin.post(`/admin/users/${user!.id}/account`, { action: 'enable' })
    assert.equal(enabled.statusCode, 303)
    assert.equal((await postSignIn(t.client(), 'leaver@demo.catalyst.test')).statusCode, 303)
    assert.equal((await api()).statusCode, 401, 'tokens stay revoked after enabling')

    const audit = await t.db.db.select().from(auditEntries).where(eq(auditEntries.entityId, user!.id))
    const disabling = audit.find((entry) => entry.action === 'disable-account')
    assert.deepEqual(disabling?.after, { disabled: true, sessionsEnded: 1, tokensRevoked: 1 })
    assert.ok(audit.some((entry) => entry.action === 'enable-account'))
  })

  test('an administrator cannot disable themselves, nor someone who also works for another council', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const [self] = await t.db.db.select().from(users).where(eq(users.email, 'admin@demo.catalyst.test'))
    const own = await admin.post(`/admin/users/${self!.id}/account`, { action: 'disable' })
    assert.equal(own.statusCode, 400)
    assert.match(pageText(own.body), /You cannot disable your own account/)

    await newAccount('shared@demo.catalyst.test', 'finance')
    const { userId } = await newAccount('shared@demo.catalyst.test', 'finance', otherId)
    const shared = await admin.post(`/admin/users/${userId}/account`, { action: 'disable' })
    assert.equal(shared.statusCode, 400)
    assert.match(pageText(shared.body), /also works for another council/)
    const [row] = await t.db.db.select().from(users).where(eq(users.id, userId))
    assert.equal(row?.disabled, false)

    // Another council's administrator cannot reach the person at all.
    const other = await t.signedIn('admin@other.catalyst.test')
    const [demoOnly] = await t.db.db.select().from(users).where(eq(users.email, 'finance@demo.catalyst.test'))
    assert.equal((await other.post(`/admin/users/${demoOnly!.id}/account`, { action: 'disable' })).statusCode, 404)
  })
})

/** Sets up TOTP through the pages, returning the secret read from the page and the recovery codes shown. */
async function setUpTotp(client: TestClient): Promise<{ secret: string; codes: string[] }> {
  const page = await client.get('/account/two-factor')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /<svg[^>]*>/, 'a QR code is drawn')
  const secret = page.body.match(/id="setup-key"[^>]*>([A-Z2-7 ]+)</)?.[1]?.replace(/ /g, '')
  assert.ok(secret && secret.length === 32, 'the secret is shown as text')
  const wrong = await client.post('/account/two-factor', { code: '000000' === codeAt(secret, now) ? '111111' : '000000' })
  assert.equal(wrong.statusCode, 400)
  assert.match(pageText(wrong.body), /The code is not right/)
  const confirmed = await client.post('/account/two-factor', { code: codeAt(secret, now) })
  assert.equal(confirmed.statusCode, 200)
  const codes = [...confirmed.body.matchAll(/<code[^>]*>([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})<\/code>/g)].map((m) => m[1]!)
  assert.equal(codes.length, 10)
  return { secret, codes }
}

describe('a TOTP second factor', () => {
  test('set up by confirming a code; sign-in then asks for a code; a code or recovery code works once', async () => {
    await newAccount('careful@demo.catalyst.test', 'commissioner')
    const client = await t.signedIn('careful@demo.catalyst.test')
    const { secret, codes } = await setUpTotp(client)
    assert.match(pageText((await client.get('/account/two-factor')).body), /Two-factor authentication is on\..* You have 10 recovery codes left/)
    await client.post('/sign-out')

    // The password alone opens no session.
    advance(30_000)
    const browser = t.client()
    const afterPassword = await postSignIn(browser, 'careful@demo.catalyst.test')
    assert.equal(afterPassword.statusCode, 303)
    assert.equal(afterPassword.headers.location, '/sign-in/code')
    assert.equal(browser.hasCookie('catalyst_session'), false)
    assert.equal((await browser.get('/providers')).statusCode, 303)
    assert.match(pageText((await browser.get('/sign-in/code')).body), /Enter the code from your authenticator app/)

    const wrong = await browser.post('/sign-in/code', { code: '123456' === codeAt(secret, now) ? '654321' : '123456' })
    assert.equal(wrong.statusCode, 400)
    assert.match(pageText(wrong.body), /The code is not right or has been used/)
    const code = codeAt(secret, now)
    const right = await browser.post('/sign-in/code', { code })
    assert.equal(right.statusCode, 303)
    assert.equal(browser.hasCookie('catalyst_session'), true)
    assert.equal((await browser.get('/providers')).statusCode, 200)

    // The same code again, within its 30 seconds, from another browser: refused.
    const thief = t.client()
    await postSignIn(thief, 'careful@demo.catalyst.test')
    assert.equal((await thief.post('/sign-in/code', { code })).statusCode, 400)
    assert.equal(thief.hasCookie('catalyst_session'), false)

    // A recovery code works once.
    const lost = t.client()
    await postSignIn(lost, 'careful@demo.catalyst.test')
    assert.equal((await lost.post('/sign-in/code', { code: codes[0]!.toUpperCase() })).statusCode, 303)
    const again = t.client()
    await postSignIn(again, 'careful@demo.catalyst.test')
    assert.equal((await again.post('/sign-in/code', { code: codes[0]! })).statusCode, 400)

    // Five minutes after the password, the code step has timed out.
    const late = t.client()
    await postSignIn(late, 'careful@demo.catalyst.test')
    advance(5 * 60_000 + 1000)
    const timedOut = await late.post('/sign-in/code', { code: codeAt(secret, now) })
    assert.match(pageText(timedOut.body), /Your sign-in has timed out/)
    assert.equal(late.hasCookie('catalyst_session'), false)
  })

  test('a forged code-step cookie opens nothing', async () => {
    const [user] = await t.db.db.select().from(users).where(eq(users.email, 'careful@demo.catalyst.test'))
    const response = await t.app.inject({ method: 'GET', url: '/sign-in/code', cookies: { catalyst_second_factor: `${user!.id}.${now.getTime() + 60_000}.nonce.forged` } })
    assert.match(pageText(response.body), /Your sign-in has timed out/)
  })

  test('a council that requires it sends an administrator without it to set it up before anything else', async () => {
    await newAccount('second.admin@demo.catalyst.test', 'admin')
    const first = await t.signedIn('admin@demo.catalyst.test')
    // The administrator turning the rule on must meet it first.
    await first.get('/admin/security')
    const refused = await first.post('/admin/security', { requireTwoFactorForAdmins: 'yes' })
    assert.equal(refused.statusCode, 400)
    assert.match(pageText(refused.body), /Set up two-factor authentication for your own account before you require it/)
    advance(30_000)
    await setUpTotp(first)
    const saved = await first.post('/admin/security', { requireTwoFactorForAdmins: 'yes' })
    assert.equal(saved.statusCode, 303)
    assert.equal((await first.get('/admin/users')).statusCode, 200, 'an administrator with a second factor carries on')

    // Another administrator without one: every page sends them to set it up.
    const second = await t.signedIn('second.admin@demo.catalyst.test')
    for (const url of ['/', '/admin/users', '/providers', '/settings']) {
      const response = await second.get(url)
      assert.equal(response.statusCode, 303, url)
      assert.equal(response.headers.location, '/account/two-factor', url)
    }
    const setupPage = await second.get('/account/two-factor')
    assert.match(pageText(setupPage.body), /Demo Borough Council requires administrators to use two-factor authentication/)
    advance(30_000)
    await setUpTotp(second)
    assert.equal((await second.get('/admin/users')).statusCode, 200)

    // Other roles are not held up by the administrators' rule.
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    assert.equal((await commissioner.get('/providers')).statusCode, 200)

    await first.post('/admin/security', {})
  })
})
