/**
 * The public scrutiny pages (ADR 0050) through real HTTP on the real database (PGlite and PostgreSQL): what a
 * visitor with no sign-in sees of committees, recommendations and councillors' questions as the council's settings
 * say, a question an officer marks not for publication, other councils' records, the CSVs, and the links between
 * the signed-in and public pages.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { and, asc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { committees, councillorQuestions, decisions, recommendations } from './schema.ts'

let t: TestApp
let visitor: TestClient
let demoId = ''
let otherId = ''
before(async () => {
  t = await createTestApp()
  visitor = t.client()
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
})
after(async () => t.close())

const firstOf = async <T>(rows: Promise<T[]>) => (await rows)[0]!
const committeeOf = (councilId: string) => firstOf(t.db.db.select().from(committees).where(eq(committees.councilId, councilId)).orderBy(asc(committees.name)))
const recommendationsOf = (councilId: string) => t.db.db.select().from(recommendations).where(eq(recommendations.councilId, councilId)).orderBy(asc(recommendations.madeOn))
const questionsOf = (councilId: string) => t.db.db.select().from(councillorQuestions).where(eq(councillorQuestions.councilId, councilId)).orderBy(asc(councillorQuestions.askedOn))
const csvRows = (body: string) => parse(body, { bom: true }) as string[][]
const settingsForm = (publish: string[]) => ({ keyDecisionThreshold: '', callInWorkingDays: '5', responseMonths: '2', questionWorkingDays: '10', bankHolidays: '2026-12-25', publish })

describe('public scrutiny pages', () => {
  test('by default a council publishes its committees and recommendations but not its questions; DEMO has chosen to publish questions', async () => {
    // OTHER keeps the defaults.
    const otherIndex = await visitor.get('/public/scrutiny/OTHER')
    assert.equal(otherIndex.statusCode, 200)
    const otherCommittee = await committeeOf(otherId)
    assert.match(pageText(otherIndex.body), new RegExp(`Overview and scrutiny .*${otherCommittee.name}`))
    for (const item of otherCommittee.workProgramme) assert.ok(pageText(otherIndex.body).includes(item), `the work programme item “${item}” is public`)
    assert.ok(otherIndex.body.includes('href="/public/scrutiny/OTHER/recommendations"'), 'recommendations are linked')
    assert.ok(!otherIndex.body.includes('href="/public/scrutiny/OTHER/questions"'), 'questions are not linked')
    assert.equal((await visitor.get('/public/scrutiny/OTHER/recommendations')).statusCode, 200)
    assert.equal((await visitor.get('/public/scrutiny/OTHER/questions')).statusCode, 404)
    assert.equal((await visitor.get('/public/scrutiny/OTHER/questions.csv')).statusCode, 404)
    const otherAnswered = (await questionsOf(otherId)).find((q) => q.answeredOn)!
    assert.equal((await visitor.get(`/public/scrutiny/OTHER/questions/${otherAnswered.id}`)).statusCode, 404, 'an answered question of a council that does not publish them is not found')

    const demoIndex = await visitor.get('/public/scrutiny/DEMO')
    assert.ok(demoIndex.body.includes('href="/public/scrutiny/DEMO/questions"'))
    const committee = await committeeOf(demoId)
    const committeePage = await visitor.get(`/public/scrutiny/DEMO/committees/${committee.id}`)
    assert.equal(committeePage.statusCode, 200)
    assert.match(pageText(committeePage.body), /Members Members of .* Councillor Role Cllr Priya Shah Chair Work programme/)
    assert.ok(!committeePage.body.includes('/councillors/'), 'the public page does not link to signed-in councillor pages')
  })

  test('recommendations show their state, the executive’s response and implementation, and link to the forward plan entry they concern', async () => {
    const [overdue, accepted] = await recommendationsOf(demoId)
    const list = pageText((await visitor.get('/public/scrutiny/DEMO/recommendations')).body)
    assert.ok(list.includes(`${overdue!.title}`) && list.includes('Response overdue'), list)
    assert.ok(list.includes('Accepted, in progress'))

    const page = await visitor.get(`/public/scrutiny/DEMO/recommendations/${accepted!.id}`)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Response Accepted Reasons A quarterly report fits the committee’s cycle.* For the executive Cabinet member for adult social care Implementation In progress/)

    const about = await visitor.get(`/public/scrutiny/DEMO/recommendations/${overdue!.id}`)
    const [decision] = await t.db.db.select().from(decisions).where(eq(decisions.id, overdue!.decisionId!))
    const anchor = `/forward-plan/DEMO#decision-${decision!.id}`
    assert.ok(about.body.includes(`href="${anchor}"`), 'the recommendation links to the decision’s forward plan entry')
    const plan = await visitor.get('/forward-plan/DEMO')
    assert.ok(plan.body.includes(`id="decision-${decision!.id}"`), 'the forward plan has the entry the link points to')
    assert.ok(plan.body.includes('href="/public/scrutiny/DEMO"'), 'the forward plan links to the scrutiny pages')
    assert.ok((await visitor.get('/open-data')).body.includes('href="/public/scrutiny/DEMO"'), 'the council’s open data page links to them')

    const csv = await visitor.get('/public/scrutiny/DEMO/recommendations.csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /^text\/csv/)
    const [head, ...rows] = csvRows(csv.body)
    const row = rows.find((r) => r[1] === overdue!.title)!
    assert.equal(row[head!.indexOf('State')], 'Response overdue')
    assert.equal(row[head!.indexOf('Decision on the forward plan')], decision!.title)
    assert.ok(row[head!.indexOf('Forward plan entry')]!.endsWith(anchor))
    assert.ok(row[head!.indexOf('Page')]!.endsWith(`/public/scrutiny/DEMO/recommendations/${overdue!.id}`))
  })

  test('only answered questions not marked not for publication are public; an officer marks one, with a reason, and it is withdrawn', async () => {
    const demoQuestions = await questionsOf(demoId)
    const exempt = demoQuestions.find((q) => q.notForPublication)!
    const answered = demoQuestions.find((q) => q.answeredOn && !q.notForPublication)!
    const waiting = demoQuestions.find((q) => !q.answeredOn)!
    const list = await visitor.get('/public/scrutiny/DEMO/questions')
    assert.ok(list.body.includes(`/public/scrutiny/DEMO/questions/${answered.id}`))
    assert.ok(!list.body.includes(exempt.id) && !list.body.includes(waiting.id), 'neither the exempt nor the unanswered question is listed')
    assert.ok(!pageText(list.body).includes(exempt.question.slice(0, 40)))
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${exempt.id}`)).statusCode, 404)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${waiting.id}`)).statusCode, 404)
    const csv = await visitor.get('/public/scrutiny/DEMO/questions.csv')
    assert.ok(csv.body.includes(answered.answer!.slice(0, 30)))
    assert.ok(!csv.body.includes(exempt.answer!.slice(0, 30)), 'the exempt answer is not in the CSV')
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${answered.id}`)).statusCode, 200)

    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.match(pageText((await officer.get(`/questions/${exempt.id}`)).body), /Not on the public pages\. Marked not for publication: It is about one resident’s care and names them\./)
    assert.ok((await officer.get(`/questions/${answered.id}`)).body.includes(`href="/public/scrutiny/DEMO/questions/${answered.id}"`), 'the signed-in page links to the public one')
    assert.match(pageText((await officer.get(`/questions/${waiting.id}`)).body), /Questions are published once answered\./)

    assert.equal((await councillor.post(`/questions/${answered.id}/publication`, { publication: 'withhold', notForPublicationReason: 'x' })).statusCode, 403)
    const noReason = await officer.post(`/questions/${answered.id}/publication`, { publication: 'withhold', notForPublicationReason: '  ' })
    assert.equal(noReason.statusCode, 400)
    assert.match(pageText(noReason.body), /There is a problem Enter why the question is not for publication/)
    assert.match(pageText((await officer.post(`/questions/${answered.id}/publication`, {})).body), /Select whether the question may be published/)
    const marked = await officer.post(`/questions/${answered.id}/publication`, { publication: 'withhold', notForPublicationReason: 'Exempt information about a provider’s finances' })
    assert.equal(marked.statusCode, 303)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${answered.id}`)).statusCode, 404)
    assert.ok(!(await visitor.get('/public/scrutiny/DEMO/questions.csv')).body.includes(answered.answer!.slice(0, 30)))
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, answered.id), eq(auditEntries.action, 'publication')))
    assert.equal((entry!.after as { notForPublicationReason: string }).notForPublicationReason, 'Exempt information about a provider’s finances')

    assert.equal((await officer.post(`/questions/${answered.id}/publication`, { publication: 'publish' })).statusCode, 303)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${answered.id}`)).statusCode, 200)
  })

  test('turning the settings off takes recommendations and questions off the public pages (404), and on again brings them back', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const [rec] = await recommendationsOf(demoId)
    const answered = (await questionsOf(demoId)).find((q) => q.answeredOn && !q.notForPublication)!
    const committee = await committeeOf(demoId)
    const form = await admin.get('/scrutiny/settings')
    assert.match(form.body, /value="recommendations" checked/)
    assert.match(form.body, /value="questions" checked/)

    assert.equal((await admin.post('/scrutiny/settings', settingsForm([]))).statusCode, 303)
    for (const url of ['/public/scrutiny/DEMO/recommendations', '/public/scrutiny/DEMO/recommendations.csv', `/public/scrutiny/DEMO/recommendations/${rec!.id}`, '/public/scrutiny/DEMO/questions', '/public/scrutiny/DEMO/questions.csv', `/public/scrutiny/DEMO/questions/${answered.id}`]) {
      assert.equal((await visitor.get(url)).statusCode, 404, `${url} is not found while unpublished`)
    }
    const index = await visitor.get('/public/scrutiny/DEMO')
    assert.equal(index.statusCode, 200, 'committees stay public')
    assert.ok(!index.body.includes('/public/scrutiny/DEMO/recommendations') && !index.body.includes('/public/scrutiny/DEMO/questions'))
    const committeePage = await visitor.get(`/public/scrutiny/DEMO/committees/${committee.id}`)
    assert.ok(!committeePage.body.includes(rec!.id), 'the committee page lists no recommendations')
    assert.match(pageText((await admin.get(`/recommendations/${rec!.id}`)).body), /Not published: the council does not publish scrutiny recommendations/)
    assert.match(pageText((await admin.get(`/questions/${answered.id}`)).body), /The council does not publish councillors’ questions/)

    assert.equal((await admin.post('/scrutiny/settings', settingsForm(['recommendations']))).statusCode, 303)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/recommendations/${rec!.id}`)).statusCode, 200)
    assert.ok((await admin.get(`/recommendations/${rec!.id}`)).body.includes(`href="/public/scrutiny/DEMO/recommendations/${rec!.id}"`))
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${answered.id}`)).statusCode, 404)
    assert.equal((await admin.post('/scrutiny/settings', settingsForm(['recommendations', 'questions']))).statusCode, 303)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${answered.id}`)).statusCode, 200)
    assert.equal((await admin.post('/scrutiny/settings', { ...settingsForm([]), publish: 'everything' })).statusCode, 400)
  })

  test('another council’s records are never shown under a council’s address', async () => {
    // OTHER publishes its questions too, so nothing is hidden by a setting.
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await otherAdmin.post('/scrutiny/settings', settingsForm(['recommendations', 'questions']))).statusCode, 303)
    const [otherRec] = await recommendationsOf(otherId)
    const otherQuestion = (await questionsOf(otherId)).find((q) => q.answeredOn)!
    const otherCommittee = await committeeOf(otherId)
    assert.equal((await visitor.get(`/public/scrutiny/OTHER/questions/${otherQuestion.id}`)).statusCode, 200)
    assert.equal((await visitor.get(`/public/scrutiny/OTHER/recommendations/${otherRec!.id}`)).statusCode, 200)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/recommendations/${otherRec!.id}`)).statusCode, 404)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/questions/${otherQuestion.id}`)).statusCode, 404)
    assert.equal((await visitor.get(`/public/scrutiny/DEMO/committees/${otherCommittee.id}`)).statusCode, 404)
    for (const url of ['/public/scrutiny/DEMO', '/public/scrutiny/DEMO/recommendations', '/public/scrutiny/DEMO/recommendations.csv', '/public/scrutiny/DEMO/questions', '/public/scrutiny/DEMO/questions.csv']) {
      const body = (await visitor.get(url)).body
      for (const id of [otherRec!.id, otherQuestion.id, otherCommittee.id]) assert.ok(!body.includes(id), `${url} shows nothing of OTHER’s`)
    }
    assert.equal((await visitor.get('/public/scrutiny/NOPE')).statusCode, 404)
    assert.equal((await visitor.get('/public/scrutiny/DEMO/recommendations/not-an-id')).statusCode, 404)
  })

  test('CSV cells that a spreadsheet would run as formulas are kept text', async () => {
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    const committee = await committeeOf(demoId)
    const made = await officer.post(`/committees/${committee.id}/recommendations`, { title: '=HYPERLINK("http://evil.example","Click")', body: '+SUM(1,2)', madeOn: '1/6/2026' })
    assert.equal(made.statusCode, 303)
    const asked = await councillor.post('/questions', { addressedTo: '@Director', question: '-2+3 and why?' })
    const questionId = String(asked.headers.location).split('?')[0]!.split('/')[2]!
    assert.equal((await officer.post(`/questions/${questionId}/answer`, { answer: '=cmd|" /C calc"!A0', answeredByName: '+Officer' })).statusCode, 303)

    const recs = csvRows((await visitor.get('/public/scrutiny/DEMO/recommendations.csv')).body)
    assert.ok(recs.some((r) => r[1] === `'=HYPERLINK("http://evil.example","Click")` && r[2] === "'+SUM(1,2)"), 'the hostile recommendation is guarded')
    const qs = csvRows((await visitor.get('/public/scrutiny/DEMO/questions.csv')).body)
    const row = qs.find((r) => r[0] === "'-2+3 and why?")
    assert.ok(row, 'the hostile question is listed and guarded')
    assert.equal(row[2], "'@Director")
    assert.equal(row[5], `'=cmd|" /C calc"!A0`)
    assert.equal(row[6], "'+Officer")
    for (const cell of [...recs, ...qs].flat()) assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-?\d+(\.\d+)?$/.test(cell), `unsafe cell ${cell}`)
  })
})
