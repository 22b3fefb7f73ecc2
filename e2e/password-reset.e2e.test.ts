/**
 * A person who has forgotten their password asks for a link from the sign-in page, opens the link from the email
 * (as a real SMTP server started by the test received it), chooses a new password, and signs in with it; the old
 * password and the used link are then refused. Axe runs on every page, at desktop width and again at 375 px.
 */
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { loadConfig } from '../src/config.ts'
import { jobRegistry } from '../src/platform/jobs/handlers.ts'
import { runDueJobs } from '../src/platform/jobs/queue.ts'
import { linkIn } from '../src/platform/notify/notifier.ts'
import { startSmtpServer, type TestSmtpServer } from '../test/support/smtp-server.ts'
import { DEMO_PASSWORD, freePort } from './support/browser.ts'
import { ChooseNewPasswordPage, PasswordResetRequestPage, PasswordResetSentPage, ResetLinkGonePage, TwoFactorSetupPage } from './pages/account-pages.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { useBrowserHarness } from './support/suite.ts'

const EMAIL = 'finance@demo.catalyst.test'
// Started as the file loads, so that nothing depends on the order node:test runs top-level hooks in: the
// app sends through this server, and its public address (which emailed links are built on) is the address the
// browser reaches it at.
const smtp: TestSmtpServer = await startSmtpServer()
const port = await freePort()
const env = { EMAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EMAIL_FROM: 'catalyst@example.gov.uk' }
const h = useBrowserHarness(() => ({ env, port }))
after(async () => smtp.stop())

async function resetLink(): Promise<string> {
  // The harness runs no worker: run the due jobs as the worker would, with the same email settings. The reset job
  // writes the email; the email job sends it to the SMTP server.
  const before = smtp.received.length
  const registry = jobRegistry(loadConfig({ NODE_ENV: 'test', ...env, CATALYST_PUBLIC_URL: h.baseUrl }))
  try {
    await runDueJobs(h.app.db.db, registry.handlers, { clock: () => new Date() })
  } finally {
    registry.close()
  }
  const mails = smtp.received.slice(before)
  assert.equal(mails.length, 1, 'one email reached the SMTP server')
  const mail = mails[0]!
  assert.deepEqual(mail.to, [EMAIL])
  assert.match(mail.text, /^Subject: Reset your Catalyst password\r?$/m)
  const path = linkIn(mail.text, '/password-reset/')
  assert.ok(path, 'the email has a reset link')
  const link = `${h.baseUrl}${path}`
  assert.ok(mail.text.includes(link), 'the link is on the service\'s public address')
  return link
}

describe('password reset in a browser', () => {
  for (const width of [1280, 375]) {
    test(`from the sign-in page to the emailed link to signing in with the new password, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await verifyOnPage(SignInPage, page)
      // The password this account had before (the first run changes it): it must stop working once the new one is set.
      const oldPassword = width === 1280 ? DEMO_PASSWORD : 'copper lantern meadow 1280'
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
      await signIn.signIn(EMAIL, oldPassword)
      const refused = await verifyOnPage(SignInPage, page)
      assert.match((await refused.errorSummary.textContent()) ?? '', /Enter the email address and password of a Catalyst account/, 'the old password is refused')
      await refused.signIn(EMAIL, newPassword)
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
