/**
 * A resident tells a story in a real browser, confirms it by the link in the emailed message (read from the
 * outbox), a moderator publishes it, the provider answers, and the public sees both. Axe runs on every page.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import { linkIn } from '../src/platform/notify/notifier.ts'
import { outboxMessages } from '../src/platform/notify/schema.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import {
  ConfirmStoryPage,
  ModerateStoryPage,
  ModerationQueuePage,
  ProviderStoriesPage,
  RespondPage,
  StoriesListPage,
  StoryConfirmedPage,
  StoryPage,
  StorySentPage,
  TellStoryPage,
} from './pages/voice-pages.ts'
import { axeLog } from './support/axe.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const TITLE = 'Help getting my dad home from hospital'
const RESPONSE = 'Thank you for telling us. We are glad your dad is home.'

const h = useBrowserHarness()

async function emailedLink(to: string, prefix: string): Promise<string> {
  const [message] = await h.app.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, to)).orderBy(desc(outboxMessages.createdAt)).limit(1)
  assert.ok(message, `an email to ${to} is in the outbox`)
  const link = linkIn(message.body, prefix)
  assert.ok(link, `the email has a ${prefix} link`)
  return link
}

async function signIn(email: string) {
  const { page } = await h.newPage()
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  await verifyOnPage(SignedInHomePage, page)
  return page
}

describe('stories in a browser', () => {
  test('a resident tells a story, confirms it, a moderator publishes it, the provider answers, and the public sees both', async () => {
    const { page: resident } = await h.newPage()
    await resident.goto('/stories')
    await (await verifyOnPage(StoriesListPage, resident)).page.getByRole('button', { name: 'Tell your story' }).or(resident.getByRole('link', { name: 'Tell your story' })).first().click()
    const form = await verifyOnPage(TellStoryPage, resident)
    await form.tell({
      provider: 'Riverside Community Care (Demo Borough Council)',
      title: TITLE,
      body: 'The discharge team called nurse Mary to sort out care at home. Everything was ready when he got back.',
      overall: '5',
      ward: 'Central',
      email: 'daughter@example.com',
    })
    await verifyOnPage(StorySentPage, resident)

    await resident.goto(await emailedLink('daughter@example.com', '/stories/confirm/'))
    await (await verifyOnPage(ConfirmStoryPage, resident)).confirm()
    await verifyOnPage(StoryConfirmedPage, resident)

    const moderator = await signIn('moderator@demo.catalyst.test')
    await new SignedInHomePage(moderator).navigationLink('Moderation').click()
    await (await verifyOnPage(ModerationQueuePage, moderator)).open(TITLE)
    const moderate = await new ModerateStoryPage(moderator, TITLE).verify()
    assert.deepEqual(await moderate.highlighted().allTextContents(), ['Mary (looks like a possible name)'], 'the name is highlighted for the moderator')
    await moderate.decide('publish')
    await verifyOnPage(ModerationQueuePage, moderator)

    const provider = await signIn('provider@demo.catalyst.test')
    await new SignedInHomePage(provider).navigationLink('Stories about you').click()
    await (await verifyOnPage(ProviderStoriesPage, provider)).open(TITLE)
    const respond = await new RespondPage(provider, TITLE).verify()
    await respond.answer(RESPONSE)
    const answered = await new RespondPage(provider, TITLE).verify()
    await answered.publishNow()
    await new RespondPage(provider, TITLE).verify()

    const { page: visitor } = await h.newPage()
    await visitor.goto('/stories')
    await verifyOnPage(StoriesListPage, visitor)
    await visitor.getByRole('link', { name: TITLE, exact: true }).click()
    await new StoryPage(visitor, TITLE).verify()
    const text = (await visitor.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(text, /Everything was ready when he got back/)
    assert.match(text, /Pat Provider, Riverside Community Care/)
    assert.ok(text.includes(RESPONSE), 'the provider’s answer is under the story')
    assert.doesNotMatch(text, /daughter@example\.com/)
  })

  test('axe checked every page the browser visited', () => {
    const checked = new Set(axeLog.map((entry) => entry.url))
    const unchecked = [...h.visited].filter((url) => !checked.has(url))
    assert.deepEqual(unchecked, [], 'pages visited without an axe check')
    assert.equal(axeLog.reduce((sum, entry) => sum + entry.violations, 0), 0)
  })
})
