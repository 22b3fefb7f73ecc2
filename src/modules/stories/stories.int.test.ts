/** Stories through real HTTP on the real database: telling, confirming by the emailed link, moderation, answers, abuse. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { linkIn } from '../../platform/notify/notifier.ts'
import { outboxMessages, rateLimitEvents } from '../../platform/notify/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
import { stories } from './schema.ts'

let t: TestApp
let riverside = ''
let demoCouncilId = ''
before(async () => {
  t = await createTestApp()
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  demoCouncilId = demo.id
  const [row] = await t.db.db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, demo.id), eq(providers.name, 'Riverside Community Care')))
  riverside = row!.id
})
after(async () => t.close())

async function lastEmailTo(to: string) {
  const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, to)).orderBy(desc(outboxMessages.createdAt)).limit(1)
  assert.ok(message, `an email to ${to} is in the outbox`)
  return message
}

const story = (overrides: Record<string, string> = {}) => ({
  providerId: riverside,
  councilId: '',
  serviceDescription: '',
  serviceCategory: 'adult-social-care',
  title: 'Help at home',
  body: 'The carers were kind.',
  ratingOverall: '4',
  ward: 'Central',
  postcode: 'TS1 1AA',
  email: 'resident.one@example.com',
  ...overrides,
})

describe('stories', () => {
  test('a story told without an account is confirmed by the emailed link, moderated, seen first by the provider, answered and published', async () => {
    const resident = t.client()
    await resident.get('/stories/new')
    const sent = await resident.post('/stories', story({ title: 'Visits were always on time', body: 'Dr Smith explained everything.\nThe carers were on time.', email: 'Resident.Two@Example.com' }))
    assert.equal(sent.statusCode, 200, pageText(sent.body))
    assert.match(pageText(sent.body), /Check your email to confirm your story/)

    const email = await lastEmailTo('resident.two@example.com')
    assert.equal(email.subject, 'Confirm your story')
    assert.equal(email.sentAt, null)
    const confirmLink = linkIn(email.body, '/stories/confirm/')!
    const statusLink = linkIn(email.body, '/stories/your-story/')!
    const [stored] = await t.db.db.select().from(stories).where(eq(stories.title, 'Visits were always on time'))
    assert.equal(stored!.status, 'awaiting-confirmation')
    assert.ok(!stored!.confirmTokenHash!.includes(confirmLink.split('/').pop()!), 'only a digest of the token is stored')

    // Not in the queue until confirmed.
    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    assert.doesNotMatch(pageText((await moderator.get('/moderation')).body), /Visits were always on time/)

    const confirmPage = await resident.get(confirmLink)
    assert.equal(confirmPage.statusCode, 200)
    const confirmed = await resident.post(confirmLink)
    assert.match(pageText(confirmed.body), /Your story has been sent to the moderators/)

    const queue = await moderator.get('/moderation')
    assert.match(pageText(queue.body), /Visits were always on time/)
    const moderation = await moderator.get(`/moderation/${stored!.id}`)
    assert.match(moderation.body, /<mark class="catalyst-personal-data">Dr Smith<span class="govuk-visually-hidden"> \(looks like a possible name\)<\/span><\/mark>/)

    const published = await moderator.post(`/moderation/${stored!.id}`, { decision: 'publish', note: '' })
    assert.equal(published.statusCode, 303)
    // Riverside is a VCSE: the story waits 72 hours for the provider, so the public cannot see it yet.
    assert.equal((await t.client().get(`/stories/${stored!.id}`)).statusCode, 404)
    const alert = await lastEmailTo('provider@demo.catalyst.test')
    assert.match(alert.subject, /A new story about your service/)

    const provider = await t.signedIn('provider@demo.catalyst.test')
    const mine = await provider.get('/stories/provider')
    assert.match(pageText(mine.body), /Visits were always on time With the provider before publication/)
    const empty = await provider.post(`/stories/${stored!.id}/respond`, { body: '  ' })
    assert.equal(empty.statusCode, 400)
    assert.match(pageText(empty.body), /There is a problem Write your response/)
    assert.equal((await provider.post(`/stories/${stored!.id}/respond`, { body: 'Thank you, we will tell the team.' })).statusCode, 303)
    assert.equal((await provider.post(`/stories/${stored!.id}/publish-now`)).statusCode, 303)

    const publicPage = await t.client().get(`/stories/${stored!.id}`)
    assert.equal(publicPage.statusCode, 200)
    const text = pageText(publicPage.body)
    assert.match(text, /Visits were always on time/)
    assert.match(text, /Pat Provider, Riverside Community Care/)
    assert.match(text, /Thank you, we will tell the team\./)
    assert.doesNotMatch(text, /resident\.two@example\.com|TS1 1AA/i, 'no email or postcode on the public page')

    const authorPage = await resident.get(linkIn((await lastEmailTo('resident.two@example.com')).body, '/stories/your-story/')!)
    assert.match(pageText(authorPage.body), /Published/)
    assert.ok(statusLink, 'the first email also carried the author link')

    const actions = await t.db.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, stored!.id))
    assert.deepEqual(new Set(actions.map((a) => a.action)), new Set(['create', 'confirm', 'moderate:publish', 'respond', 'go-ahead']))
    assert.match(pageText((await resident.get(statusLink)).body), /We published your story/, 'the first link still works after publication')
  })

  test('a moderator removes personal details before publishing: the public sees the redacted text, moderators the original, and the author\'s first link follows every decision', async () => {
    const resident = t.client()
    await resident.get('/stories/new')
    await resident.post('/stories', story({ providerId: '', councilId: demoCouncilId, serviceDescription: 'Library', title: 'Jane Doe at the library', body: 'Jane Doe on 07700 900123 helped me.\nThe library was warm.', email: 'redact.me@example.com' }))
    const first = await lastEmailTo('redact.me@example.com')
    const firstLink = linkIn(first.body, '/stories/your-story/')!
    await resident.post(linkIn(first.body, '/stories/confirm/')!)
    const [stored] = await t.db.db.select().from(stories).where(eq(stories.authorEmail, 'redact.me@example.com'))
    const waiting = pageText((await resident.get(firstLink)).body)
    assert.match(waiting, /Your story Waiting for a moderator We have your story/)

    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    const form = pageText((await moderator.get(`/moderation/${stored!.id}`)).body)
    assert.match(form, /Remove names or personal details, then publish it/)
    const unchanged = await moderator.post(`/moderation/${stored!.id}`, { decision: 'publish-redacted', redactedTitle: stored!.title, redactedBody: stored!.body })
    assert.equal(unchanged.statusCode, 400)
    assert.match(pageText(unchanged.body), /There is a problem Nothing has been removed/)
    const empty = await moderator.post(`/moderation/${stored!.id}`, { decision: 'publish-redacted', redactedTitle: '', redactedBody: ' ' })
    assert.match(pageText(empty.body), /Enter the title to publish.*Enter the story to publish, with the personal details taken out/)
    const done = await moderator.post(`/moderation/${stored!.id}`, { decision: 'publish-redacted', redactedTitle: 'Help at the library', redactedBody: 'A member of staff helped me.\nThe library was warm.' })
    assert.equal(done.statusCode, 303)

    const publicText = pageText((await t.client().get(`/stories/${stored!.id}`)).body)
    assert.match(publicText, /Help at the library/)
    assert.match(publicText, /A member of staff helped me/)
    assert.doesNotMatch(publicText, /Jane Doe|07700/)
    assert.doesNotMatch(pageText((await t.client().get('/stories')).body), /Jane Doe/)
    const moderatorView = pageText((await moderator.get(`/moderation/${stored!.id}`)).body)
    assert.match(moderatorView, /The author’s original, before details were removed Only moderators see this.*Jane Doe at the library Jane Doe on 07700 900123 helped me/)

    const email = await lastEmailTo('redact.me@example.com')
    assert.equal(email.subject, 'Your story has been accepted with some details removed')
    assert.match(email.body, /removed names or personal details/)
    for (const link of [firstLink, linkIn(email.body, '/stories/your-story/')!]) {
      const text = pageText((await t.client().get(link)).body)
      assert.match(text, /Your story Published We published your story with some details removed/)
      assert.match(text, /What we published Help at the library A member of staff helped me/)
      assert.doesNotMatch(text, /Jane Doe/)
    }
    const [audit] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, stored!.id), eq(auditEntries.action, 'moderate:publish-redacted')))
    assert.ok(audit, 'the redaction is audited')
    assert.doesNotMatch(JSON.stringify(audit), /Jane Doe|07700/, 'the audit does not copy the removed details')

    // Taken down, then the first link still tells the author why.
    await moderator.post(`/moderation/${stored!.id}`, { decision: 'hide', note: 'A complaint about it' })
    assert.match(pageText((await t.client().get(firstLink)).body), /Your story Taken down We have taken your story down.*A complaint about it/)
  })

  test('a rejected story\'s author keeps their first link, and it says so in their words', async () => {
    const resident = t.client()
    await resident.get('/stories/new')
    await resident.post('/stories', story({ email: 'rejected.one@example.com', title: 'Not for here' }))
    const first = await lastEmailTo('rejected.one@example.com')
    await resident.post(linkIn(first.body, '/stories/confirm/')!)
    const [stored] = await t.db.db.select().from(stories).where(eq(stories.authorEmail, 'rejected.one@example.com'))
    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    await moderator.post(`/moderation/${stored!.id}`, { decision: 'request-edit', note: 'Please take out the name' })
    const link = linkIn(first.body, '/stories/your-story/')!
    const asked = pageText((await resident.get(link)).body)
    assert.match(asked, /Waiting for you to change it Before we can publish your story, the moderator asks you to change it: Please take out the name/)
    const changed = await resident.post(link, { title: 'Not for here', body: 'The carers were kind.' })
    assert.match(pageText(changed.body), /Waiting for a moderator/)
    await moderator.post(`/moderation/${stored!.id}`, { decision: 'reject', note: 'Not about a local service' })
    const rejected = pageText((await t.client().get(linkIn(first.body, '/stories/your-story/')!)).body)
    assert.match(rejected, /Your story Not published We will not publish your story\. The moderator gave this reason: Not about a local service/)
  })

  test('script, HTML and markdown in a story stay inert text on every page that shows it', async () => {
    const hostile = '<script>alert("x")</script> <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) <b>Dr Evil</b>'
    const resident = t.client()
    await resident.get('/stories/new')
    await resident.post('/stories', story({ title: '<i>Title</i> <script>alert(2)</script>', body: hostile, email: 'hostile@example.com', providerId: '', serviceDescription: 'Leisure centre', councilId: demoCouncilId }))
    await resident.post(linkIn((await lastEmailTo('hostile@example.com')).body, '/stories/confirm/')!)
    const [stored] = await t.db.db.select().from(stories).where(eq(stories.authorEmail, 'hostile@example.com'))
    assert.equal(stored!.body, hostile, 'stored exactly as typed')

    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    const moderation = await moderator.get(`/moderation/${stored!.id}`)
    await moderator.post(`/moderation/${stored!.id}`, { decision: 'publish' })
    const publicPage = await t.client().get(`/stories/${stored!.id}`)
    for (const page of [moderation.body, publicPage.body, (await t.client().get('/stories')).body]) {
      assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;|&lt;script&gt;alert\(2\)&lt;\/script&gt;/)
      assert.doesNotMatch(page, /<script>alert|<img src=x|<i>Title<\/i>|<b>Dr Evil<\/b>|<strong>bold<\/strong>|href="javascript:/)
    }
    assert.match(publicPage.body, /\*\*bold\*\* \[link\]\(javascript:alert\(1\)\)/, 'markdown is shown as typed, not rendered')
  })

  test('empty, oversized and mismatched input gets a GOV.UK error and stores nothing', async () => {
    const resident = t.client()
    await resident.get('/stories/new')
    const before = (await t.db.db.select().from(stories)).length
    const empty = await resident.post('/stories', { title: '', body: '   ', email: 'not-an-email' })
    assert.equal(empty.statusCode, 400)
    const text = pageText(empty.body)
    assert.match(text, /There is a problem/)
    for (const message of ['Give your story a title', 'Tell us what happened', 'Enter an email address in the correct format', 'Choose the provider, or describe the service']) {
      assert.match(text, new RegExp(message))
    }
    const long = await resident.post('/stories', story({ body: 'x'.repeat(6001) }))
    assert.equal(long.statusCode, 400)
    assert.match(pageText(long.body), /Your story must be 6,000 characters or fewer/)
    const badRating = await resident.post('/stories', story({ ratingOverall: '9', postcode: 'nowhere' }))
    assert.match(pageText(badRating.body), /Choose a rating from 1 to 5/)
    assert.match(pageText(badRating.body), /Enter a real postcode/)
    const unknown = await resident.post('/stories', story({ providerId: '00000000-0000-4000-8000-000000000000' }))
    assert.match(pageText(unknown.body), /Choose a provider from the list/)
    assert.equal((await t.db.db.select().from(stories)).length, before)
  })

  test('an email address may tell only a few stories a day, and a blocked one none', async () => {
    const resident = t.client()
    await resident.get('/stories/new')
    for (let i = 0; i < 3; i++) assert.equal((await resident.post('/stories', story({ email: 'busy@example.com', title: `Story ${i}` }))).statusCode, 200)
    const fourth = await resident.post('/stories', story({ email: 'busy@example.com', title: 'Story 4' }))
    assert.equal(fourth.statusCode, 429)
    assert.match(pageText(fourth.body), /Wait a day, then try again/)

    const [first] = await t.db.db.select().from(stories).where(eq(stories.authorEmail, 'busy@example.com')).limit(1)
    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    const noReason = await moderator.post(`/moderation/${first!.id}/block`, { blockReason: '' })
    assert.equal(noReason.statusCode, 400)
    assert.equal((await moderator.post(`/moderation/${first!.id}/block`, { blockReason: 'Spam' })).statusCode, 303)
    const other = t.client()
    await other.get('/stories/new')
    // A fresh day for the limits, so that only the block can refuse it.
    await t.db.db.delete(rateLimitEvents)
    const blocked = await other.post('/stories', story({ email: 'BUSY@example.com' }))
    assert.equal(blocked.statusCode, 400)
    assert.match(pageText(blocked.body), /This email address cannot be used to tell stories here/)
  })

  test('a reported story goes to the top of the queue; a moderator can take it down with a reason the author sees', async () => {
    const [published] = await t.db.db.select().from(stories).where(and(eq(stories.title, 'Bins missed three weeks running')))
    const visitor = t.client()
    await visitor.get(`/stories/${published!.id}`)
    const noReason = await visitor.post(`/stories/${published!.id}/report`, { reason: '' })
    assert.equal(noReason.statusCode, 400)
    assert.match(pageText(noReason.body), /Tell us what is wrong with this story/)
    assert.equal((await visitor.post(`/stories/${published!.id}/report`, { reason: 'It names my neighbour' })).statusCode, 303)
    const moderator = await t.signedIn('moderator@demo.catalyst.test')
    const queue = pageText((await moderator.get('/moderation')).body)
    assert.match(queue, /Bins missed three weeks running Reported 1 time/)
    const noNote = await moderator.post(`/moderation/${published!.id}`, { decision: 'hide', note: '' })
    assert.match(pageText(noNote.body), /Give the reason \(the author sees it\)/)
    assert.equal((await moderator.post(`/moderation/${published!.id}`, { decision: 'hide', note: 'It named a neighbour' })).statusCode, 303)
    assert.equal((await t.client().get(`/stories/${published!.id}`)).statusCode, 404)
    const authorEmail = await lastEmailTo('resident@example.com')
    const authorPage = await t.client().get(linkIn(authorEmail.body, '/stories/your-story/')!)
    assert.match(pageText(authorPage.body), /Taken down .* It named a neighbour/)
  })

  test('commissioners see ratings per provider and service, and filter by ward; an officer records "you said, we did"', async () => {
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    const page = pageText((await commissioner.get('/stories/council?ward=Central')).body)
    assert.match(page, /Ratings by provider/)
    assert.match(page, /Riverside Community Care \d+/)
    assert.match(page, /Ratings by kind of service/)
    assert.doesNotMatch(page, /Bins missed/, 'the ward filter leaves other wards out')
    const [answered] = await t.db.db.select().from(stories).where(eq(stories.title, 'The carers who came to my mum listened'))
    const missing = await commissioner.post('/stories/changes', { title: 'Longer visits', body: 'Visits are now 45 minutes.' })
    assert.match(pageText(missing.body), /Choose at least one story this change answers/)
    assert.equal((await commissioner.post('/stories/changes', { title: 'Longer visits', body: 'Visits are now 45 minutes.', storyIds: [answered!.id] })).statusCode, 303)
    assert.match(pageText((await t.client().get(`/stories/${answered!.id}`)).body), /You said, we did .*Longer visits/)
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.equal((await councillor.get('/stories/changes/new')).statusCode, 403)
  })

  test('the council sets the provider window; 0 publishes at once', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const bad = await admin.post('/stories/settings', { providerPreviewHours: 'soon' })
    assert.match(pageText(bad.body), /Enter a whole number of hours/)
    assert.equal((await admin.post('/stories/settings', { providerPreviewHours: '0' })).statusCode, 303)
    const [waiting] = await t.db.db.select().from(stories).where(eq(stories.title, 'Day centre visit'))
    assert.equal((await admin.post(`/moderation/${waiting!.id}`, { decision: 'publish' })).statusCode, 303)
    assert.equal((await t.client().get(`/stories/${waiting!.id}`)).statusCode, 200)
  })
})
