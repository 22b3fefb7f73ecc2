/**
 * A round runs from ideas to results in a real browser: an officer starts it, residents propose ideas (confirmed by
 * the emailed link), the officer reviews them and opens voting, residents vote and confirm, and the results show.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { linkIn } from '../src/platform/notify/notifier.ts'
import { outboxMessages } from '../src/platform/notify/schema.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ConfirmPage, ManageRoundPage, MessagePage, NewRoundPage, PrioritiesPage, ProposeIdeaPage, ResultsPage, RoundPage, VotePage } from './pages/voice-pages.ts'
import { axeLog } from './support/axe.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const ROUND = 'Safer evenings'

const h = useBrowserHarness()

async function emailedLink(to: string): Promise<string> {
  const [message] = await h.app.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, to)).orderBy(desc(outboxMessages.createdAt)).limit(1)
  assert.ok(message, `an email to ${to}`)
  return linkIn(message.body, '/priorities/confirm/')!
}

async function confirmFromEmail(page: Page, to: string, kind: 'Confirm your idea' | 'Confirm your vote', done: string) {
  await page.goto(await emailedLink(to))
  await (await new ConfirmPage(page, kind).verify()).confirm()
  await new MessagePage(page, done).verify()
}

describe('priorities in a browser', () => {
  test('a round runs from ideas to results', async () => {
    const { page: officer } = await h.newPage()
    await officer.goto('/sign-in')
    await (await verifyOnPage(SignInPage, officer)).signIn('commissioner@demo.catalyst.test', DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, officer)
    await new SignedInHomePage(officer).navigationLink('Priorities').click()
    await (await verifyOnPage(PrioritiesPage, officer)).page.getByRole('button', { name: 'Start a round' }).or(officer.getByRole('link', { name: 'Start a round' })).first().click()
    await (await verifyOnPage(NewRoundPage, officer)).start({ title: ROUND, description: 'Lighting and safety after dark.', method: 'budget', budget: '30000' })
    const manage = await verifyOnPage(ManageRoundPage, officer)
    const roundUrl = new URL(officer.url()).pathname.replace(/\/manage$/, '')

    const { page: resident } = await h.newPage()
    for (const [title, email] of [['Brighter street lights', 'light@example.com'], ['Night bus shelter', 'bus@example.com'], ['Park wardens', 'warden@example.com']] as const) {
      await resident.goto(roundUrl)
      await (await new RoundPage(resident, ROUND).verify()).page.getByRole('button', { name: 'Propose an idea' }).or(resident.getByRole('link', { name: 'Propose an idea' })).first().click()
      await (await verifyOnPage(ProposeIdeaPage, resident)).propose(title, `${title} for our area.`, email)
      await new MessagePage(resident, 'Check your email to confirm your idea').verify()
      await confirmFromEmail(resident, email, 'Confirm your idea', 'Your idea has been added')
    }

    await officer.reload()
    await (await verifyOnPage(ManageRoundPage, officer)).moveOn('Review')
    const reviewing = await verifyOnPage(ManageRoundPage, officer)
    await reviewing.review('Brighter street lights', '20000')
    await (await verifyOnPage(ManageRoundPage, officer)).review('Night bus shelter', '12000')
    await (await verifyOnPage(ManageRoundPage, officer)).review('Park wardens', '9000')
    await (await verifyOnPage(ManageRoundPage, officer)).moveOn('Voting')
    await verifyOnPage(ManageRoundPage, officer)
    void manage

    const ballots: [string, string[]][] = [
      ['v1@example.com', ['Brighter street lights']],
      ['v2@example.com', ['Brighter street lights', 'Park wardens']],
      ['v3@example.com', ['Night bus shelter', 'Park wardens']],
    ]
    for (const [email, ideas] of ballots) {
      await resident.goto(roundUrl)
      await (await new RoundPage(resident, ROUND).verify()).page.getByRole('button', { name: 'Vote' }).or(resident.getByRole('link', { name: 'Vote', exact: true })).first().click()
      await (await verifyOnPage(VotePage, resident)).vote(ideas, email, 'TS3 4AB')
      await new MessagePage(resident, 'Check your email to confirm your vote').verify()
      await confirmFromEmail(resident, email, 'Confirm your vote', 'Your vote has been counted')
    }

    await officer.reload()
    await (await verifyOnPage(ManageRoundPage, officer)).moveOn('Results')
    await verifyOnPage(ManageRoundPage, officer)

    await resident.goto(roundUrl)
    await (await new RoundPage(resident, ROUND).verify()).page.getByRole('button', { name: 'See the results' }).or(resident.getByRole('link', { name: 'See the results' })).first().click()
    await verifyOnPage(ResultsPage, resident)
    const text = (await resident.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(text, /3 ballots were counted/)
    // Lights and wardens have 2 votes each; wardens are cheaper so come first (£9,000), then lights (£20,000): £29,000.
    assert.match(text, /1 Park wardens 2 £9,000 Funded/)
    assert.match(text, /2 Brighter street lights 2 £20,000 Funded/)
    assert.match(text, /3 Night bus shelter 1 £12,000 Not funded/)
  })

  test('axe checked every page the browser visited', () => {
    const checked = new Set(axeLog.map((entry) => entry.url))
    const unchecked = [...h.visited].filter((url) => !checked.has(url))
    assert.deepEqual(unchecked, [], 'pages visited without an axe check')
    assert.equal(axeLog.reduce((sum, entry) => sum + entry.violations, 0), 0)
  })
})
