/**
 * The pages built from every module's manifest (ADR 0028): the home page per role (its counts match the lists they
 * link to and the registers), search (ranked, tenancy-aware, public records only for visitors), the council
 * settings hub (every settings route reachable) and the outbox in the browser (administrators, development only).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, count, eq, ne } from 'drizzle-orm'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { providers } from '../src/modules/providers/schema.ts'
import { spendPayees } from '../src/modules/spend/schema.ts'
import { stories } from '../src/modules/stories/schema.ts'
import { outboxNotifier } from '../src/platform/notify/notifier.ts'
import { createTestApp, pageText, TestClient, type TestApp } from './support/app.ts'

let t: TestApp
let demoId = ''
let otherId = ''

before(async () => {
  t = await createTestApp()
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
})
after(async () => t.close())

/** The home page's rows: each count with its words and the link it opens (no link when the count is none). */
function homeRows(html: string): { text: string; count: number; href: string | undefined }[] {
  const rows: { text: string; count: number; href: string | undefined }[] = []
  for (const match of html.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g)) {
    const value = match[2]!
    const link = value.match(/href="([^"]+)">(\d+)/)
    rows.push({ text: pageText(match[1]!), count: link ? Number(link[2]) : 0, href: link?.[1]?.replace(/&amp;/g, '&') })
  }
  return rows
}

const row = (rows: ReturnType<typeof homeRows>, pattern: RegExp) => {
  const found = rows.find((r) => new RegExp(pattern.source, 'i').test(r.text))
  assert.ok(found, `a row matching ${pattern} in ${JSON.stringify(rows.map((r) => r.text))}`)
  return found
}

