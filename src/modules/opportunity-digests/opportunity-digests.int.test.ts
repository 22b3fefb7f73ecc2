/**
 * Opportunity digests end to end on a real database: a provider user's choices are checked and saved on their own
 * page only; the daily sweep's jobs run as the worker runs them and the digests arrive at a real SMTP server. Checks
 * that a digest lists exactly the new items matching the person's services and areas (pipeline, market engagement,
 * grant rounds), with links on the public address; that nothing new sends nothing; that a second sweep the same day
 * sends nothing more and the next day's covers only what came after; and that a provider of another council sees
 * nothing of this council's and cannot reach its pages.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, DEMO_PASSWORD, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { runAllJobs } from '../../../test/support/jobs.ts'
import { startSmtpServer, subjectOf, type ReceivedMail, type TestSmtpServer } from '../../../test/support/smtp-server.ts'
import { loadConfig } from '../../config.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { addAccount } from '../../platform/auth/accounts.ts'
import { memberships, users } from '../../platform/auth/schema.ts'
import { jobRegistry, type JobRegistry } from '../../platform/jobs/handlers.ts'
import { outboxMessages } from '../../platform/notify/schema.ts'
import { keepSweepsQueued, reminderHandlers, reminderSourcesOf, sweepCouncil } from '../../platform/reminders/sweep.ts'
import { contracts } from '../contracts/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { grantRounds } from '../grant-rounds/schema.ts'
import { marketEngagements } from '../market-engagement/schema.ts'
import { modules } from '../index.ts'
import { providers } from '../providers/schema.ts'
import { wardLinks, wards } from '../scrutiny/schema.ts'
import { opportunityDigestChoices } from './schema.ts'
import { saveChoices } from './service.ts'

const PUBLIC_URL = 'https://catalyst.example.gov.uk'
// The demo is loaded on 7 January 2030, so its own records were listed then (or come into the pipeline later by
// their end dates, which the sweep then counts as new: these tests assert on their own records by id).
let now = new Date('2030-01-07T07:00:00Z')
// Monday 4 March 2030, 07:00 in London (GMT): the sweep's hour, and a weekly digest's day.
const MONDAY = new Date('2030-03-04T07:00:00Z')
const clock = () => new Date(now)
const PASSWORD = 'correct-horse-battery-staple'

let t: TestApp
let smtp: TestSmtpServer
let registry: JobRegistry
let config: ReturnType<typeof loadConfig>
const ids: Record<string, string> = {}
const sources = reminderSourcesOf(modules)

const runAll = () => runAllJobs(t.db.db, registry.handlers, clock)
// The sweep also sends the provider's other reminders (KPI returns due): only digests are counted here.
const isDigest = (m: ReceivedMail) => / new opportunit(y|ies) from /.test(subjectOf(m))
const to = (address: string) => smtp.received.filter((m) => m.to.includes(address) && isDigest(m))

let references = 0
async function contract(councilId: string, title: string, serviceCategory: string, createdAt: string, wardId?: string) {
  const [row] = await t.db.db.insert(contracts).values({
    councilId, reference: `DIG-${++references}`, title, mainCategory: 'services', awardProcedure: 'open', status: 'active', serviceCategory,
    startDate: '2026-04-01', endDate: '2031-03-31', totalValuePence: 250_000_00, createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
  }).returning()
  if (wardId) await t.db.db.insert(wardLinks).values({ wardId, councilId, kind: 'contract', recordId: row!.id })
  return row!.id
}

describe('opportunity digests', () => {
  let provider: TestClient
  before(async () => {
    smtp = await startSmtpServer()
    const env = { EMAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EMAIL_FROM: 'catalyst@example.gov.uk', CATALYST_PUBLIC_URL: PUBLIC_URL }
    t = await createTestApp({ clock, env })
    now = MONDAY
    config = loadConfig({ NODE_ENV: 'test', ...env })
    registry = jobRegistry(config, reminderHandlers(config, sources))
    const db = t.db.db
    const demo = (await findCouncil(db, 'DEMO'))!
    const other = (await findCouncil(db, 'OTHER'))!
    ids.demo = demo.id
    ids.other = other.id
    const [membership] = await db.select({ providerId: memberships.providerId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, 'provider@demo.catalyst.test'))
    ids.provider = membership!.providerId!
    const [otherProvider] = await db.select().from(providers).where(eq(providers.councilId, other.id)).limit(1)
    ids.otherProvider = otherProvider!.id

    const [north, south] = await db.insert(wards).values([
      { councilId: demo.id, code: 'E05099001', name: 'Northgate' },
      { councilId: demo.id, code: 'E05099002', name: 'Southfield' },
    ]).returning()
    const [otherWard] = await db.insert(wards).values({ councilId: other.id, code: 'E05099003', name: 'Other Ward' }).returning()
    ids.north = north!.id
    ids.south = south!.id
    ids.otherWard = otherWard!.id

    // In the weekly window (25 February to 3 March): home care in Northgate (matches), in Southfield (another ward),
    // a library service (another service). Before it: home care listed in January (not new).
    ids.northCare = await contract(demo.id, 'Home care in Northgate', 'adult-social-care', '2030-02-26T10:00:00Z', north!.id)
    ids.southCare = await contract(demo.id, 'Home care in Southfield', 'adult-social-care', '2030-02-27T10:00:00Z', south!.id)
    ids.oldCare = await contract(demo.id, 'Day opportunities (listed earlier)', 'adult-social-care', '2030-01-15T10:00:00Z')
    // Sunday 3 March: in the weekly window and in a daily digest's one day.
    ids.library = await contract(demo.id, 'Mobile library service', 'libraries', '2030-03-03T15:00:00Z')
    ids.otherCare = await contract(other.id, 'Other council home care', 'adult-social-care', '2030-03-03T11:00:00Z')

    const [round] = await db.insert(grantRounds).values({
      councilId: demo.id, title: 'Warm spaces fund', purpose: 'Warm places to meet this winter', kind: 'open', budgetPence: 50_000_00, vcseOnly: true,
      shortFormUpToPence: 5_000_00, moderationGap: 20, opensAt: new Date('2030-02-28T09:00:00Z'), closesAt: new Date('2030-03-31T23:00:00Z'),
      status: 'published', publishedAt: new Date('2030-02-28T09:00:00Z'),
    }).returning()
    ids.round = round!.id
    const [draft] = await db.insert(grantRounds).values({
      councilId: demo.id, title: 'Draft round not yet published', purpose: 'Not yet', kind: 'open', budgetPence: 10_000_00,
      shortFormUpToPence: 5_000_00, moderationGap: 20, opensAt: new Date('2030-02-28T09:00:00Z'), closesAt: new Date('2030-03-31T23:00:00Z'), status: 'draft',
    }).returning()
    ids.draftRound = draft!.id
    const engagement = (subjectId: string, title: string, openedAt: string) =>
      db.insert(marketEngagements).values({
        councilId: demo.id, subjectKind: 'contract-ending', subjectId, title, purpose: 'Tell us how home care should work', questions: [], closesOn: '2030-03-29',
        status: 'open', openedBy: 'Test', openedAt: new Date(openedAt),
      }).returning().then((rows) => rows[0]!.id)
    ids.northEngagement = await engagement(ids.northCare, 'Home care in Northgate: tell us first', '2030-03-01T12:00:00Z')
    ids.southEngagement = await engagement(ids.southCare, 'Home care in Southfield: tell us first', '2030-03-01T12:00:00Z')

    // A second person at the same provider, and a provider user of the other council.
    await addAccount(db, { email: 'bids@demo-provider.example', displayName: 'Bid writer', councilId: demo.id, role: 'provider', providerId: ids.provider, password: PASSWORD }, systemActor('test'), now)
    await addAccount(db, { email: 'quiet@demo-provider.example', displayName: 'Quiet reader', councilId: demo.id, role: 'provider', providerId: ids.provider, password: PASSWORD }, systemActor('test'), now)
    await addAccount(db, { email: 'provider@other.catalyst.test', displayName: 'Other provider', councilId: other.id, role: 'provider', providerId: ids.otherProvider, password: PASSWORD }, systemActor('test'), now)
    provider = await t.signedIn('provider@demo.catalyst.test')
  })

  after(async () => {
    registry?.close()
    await smtp?.stop()
    await t?.close()
  })

  test('a provider user chooses services, areas and how often; bad choices are named and nothing is saved', async () => {
    const url = `/providers/${ids.provider}/digest`
    const page = await provider.get(url)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Opportunities by email/)
    assert.match(text, /Adult social care/)
    assert.match(text, /Northgate/)
    assert.doesNotMatch(text, /Other Ward/, 'only the council’s own wards are offered')
    // The provider's record and its market engagement page lead here.
    assert.match((await provider.get(`/providers/${ids.provider}`)).body, new RegExp(`href="${url}"`))
    assert.match((await provider.get(`/providers/${ids.provider}/engagement`)).body, new RegExp(`href="${url}"`))

    const none = await provider.post(url, {})
    assert.equal(none.statusCode, 400)
    assert.match(pageText(none.body), /There is a problem.*Choose how often you want an email/)
    const noService = await provider.post(url, { frequency: 'weekly', area: 'council' })
    assert.match(pageText(noService.body), /Choose at least one service/)
    const invented = await provider.post(url, { frequency: 'weekly', services: ['adult-social-care', 'space-travel'], area: 'council' })
    assert.match(pageText(invented.body), /Choose services from the list/)
    const noWard = await provider.post(url, { frequency: 'weekly', services: 'adult-social-care', area: 'wards' })
    assert.match(pageText(noWard.body), /Choose at least one ward, or anywhere in the council/)
    const foreignWard = await provider.post(url, { frequency: 'weekly', services: 'adult-social-care', area: 'wards', wards: [ids.north!, ids.otherWard!] })
    assert.equal(foreignWard.statusCode, 400)
    assert.match(pageText(foreignWard.body), /Choose wards from the list/)
    assert.equal((await t.db.db.select().from(opportunityDigestChoices)).length, 0, 'nothing saved')

    const saved = await provider.post(url, { frequency: 'weekly', services: 'adult-social-care', area: 'wards', wards: ids.north! })
    assert.equal(saved.statusCode, 303)
    const again = pageText((await provider.get(String(saved.headers.location))).body)
    assert.match(again, /Your choices are saved/)
    const [row] = await t.db.db.select().from(opportunityDigestChoices)
    assert.equal(row?.frequency, 'weekly')
    assert.deepEqual(row?.services, ['adult-social-care'])
    assert.equal(row?.wholeCouncil, false)
    assert.deepEqual(row?.wardIds, [ids.north])
    const [audit] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'choose opportunity digest'), eq(auditEntries.entityId, ids.provider!)))
    assert.ok(audit, 'audited')
  })

  test('only the provider’s own people reach its digest page', async () => {
    const url = `/providers/${ids.provider}/digest`
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    assert.equal((await commissioner.get(url)).statusCode, 403, 'staff have no digest of their own')
    const stranger = t.client()
    await stranger.signIn('provider@other.catalyst.test', PASSWORD)
    assert.equal((await stranger.get(url)).statusCode, 404)
    assert.equal((await stranger.post(url, { frequency: 'daily', services: 'adult-social-care', area: 'council' })).statusCode, 404)
    // Its own page offers its own council's wards only, and refuses a ward of DEMO.
    const own = `/providers/${ids.otherProvider}/digest`
    assert.equal((await stranger.get(own)).statusCode, 200)
    assert.match(pageText((await stranger.post(own, { frequency: 'daily', services: 'adult-social-care', area: 'wards', wards: ids.north! })).body), /Choose wards from the list/)
    assert.equal((await stranger.post(own, { frequency: 'daily', services: ['adult-social-care', 'libraries'], area: 'council' })).statusCode, 303)
    // And the DEMO provider cannot reach the other council's provider's page.
    assert.equal((await provider.get(own)).statusCode, 404)
  })

  test('the Monday sweep emails each person exactly the new items matching their choices, with links on the public address', async () => {
    const db = t.db.db
    const person = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id
    const bidsId = await person('bids@demo-provider.example')
    const quietId = await person('quiet@demo-provider.example')
    await db.transaction(async (tx) => {
      await saveChoices(tx, { councilId: ids.demo!, providerId: ids.provider!, userId: bidsId, frequency: 'daily', services: ['libraries'], wholeCouncil: true, wardIds: [], actor: systemActor('test'), now })
      await saveChoices(tx, { councilId: ids.demo!, providerId: ids.provider!, userId: quietId, frequency: 'daily', services: ['it-digital'], wholeCouncil: true, wardIds: [], actor: systemActor('test'), now })
    })

    assert.equal(await keepSweepsQueued(db, now), 2)
    await runAll()

    // Weekly, adult social care in Northgate: the contract there, the engagement on it, and the grant round (rounds
    // name no service; it is open to the provider). Not Southfield's, not the library, not what was listed before.
    const mine = to('provider@demo.catalyst.test')
    assert.equal(mine.length, 1)
    const mail = mine[0]!
    assert.equal(subjectOf(mail), '3 new opportunities from Demo Borough Council')
    assert.ok(mail.text.includes('Home care in Northgate'))
    assert.ok(mail.text.includes(`${PUBLIC_URL}/pipeline/DEMO#${ids.northCare}`))
    assert.ok(mail.text.includes(`${PUBLIC_URL}/providers/${ids.provider}/engagement/${ids.northEngagement}`))
    assert.ok(mail.text.includes('Warm spaces fund'))
    assert.ok(mail.text.includes(`${PUBLIC_URL}/grant-rounds/${ids.round}/apply`))
    assert.match(mail.text, /Only for voluntary, community and social enterprise organisations/)
    assert.ok(mail.text.includes(`${PUBLIC_URL}/providers/${ids.provider}/digest`), 'a link to change or stop it')
    for (const absent of [ids.southCare!, ids.southEngagement!, ids.oldCare!, ids.library!, ids.otherCare!, ids.draftRound!]) assert.ok(!mail.text.includes(absent), `not ${absent}`)
    assert.doesNotMatch(mail.text, /Southfield|Mobile library|listed earlier|Draft round|localhost/)

    // Daily, libraries anywhere: only Sunday's library contract (the round opened before yesterday).
    const bids = to('bids@demo-provider.example')
    assert.equal(bids.length, 1)
    assert.equal(subjectOf(bids[0]!), '1 new opportunity from Demo Borough Council')
    assert.ok(bids[0]!.text.includes(`${PUBLIC_URL}/pipeline/DEMO#${ids.library}`))
    assert.doesNotMatch(bids[0]!.text, /Home care|Warm spaces/)

    // Nothing new in IT: no email at all, but the day counts as covered.
    assert.equal(to('quiet@demo-provider.example').length, 0)
    const [quiet] = await db.select().from(opportunityDigestChoices).where(eq(opportunityDigestChoices.userId, await person('quiet@demo-provider.example')))
    assert.equal(quiet?.lastDigestOn, '2030-03-04')

    // The other council's provider: its own council's contract, nothing of DEMO's.
    const stranger = to('provider@other.catalyst.test')
    assert.equal(stranger.length, 1)
    assert.ok(stranger[0]!.text.includes(`${PUBLIC_URL}/pipeline/OTHER#${ids.otherCare}`) || stranger[0]!.text.includes(ids.otherCare!))
    for (const id of [ids.northCare!, ids.southCare!, ids.library!, ids.round!, ids.northEngagement!]) assert.ok(!stranger[0]!.text.includes(id))
    for (const m of [...mine, ...bids]) assert.ok(!m.text.includes(ids.otherCare!))

    // The outbox records each digest.
    const outbox = await db.select().from(outboxMessages).where(and(eq(outboxMessages.to, 'provider@demo.catalyst.test'), eq(outboxMessages.subject, '3 new opportunities from Demo Borough Council')))
    assert.deepEqual(outbox.map((o) => o.status), ['sent'])
    assert.ok(outbox[0]!.body.includes(ids.northCare!))
  })

  test('a second sweep the same day sends nothing; the next day’s covers only what came after', async () => {
    const digestCount = () => smtp.received.filter(isDigest).length
    const before = digestCount()
    const beforeAll = smtp.received.length
    const again = await sweepCouncil(t.db.db, sources, { councilId: ids.demo!, today: '2030-03-04', now, config })
    assert.deepEqual(again.failed, [])
    await runAll()
    assert.equal(digestCount(), before, 'nothing more the same day')
    // Even with the choice's last digest wound back, the day's job key stops a second email.
    await t.db.db.update(opportunityDigestChoices).set({ lastDigestOn: null })
    const forced = await sweepCouncil(t.db.db, sources, { councilId: ids.demo!, today: '2030-03-04', now, config })
    assert.equal(forced.queued, 0)
    assert.ok(forced.alreadyQueued >= 2)
    await runAll()
    assert.equal(digestCount(), before)
    await t.db.db.update(opportunityDigestChoices).set({ lastDigestOn: '2030-03-04' })

    // Monday: a second library contract after the sweep. Tuesday: the daily reader hears of it alone; the weekly one nothing.
    ids.library2 = await contract(ids.demo!, 'Library outreach', 'libraries', '2030-03-04T10:00:00Z')
    now = new Date('2030-03-05T07:00:00Z')
    await keepSweepsQueued(t.db.db, now)
    await runAll()
    const fresh = smtp.received.slice(beforeAll).filter(isDigest)
    assert.deepEqual(fresh.flatMap((m) => m.to), ['bids@demo-provider.example'])
    assert.ok(fresh[0]!.text.includes(ids.library2))
    assert.ok(!fresh[0]!.text.includes(ids.library!), 'Sunday’s contract was in Monday’s digest')
  })
})
