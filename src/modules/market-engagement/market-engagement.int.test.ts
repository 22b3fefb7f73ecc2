/**
 * Market engagement through HTTP on a real database: the demo's engagement on the advice contract is on the public
 * pipeline with a way to take part; the provider registers interest and answers (bad answers named); the commissioner
 * sees who is interested with size, sector, locality and capacity, and the same as a spreadsheet-safe CSV; a
 * commissioner opens engagement on another entry with a multiple-choice question; closing stops answers; a provider
 * of another council can neither see nor answer; every change is audited.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { parse } from 'csv-parse/sync'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { addAccount } from '../../platform/auth/accounts.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
import { marketEngagements } from './schema.ts'

const now = new Date('2026-12-07T10:00:00Z')
let t: TestApp
let provider: TestClient
let commissioner: TestClient
let engagementId = ''
let respondUrl = ''

before(async () => {
  t = await createTestApp({ clock: () => now })
  provider = await t.signedIn('provider@demo.catalyst.test')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  const [row] = await t.db.db.select().from(marketEngagements).where(eq(marketEngagements.councilId, demo.id))
  engagementId = row!.id
})
after(async () => t.close())

test('the public pipeline says engagement is open on the advice contract and how to take part', async () => {
  const page = await t.client().get('/pipeline/DEMO')
  const text = pageText(page.body)
  assert.match(text, /Independent advice and advocacy .*Market engagement is open until 4 January 2027\./)
  assert.match(page.body, new RegExp(`href="/market-engagement/${engagementId}/take-part"`))
  // A visitor following it is asked to sign in; a provider is taken to its own form.
  const visitor = await t.client().get(`/market-engagement/${engagementId}/take-part`)
  assert.equal(visitor.statusCode, 303)
  assert.match(String(visitor.headers.location), /^\/sign-in/)
  const mine = await provider.get(`/market-engagement/${engagementId}/take-part`)
  assert.equal(mine.statusCode, 303)
  respondUrl = String(mine.headers.location)
  assert.match(respondUrl, new RegExp(`^/providers/[0-9a-f-]{36}/engagement/${engagementId}$`))
  // The commissioner's pipeline links to the engagement, and offers to open it on entries without one.
  const staff = await commissioner.get('/pipeline/DEMO')
  assert.match(pageText(staff.body), /Market engagement: 2 providers interested/)
  assert.match(staff.body, /href="\/market-engagement\/new\?entry=[0-9a-f-]{36}"/)
})

test('the provider registers interest and answers the questions; missing and invented answers are named', async () => {
  // Its home page counts the engagement to answer until it has registered interest.
  assert.match(pageText((await provider.get('/')).body), /1 market engagement open for your interest/)
  const own = pageText((await provider.get(respondUrl.replace(/\/[0-9a-f-]{36}$/, ''))).body)
  assert.match(own, /Independent advice and advocacy .* Not registered/)
  const form = await provider.get(respondUrl)
  assert.equal(form.statusCode, 200)
  const questionIds = [...form.body.matchAll(/name="answer-([0-9a-f-]{36})"/g)].map((m) => m[1]!)
  const [shape, length] = [...new Set(questionIds)]
  assert.ok(shape && length, 'two questions')
  assert.match(pageText(form.body), /2\. Which contract length would let you invest in staff and premises\? 2 years 3 years 5 years or more/)
  const empty = await provider.post(respondUrl, {})
  assert.equal(empty.statusCode, 400)
  assert.match(pageText(empty.body), /There is a problem Enter what you could deliver Answer question 1 Choose an answer to question 2/)
  const invented = await provider.post(respondUrl, { capacity: 'Ten care workers', [`answer-${shape}`]: 'Home visits', [`answer-${length}`]: '10 years' })
  assert.equal(invented.statusCode, 400)
  assert.match(pageText(invented.body), /Choose one of the answers to question 2/)
  const sent = await provider.post(respondUrl, { capacity: '=HYPERLINK("http://x") twelve advisers', [`answer-${shape}`]: 'Home visits for people who cannot travel', [`answer-${length}`]: '3 years' })
  assert.equal(sent.statusCode, 303)
  const after = pageText((await provider.get(String(sent.headers.location))).body)
  assert.match(after, /Thank you: your interest and answers have been sent to the council/)
  assert.match(after, /Independent advice and advocacy .* Registered/)
  // Answering again changes the answers rather than registering twice.
  assert.equal((await provider.post(respondUrl, { capacity: '=HYPERLINK("http://x") fourteen advisers', [`answer-${shape}`]: 'Home visits for people who cannot travel', [`answer-${length}`]: '5 years or more' })).statusCode, 303)
  const audits = await t.db.db.select().from(auditEntries).where(eq(auditEntries.entityType, 'market-engagement-response'))
  assert.deepEqual(audits.map((a) => a.action).slice(-2), ['register interest', 'update market engagement response'])
  assert.match(pageText((await provider.get('/')).body), /Market engagements open for your interest None/)
})

test('the commissioner sees who is interested, with size, sector, locality and capacity, and the same as a safe CSV', async () => {
  const page = await commissioner.get(`/market-engagement/${engagementId}`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /3 providers have registered interest/)
  assert.match(text, /Northbank Advice Centre .*Six advisers \(4\.5 FTE\)/)
  assert.match(text, /Riverside Community Care (SME|Not an SME) [^]*=HYPERLINK\("http:\/\/x"\) fourteen advisers/)
  assert.match(text, /For the preliminary market engagement notice .*UK2: preliminary market engagement notice Publish Before the tender notice for this procurement/)
  assert.match(text, /Providers who took part 3/)
  // Provider and commissioner pages link both ways.
  const providerLink = page.body.match(/href="(\/providers\/[0-9a-f-]{36}\/engagement)"/)
  assert.ok(providerLink)
  assert.match((await commissioner.get(providerLink[1]!)).body, new RegExp(`href="/market-engagement/${engagementId}"`))
  const csv = await commissioner.get(`/market-engagement/${engagementId}/responses.csv`)
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /^text\/csv/)
  const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
  assert.equal(rows.length, 3)
  const riverside = rows.find((r) => r.Provider === 'Riverside Community Care')!
  // A cell that would run as a formula in a spreadsheet is kept as text.
  assert.equal(riverside['Stated capacity'], `'=HYPERLINK("http://x") fourteen advisers`)
  assert.equal(riverside['Which contract length would let you invest in staff and premises?'], '5 years or more')
  assert.ok(['SME', 'Not an SME'].includes(riverside.Size!))
  assert.ok(riverside.Sector)
})

test('a commissioner opens engagement on another pipeline entry; bad questions are named; closing stops answers', async () => {
  const pipeline = await commissioner.get('/pipeline/DEMO')
  const open = pipeline.body.match(/href="(\/market-engagement\/new\?entry=([0-9a-f-]{36}))"/)!
  const form = await commissioner.get(open[1]!.replace(/&amp;/g, '&'))
  assert.equal(form.statusCode, 200)
  const bad = await commissioner.post('/market-engagement/new', { entry: open[2]!, purpose: '', 'closesOn-day': '1', 'closesOn-month': '1', 'closesOn-year': '2020', question1: '- Yes\n- No' })
  assert.equal(bad.statusCode, 400)
  assert.match(pageText(bad.body), /Enter what the council wants to learn from providers .*must be today or later .*Question 1: Start with the question/)
  const one = await commissioner.post('/market-engagement/new', { entry: open[2]!, purpose: 'Shaping the service', 'closesOn-day': '20', 'closesOn-month': '12', 'closesOn-year': '2026', question1: 'Would you bid?\n- Only one choice' })
  assert.match(pageText(one.body), /Question 1: Give at least two choices, or none for a free text answer/)
  const made = await commissioner.post('/market-engagement/new', { entry: open[2]!, purpose: 'Shaping the service', 'closesOn-day': '20', 'closesOn-month': '12', 'closesOn-year': '2026', question1: 'Would you bid?\n- Yes\n- No\n- Perhaps, in a consortium', question2: 'What would help you bid?' })
  assert.equal(made.statusCode, 303)
  const id = String(made.headers.location).split('/').pop()!
  const page = pageText((await commissioner.get(String(made.headers.location))).body)
  assert.match(page, /Would you bid\? \(choose one of: Yes; No; Perhaps, in a consortium\) What would help you bid\?/)
  assert.match(page, /0 providers have registered interest/)
  // Opening again on the same entry leads to the one already open.
  assert.equal((await commissioner.get(open[1]!.replace(/&amp;/g, '&'))).headers.location, `/market-engagement/${id}`)
  const providerUrl = respondUrl.replace(engagementId, id)
  assert.equal((await provider.get(providerUrl)).statusCode, 200)
  // Once its last day has passed, the commissioner's home page asks for it to be closed, until it is.
  await t.db.db.update(marketEngagements).set({ closesOn: '2026-12-06' }).where(eq(marketEngagements.id, id))
  assert.match(pageText((await commissioner.get('/')).body), /1 market engagement past the last day, to close/)
  assert.equal((await commissioner.post(`/market-engagement/${id}/close`, {})).statusCode, 303)
  assert.match(pageText((await commissioner.get('/')).body), /Market engagements past the last day, to close None/)
  assert.match(pageText((await commissioner.get(`/market-engagement/${id}`)).body), /Status Closed/)
  // A closed engagement the provider never answered is no longer shown to it.
  assert.equal((await provider.get(providerUrl)).statusCode, 404)
  assert.equal((await provider.post(providerUrl, { capacity: 'x' })).statusCode, 404)
  const audits = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'market-engagement'), eq(auditEntries.entityId, id)))
  assert.deepEqual(audits.map((a) => a.action).sort(), ['close market engagement', 'open market engagement'])
})

test('tenancy: a provider of another council cannot see or answer DEMO’s engagement; a councillor cannot open one', async () => {
  const other = (await findCouncil(t.db.db, 'OTHER'))!
  const [otherProvider] = await t.db.db.select().from(providers).where(eq(providers.councilId, other.id)).limit(1)
  await addAccount(t.db.db, { email: 'provider@other.catalyst.test', displayName: 'Other provider', councilId: other.id, role: 'provider', providerId: otherProvider!.id, password: 'correct-horse-battery-staple' }, systemActor('test'), now)
  const stranger = t.client()
  await stranger.signIn('provider@other.catalyst.test', 'correct-horse-battery-staple')
  const ownUrl = `/providers/${otherProvider!.id}/engagement/${engagementId}`
  assert.equal((await stranger.get(ownUrl)).statusCode, 404)
  assert.equal((await stranger.post(ownUrl, { capacity: 'Lots' })).statusCode, 404)
  assert.equal((await stranger.get(respondUrl)).statusCode, 404)
  assert.equal((await stranger.get(`/market-engagement/${engagementId}/take-part`)).statusCode, 404)
  assert.equal((await stranger.get(`/market-engagement/${engagementId}`)).statusCode, 403)
  const page = pageText((await stranger.get(`/providers/${otherProvider!.id}/engagement`)).body)
  assert.doesNotMatch(page, /Independent advice and advocacy/)
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  assert.equal((await councillor.get(`/market-engagement/${engagementId}`)).statusCode, 200)
  assert.equal((await councillor.post(`/market-engagement/${engagementId}/close`, {})).statusCode, 403)
  // The DEMO provider cannot read the commissioner's page of who is interested.
  assert.equal((await provider.get(`/market-engagement/${engagementId}`)).statusCode, 403)
})
