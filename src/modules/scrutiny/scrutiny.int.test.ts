/**
 * Scrutiny through real HTTP on the real database: wards imported from an ONS-style file, a key decision from a
 * project onto the forward plan (page, CSV, iCalendar read back with `ical`), the 28 clear days either side of the
 * boundary, a call-in inside and outside the working-day window over Easter 2026, its outcome, and tenancy.
 */
import { contracts } from '../contracts/schema.ts'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import ical from 'ical'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { callIns, decisions, wards } from './schema.ts'

// Wednesday 1 April 2026, 10am in London: Good Friday and Easter Monday fall in the call-in window.
let now = new Date('2026-04-01T09:00:00Z')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock: () => now })
})
after(async () => t.close())

function upload(client: TestClient, url: string, csv: string) {
  const boundary = '----catalyst-test'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="wards.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return client.request({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(client.csrfToken)}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
}

describe('scrutiny', () => {
  test('wards import from an ONS-style file on a page: a bad row stops the whole file, a good file adds and renames', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    await admin.get('/wards')
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    const before = await t.db.db.select().from(wards).where(eq(wards.councilId, demo.id))

    const bad = await upload(admin, '/wards/import', 'WD23CD,WD23NM,LAD23CD,LAD23NM\nE05990201,Hilltop,E06099999,Demo\nX123,Broken,E06099999,Demo\nE05990202,,E06099999,Demo\n')
    assert.equal(bad.statusCode, 400)
    const badText = pageText(bad.body)
    assert.match(badText, /2 rows have a problem\. Nothing was saved/)
    assert.match(badText, /Line 3: “X123” is not a ward code/)
    assert.match(badText, /Line 4: Ward E05990202 has no name/)
    assert.equal((await t.db.db.select().from(wards).where(eq(wards.councilId, demo.id))).length, before.length, 'nothing was saved')

    const good = await upload(admin, '/wards/import', 'FID,WD19CD,WD19NM,LAD19CD\n1,E05990201,Hilltop,E06099999\n2,E05990004,Riverside and Docks,E06099999\n')
    assert.equal(good.statusCode, 200, good.body.slice(0, 300))
    assert.match(pageText(good.body), /1 added, 1 renamed, 0 unchanged/)
    const list = pageText((await admin.get('/wards')).body)
    assert.match(list, /Hilltop E05990201/)
    assert.match(list, /Riverside and Docks/)

    const noColumns = await upload(admin, '/wards/import', 'code,name\nE05990301,Nowhere\n')
    assert.match(pageText(noColumns.body), /The first row has no a ward code column/)
  })

  test('the councillor’s ward picture: stories matched by the ward’s name, a contract delivered there, spend with a provider based there', async () => {
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    const home = pageText((await councillor.get('/')).body)
    assert.match(home, /\d+ (stories|story) from residents of Central/)
    assert.match(home, /1 contract delivered in Central/)
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    const [central] = await t.db.db.select().from(wards).where(eq(wards.code, 'E05990001'))
    assert.equal(central!.councilId, demo.id)
    const page = pageText((await councillor.get(`/wards/${central!.id}`)).body)
    assert.match(page, /Residents’ stories/)
    assert.match(page, /Contracts delivered here/)
    assert.doesNotMatch(page, /No published stories name this ward/, 'the demo stories told in “Central” are matched')
    assert.doesNotMatch(page, /No providers placed in this ward/)
    assert.doesNotMatch(page, /Place a record in this ward/, 'a councillor reads the picture but does not change it')
  })

  test('a key decision from a project: forward plan page, CSV and iCalendar; 28 clear days either side of the boundary', async () => {
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    const [project] = await t.db.db.select().from(commissioningProjects).where(eq(commissioningProjects.councilId, demo.id)).limit(1)
    const form = pageText((await officer.get(`/decisions/new?project=${project!.id}`)).body)
    assert.match(form, new RegExp(`For the project ${project!.title}`))

    const missing = await officer.post('/decisions', { projectId: project!.id })
    assert.equal(missing.statusCode, 400)
    assert.match(pageText(missing.body), /Enter the matter to be decided .*Select who takes the decision .*Enter the date the decision is to be taken/)
    const urgentWithoutReason = await officer.post('/decisions', { title: 'x', makerKind: 'cabinet', makerName: 'Cabinet', plannedOn: '1/5/2026', urgency: 'special-urgency' })
    assert.match(pageText(urgentWithoutReason.body), /Give the reason the decision cannot wait/)

    const demoWards = await t.db.db.select().from(wards).where(eq(wards.councilId, demo.id))
    const twoWards = demoWards.slice(0, 2).map((w) => w.id)
    // Notice on 2 March 2026: 29 March has 26 clear days; 31 March has 28.
    const short = await officer.post('/decisions', { projectId: project!.id, title: 'Short notice matter', makerKind: 'executive-member', makerName: 'Cllr A Jones, Cabinet Member for Adults', plannedOn: '30/3/2026', noticePublishedOn: '2/3/2026', wardIds: twoWards, documents: 'Cabinet report\nOptions appraisal' })
    assert.equal(short.statusCode, 303)
    const shortPage = pageText((await officer.get(String(short.headers.location))).body)
    assert.match(shortPage, /Significant effects on communities in two or more wards \(reg 8\(1\)\(b\)\)/)
    assert.match(shortPage, /Only 27 clear days’ notice: a key decision needs 28 \(reg 9\)\. The earliest date with full notice is 31 March 2026/)

    const full = await officer.post('/decisions', { projectId: project!.id, title: 'Full notice matter', makerKind: 'cabinet', makerName: 'Cabinet', plannedOn: '31/3/2026', noticePublishedOn: '2/3/2026', wardIds: twoWards, documentsRequest: 'Democratic Services, Town Hall' })
    const fullId = String(full.headers.location).split('/')[2]!
    const fullPage = pageText((await officer.get(`/decisions/${fullId}`)).body)
    assert.doesNotMatch(fullPage, /clear days’ notice: a key decision needs/)
    assert.match(fullPage, /2 March 2026, 28 clear days/)

    // The project and the contract the decision let both link to the decision's record.
    const projectPage = (await officer.get(`/projects/${project!.id}`)).body
    assert.match(projectPage, new RegExp(`<a class="govuk-link" href="/decisions/${fullId}">Full notice matter</a>: planned for 31 March 2026`))
    const [contract] = await t.db.db.select().from(contracts).where(eq(contracts.councilId, demo.id)).limit(1)
    const shortId = String(short.headers.location).split('/')[2]!
    const linked = await officer.post(`/decisions/${shortId}/contracts`, { contractId: contract!.id })
    assert.equal(linked.statusCode, 303)
    const contractPage = (await officer.get(`/contracts/${contract!.id}`)).body
    assert.match(pageText(contractPage), /The decision that let it Short notice matter ?, 30 March 2026/)
    assert.match(contractPage, new RegExp(`href="/decisions/${shortId}"`))

    const notKey = await officer.post('/decisions', { title: 'A small matter', makerKind: 'officer', makerName: 'Director of Adults', plannedOn: '31/3/2026', noticePublishedOn: '2/3/2026', value: '1000' })
    assert.equal(notKey.statusCode, 303)

    // The forward plan, open to anyone.
    const visitor = t.client()
    const plan = pageText((await visitor.get('/forward-plan/DEMO')).body)
    assert.match(plan, /Full notice matter/)
    assert.match(plan, /Short notice matter .*27 clear days before the decision \(less than 28\)/)
    assert.doesNotMatch(plan, /A small matter/, 'a decision that is not key is not on the forward plan')
    assert.match(plan, /Democratic Services, Town Hall/)

    const csv = await visitor.get('/forward-plan/DEMO/key-decisions.csv')
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    const lines = csv.body.trim().split(/\r?\n/)
    assert.match(lines[0]!, /^Matter,Decision maker,Date of decision,Notice published,Clear days notice/)
    assert.ok(lines.some((l) => l.startsWith('Full notice matter,Cabinet (Cabinet (the executive)),2026-03-31,2026-03-02,28,')), lines.join('\n'))

    const feed = await visitor.get('/forward-plan/DEMO/key-decisions.ics')
    assert.match(String(feed.headers['content-type']), /text\/calendar/)
    const events = Object.values(ical.parseICS(feed.body)).filter((c) => c.type === 'VEVENT')
    const event = events.find((e) => e.summary === 'Key decision: Full notice matter')
    assert.ok(event, `the feed holds the decision: ${events.map((e) => e.summary).join(', ')}`)
    assert.equal(event.uid, `${fullId}@catalyst`)
    assert.equal(event.start?.getFullYear(), 2026)
    assert.equal(event.start?.getMonth(), 2)
    assert.equal(event.start?.getDate(), 31)
    assert.match(event.description ?? '', /Decision maker: Cabinet/)

    assert.equal((await visitor.get('/forward-plan/NOPE')).statusCode, 404)
  })

  test('call-in within five working days over Easter 2026, with reasons and an outcome; tenancy holds', async () => {
    // Friday 10 April 2026, 4pm in London; people sign in afresh, as sessions lapse after 8 idle hours.
    now = new Date('2026-04-10T15:00:00Z')
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const [decision] = await t.db.db.select().from(decisions).where(eq(decisions.title, 'Full notice matter'))
    const url = `/decisions/${decision!.id}`
    const badTake = await officer.post(`${url}/taken`, { outcome: 'Let the contract', reasons: 'Best value', decidedOn: '31/3/2026', publishedOn: '30/3/2026' })
    assert.match(pageText(badTake.body), /cannot be published before the decision was taken/)
    const taken = await officer.post(`${url}/taken`, { outcome: 'Let the contract', reasons: 'Best value', decidedOn: '31/3/2026', publishedOn: '1/4/2026' })
    assert.equal(taken.statusCode, 303)
    assert.match(pageText((await officer.get(url)).body), /Open until the end of 10 April 2026 \(5 working days after publication\)/)

    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.match(pageText((await councillor.get('/decisions?filter=call-in')).body), /Full notice matter/)
    const empty = await councillor.post(`${url}/call-in`, { reasons: '' })
    assert.match(pageText(empty.body), /Give your reasons for calling in the decision/)

    // Published Tuesday 31 March, a decision's five working days end on Thursday 9 April (Good Friday and Easter
    // Monday do not count); on Friday 10 April it is too late, while the one published on 1 April is still open.
    const [early] = await t.db.db.select().from(decisions).where(eq(decisions.title, 'Short notice matter'))
    await officer.post(`/decisions/${early!.id}/taken`, { outcome: 'Go ahead', reasons: 'Urgent need', decidedOn: '30/3/2026', publishedOn: '31/3/2026' })
    const late = await councillor.post(`/decisions/${early!.id}/call-in`, { reasons: 'Too late' })
    assert.equal(late.statusCode, 400)
    assert.match(pageText(late.body), /The call-in period ended on 9 April 2026/)
    const called = await councillor.post(`${url}/call-in`, { reasons: 'The appraisal did not weigh local providers.' })
    assert.equal(called.statusCode, 303)
    assert.equal((await t.db.db.select().from(callIns).where(eq(callIns.decisionId, decision!.id))).length, 1)
    assert.equal((await officer.post(`${url}/call-in`, { reasons: 'x' })).statusCode, 403, 'officers do not call in')

    const home = pageText((await officer.get('/')).body)
    assert.match(home, /1 call-in awaiting its outcome/)
    const [callIn] = await t.db.db.select().from(callIns).where(eq(callIns.decisionId, decision!.id))
    const noOutcome = await officer.post(`${url}/call-in-outcome`, { callInId: callIn!.id, outcomeNote: '', outcomeOn: '' })
    assert.match(pageText(noOutcome.body), /Select the outcome of the call-in .*Say what the committee decided and why .*Enter the date the committee met/)
    const outcome = await officer.post(`${url}/call-in-outcome`, { callInId: callIn!.id, outcome: 'referred-back', outcomeNote: 'Reconsider local providers.', outcomeOn: '20/4/2026' })
    assert.equal(outcome.statusCode, 303)
    const page = pageText((await councillor.get(url)).body)
    assert.match(page, /Called in by Cllr Priya Shah on 10 April 2026: The appraisal did not weigh local providers\./)
    assert.match(page, /Outcome, 20 April 2026: Referred back to the decision maker to reconsider\. Reconsider local providers\./)
    const trail = await t.db.db.select().from(auditEntries).where(eq(auditEntries.entityId, decision!.id))
    assert.deepEqual(trail.map((e) => e.action).sort(), ['call-in', 'call-in-outcome', 'create', 'take'])

    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.get(url)).statusCode, 404)
    assert.equal((await other.post(`${url}/call-in-outcome`, { callInId: callIn!.id, outcome: 'no-further-action', outcomeNote: 'x', outcomeOn: '1/5/2026' })).statusCode, 404)
  })

  test('settings: threshold makes value alone key; a bad bank holiday is named; an added holiday moves the deadline', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const bad = await admin.post('/scrutiny/settings', { keyDecisionThreshold: '500,000', callInWorkingDays: '5', responseMonths: '2', questionWorkingDays: '10', bankHolidays: '2026-12-25\n31/2/2026' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /“31\/2\/2026” is not a date/)
    const saved = await admin.post('/scrutiny/settings', { keyDecisionThreshold: '500,000', callInWorkingDays: '3', responseMonths: '2', questionWorkingDays: '10', bankHolidays: '2026-12-25\n2026-12-28\n2027-01-01' })
    assert.equal(saved.statusCode, 303)
    const made = await admin.post('/decisions', { title: 'Large matter', makerKind: 'cabinet', makerName: 'Cabinet', plannedOn: '1/6/2026', value: '500000' })
    const page = pageText((await admin.get(String(made.headers.location))).body)
    assert.match(page, /at or above the council’s key decision threshold/)
    assert.match(page, /No notice of this key decision was published on the forward plan/)
  })
})
