/**
 * Least privilege (ADR 0062) through real HTTP on the demo data: each "who sees what" setting denies by default on
 * every surface (pages, CSV, API, navigation), turning it on allows, and a red flag cannot be dismissed by the person
 * who entered or last changed a record it rests on unless the council allows it; who dismissed it is kept.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from './support/app.ts'
import { membershipFor } from '../src/platform/auth/accounts.ts'
import { createApiToken } from '../src/platform/auth/service.ts'
import { auditEntries } from '../src/platform/audit/schema.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { findContractByReference } from '../src/modules/contracts/service.ts'
import { listProviders } from '../src/modules/providers/service.ts'
import { redFlagDismissals } from '../src/modules/red-flags/schema.ts'

const NOTE = 'Strong on home care for older people'
const ALL_NO = { moderatorsReadProviderNotes: 'no', dismissFlagsOnOwnRecords: 'no', councillorsSeeRiskAssessments: 'no', councillorsSeeAuditLog: 'no' }

let t: TestApp
let admin: TestClient
let moderator: TestClient
let councillor: TestClient
let finance: TestClient
let commissioner: TestClient
let demoId = ''
let riverside = ''
let brightpath = ''
let contractId = ''
const tokens = new Map<string, string>()

before(async () => {
  t = await createTestApp()
  admin = await t.signedIn('admin@demo.catalyst.test')
  moderator = await t.signedIn('moderator@demo.catalyst.test')
  councillor = await t.signedIn('councillor@demo.catalyst.test')
  finance = await t.signedIn('finance@demo.catalyst.test')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  const providers = (await listProviders(t.db.db, demoId, {}, { page: 1, pageSize: 100 })).items
  riverside = providers.find((p) => p.name === 'Riverside Community Care')!.id
  brightpath = providers.find((p) => p.name === 'Brightpath Digital Ltd')!.id
  contractId = (await findContractByReference(t.db.db, demoId, 'DBC-IT-013'))!.id
  for (const email of ['councillor@demo.catalyst.test', 'finance@demo.catalyst.test', 'commissioner@demo.catalyst.test']) {
    const membership = (await membershipFor(t.db.db, email))!
    tokens.set(email, (await createApiToken(t.db.db, { membershipId: membership.membershipId, name: 'test', now: new Date() })).token)
  }
})
after(async () => t.close())

async function api(method: 'GET' | 'PATCH', url: string, as: string, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens.get(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  })
  return { status: response.statusCode, json: response.body ? response.json() : undefined }
}

const setAccess = async (values: Partial<typeof ALL_NO>) => {
  const response = await admin.post('/admin/access', { ...ALL_NO, ...values })
  assert.equal(response.statusCode, 303, pageText(response.body))
}

describe('each setting’s default denies', () => {
  test('the settings page shows every answer as No', async () => {
    const response = await admin.get('/admin/access')
    assert.equal(response.statusCode, 200)
    for (const name of Object.keys(ALL_NO)) assert.match(response.body, new RegExp(`id="${name}-2" name="${name}" type="radio" value="no" checked`))
    assert.match(pageText((await admin.get('/settings')).body), /Who sees what/)
  })

  test('only an administrator opens the settings page', async () => {
    for (const client of [moderator, councillor, finance, commissioner]) assert.equal((await client.get('/admin/access')).statusCode, 403)
  })

  test('a moderator sees a provider’s record without the council’s private notes', async () => {
    const response = await moderator.get(`/providers/${riverside}`)
    assert.equal(response.statusCode, 200)
    assert.doesNotMatch(pageText(response.body), /Private notes/)
    assert.ok(!response.body.includes(NOTE))
    // Officers still read them.
    assert.ok((await finance.get(`/providers/${riverside}`)).body.includes(NOTE))
  })

  test('a councillor sees no supplier risk: pages and CSV answer 403, records leave it out', async () => {
    assert.equal((await councillor.get(`/providers/${riverside}/risk`)).statusCode, 403)
    assert.equal((await councillor.get('/risk/naive-rule-report')).statusCode, 403)
    assert.equal((await councillor.get('/risk/naive-rule-report.csv')).statusCode, 403)
    const provider = await councillor.get(`/providers/${riverside}`)
    assert.equal(provider.statusCode, 200)
    assert.ok(!provider.body.includes(`/providers/${riverside}/risk`), 'no link to the risk page')
    const home = pageText((await councillor.get('/')).body)
    assert.doesNotMatch(home, /Supplier risk/)
  })

  test('a councillor sees no audit log: the trail answers 403, records show no history', async () => {
    assert.equal((await councillor.get('/audit-trail')).statusCode, 403)
    assert.doesNotMatch(pageText((await councillor.get(`/providers/${riverside}`)).body), /History/)
    assert.doesNotMatch(pageText((await councillor.get(`/contracts/${contractId}`)).body), /History/)
    assert.match(pageText((await admin.get(`/providers/${riverside}`)).body), /History/, 'an administrator sees it')
  })

  test('a councillor’s API token still reads private notes (councillors are not restricted there), and the settings do not leak risk into the API', async () => {
    const provider = await api('GET', `/api/v1/providers/${riverside}`, 'councillor@demo.catalyst.test')
    assert.equal(provider.status, 200)
    assert.match(provider.json.privateNotes, /Strong on home care/)
  })
})

describe('separation of duties on red flags (default: someone else must dismiss)', () => {
  const key = () => `RF-DIRECT:provider:${brightpath}`
  const reason = 'Each award extended the same system; a full competition is planned.'

  before(async () => {
    // The finance officer changes the provider the direct-award flag is raised on.
    const patched = await api('PATCH', `/api/v1/providers/${brightpath}`, 'finance@demo.catalyst.test', { privateNotes: 'Checked their accounts in March.' })
    assert.equal(patched.status, 200)
  })

  test('the list offers them no dismiss link for that flag, and says why', async () => {
    const html = (await finance.get('/red-flags?rule=RF-DIRECT')).body
    assert.ok(!html.includes(`key=${encodeURIComponent(key())}`), 'no dismiss link')
    assert.match(pageText(html), /Someone else must dismiss this flag: you last changed Brightpath Digital Ltd/)
    // A colleague who did not change it is offered the link.
    assert.ok((await commissioner.get('/red-flags?rule=RF-DIRECT')).body.includes(`key=${encodeURIComponent(key())}`))
  })

  test('the dismiss page and the form refuse them with 403 and name the record', async () => {
    const page = await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(key())}`)
    assert.equal(page.statusCode, 403)
    assert.match(pageText(page.body), /Someone else must dismiss this red flag/)
    assert.match(pageText(page.body), /Brightpath Digital Ltd \(you last changed it\)/)
    const post = await finance.post('/red-flags/dismiss', { key: key(), reason })
    assert.equal(post.statusCode, 403)
    const rows = await t.db.db.select().from(redFlagDismissals).where(and(eq(redFlagDismissals.councilId, demoId), eq(redFlagDismissals.flagKey, key())))
    assert.equal(rows.length, 0, 'nothing dismissed')
  })

  test('a colleague dismisses it; who and when are kept, shown on the flag and in the audit log', async () => {
    const post = await commissioner.post('/red-flags/dismiss', { key: key(), reason })
    assert.equal(post.statusCode, 303)
    const commissionerId = (await membershipFor(t.db.db, 'commissioner@demo.catalyst.test'))!.userId
    const [row] = await t.db.db.select().from(redFlagDismissals).where(and(eq(redFlagDismissals.councilId, demoId), eq(redFlagDismissals.flagKey, key())))
    assert.equal(row?.dismissedByUserId, commissionerId)
    assert.equal(row?.dismissedBy, 'Cara Commissioner')
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'red-flag'), eq(auditEntries.entityId, key()))).orderBy(desc(auditEntries.id)).limit(1)
    assert.equal(entry?.action, 'dismiss')
    assert.equal(entry?.actorUserId, commissionerId)
    assert.equal((entry?.after as Record<string, unknown>).dismissedByUserId, commissionerId)
    const listed = pageText((await finance.get('/red-flags')).body)
    assert.match(listed, /Dismissed by Cara Commissioner/)
    const api2 = await api('GET', '/api/v1/red-flags?status=dismissed', 'finance@demo.catalyst.test')
    assert.equal(api2.json.items.find((f: { key: string }) => f.key === key())?.dismissal.dismissedBy, 'Cara Commissioner')
    assert.equal((await commissioner.post('/red-flags/restore', { key: key() })).statusCode, 303)
  })
})

describe('turning each setting on allows it', () => {
  test('the form asks every question and refuses a missing answer without saving', async () => {
    const response = await admin.post('/admin/access', { moderatorsReadProviderNotes: 'yes' })
    assert.equal(response.statusCode, 400)
    assert.match(pageText(response.body), /Select whether councillors can see the audit log/)
    assert.ok(!(await moderator.get(`/providers/${riverside}`)).body.includes(NOTE), 'nothing saved')
  })

  test('moderators read private notes once the council allows it', async () => {
    await setAccess({ moderatorsReadProviderNotes: 'yes' })
    assert.ok((await moderator.get(`/providers/${riverside}`)).body.includes(NOTE))
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'council-settings'), eq(auditEntries.entityId, `${demoId}:access`))).orderBy(desc(auditEntries.id)).limit(1)
    assert.deepEqual((entry?.before as Record<string, unknown>).moderatorsReadProviderNotes, false)
    assert.deepEqual((entry?.after as Record<string, unknown>).moderatorsReadProviderNotes, true)
  })

  test('councillors see supplier risk: the pages, the CSV and the provider’s link', async () => {
    await setAccess({ moderatorsReadProviderNotes: 'yes', councillorsSeeRiskAssessments: 'yes' })
    assert.equal((await councillor.get(`/providers/${riverside}/risk`)).statusCode, 200)
    assert.equal((await councillor.get('/risk/naive-rule-report')).statusCode, 200)
    const csv = await councillor.get('/risk/naive-rule-report.csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.ok((await councillor.get(`/providers/${riverside}`)).body.includes(`/providers/${riverside}/risk`))
    assert.equal((await councillor.get('/audit-trail')).statusCode, 403, 'the audit log is still its own setting')
  })

  test('councillors see the audit log: the trail and each record’s history', async () => {
    await setAccess({ moderatorsReadProviderNotes: 'yes', councillorsSeeRiskAssessments: 'yes', councillorsSeeAuditLog: 'yes' })
    assert.equal((await councillor.get('/audit-trail')).statusCode, 200)
    assert.match(pageText((await councillor.get(`/providers/${riverside}`)).body), /History/)
  })

  test('an officer may dismiss a flag on a record they changed once the council allows it', async () => {
    await setAccess({ dismissFlagsOnOwnRecords: 'yes' })
    const key = `RF-DIRECT:provider:${brightpath}`
    assert.equal((await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(key)}`)).statusCode, 200)
    assert.equal((await finance.post('/red-flags/dismiss', { key, reason: 'Reviewed by the finance officer under the council’s policy.' })).statusCode, 303)
    const financeId = (await membershipFor(t.db.db, 'finance@demo.catalyst.test'))!.userId
    const [row] = await t.db.db.select().from(redFlagDismissals).where(and(eq(redFlagDismissals.councilId, demoId), eq(redFlagDismissals.flagKey, key)))
    assert.equal(row?.dismissedByUserId, financeId)
    // Turning the others back off takes them away again at once: nothing is cached in the session.
    assert.equal((await councillor.get('/audit-trail')).statusCode, 403)
    assert.equal((await councillor.get('/risk/naive-rule-report.csv')).statusCode, 403)
    assert.ok(!(await moderator.get(`/providers/${riverside}`)).body.includes(NOTE))
  })
})
