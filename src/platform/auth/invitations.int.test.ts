import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { linkIn, recentMessages } from '../notify/notifier.ts'
import { memberships, users } from './schema.ts'

let t: TestApp
let admin: TestClient
before(async () => {
  t = await createTestApp()
  admin = await t.signedIn('admin@demo.catalyst.test')
})
after(async () => t.close())

async function councilsOf(email: string): Promise<string[]> {
  const rows = await t.db.db
    .select({ councilId: memberships.councilId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, email))
  return [...new Set(rows.map((row) => row.councilId))]
}

async function invitationLink(email: string): Promise<string> {
  const message = (await recentMessages(t.db.db, 50)).find((m) => m.to === email && /invited/.test(m.subject))
  assert.ok(message, `an invitation email to ${email} is in the outbox`)
  const link = linkIn(message.body, '/invitations/')
  assert.ok(link)
  return link
}

/** The page an administrator sees, with the email (the only thing that should differ) taken out. */
const withoutEmail = (html: string, email: string) => pageText(html).replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/, '')

describe('adding a person is an invitation', () => {
  test('an account of another council gets no role and no new landing council until its owner accepts', async () => {
    const before = await councilsOf('admin@other.catalyst.test')
    const response = await admin.post('/admin/users', { name: 'Owen', email: 'admin@other.catalyst.test', role: 'admin' })
    assert.equal(response.statusCode, 201)
    assert.deepEqual(await councilsOf('admin@other.catalyst.test'), before, 'no role is given before the owner accepts')

    const owen = await t.signedIn('admin@other.catalyst.test')
    assert.match(pageText((await owen.get('/')).body), /Other District Council/)
    assert.doesNotMatch(pageText((await owen.get('/')).body), /Demo Borough Council/)
  })

  test('the administrator sees the same answer whether or not the email has an account elsewhere', async () => {
    const existing = await admin.post('/admin/users', { name: 'Same Name', email: 'admin@other.catalyst.test', role: 'councillor' })
    const unknown = await admin.post('/admin/users', { name: 'Same Name', email: 'nobody-yet@example.gov.uk', role: 'councillor' })
    assert.equal(existing.statusCode, unknown.statusCode)
    assert.equal(withoutEmail(existing.body, 'admin@other.catalyst.test'), withoutEmail(unknown.body, 'nobody-yet@example.gov.uk'))
    assert.doesNotMatch(pageText(existing.body), /already had|account/i)
  })

  test('the owner accepts with their own password, then chooses the council after sign-in and can switch', async () => {
    await admin.post('/admin/users', { name: 'Owen', email: 'admin@other.catalyst.test', role: 'councillor' })
    const link = await invitationLink('admin@other.catalyst.test')

    const olive = t.client()
    const page = await olive.get(link)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Join Demo Borough Council on Catalyst.*Councillor.*You already have a Catalyst account/)
    const wrong = await olive.post(link, { password: 'not their password at all' })
    assert.equal(wrong.statusCode, 400)
    assert.match(pageText(wrong.body), /Enter the password of your Catalyst account/)
    assert.equal((await councilsOf('admin@other.catalyst.test')).length, 1)

    const accepted = await olive.post(link, { password: DEMO_PASSWORD })
    assert.equal(accepted.statusCode, 303)
    assert.equal((await councilsOf('admin@other.catalyst.test')).length, 2)
    assert.match(pageText((await olive.get('/')).body), /Demo Borough Council/, 'accepting starts work in the new council')
    assert.equal((await olive.get(link)).statusCode, 410, 'a link is used once')

    // Next time they sign in they choose, and the landing page is not decided by the council that invited them.
    const again = t.client()
    await again.get('/sign-in')
    const signIn = await again.post('/sign-in', { email: 'admin@other.catalyst.test', password: DEMO_PASSWORD })
    assert.equal(signIn.statusCode, 303)
    assert.match(String(signIn.headers.location), /^\/choose-council\?returnTo=/)
    const choose = await again.get('/choose-council')
    assert.equal(choose.statusCode, 200)
    assert.match(pageText(choose.body), /Choose a council.*Other District Council: Administrator.*Demo Borough Council: Councillor/)
    assert.match(pageText((await again.get('/')).body), /Other District Council/, 'until they choose, they stay where they first worked')

    const demoChoice = choose.body.match(/value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Demo Borough Council/)
    assert.ok(demoChoice, 'the Demo council is offered')
    const switched = await again.post('/choose-council', { membership: demoChoice[1]! })
    assert.equal(switched.statusCode, 303)
    assert.match(pageText((await again.get('/')).body), /Demo Borough Council/)

    // A membership that is not theirs cannot be chosen.
    const [foreign] = await t.db.db.select({ id: memberships.id }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, 'admin@demo.catalyst.test'))
    const refused = await again.post('/choose-council', { membership: foreign!.id })
    assert.equal(refused.statusCode, 400)
    assert.match(pageText(refused.body), /Choose the council and role to work in/)
  })

  test('a person with no account chooses a password when they accept', async () => {
    await admin.post('/admin/users', { name: 'Nia Newcomer', email: 'Nia@Example.gov.uk', role: 'finance' })
    const link = await invitationLink('nia@example.gov.uk')
    const nia = t.client()
    assert.match(pageText((await nia.get(link)).body), /Choose a password/)
    const weak = await nia.post(link, { password: 'short' })
    assert.equal(weak.statusCode, 400)
    assert.match(pageText(weak.body), /Password must be 10 characters or more/)
    const ok = await nia.post(link, { password: 'kettle orbit meadow' })
    assert.equal(ok.statusCode, 303)
    assert.match(pageText((await nia.get('/')).body), /Procurement or finance officer/)
    const later = t.client()
    await later.signIn('nia@example.gov.uk', 'kettle orbit meadow')
  })

  test('a link that does not exist is a clear 410 Gone page', async () => {
    const response = await t.client().get('/invitations/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')
    assert.equal(response.statusCode, 410)
    assert.match(pageText(response.body), /This invitation link has expired or has been used/)
  })
})