describe('the home page per role', () => {
  test('a commissioner’s counts of contracts match the attention list each links to', async () => {
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    const home = await commissioner.get('/')
    assert.equal(home.statusCode, 200)
    const rows = homeRows(home.body)
    const attention = (await commissioner.get('/contracts/attention')).body
    for (const [pattern, id] of [
      [/ending in the next 3 months/, 'expires-3-months'],
      [/ending in 3 to 6 months/, 'expires-6-months'],
      [/ending in 6 to 12 months/, 'expires-12-months'],
      [/performance assessment overdue/, 'assessment-overdue'],
      [/without (its|their) 3 KPIs/, 'kpis-missing'],
    ] as const) {
      const found = row(rows, pattern)
      const listed = attention.match(new RegExp(`id="${id}">[^<]*\\((\\d+)\\)`))
      assert.ok(listed, `the attention page has a ${id} section`)
      assert.equal(found.count, Number(listed[1]), `${id}: the home page counts what the list shows`)
      if (found.count > 0) assert.equal(found.href, `/contracts/attention#${id}`)
    }
    assert.ok(row(rows, /ending in the next 3 months/).count > 0, 'the demo has contracts ending soon')
    // Red flags: each rule's count opens that rule's flags, which list as many.
    const flagRow = row(rows, /open red flags?: spend over contract value/)
    const flags = pageText((await commissioner.get(flagRow.href!)).body)
    assert.match(flags, new RegExp(`RF-OVERSPEND`))
    // No spend review for a commissioner: that is the finance officer's.
    assert.ok(!rows.some((r) => /payees? to review/.test(r.text)))
  })

  test('a finance officer sees payees to review and months without spend, as the registers hold them', async () => {
    const finance = await t.signedIn('finance@demo.catalyst.test')
    const rows = homeRows((await finance.get('/')).body)
    const [suggested] = await t.db.db.select({ n: count() }).from(spendPayees).where(and(eq(spendPayees.councilId, demoId), eq(spendPayees.matchStatus, 'suggested')))
    assert.equal(row(rows, /payees? to review/).count, Number(suggested!.n))
    const months = row(rows, /months? with no spend imported/)
    assert.ok(months.count > 0, 'the demo spend ends in March 2026, before the last whole month')
    assert.equal(months.href, '/spend/imports')
  })

  test('a moderator’s count of stories waiting is the queue’s; a provider sees its contracts and stories; a visitor what needs no account', async () => {
    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    const [waiting] = await t.db.db.select({ n: count() }).from(stories).where(and(eq(stories.councilId, demoId), eq(stories.status, 'awaiting-moderation')))
    const rows = homeRows((await moderator.get('/')).body)
    assert.equal(row(rows, /waiting for moderation/).count, Number(waiting!.n))
    assert.ok(Number(waiting!.n) > 0)
    assert.ok(!rows.some((r) => /contract/.test(r.text)), 'a moderator is not shown the registers')

    const provider = await t.signedIn('provider@demo.catalyst.test')
    const providerHome = await provider.get('/')
    const providerRows = homeRows(providerHome.body)
    assert.equal(row(providerRows, /live contracts? with the council/).count, 1)
    row(providerRows, /stories? about you waiting for your reply/)
    row(providerRows, /requests? from the council for more evidence/)
    assert.match(pageText(providerHome.body), /Your organisation’s profile/)

    const visitor = pageText((await t.client().get('/')).body)
    assert.match(visitor, /What you can do without an account/)
    assert.match(visitor, /tell your story about a service/)
    assert.doesNotMatch(visitor, /Analyse|Review/)
  })

  test('navigation: the stages a role may use, the stage’s sub navigation and the user in the header', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const spend = (await admin.get('/spend')).body
    const stages = [...spend.matchAll(/class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim())
    assert.deepEqual(stages, ['Analyse', 'Plan', 'Do', 'Review', 'Settings'])
    assert.match(spend, /aria-current="true">\s*<strong class="govuk-service-navigation__active-fallback">Analyse/)
    const sub = [...spend.matchAll(/class="catalyst-sub-navigation__link" href="([^"]+)"/g)].map((m) => m[1])
    assert.deepEqual(sub, ['/providers', '/spend', '/market', '/councils'])
    assert.match(spend, /catalyst-header__who">Ada Admin/)
    const moderator = (await (await t.signedIn('moderator@demo.catalyst.test')).get('/moderation')).body
    const moderatorStages = [...moderator.matchAll(/class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim())
    assert.deepEqual(moderatorStages, ['Analyse', 'Review'])
    // A deep page without a back link shows where it sits.
    const attention = (await admin.get('/contracts/attention')).body
    assert.match(attention, /govuk-back-link|govuk-breadcrumbs/)
  })
})

describe('search', () => {
  test('ranks the closest match first and labels each result by its kind', async () => {
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    const page = await commissioner.get('/search?q=home+care+older+people')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Commissioning projects \(1\) Home care for older people Project/)
    assert.match(text, /Contracts \(\d+\) Home care for older people \(north\) Contract: DBC-ASC-001/)
    const broad = pageText((await commissioner.get('/search?q=care')).body)
    assert.match(broad, /Providers \(\d+\)/)
    assert.match(broad, /Payees \(\d+\)/)
    assert.match(broad, /Published stories \(\d+\)/)
    assert.match(pageText((await commissioner.get('/search?q=zzqxw')).body), /No results/)
  })

  test('a member sees only their council’s records; a visitor only public ones', async () => {
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    const demoAdmin = await t.signedIn('admin@demo.catalyst.test')
    const [otherOnly] = await t.db.db.select({ name: providers.name }).from(providers).where(eq(providers.councilId, otherId)).limit(20)
    const demoNames = new Set((await t.db.db.select({ name: providers.name }).from(providers).where(eq(providers.councilId, demoId))).map((p) => p.name))
    const otherProvider = (await t.db.db.select({ name: providers.name, id: providers.id }).from(providers).where(eq(providers.councilId, otherId))).find((p) => !demoNames.has(p.name))
    assert.ok(otherOnly && otherProvider, 'OTHER has a provider DEMO does not')
    const firstWord = otherProvider.name.split(' ')[0]!
    const asOther = await otherAdmin.get(`/search?q=${encodeURIComponent(firstWord)}`)
    assert.match(asOther.body, new RegExp(`/providers/${otherProvider.id}`))
    const asDemo = await demoAdmin.get(`/search?q=${encodeURIComponent(firstWord)}`)
    assert.doesNotMatch(asDemo.body, new RegExp(otherProvider.id), 'another council’s provider never appears')
    for (const match of (await demoAdmin.get('/search?q=care')).body.matchAll(/href="\/(providers|contracts|grants|projects|spend\/payees)\/([0-9a-f-]{36})"/g)) {
      assert.ok(!(await t.db.db.select({ id: providers.id }).from(providers).where(and(eq(providers.id, match[2]!), eq(providers.councilId, otherId)))).length)
    }

    // A visitor: no payees or projects, no unpublished provider, no story awaiting moderation.
    const visitor = t.client()
    const [unpublished] = await t.db.db.select({ name: providers.name }).from(providers).where(and(eq(providers.councilId, demoId), eq(providers.published, false))).limit(1)
    const [pending] = await t.db.db.select({ title: stories.title }).from(stories).where(and(eq(stories.councilId, demoId), ne(stories.status, 'published'))).limit(1)
    const care = pageText((await visitor.get('/search?q=care')).body)
    assert.doesNotMatch(care, /Payees|Commissioning projects/)
    assert.match(care, /Providers \(\d+\)/)
    if (unpublished) assert.doesNotMatch(pageText((await visitor.get(`/search?q=${encodeURIComponent(unpublished.name)}`)).body), new RegExp(`Provider: .*${unpublished.name}`))
    assert.ok(pending, 'the demo has a story not yet published')
    assert.doesNotMatch(pageText((await visitor.get(`/search?q=${encodeURIComponent(pending.title)}`)).body), new RegExp(pending.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ' Story'))
    // Visitors' results link to public pages only.
    for (const match of (await visitor.get('/search?q=care')).body.matchAll(/<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"/g)) {
      assert.match(match[1]!, /^\/(public\/providers|stories|who-delivers-our-services)/)
    }
  })
})

describe('council settings', () => {
  test('every settings page is reachable from the hub, for administrators only', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const hub = await admin.get('/settings')
    assert.equal(hub.statusCode, 200)
    const settingsRoutes = t.app.catalystRoutes
      .filter((r) => r.method === 'GET' && (/\/settings$/.test(r.url) || r.url.startsWith('/settings/')) && r.url !== '/settings' && r.url !== '/settings/outbox')
      .map((r) => r.url)
    assert.ok(settingsRoutes.length >= 7, `found ${settingsRoutes.join(', ')}`)
    for (const url of [...settingsRoutes, '/admin/users']) {
      assert.match(hub.body, new RegExp(`href="${url}"`), `${url} is linked from the settings hub`)
      assert.equal((await admin.get(url)).statusCode, 200, url)
    }
    assert.match(hub.body, /href="\/settings\/outbox"/)
    for (const email of ['commissioner@demo.catalyst.test', 'finance@demo.catalyst.test', 'provider@demo.catalyst.test']) {
      assert.equal((await (await t.signedIn(email)).get('/settings')).statusCode, 403, email)
    }
  })
})

describe('the outbox in the browser', () => {
  test('an administrator reads their council’s emails with clickable links; others may not', async () => {
    const notifier = outboxNotifier()
    await notifier.send(t.db.db, { councilId: demoId, to: 'resident@example.com', subject: 'Confirm your story', body: 'Confirm it:\nhttp://localhost:3000/stories/confirm/abc123\n\nThanks <b>you</b>' }, new Date())
    await notifier.send(t.db.db, { councilId: otherId, to: 'other@example.com', subject: 'Other council email', body: 'See /priorities/confirm/xyz' }, new Date())
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const page = await admin.get('/settings/outbox')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<a class="govuk-link" href="http:\/\/localhost:3000\/stories\/confirm\/abc123">/)
    assert.match(page.body, /Thanks &lt;b&gt;you&lt;\/b&gt;/, 'the body is escaped')
    assert.doesNotMatch(page.body, /Other council email/, 'another council’s emails are not shown')
    const other = await (await t.signedIn('admin@other.catalyst.test')).get('/settings/outbox')
    assert.match(other.body, /<a class="govuk-link" href="\/priorities\/confirm\/xyz">/)
    assert.doesNotMatch(other.body, /Confirm your story/)
    assert.equal((await (await t.signedIn('commissioner@demo.catalyst.test')).get('/settings/outbox')).statusCode, 403)
    assert.equal((await t.client().get('/settings/outbox')).statusCode, 303)
  })

  test('in production there is no outbox page and the hub does not offer it', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-characters', CATALYST_PUBLIC_URL: 'https://catalyst.example.gov.uk', LOG_LEVEL: 'silent' })
    const app = await buildApp(config, { db: t.db.db })
    await app.ready()
    try {
      const admin = new TestClient(app)
      await admin.signIn('admin@demo.catalyst.test')
      assert.equal((await admin.get('/settings/outbox')).statusCode, 404)
      const hub = await admin.get('/settings')
      assert.equal(hub.statusCode, 200)
      assert.doesNotMatch(hub.body, /outbox/i)
    } finally {
      await app.close()
    }
  })
})
