/**
 * The main journey through the provider register in a real browser, with axe on every page visited:
 * home → sign in → Providers (by the navigation) → add a provider → its record → the list filtered by name → sign out.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import {
  AccessibilityStatementPage,
  CookiesPage,
  HomePage,
  NotFoundPage,
  SignedInHomePage,
  SignInPage,
} from './pages/platform-pages.ts'
import { NewProviderPage, ProviderRecordPage, ProvidersListPage, PublicRegisterPage } from './pages/provider-pages.ts'
import { assertAccessible, axeLog } from './support/axe.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const COMMISSIONER = 'commissioner@demo.catalyst.test'
const PROVIDER_NAME = 'Brightwater Community Transport CIC'

const h = useBrowserHarness()

describe('provider register in a browser', () => {
  test('a commissioner signs in, adds a provider, finds it in the list, and signs out', async () => {
    const { page } = await h.newPage()
    await page.goto('/')
    const home = await verifyOnPage(HomePage, page)
    await home.page.getByRole('button', { name: 'Sign in' }).or(page.getByRole('link', { name: 'Sign in' })).first().click()

    const signIn = await verifyOnPage(SignInPage, page)
    await signIn.signIn(COMMISSIONER, DEMO_PASSWORD)
    const signedIn = await verifyOnPage(SignedInHomePage, page)
    assert.equal(await signedIn.h1.textContent(), 'Demo Borough Council')

    await signedIn.navigationLink('Providers').click()
    await page.waitForURL(/\/providers$/)
    const list = await verifyOnPage(ProvidersListPage, page)
    await list.addProvider()
    await page.waitForURL(/\/providers\/new$/)

    const form = await verifyOnPage(NewProviderPage, page)
    await form.fill({ name: PROVIDER_NAME, legalForm: 'cic', postcode: 'TS1 2AB', published: true })
    await form.save()
    await page.waitForURL(/\/providers\/[0-9a-f-]{36}(\?.*)?$/)
    const record = await new ProviderRecordPage(page, PROVIDER_NAME).verify()
    const details = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(details, /Provider added to the register/)
    assert.match(details, /Community interest company/)
    assert.match(details, /TS1 2AB/)
    assert.match(details, /Published on the public register Yes/)

    await record.navigationLink('Providers').click()
    await page.waitForURL(/\/providers$/)
    const all = await verifyOnPage(ProvidersListPage, page)
    const everyone = await all.providerNames()
    assert.ok(everyone.length > 1 && everyone.includes(PROVIDER_NAME), `the list shows the demo providers and the new one: ${everyone.join(', ')}`)
    await all.filterByText('Brightwater')
    const filtered = await verifyOnPage(ProvidersListPage, page)
    assert.equal(new URL(page.url()).searchParams.get('q'), 'Brightwater')
    assert.equal(await filtered.providerLink(PROVIDER_NAME).count(), 1)
    assert.deepEqual(await filtered.providerNames(), [PROVIDER_NAME], 'the filter leaves every other provider out')

    await filtered.signOut()
    await page.waitForURL(/\/sign-in\?signedOut=1$/)
    const signedOut = await verifyOnPage(SignInPage, page)
    assert.match((await signedOut.successBanner.textContent()) ?? '', /You have signed out/)

    // Published: anyone can find it on the public register without signing in.
    const { page: resident } = await h.newPage()
    await resident.goto('/public/providers?q=Brightwater')
    await verifyOnPage(PublicRegisterPage, resident)
    assert.equal(await resident.getByRole('link', { name: PROVIDER_NAME, exact: true }).count(), 1, 'the public register lists it')

    // Signed out means signed out: the register sends the browser back to sign in.
    await page.goto('/providers')
    await verifyOnPage(SignInPage, page)
  })

  test('an empty new-provider form shows a GOV.UK error summary whose links move focus to each field', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(COMMISSIONER, DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, page)
    await page.goto('/providers/new')
    const form = await verifyOnPage(NewProviderPage, page)
    await form.save()

    const withErrors = await verifyOnPage(NewProviderPage, page) // axe runs on the page with errors too
    assert.match(await page.title(), /^Error: /, 'the title starts with "Error:"')
    await withErrors.errorSummary.waitFor({ state: 'visible' })
    const focusInSummary = await page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement
      return Boolean(active?.closest('.govuk-error-summary'))
    })
    assert.ok(focusInSummary, 'GOV.UK Frontend moves focus to the error summary')
    const links = await withErrors.errorSummaryLinks()
    assert.ok(links.length >= 1, 'the summary lists at least one error')
    assert.ok(links.some((link) => link.href === '#name'), `the summary links to the name field (got ${JSON.stringify(links)})`)
    for (const link of links) {
      assert.match(link.href, /^#[A-Za-z][\w-]*$/, `each summary link points at a field: ${link.text}`)
      const id = link.href.slice(1)
      // Every link goes somewhere: the field, or the first input of a group, exists on the page.
      assert.ok((await page.locator(`[id="${id}"]`).count()) === 1, `${link.href} exists`)
      // And the field shows the same message beside it.
      assert.ok((await page.locator('.govuk-error-message').filter({ hasText: link.text }).count()) >= 1, `inline message for ${link.text}`)
    }
    await withErrors.errorSummary.getByRole('link').filter({ hasText: links.find((l) => l.href === '#name')!.text }).click()
    assert.equal(await withErrors.focusedId(), 'name', 'the link moves focus to the name field')
  })

  test('the 404 page, the accessibility statement and the cookies page pass axe, signed out and signed in', async () => {
    const { page } = await h.newPage()
    const notFound = await page.goto('/no-such-page')
    assert.equal(notFound?.status(), 404)
    await verifyOnPage(NotFoundPage, page)
    await page.goto('/accessibility')
    await verifyOnPage(AccessibilityStatementPage, page)
    await page.goto('/cookies')
    await verifyOnPage(CookiesPage, page)

    // The same pages signed in (the header has the account and navigation then), and the cookie banner hidden.
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(COMMISSIONER, DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, page)
    await page.getByRole('button', { name: 'Hide cookie message' }).click()
    await verifyOnPage(SignedInHomePage, page)
    assert.equal(await page.locator('.govuk-cookie-banner').count(), 0)
    await page.goto('/no-such-page')
    await verifyOnPage(NotFoundPage, page)
    await page.goto('/accessibility')
    await verifyOnPage(AccessibilityStatementPage, page)
  })

  test('the public register passes axe', async () => {
    const { page } = await h.newPage()
    const response = await page.goto('/public/providers')
    assert.equal(response?.status(), 200)
    await verifyOnPage(PublicRegisterPage, page)
  })

  test('axe really runs: a page with known faults fails with each violation listed', async () => {
    const { page } = await h.newPage()
    await page.setContent('<html><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>')
    await assert.rejects(assertAccessible(page, 'a faulty page'), (error: Error) => {
      assert.match(error.message, /image-alt/)
      assert.match(error.message, /html-has-lang/)
      assert.match(error.message, /label/)
      return true
    })
    axeLog.pop() // that page was meant to fail; it does not count towards the suite's figure
  })

  // Last in this file: nothing the browser showed escaped axe (a page object checks each page it is made for).
  test('axe checked every page the browser visited', () => {
    const checked = new Set(axeLog.map((entry) => entry.url))
    const unchecked = [...h.visited].filter((url) => !checked.has(url))
    assert.deepEqual(unchecked, [], 'pages visited without an axe check')
    assert.ok(checked.size >= 10, `axe checked ${checked.size} distinct pages`)
  })
})
