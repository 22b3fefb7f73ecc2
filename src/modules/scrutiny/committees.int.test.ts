/**
 * Committees, recommendations with the executive's response deadline, councillors' questions, the councillor's own
 * page and the audit trail, through real HTTP on the real database (PGlite and PostgreSQL).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { committees, councillorQuestions, decisions, recommendations, wards } from './schema.ts'

// Wednesday 1 April 2026, 10am in London: Good Friday (3 April) and Easter Monday (6 April) are ahead.
let now = new Date('2026-04-01T09:00:00Z')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock: () => now })
})
after(async () => t.close())

const idFrom = (location: unknown) => String(location).split('?')[0]!.split('/')[2]!

describe('committees, recommendations and questions', () => {
  test('a councillor’s question is due ten working days on, skipping Easter; answered once by an officer; overdue on the officers’ home page', async () => {
    now = new Date('2026-04-01T09:00:00Z')
    let officer = await t.signedIn('commissioner@demo.catalyst.test')
    let councillor = await t.signedIn('councillor@demo.catalyst.test')

    const empty = await councillor.post('/questions', {})
    assert.equal(empty.statusCode, 400)
    assert.match(pageText(empty.body), /Enter who the question is for.*Enter your question/)
    assert.equal((await officer.post('/questions', { addressedTo: 'x', question: 'Officers do not ask' })).statusCode, 403)
    const asked = await councillor.post('/questions', { addressedTo: 'Director of Children’s Services', question: 'How many children are placed more than 20 miles from home?' })
    assert.equal(asked.statusCode, 303)
    const questionId = idFrom(asked.headers.location)
    const [row] = await t.db.db.select().from(councillorQuestions).where(eq(councillorQuestions.id, questionId))
    // 2 Apr is the first working day; 3 and 6 April are bank holidays; the tenth is Friday 17 April.
    assert.equal(row!.dueOn, '2026-04-17')
    assert.equal(row!.askedByName, 'Cllr Priya Shah')
    assert.match(pageText((await councillor.get('/')).body), /\d+ of your questions awaiting an answer/)

    const overdueCount = (text: string) => Number(/(\d+) councillor(?:’s|s’) questions? with (?:its|their) answer overdue/.exec(text)?.[1] ?? 0)
    now = new Date('2026-04-17T15:00:00Z')
    officer = await t.signedIn('commissioner@demo.catalyst.test')
    const onTheDay = overdueCount(pageText((await officer.get('/')).body))
    now = new Date('2026-04-18T09:00:00Z')
    officer = await t.signedIn('commissioner@demo.catalyst.test')
    councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.equal(overdueCount(pageText((await officer.get('/')).body)), onTheDay + 1)
    assert.match(pageText((await officer.get('/questions?filter=overdue')).body), /How many children are placed more than 20 miles from home\? Cllr Priya Shah Director of Children’s Services 17 April 2026 Answer overdue/)

    assert.equal((await councillor.post(`/questions/${questionId}/answer`, { answer: 'x', answeredByName: 'y' })).statusCode, 403)
    const noAnswer = await officer.post(`/questions/${questionId}/answer`, {})
    assert.match(pageText(noAnswer.body), /Enter the answer.*Enter who answers/)
    const answered = await officer.post(`/questions/${questionId}/answer`, { answer: 'Fourteen children, all with a reason recorded.', answeredByName: 'Jo Bell, Director of Children’s Services' })
    assert.equal(answered.statusCode, 303)
    assert.match(pageText((await officer.post(`/questions/${questionId}/answer`, { answer: 'Again', answeredByName: 'Jo' })).body), /already been answered/)
    assert.equal(overdueCount(pageText((await officer.get('/')).body)), onTheDay)
    assert.match(pageText((await councillor.get(`/questions/${questionId}`)).body), /Answer Fourteen children, all with a reason recorded\. Answered by Jo Bell, Director of Children’s Services Answered on 18 April 2026/)
  })

  test('a committee with a councillor as chair; a recommendation whose response is due two months on, overdue the day after, then answered and implemented', async () => {
    // The clock only moves forward in this file: sign-in throttling counts attempts in a window of time.
    now = new Date('2026-04-18T10:00:00Z')
    let admin = await t.signedIn('admin@demo.catalyst.test')
    let officer = await t.signedIn('commissioner@demo.catalyst.test')
    let councillor = await t.signedIn('councillor@demo.catalyst.test')
    const cllr = (await membershipFor(t.db.db, 'councillor@demo.catalyst.test'))!
    const finance = (await membershipFor(t.db.db, 'finance@demo.catalyst.test'))!

    const empty = await admin.post('/committees', {})
    assert.equal(empty.statusCode, 400)
    assert.match(pageText(empty.body), /Enter the committee’s name/)
    const made = await admin.post('/committees', { name: 'Children and Families Scrutiny', remit: 'Children’s services', workProgramme: 'Fostering sufficiency\nSEND transport' })
    assert.equal(made.statusCode, 303)
    const committeeId = idFrom(made.headers.location)
    const duplicate = await admin.post('/committees', { name: 'children and families scrutiny' })
    assert.match(pageText(duplicate.body), /already has a committee with this name/)
    assert.equal((await councillor.post('/committees', { name: 'Councillors cannot add committees' })).statusCode, 403)

    // Only a councillor of the council can sit on it.
    const notCouncillor = await admin.post(`/committees/${committeeId}/members`, { userId: finance.userId, role: 'member' })
    assert.equal(notCouncillor.statusCode, 400)
    assert.match(pageText(notCouncillor.body), /Select a councillor of this council from the list/)
    assert.equal((await admin.post(`/committees/${committeeId}/members`, { userId: cllr.userId, role: 'chair' })).statusCode, 303)
    const committeePage = await councillor.get(`/committees/${committeeId}`)
    assert.match(pageText(committeePage.body), /Cllr Priya Shah Chair/)
    assert.match(committeePage.body, new RegExp(`href="/councillors/${cllr.userId}"`))
    assert.match(pageText(committeePage.body), /Fostering sufficiency SEND transport/)

    // A recommendation made on 31 March: the response is due on 31 May (two months, the default).
    const [decision] = await t.db.db.select().from(decisions).where(eq(decisions.councilId, cllr.councilId)).limit(1)
    const missing = await officer.post(`/committees/${committeeId}/recommendations`, {})
    assert.match(pageText(missing.body), /Enter a short title .*Enter what the committee recommends .*Enter the date the committee made the recommendation/)
    const rec = await officer.post(`/committees/${committeeId}/recommendations`, { title: 'Publish fostering allowances', body: 'That the executive publishes its fostering allowances.', madeOn: '31/3/2026', decisionId: decision!.id })
    assert.equal(rec.statusCode, 303)
    const recId = idFrom(rec.headers.location)
    const [stored] = await t.db.db.select().from(recommendations).where(eq(recommendations.id, recId))
    assert.equal(stored!.responseDueOn, '2026-05-31')
    assert.match(pageText((await councillor.get(`/recommendations/${recId}`)).body), /Response due by 31 May 2026 State Awaiting the executive’s response/)
    assert.match((await officer.get(`/decisions/${decision!.id}`)).body, new RegExp(`href="/recommendations/${recId}">Publish fostering allowances</a>`), 'the decision lists the recommendation about it')

    // On the due date it is not overdue; the day after, it is, on the officers' home page and the councillor's.
    const overdueCount = (text: string) => Number(/(\d+) scrutiny recommendations? with the executive’s response overdue/.exec(text)?.[1] ?? 0)
    // Moving the clock two months ends the sessions: sign in again, as people would.
    now = new Date('2026-05-31T11:00:00Z')
    officer = await t.signedIn('commissioner@demo.catalyst.test')
    const onTheDay = overdueCount(pageText((await officer.get('/')).body))
    assert.doesNotMatch(pageText((await officer.get('/recommendations?filter=overdue')).body), /Publish fostering allowances/)
    now = new Date('2026-06-01T08:00:00Z')
    officer = await t.signedIn('commissioner@demo.catalyst.test')
    councillor = await t.signedIn('councillor@demo.catalyst.test')
    admin = await t.signedIn('admin@demo.catalyst.test')
    assert.equal(overdueCount(pageText((await officer.get('/')).body)), onTheDay + 1)
    assert.match(pageText((await officer.get('/recommendations?filter=overdue')).body), /Publish fostering allowances Children and Families Scrutiny 31 March 2026 31 May 2026 Response overdue/)
    assert.match(pageText((await councillor.get('/')).body), /\d+ recommendations? of your committees with the executive’s response overdue/)

    // The executive's response: not dated before the recommendation, recorded once.
    const early = await officer.post(`/recommendations/${recId}/response`, { response: 'accepted', responseReasons: 'Agreed.', respondedOn: '30/3/2026', respondedByName: 'Cllr A Jones' })
    assert.equal(early.statusCode, 400)
    assert.match(pageText(early.body), /cannot be dated before the recommendation was made \(31 March 2026\)/)
    assert.equal((await councillor.post(`/recommendations/${recId}/response`, { response: 'accepted' })).statusCode, 403)
    const partly = await officer.post(`/recommendations/${recId}/response`, { response: 'partly-accepted', responseReasons: 'Allowances yes; the skills fee later.', respondedOn: '1/6/2026', respondedByName: 'Cllr A Jones, Cabinet Member for Children' })
    assert.equal(partly.statusCode, 303)
    const again = await officer.post(`/recommendations/${recId}/response`, { response: 'rejected', responseReasons: 'No.', respondedOn: '2/6/2026', respondedByName: 'Cllr A Jones' })
    assert.match(pageText(again.body), /already responded/)
    assert.equal(overdueCount(pageText((await officer.get('/')).body)), onTheDay)
    assert.equal((await officer.post(`/recommendations/${recId}/implementation`, { implementation: 'implemented', implementationNote: 'Published on the website' })).statusCode, 303)
    assert.match(pageText((await councillor.get(`/recommendations/${recId}`)).body), /Response Partly accepted Reasons Allowances yes; the skills fee later\. .*Implementation Implemented: Published on the website/)

    // The response period is the council's setting: at three months, a new recommendation is due three months on.
    const settings = await admin.post('/scrutiny/settings', { keyDecisionThreshold: '', callInWorkingDays: '5', responseMonths: '3', questionWorkingDays: '10', bankHolidays: '2026-04-03\n2026-04-06' })
    assert.equal(settings.statusCode, 303)
    const later = await officer.post(`/committees/${committeeId}/recommendations`, { title: 'Review SEND transport', body: 'That the executive reviews SEND transport.', madeOn: '30/11/2026' })
    const [laterRow] = await t.db.db.select().from(recommendations).where(eq(recommendations.id, idFrom(later.headers.location)))
    assert.equal(laterRow!.responseDueOn, '2027-02-28', '30 November + 3 months is held to the end of February')
    const rejected = await officer.post(`/recommendations/${laterRow!.id}/response`, { response: 'rejected', responseReasons: 'Reviewed last year.', respondedOn: '1/12/2026', respondedByName: 'Cabinet' })
    assert.equal(rejected.statusCode, 303)
    const notImplemented = await officer.post(`/recommendations/${laterRow!.id}/implementation`, { implementation: 'in-progress' })
    assert.match(pageText(notImplemented.body), /Only an accepted or partly accepted recommendation is implemented/)
    await admin.post('/scrutiny/settings', { keyDecisionThreshold: '', callInWorkingDays: '5', responseMonths: '2', questionWorkingDays: '10', bankHolidays: '2026-04-03\n2026-04-06\n2026-05-04\n2026-05-25' })
  })

  test('the councillor’s own page: their ward, committees, decisions and contracts in their ward, questions and recommendations, each linked', async () => {
    now = new Date('2026-06-02T09:00:00Z')
    const cllr = (await membershipFor(t.db.db, 'councillor@demo.catalyst.test'))!
    const finance = (await membershipFor(t.db.db, 'finance@demo.catalyst.test'))!
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const response = await officer.get(`/councillors/${cllr.userId}`)
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /Councillor Cllr Priya Shah Ward Central \(E05990001\)/)
    assert.match(text, /Adults, Health and Housing Scrutiny Committee \(Chair\)/)
    assert.match(text, /Children and Families Scrutiny \(Chair\)/)
    assert.match(text, /Contracts delivered in Central/)
    assert.doesNotMatch(text, /No contracts placed in this ward/)
    assert.match(text, /How many children are placed more than 20 miles from home\? 17 April 2026 Answered/)
    assert.match(text, /Publish fostering allowances Children and Families Scrutiny 31 May 2026 Partly accepted, implemented/)
    const [central] = await t.db.db.select().from(wards).where(eq(wards.code, 'E05990001'))
    assert.match(response.body, new RegExp(`href="/wards/${central!.id}"`))
    // The demo decision names Central: it is listed under the ward's decisions.
    const [decision] = await t.db.db.select().from(decisions).where(sql`${central!.id} = any(${decisions.wardIds})`).limit(1)
    assert.match(response.body, new RegExp(`href="/decisions/${decision!.id}">${decision!.title}</a>`))
    const [committee] = await t.db.db.select().from(committees).where(eq(committees.name, 'Children and Families Scrutiny'))
    assert.match(response.body, new RegExp(`href="/committees/${committee!.id}"`))
    // The ward page names its councillor with a link back.
    assert.match((await officer.get(`/wards/${central!.id}`)).body, new RegExp(`href="/councillors/${cllr.userId}">Cllr Priya Shah</a>`))

    assert.equal((await officer.get(`/councillors/${finance.userId}`)).statusCode, 404, 'a member who is not a councillor has no councillor’s page')
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await otherAdmin.get(`/councillors/${cllr.userId}`)).statusCode, 404, 'another council’s councillor is not found')
  })
})

describe('the audit trail', () => {
  test('filterable by record, person, action and date; councillors see only the kinds of record they may read; a bad date is named', async () => {
    now = new Date('2026-06-02T10:00:00Z')
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    const officerUser = (await membershipFor(t.db.db, 'commissioner@demo.catalyst.test'))!

    // An administrator's change to a person is in the trail for administrators only.
    const [userEntry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.councilId, demo.id), eq(auditEntries.entityType, 'user'))).limit(1)
    assert.ok(userEntry, 'the demo records people in the trail')
    const adminPage = await admin.get('/audit-trail?type=user')
    assert.equal(adminPage.statusCode, 200)
    assert.doesNotMatch(pageText(adminPage.body), /No changes match/)
    // Councillors see the trail only once the council allows it (ADR 0062); then only the kinds they may read.
    assert.equal((await councillor.get('/audit-trail')).statusCode, 403, 'by default a councillor has no audit trail')
    const allowed = await admin.post('/admin/access', { moderatorsReadProviderNotes: 'no', dismissFlagsOnOwnRecords: 'no', councillorsSeeRiskAssessments: 'no', councillorsSeeAuditLog: 'yes' })
    assert.equal(allowed.statusCode, 303)
    const refused = await councillor.get('/audit-trail?type=user')
    assert.equal(refused.statusCode, 400)
    assert.match(pageText(refused.body), /You cannot see the history of that kind of record/)
    assert.doesNotMatch(pageText((await councillor.get('/audit-trail')).body), /Invite|Grant role/i)

    // By record: the question asked and answered in the test above, linked back to it.
    const [question] = await t.db.db.select().from(councillorQuestions).where(eq(councillorQuestions.question, 'How many children are placed more than 20 miles from home?'))
    const byRecord = await councillor.get(`/audit-trail?type=question&id=${question!.id}`)
    assert.equal(byRecord.statusCode, 200)
    const recordText = pageText(byRecord.body)
    assert.match(recordText, /Cara Commissioner answer Councillor’s question Answered by: Jo Bell, Director of Children’s Services Answer: Fourteen children/)
    assert.match(recordText, /Cllr Priya Shah ask Councillor’s question/)
    assert.match(byRecord.body, new RegExp(`href="/questions/${question!.id}">Councillor’s question</a>`))
    assert.match((await councillor.get(`/questions/${question!.id}`)).body, new RegExp(`href="/audit-trail\\?type=question&amp;id=${question!.id}"`), 'the record links to its trail')

    // By person and action.
    const byPerson = pageText((await admin.get(`/audit-trail?person=${officerUser.userId}&action=respond`)).body)
    assert.match(byPerson, /respond Recommendation Response: Partly accepted .*For the executive: Cllr A Jones, Cabinet Member for Children/)
    assert.doesNotMatch(byPerson, /Cllr Priya Shah ask Councillor’s question/, 'only the officer’s responses')

    // By date, in London: the answer was given on 18 April, nothing on 19 April.
    assert.match(pageText((await admin.get(`/audit-trail?type=question&from=18/4/2026&to=18/4/2026`)).body), / answer Councillor’s question/)
    assert.match(pageText((await admin.get(`/audit-trail?type=question&from=19/4/2026&to=19/4/2026`)).body), /No changes match/)
    const badDate = await admin.get('/audit-trail?from=31/2/2026')
    assert.equal(badDate.statusCode, 400)
    assert.match(pageText(badDate.body), /There is a problem/)

    // Another council's entries never show, even by their id.
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    assert.match(pageText((await otherAdmin.get(`/audit-trail?type=question&id=${question!.id}`)).body), /No changes match/)
    assert.equal((await officer.get('/audit-trail')).statusCode, 403, 'a commissioner has no audit:read')
  })

  test('nothing in the audit trail can be changed or deleted, even with a database connection', async () => {
    const [entry] = await t.db.db.select().from(auditEntries).limit(1)
    // The database's own message, under the query error the driver wraps it in.
    const refused = (error: unknown) => /the audit trail cannot be changed or deleted \((UPDATE|DELETE|TRUNCATE) on audit_entries refused\)/.test(`${error} ${(error as { cause?: unknown }).cause}`)
    await assert.rejects(t.db.db.update(auditEntries).set({ actorLabel: 'someone else' }).where(eq(auditEntries.id, entry!.id)), refused)
    await assert.rejects(t.db.db.delete(auditEntries).where(eq(auditEntries.id, entry!.id)), refused)
    await assert.rejects(t.db.db.execute(sql`truncate audit_entries`), refused)
    const [still] = await t.db.db.select().from(auditEntries).where(eq(auditEntries.id, entry!.id))
    assert.equal(still!.actorLabel, entry!.actorLabel)
  })
})
