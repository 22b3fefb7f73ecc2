/**
 * Market engagement in a real browser, with axe on every page visited: a visitor reads on the public pipeline that
 * engagement is open on the advice contract and follows the link; signed in as the demo provider, it registers
 * interest (sending nothing first, so the error summary shows) and answers the questions; the commissioner, from
 * the Market engagement page, sees the provider among those interested with its size, sector, locality and
 * capacity, and follows the link to the provider's page and back. Then the pages of the journey again at 375 px.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { verifyOnPage } from './pages/base-page.ts'
import { PageTitled, SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()
const ENTRY = 'Independent advice and advocacy'

const on = (page: Page, heading: string | RegExp) => new PageTitled(page, heading).verify()

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return verifyOnPage(SignedInHomePage, page)
}

describe('Market engagement in a browser', () => {
  const seen: { url: string; heading: string; as: 'staff' | 'provider' }[] = []

  test('a provider registers interest from the pipeline and the commissioner sees it', async () => {
    const { page } = await h.newPage()
    await page.goto('/pipeline/DEMO')
    await on(page, 'Commissioning pipeline')
    seen.push({ url: page.url(), heading: 'Commissioning pipeline', as: 'staff' })
    const card = page.locator('.govuk-summary-card', { hasText: ENTRY })
    assert.match(await card.innerText(), /Market engagement is open until/)
    await card.getByRole('link', { name: /sign in to register interest/ }).click()
    // Signing in returns the provider to where it was going: its own form for this engagement.
    await (await verifyOnPage(SignInPage, page)).signIn('provider@demo.catalyst.test', DEMO_PASSWORD)
    await on(page, ENTRY)
    seen.push({ url: page.url(), heading: ENTRY, as: 'provider' })
    await page.getByRole('button', { name: 'Register interest' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, ENTRY)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter what you could deliver/)
    await page.getByLabel('Your capacity').fill('Three care workers for home visits, from April')
    await page.getByRole('textbox', { name: /How would you shape this service/ }).fill('Home visits for people who cannot travel to an office')
    await page.getByLabel('3 years').check()
    await page.getByRole('button', { name: 'Register interest' }).click()
    await on(page, 'Market engagement: opportunities to shape')
    seen.push({ url: page.url(), heading: 'Market engagement: opportunities to shape', as: 'provider' })
    assert.match(await page.locator('main').innerText(), new RegExp(`Thank you: your interest and answers have been sent to the council[\\s\\S]*${ENTRY}[\\s\\S]*Registered`))
    await (await on(page, 'Market engagement: opportunities to shape')).signOut()

    const officer = await signIn(page, 'commissioner@demo.catalyst.test')
    await officer.page.goto('/market-engagement')
    await on(page, 'Market engagement')
    seen.push({ url: page.url(), heading: 'Market engagement', as: 'staff' })
    await page.getByRole('link', { name: ENTRY }).click()
    await on(page, ENTRY)
    seen.push({ url: page.url(), heading: ENTRY, as: 'staff' })
    const row = page.locator('tr', { hasText: 'Riverside Community Care' })
    assert.match(await row.innerText(), /Riverside Community Care\s+(SME|Not an SME)\s+.+\s+.*TS\d.*\s+Three care workers for home visits, from April/)
    assert.match(await page.locator('main').innerText(), /3 providers have registered interest/)
    await row.getByRole('link', { name: 'Riverside Community Care' }).click()
    await on(page, 'Market engagement: Riverside Community Care')
    seen.push({ url: page.url(), heading: 'Market engagement: Riverside Community Care', as: 'staff' })
    await page.getByRole('link', { name: ENTRY }).click()
    await on(page, ENTRY)
  })

  test('the same pages are axe clean at 375 px and do not scroll sideways', async () => {
    const { page } = await h.newPage()
    assert.equal(seen.length, 6, 'the journey above visited its six pages')
    await page.setViewportSize({ width: 375, height: 900 })
    for (const who of ['staff', 'provider'] as const) {
      const home = await signIn(page, who === 'staff' ? 'commissioner@demo.catalyst.test' : 'provider@demo.catalyst.test')
      for (const { url, heading } of seen.filter((p) => p.as === who)) {
        await page.goto(url)
        const view = await on(page, heading)
        assert.equal(await view.scrollsSideways(), false, `${url} scrolls sideways at 375 px`)
      }
      await home.signOut()
    }
  })
})
