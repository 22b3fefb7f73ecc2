/**
 * A person who has forgotten their password asks for a link from the sign-in page, opens the link from the email
 * (read from the outbox the job wrote it to), chooses a new password, and signs in with it; the used link is then
 * gone. Axe runs on every page, at desktop width and again at 375 px.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import { loadConfig } from '../src/config.ts'
import { jobRegistry } from '../src/platform/jobs/handlers.ts'
import { runDueJobs } from '../src/platform/jobs/queue.ts'
import { linkIn } from '../src/platform/notify/notifier.ts'
import { outboxMessages } from '../src/platform/notify/schema.ts'
import { ChooseNewPasswordPage, PasswordResetRequestPage, PasswordResetSentPage, ResetLinkGonePage, TwoFactorSetupPage } from './pages/account-pages.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()
const EMAIL = 'finance@demo.catalyst.test'

async function resetLink(): Promise<string> {
  // The harness runs no worker: run the due jobs as the worker would. Without a transport the email is kept in
  // the outbox, which is where the test reads it.
  const registry = jobRegistry(loadConfig({ NODE_ENV: 'test' }))
  try {
    await runDueJobs(h.app.db.db, registry.handlers, { clock: () => new Date() })
  } finally {
    registry.close()
  }
  const [message] = await h.app.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, EMAIL)).orderBy(desc(outboxMessages.createdAt)).limit(1)
  assert.ok(message, 'the reset email is in the outbox')
  assert.equal(message.subject, 'Reset your Catalyst password')
  const link = linkIn(message.body, '/password-reset/')
  assert.ok(link, 'the email has a reset link')
  return link
}

describe('password reset in a browser', () => {
  for (const width of [1280, 375]) {
    test(`from the sign-in page to the emailed link to signing in with the new password, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await verifyOnPage(SignInPage, page)
      await page.getByRole('link', { name: 'I have forgotten my password' }).click()

      const ask = await verifyOnPage(PasswordResetRequestPage, page)
      await ask.ask('')
      await verifyOnPage(PasswordResetRequestPage, page)
      assert.match((await ask.errorSummary.textContent()) ?? '', /Enter your email address/)
      await ask.ask(EMAIL)
      await verifyOnPage(PasswordResetSentPage, page)

      const link = await resetLink()
      await page.goto(link)
      const choose = await verifyOnPage(ChooseNewPasswordPage, page)
      await choose.choose('password123')
      await verifyOnPage(ChooseNewPasswordPage, page)
      assert.match((await choose.errorSummary.textContent()) ?? '', /Password is too common/)
      const newPassword = `copper lantern meadow ${width}`
      await choose.choose(newPassword)

      const signIn = await verifyOnPage(SignInPage, page)
      assert.match((await signIn.successBanner.textContent()) ?? '', /Your password has been changed/)
      await signIn.signIn(EMAIL, newPassword)
      const home = await verifyOnPage(SignedInHomePage, page)
      assert.equal(await home.scrollsSideways(), false, 'the page fits the screen')

      // The link worked once.
      await page.goto(link)
      await verifyOnPage(ResetLinkGonePage, page)

      // The account's own two-factor page, reached from the header, passes axe too.
      await page.goto('/')
      await page.locator('.catalyst-header').getByRole('link', { name: /Two-factor/ }).click()
      const setup = await verifyOnPage(TwoFactorSetupPage, page)
      assert.match((await setup.setupKey.textContent()) ?? '', /^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/)
      assert.equal(await setup.scrollsSideways(), false, 'the setup page fits the screen')
    })
  }
})
