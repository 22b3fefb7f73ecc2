/**
 * Signing in with the council's own identity provider in a real browser (ADR 0042): a real OpenID provider
 * (`oidc-provider`) runs in-process on a loopback port; the person clicks "Sign in with …" on Catalyst's sign-in
 * page, signs in on the provider's own login and consent pages, comes back signed in with the role their app role
 * maps to, and signs out of Catalyst and of the provider. Axe runs on Catalyst's pages at desktop width and at
 * 375 px; the provider's pages are not Catalyst's, so they are not checked.
 */
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { findCouncil } from '../src/modules/councils/service.ts'
import { saveIdentityProvider } from '../src/platform/auth/oidc/configuration.ts'
import { instanceSecret } from '../src/platform/instance-secret.ts'
import { startOidcProvider, type TestOidcProvider } from '../test/support/oidc-provider.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { PageTitled, SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD, freePort } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const PROVIDER_NAME = 'Demo Borough Council account'
const ACCOUNTS = {
  ada: { email: 'ada.lovelace@demo-council.example', name: 'Ada Lovelace', roles: ['Catalyst.Commissioner'] },
  alan: { email: 'alan.turing@demo-council.example', name: 'Alan Turing', roles: ['Catalyst.Finance'] },
}

// Started as the file loads, so that nothing depends on the order node:test runs top-level hooks in: the
// app listens on the address the provider sends browsers back to.
const port = await freePort()
const op: TestOidcProvider = await startOidcProvider({
  accounts: ACCOUNTS,
  redirectUri: `http://127.0.0.1:${port}/sign-in/callback`,
  postLogoutRedirectUri: `http://127.0.0.1:${port}/sign-in?signedOut=1`,
})
const h = useBrowserHarness(() => ({ port }))
after(async () => op.close())

/** The council's administrator has set the provider up (the settings page has its own integration tests). */
let configured: Promise<void> | undefined
const configureProvider = () => (configured ??= saveProvider())
async function saveProvider(): Promise<void> {
  const db = h.app.db.db
  const council = (await findCouncil(db, 'DEMO'))!
  const secret = await instanceSecret(db, undefined)
  await db.transaction((tx) =>
    saveIdentityProvider(tx, {
      actor: { userId: null, label: 'test' },
      councilId: council.id,
      instanceSecret: secret,
      values: {
        displayName: PROVIDER_NAME,
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        rolesClaim: 'roles',
        roleMapping: { admin: ['Catalyst.Admin'], commissioner: ['Catalyst.Commissioner'], finance: ['Catalyst.Finance'] },
        enabled: true,
      },
      now: new Date(),
    }),
  )
}

/** Signs in on the provider's own development login page, then agrees on its consent page. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === op.issuer)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

describe('signing in with the council’s identity provider in a browser', () => {
  for (const [width, login, roleName] of [
    [1280, 'ada', 'Commissioner'],
    [375, 'alan', 'Procurement or finance officer'],
  ] as const) {
    test(`through the provider's pages and back with the mapped role, and out at both, at ${width} px`, async () => {
      await configureProvider()
      const account = ACCOUNTS[login]
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/contracts')
      const signIn = await verifyOnPage(SignInPage, page)
      await signIn.page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click()
      await signInAtProvider(page, login)

      // Back in Catalyst, signed in as the provider's person with the role their app role maps to, on the page
      // they first asked for.
      await page.waitForURL((url) => url.origin === h.baseUrl)
      assert.equal(new URL(page.url()).pathname, '/contracts')
      await page.goto('/')
      const home = await verifyOnPage(SignedInHomePage, page)
      const who = ((await page.locator('.catalyst-header__who').textContent()) ?? '').replace(/\s+/g, ' ').trim()
      assert.equal(who, `${account.name}, ${roleName}`)
      assert.equal(await home.scrollsSideways(), false, 'the page fits the screen')

      // Signing out ends Catalyst's session, then the provider's: its own page asks to confirm.
      await home.signOut()
      await page.waitForURL((url) => url.origin === op.issuer)
      await page.getByRole('button', { name: 'Yes, sign me out' }).click()
      await page.waitForURL((url) => url.origin === h.baseUrl)
      const out = await verifyOnPage(SignInPage, page)
      assert.match((await out.successBanner.textContent()) ?? '', /You have signed out/)
      assert.equal(new URL(page.url()).search, '?signedOut=1')

      // Catalyst's session has ended: a signed-in page sends the browser to sign in.
      await page.goto('/contracts')
      await verifyOnPage(SignInPage, page)
      // And so has the provider's: signing in again asks for the login there, rather than sending the browser
      // straight back signed in.
      await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click()
      await page.waitForURL((url) => url.origin === op.issuer)
      await page.locator('input[name="login"]').waitFor({ state: 'visible' })
    })
  }
})

describe('the administrator’s pages about sign-in security', () => {
  for (const width of [1280, 375]) {
    test(`a person’s page with their two-factor authentication, and the sign-in security page, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('admin@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)
      await page.goto('/admin/users')
      await page.getByRole('link', { name: 'Femi Finance' }).first().click()
      const person = new PageTitled(page, 'Femi Finance')
      await person.verify()
      assert.match(((await page.locator('#two-factor + dl, #two-factor ~ dl').first().textContent()) ?? '').replace(/\s+/g, ' '), /Authenticator app Not set up/)
      assert.equal(await person.scrollsSideways(), false)
      await page.goto('/admin/security')
      const security = await new PageTitled(page, 'Sign-in security').verify()
      assert.match((await page.locator('.govuk-checkboxes__hint').textContent()) ?? '', /sign in with your council’s identity provider are not asked for Catalyst’s code/)
      assert.equal(await security.scrollsSideways(), false)
    })
  }
})
