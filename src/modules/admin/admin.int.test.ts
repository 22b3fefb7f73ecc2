import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { linkIn, recentMessages } from '../../platform/notify/notifier.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { users } from '../../platform/auth/schema.ts'

let t: TestApp
let admin: TestClient
before(async () => {
  t = await createTestApp()
  admin = await t.signedIn('admin@demo.catalyst.test')
})
after(async () => t.close())

/** Opens the newest invitation emailed to this address and accepts it with this password. */
async function acceptInvitation(email: string, password: string): Promise<void> {
  const message = (await recentMessages(t.db.db, 50)).find((m) => m.to === email && /invited/.test(m.subject))
  const link = message && linkIn(message.body, '/invitations/')
  assert.ok(link, `an invitation to ${email}`)
  const invitee = t.client()
  await invitee.get(link)
  assert.equal((await invitee.post(link, { password })).statusCode, 303)
}

async function userId(email: string): Promise<string> {
  const [row] = await t.db.db.select({ id: users.id }).from(users).where(eq(users.email, email))
  assert.ok(row, `no user ${email}`)
  return row.id
}

describe('people and roles', () => {
  test('an administrator sees the people of their own council with their roles, and no one else', async () => {
    const response = await admin.get('/admin/users')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /People and roles/)
    assert.match(text, /Cara Commissioner commissioner@demo\.catalyst\.test Commissioner Active/)
    assert.match(text, /Ada Admin admin@demo\.catalyst\.test Administrator/)
    assert.doesNotMatch(text, /admin@other\.catalyst\.test/)
  })

  test('anyone who is not an administrator gets 403', async () => {
    for (const email of ['commissioner@demo.catalyst.test', 'councillor@demo.catalyst.test', 'provider@demo.catalyst.test']) {
      const client = await t.signedIn(email)
      assert.equal((await client.get('/admin/users')).statusCode, 403, email)
      assert.equal((await client.get('/admin/users/new')).statusCode, 403, email)
      const post = await client.post('/admin/users', { name: 'Sneaky', email: 'sneaky@example.gov.uk', role: 'admin' })
      assert.equal(post.statusCode, 403, email)
    }
    assert.equal((await t.client().get('/admin/users')).statusCode, 303)
  })

  test('adding a person sends an invitation; the role and its audit entries come when they accept', async () => {
    const form = await admin.get('/admin/users/new')
    assert.equal(form.statusCode, 200)
    assert.match(pageText(form.body), /Add a person We email them an invitation\..* Full name Email address They sign in with this Role Administrator/)
    const response = await admin.post('/admin/users', { name: 'Nia Newcomer', email: 'Nia@Example.gov.uk', role: 'finance' })
    assert.equal(response.statusCode, 201)
    assert.match(pageText(response.body), /Invitation sent We have emailed an invitation to nia@example\.gov\.uk/)
    assert.doesNotMatch(response.body, /catalyst-secret/, 'no password is shown to the administrator')

    await acceptInvitation('nia@example.gov.uk', 'kettle orbit meadow')
    const nia = t.client()
    await nia.signIn('nia@example.gov.uk', 'kettle orbit meadow')
    assert.match(pageText((await nia.get('/')).body), /Procurement or finance officer/)

    const audit = await t.db.db
      .select({ action: auditEntries.action, actor: auditEntries.actorLabel })
      .from(auditEntries)
      .where(and(eq(auditEntries.entityType, 'user'), eq(auditEntries.entityId, await userId('nia@example.gov.uk'))))
    assert.ok(audit.some((a) => a.action === 'grant-role' && a.actor === 'Nia Newcomer'))
    const invited = await t.db.db.select({ actor: auditEntries.actorLabel }).from(auditEntries).where(eq(auditEntries.action, 'invite'))
    assert.ok(invited.some((a) => a.actor === 'Ada Admin'))
  })

  test('bad input gets an error summary and keeps what was typed', async () => {
    const response = await admin.post('/admin/users', { name: '', email: 'not-an-email', role: '' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#name">Enter their full name/)
    assert.match(response.body, /href="#email">Enter an email address in the correct format/)
    assert.match(response.body, /href="#role">Choose the role they will have/)
    assert.match(response.body, /value="not-an-email"/)
    assert.match(pageText(response.body), /^Error: Add a person/)

    const again = await admin.post('/admin/users', { name: 'Cara', email: 'commissioner@demo.catalyst.test', role: 'commissioner' })
    assert.equal(again.statusCode, 400)
    assert.match(pageText(again.body), /commissioner@demo\.catalyst\.test already has this role in your council/)
  })

  test('the provider role needs one of the council’s own providers', async () => {
    const form = await admin.get('/admin/users/new')
    const option = form.body.match(/<option value="([0-9a-f-]{36})"[^>]*>([^<]+)<\/option>/)
    assert.ok(option, 'the council’s providers are offered')
    const missing = await admin.post('/admin/users', { name: 'Paul', email: 'paul@provider.example', role: 'provider', provider: '' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#provider">Choose the provider this person speaks for/)
    const foreign = await admin.post('/admin/users', {
      name: 'Paul', email: 'paul@provider.example', role: 'provider', provider: '00000000-0000-4000-8000-000000000000',
    })
    assert.equal(foreign.statusCode, 400)
    const ok = await admin.post('/admin/users', { name: 'Paul', email: 'paul@provider.example', role: 'provider', provider: option[1]! })
    assert.equal(ok.statusCode, 201)
  })

  test('removing a role is audited; an administrator cannot remove their own admin role', async () => {
    const cara = await userId('commissioner@demo.catalyst.test')
    await admin.post('/admin/users', { name: 'Cara', email: 'commissioner@demo.catalyst.test', role: 'councillor' })
    await acceptInvitation('commissioner@demo.catalyst.test', DEMO_PASSWORD)
    const page = await admin.get(`/admin/users/${cara}`)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Cara Commissioner Roles in Demo Borough Council Commissioner Remove role Commissioner Councillor/)

    const removed = await admin.post(`/admin/users/${cara}`, { action: 'remove-role', role: 'councillor' })
    assert.equal(removed.statusCode, 303)
    assert.equal(removed.headers.location, `/admin/users/${cara}?removed=councillor`)
    const after = pageText((await admin.get(removed.headers.location!)).body)
    assert.match(after, /Role removed: Councillor/)
    assert.doesNotMatch(after, /Remove role Councillor/)
    const [entry] = await t.db.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'revoke-role'), eq(auditEntries.entityId, cara)))
    assert.equal(entry?.actorLabel, 'Ada Admin')
    assert.deepEqual(entry?.before, { role: 'councillor', providerId: null })

    const ada = await userId('admin@demo.catalyst.test')
    const self = await admin.post(`/admin/users/${ada}`, { action: 'remove-role', role: 'admin' })
    assert.equal(self.statusCode, 400)
    assert.match(pageText(self.body), /You cannot remove your own administrator role/)
    assert.equal((await admin.get('/admin/users')).statusCode, 200, 'still an administrator')
  })

  test('people of another council are not found', async () => {
    const owen = await userId('admin@other.catalyst.test')
    const other = await t.signedIn('admin@other.catalyst.test')
    const cara = await userId('commissioner@demo.catalyst.test')
    assert.equal((await other.get(`/admin/users/${cara}`)).statusCode, 404)
    assert.equal((await other.post(`/admin/users/${cara}`, { action: 'remove-role', role: 'commissioner' })).statusCode, 404)
    assert.equal((await admin.get(`/admin/users/not-a-uuid`)).statusCode, 404)
    assert.ok(owen)
  })
})

describe('the API description', () => {
  test('GET /api/v1 links to the OpenAPI document, which anyone may read', async () => {
    const index = await t.client().get('/api/v1')
    assert.equal(index.statusCode, 200)
    assert.equal(index.json().links.openapi.href, '/api/v1/openapi.json')
    const response = await t.client().get('/api/v1/openapi.json')
    assert.equal(response.statusCode, 200)
    const document = response.json()
    assert.equal(document.openapi, '3.1.0')
    assert.equal(document.components.securitySchemes.bearerAuth.scheme, 'bearer')
    assert.ok(document.components.schemas.Problem.properties.status)
    assert.ok(document.paths['/api/v1/openapi.json'])
    assert.ok(Object.keys(document.paths).some((path) => path.startsWith('/api/v1/providers')), 'the providers fragment is merged')
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      const text = JSON.stringify(item)
      for (const ref of text.matchAll(/"#\/components\/schemas\/([A-Za-z0-9]+)"/g)) {
        assert.ok(document.components.schemas[ref[1]!], `${path} refers to a schema ${ref[1]} that is declared`)
      }
    }
  })
})
