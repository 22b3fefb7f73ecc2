/**
 * The daily reminder sweep, end to end: the clock is set, the sweep's jobs run as the worker runs them, and the
 * reminders arrive at a real SMTP server. Checks who each source emails, with what subject and link; that a second
 * sweep the same day sends nothing more; that answered questions and reported returns get no reminder; and that a
 * council's sweep never emails about another council's records.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { runAllJobs } from '../../../test/support/jobs.ts'
import { startSmtpServer, subjectOf, type ReceivedMail, type TestSmtpServer } from '../../../test/support/smtp-server.ts'
import { loadConfig } from '../../config.ts'
import { modules } from '../../modules/index.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { findContractByReference } from '../../modules/contracts/service.ts'
import { kpisOf, submitReturn } from '../../modules/kpi-returns/service.ts'
import { quarterStartingOn } from '../../modules/kpi-returns/rules.ts'
import { committees, councillorQuestions, recommendations } from '../../modules/scrutiny/schema.ts'
import { scrutinySettings } from '../../modules/scrutiny/settings.ts'
import { readSettings } from '../settings/settings.ts'
import { svCommitments, svMeasures, svReturns } from '../../modules/social-value/schema.ts'
import { memberships, users } from '../auth/schema.ts'
import { jobRegistry, type JobRegistry } from '../jobs/handlers.ts'
import { jobs } from '../jobs/schema.ts'
import { COUNCIL_SWEEP_JOB, councilSweepKey, keepSweepsQueued, londonTimeOn, reminderHandlers, reminderSourcesOf, sweepCouncil, sweepKey } from './sweep.ts'

const PUBLIC_URL = 'https://catalyst.example.gov.uk'
// Wednesday 20 January 2027, 07:00 in London (GMT): the sweep's hour.
let now = new Date('2027-01-20T07:00:00Z')
const clock = () => new Date(now)

let t: TestApp
let smtp: TestSmtpServer
let registry: JobRegistry
let config: ReturnType<typeof loadConfig>
const ids: Record<string, string> = {}
const sources = reminderSourcesOf(modules)

const runAll = () => runAllJobs(t.db.db, registry.handlers, clock)

const mentioning = (id: string) => smtp.received.filter((mail) => mail.text.includes(id))
// A long Subject header is folded over several lines (RFC 5322 s.2.2.3): unfold it.

async function emailsOf(councilCode: string): Promise<Set<string>> {
  const council = (await findCouncil(t.db.db, councilCode))!
  const rows = await t.db.db.select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.councilId, council.id))
  return new Set(rows.map((r) => r.email))
}

describe('the daily reminder sweep', () => {
  before(async () => {
    smtp = await startSmtpServer()
    const env = { EMAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EMAIL_FROM: 'catalyst@example.gov.uk', CATALYST_PUBLIC_URL: PUBLIC_URL }
    t = await createTestApp({ clock, env })
    config = loadConfig({ NODE_ENV: 'test', ...env })
    registry = jobRegistry(config, reminderHandlers(config, sources))

    const db = t.db.db
    const demo = (await findCouncil(db, 'DEMO'))!
    const other = (await findCouncil(db, 'OTHER'))!
    ids.demo = demo.id
    ids.other = other.id
    const question = (councilId: string, text: string, dueOn: string, answered = false) =>
      db.insert(councillorQuestions).values({
        councilId, askedByName: 'Cllr Priya Shah', addressedTo: 'Director of Adult Social Care', question: text, askedOn: '2027-01-06', dueOn,
        ...(answered ? { answer: 'Twelve.', answeredOn: '2027-01-19', answeredByName: 'Director of Adult Social Care' } : {}),
      }).returning().then((rows) => rows[0]!.id)
    ids.dueSoon = await question(demo.id, 'How many home care visits were missed in December?', '2027-01-22')
    ids.leftUnanswered = await question(demo.id, 'How many carers left the home care provider last year?', '2027-01-21')
    ids.answered = await question(demo.id, 'How many children are placed out of area?', '2027-01-21', true)
    ids.otherQuestion = await question(other.id, 'What does the community transport contract cost per journey?', '2027-01-22')

    const [committee] = await db.insert(committees).values({ councilId: demo.id, name: 'Reminders test committee' }).returning()
    const [recommendation] = await db.insert(recommendations).values({
      councilId: demo.id, committeeId: committee!.id, title: 'Publish home care waiting times monthly', body: 'The committee recommends it.', madeOn: '2026-12-01', responseDueOn: '2027-02-01',
    }).returning()
    ids.recommendation = recommendation!.id

    const homeCare = (await findContractByReference(db, demo.id, 'DBC-ASC-001'))!
    const [provider] = await db.select({ providerId: memberships.providerId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, 'provider@demo.catalyst.test'))
    ids.provider = provider!.providerId!
    const [measure] = await db.select().from(svMeasures).where(eq(svMeasures.councilId, demo.id)).limit(1)
    const commitment = (dueDate: string) =>
      db.insert(svCommitments).values({ councilId: demo.id, contractId: homeCare.id, providerId: ids.provider!, measureId: measure!.id, quantity: 7, dueDate, deliveredWhere: 'Across the borough', createdBy: 'Test' }).returning().then((rows) => rows[0]!.id)
    ids.commitment = await commitment('2027-01-25')
    ids.reportedCommitment = await commitment('2027-01-26')
    await db.insert(svReturns).values({ councilId: demo.id, commitmentId: ids.reportedCommitment, quantity: 7, periodStart: '2026-04-01', periodEnd: '2027-01-15', reportedBy: 'Pat Provider', reportedAt: now })
    const [visits] = await kpisOf(db, demo.id, { contractId: homeCare.id })
    ids.kpi = visits!.kpiId
  })

  after(async () => {
    registry?.close()
    await smtp?.stop()
    await t?.close()
  })

  test('the sweep is queued once a day at 07:00 London time, whatever the number of processes', async () => {
    assert.equal(await keepSweepsQueued(t.db.db, now), 2, 'today’s and tomorrow’s sweeps')
    assert.equal(await keepSweepsQueued(t.db.db, now), 0, 'a second process queues nothing more')
    const [today] = await t.db.db.select().from(jobs).where(eq(jobs.key, sweepKey('2027-01-20')))
    assert.deepEqual(today?.runAt, new Date('2027-01-20T07:00:00Z'))
    // In summer 07:00 in London is 06:00 UTC.
    assert.deepEqual(londonTimeOn('2027-07-01', 7), new Date('2027-07-01T06:00:00Z'))
  })

  test('each source emails the right people, with a subject and a link on the public address', async () => {
    await runAll()
    const demoPeople = await emailsOf('DEMO')

    const aboutQuestion = mentioning(ids.dueSoon!)
    assert.ok(aboutQuestion.length > 0, 'the question due in two days is reminded of')
    assert.deepEqual(new Set(aboutQuestion.flatMap((m) => m.to)), new Set(['admin@demo.catalyst.test', 'commissioner@demo.catalyst.test']), 'to those who record answers')
    assert.equal(subjectOf(aboutQuestion[0]!), 'Answer due by 22 January 2027: question from Cllr Priya Shah')
    assert.ok(aboutQuestion[0]!.text.includes(`${PUBLIC_URL}/questions/${ids.dueSoon}`))
    assert.match(aboutQuestion[0]!.text, /Cllr Priya Shah asked Director of Adult Social Care a question on 6 January 2027/)
    assert.equal(mentioning(ids.answered!).length, 0, 'an answered question gets no reminder')

    const aboutRecommendation = mentioning(ids.recommendation!)
    assert.deepEqual(new Set(aboutRecommendation.flatMap((m) => m.to)), new Set(['admin@demo.catalyst.test', 'commissioner@demo.catalyst.test']))
    assert.equal(subjectOf(aboutRecommendation[0]!), 'Executive response due by 1 February 2027: Publish home care waiting times monthly')
    assert.ok(aboutRecommendation[0]!.text.includes(`${PUBLIC_URL}/recommendations/${ids.recommendation}`))

    const aboutCommitment = mentioning(ids.commitment!)
    assert.equal(aboutCommitment.length, 1)
    assert.deepEqual(aboutCommitment[0]!.to, ['provider@demo.catalyst.test'], 'to the provider’s own user')
    assert.match(subjectOf(aboutCommitment[0]!), /^Social value return due by 25 January 2027: /)
    assert.ok(aboutCommitment[0]!.text.includes(`${PUBLIC_URL}/providers/${ids.provider}/social-value/commitments/${ids.commitment}`))
    assert.equal(mentioning(ids.reportedCommitment!).length, 0, 'a commitment already reported on gets no reminder')

    // The home care contract's October to December quarter is left for the provider in the demo: due 30 January.
    const kpiLink = `${PUBLIC_URL}/providers/${ids.provider}/returns/${ids.kpi}/2026-10-01`
    const aboutKpi = smtp.received.filter((m) => m.text.includes(kpiLink))
    assert.equal(aboutKpi.length, 1)
    assert.deepEqual(aboutKpi[0]!.to, ['provider@demo.catalyst.test'])
    assert.equal(subjectOf(aboutKpi[0]!), 'KPI return due by 30 January 2027: Visits on time, October to December 2026')

    // Tenancy: the other council's question goes to its own administrator only, and no one else's records reach it.
    const aboutOther = mentioning(ids.otherQuestion!)
    assert.deepEqual(aboutOther.flatMap((m) => m.to), ['admin@other.catalyst.test'])
    for (const mail of smtp.received) {
      const toDemo = mail.to.every((address) => demoPeople.has(address))
      const toOther = mail.to.every((address) => !demoPeople.has(address))
      assert.ok(toDemo || toOther, 'no email goes to both councils’ people')
      if (toOther) for (const id of [ids.dueSoon!, ids.recommendation!, ids.commitment!, ids.kpi!]) assert.ok(!mail.text.includes(id), 'the other council hears nothing of DEMO’s records')
      if (toDemo) assert.ok(!mail.text.includes(ids.otherQuestion!))
      assert.doesNotMatch(mail.text, /localhost/)
    }
  })

  test('a second sweep the same day sends nothing more', async () => {
    const before = smtp.received.length
    assert.ok(before > 0)
    const [councilRun] = await t.db.db.select().from(jobs).where(eq(jobs.key, councilSweepKey(ids.demo!, '2027-01-20')))
    assert.equal(councilRun?.status, 'done')
    // Run the council's sweep again by hand, as a second process or a retry would.
    const again = await sweepCouncil(t.db.db, sources, { councilId: ids.demo!, today: '2027-01-20', now, config })
    assert.equal(again.queued, 0)
    assert.ok(again.alreadyQueued > 0)
    assert.deepEqual(again.failed, [])
    assert.equal(await keepSweepsQueued(t.db.db, now), 0)
    await runAll()
    assert.equal(smtp.received.length, before)
  })

  test('the next day, answered questions and sent returns get nothing; a question left unanswered is reminded once it is overdue', async () => {
    const db = t.db.db
    // Overnight the question is answered, the commitment reported on and the KPI return sent.
    await db.update(councillorQuestions).set({ answer: 'Fourteen.', answeredOn: '2027-01-20', answeredByName: 'Director of Adult Social Care' }).where(eq(councillorQuestions.id, ids.dueSoon!))
    await db.insert(svReturns).values({ councilId: ids.demo!, commitmentId: ids.commitment!, quantity: 7, periodStart: '2026-04-01', periodEnd: '2027-01-15', reportedBy: 'Pat Provider', reportedAt: now })
    const [kpi] = await kpisOf(db, ids.demo!, { providerId: ids.provider! }).then((k) => k.filter((x) => x.kpiId === ids.kpi))
    await db.transaction((tx) => submitReturn(tx, { councilId: ids.demo!, kpi: kpi!, providerId: ids.provider!, quarter: quarterStartingOn('2026-10-01')!, figure: '95', note: null, actor: { userId: null, label: 'Pat Provider' }, now }))

    const before = smtp.received.length
    now = new Date('2027-01-22T07:00:00Z')
    await keepSweepsQueued(db, now)
    await runAll()
    const [run] = await db.select().from(jobs).where(and(eq(jobs.name, COUNCIL_SWEEP_JOB), eq(jobs.key, councilSweepKey(ids.demo!, '2027-01-22'))))
    assert.equal(run?.status, 'done', 'the day’s sweep ran')
    const fresh = smtp.received.slice(before)
    for (const id of [ids.dueSoon!, ids.commitment!, ids.recommendation!, ids.kpi!]) {
      assert.equal(fresh.filter((m) => m.text.includes(id)).length, 0, `nothing new about ${id}`)
    }
    // The question due on the 21st and still unanswered: one overdue reminder.
    const overdue = fresh.filter((m) => m.text.includes(ids.leftUnanswered!))
    assert.ok(overdue.length > 0)
    assert.equal(subjectOf(overdue[0]!), 'Answer overdue: question from Cllr Priya Shah')
    assert.match(overdue[0]!.text, /The answer was due by 21 January 2027 and has not been recorded\./)
  })

  test('administrators see their council’s last sweep and the reminders it sent, and no other council’s', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const page = await admin.get('/settings/jobs')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Last sweep\s+22 January 2027/)
    assert.match(text, /Finished\s+22 January 2027 at 7:00am/)
    assert.match(text, /admin@demo\.catalyst\.test\s+Answer overdue: question from Cllr Priya Shah\s+Sent/)
    assert.match(text, /provider@demo\.catalyst\.test\s+KPI return due by 30 January 2027: Visits on time, October to December 2026\s+Sent/)
    assert.doesNotMatch(text, /other\.catalyst\.test/)
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    const otherText = pageText((await otherAdmin.get('/settings/jobs')).body)
    assert.match(otherText, /admin@other\.catalyst\.test\s+Answer due by 22 January 2027: question from Cllr Priya Shah/)
    assert.doesNotMatch(otherText, /demo\.catalyst\.test/)
  })

  test('the scrutiny notices are the council’s settings: checked, saved, and kept when left blank', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    await admin.get('/scrutiny/settings')
    const form = { keyDecisionThreshold: '', callInWorkingDays: '5', responseMonths: '2', questionWorkingDays: '10', bankHolidays: '2027-04-02' }
    const bad = await admin.post('/scrutiny/settings', { ...form, questionReminderDays: '0' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /Enter the notice before a question’s answer is due as a whole number of days from 1 to 60/)
    assert.equal((await admin.post('/scrutiny/settings', { ...form, questionReminderDays: '5', recommendationReminderDays: '21' })).statusCode, 303)
    assert.equal((await admin.post('/scrutiny/settings', form)).statusCode, 303)
    const settings = await readSettings(t.db.db, ids.demo!, scrutinySettings)
    assert.equal(settings.questionReminderDays, 5)
    assert.equal(settings.recommendationReminderDays, 21)
  })
})
