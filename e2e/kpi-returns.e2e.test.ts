/**
 * KPI returns in a real browser, with axe on every page visited: the provider, from its home page's count, sends the
 * quarter's figure for its home care contract (a missing figure first, so the error summary shows); the commissioner,
 * from the home page's count, accepts it; the contract's page shows the accepted figure beside its target. Then the
 * pages of the journey again at 375 px.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { verifyOnPage } from './pages/base-page.ts'
import { PageTitled, SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()
const CONTRACT = 'Home care for older people (north)'

const on = (page: Page, heading: string | RegExp) => new PageTitled(page, heading).verify()

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return verifyOnPage(SignedInHomePage, page)
}

describe('KPI returns in a browser', () => {
  const seen: [string, string | RegExp][] = []

  test('a provider sends a KPI return and the contract manager accepts it', async () => {
    const { page } = await h.newPage()
    // The provider: the demo leaves the latest ended quarter of its home care KPI unsent, so it is due or late.
    const home = await signIn(page, 'provider@demo.catalyst.test')
    await home.page.getByRole('link', { name: /KPI returns? (late|due)/ }).first().click()
    await on(page, 'Your returns to the council')
    seen.push([page.url(), 'Your returns to the council'])
    await page.getByRole('link', { name: /^Send the Visits on time return for/ }).first().click()
    await on(page, /^Visits on time: /)
    const quarter = (await page.locator('h1').innerText()).replace('Visits on time: ', '')
    seen.push([page.url(), /^Visits on time: /])
    await page.getByRole('button', { name: 'Send return' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, /^Visits on time: /)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the figure for the quarter/)
    await page.getByLabel('The figure for the quarter').fill('96.4')
    await page.getByLabel('Note (optional)').fill('From the rostering system.')
    await page.getByRole('button', { name: 'Send return' }).click()
    await on(page, 'Your returns to the council')
    assert.match(await page.locator('main').innerText(), new RegExp(`Thank you: your return has been sent to the council[\\s\\S]*${quarter}\\s+96\\.4\\s+Waiting for the council`))
    await (await on(page, 'Your returns to the council')).signOut()

    // The contract manager: the home page's count leads to the returns waiting; the return is accepted.
    const officer = await signIn(page, 'commissioner@demo.catalyst.test')
    await officer.page.getByRole('link', { name: /KPI returns? to accept or query/ }).click()
    await on(page, 'KPI returns')
    seen.push([page.url(), 'KPI returns'])
    await page.getByRole('link', { name: `Visits on time, ${quarter}` }).click()
    await on(page, 'Accept or query a KPI return')
    seen.push([page.url(), /KPI return/])
    await page.getByRole('button', { name: 'Save decision' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, 'Accept or query a KPI return')
    await page.getByLabel('Accept the figure').check()
    await page.getByRole('button', { name: 'Save decision' }).click()
    await on(page, 'KPI returns')

    // The contract's page lists the accepted figure beside the KPI's target.
    await page.goto(seen[3]![0])
    await on(page, 'KPI return')
    await page.getByRole('link', { name: CONTRACT }).click()
    await on(page, CONTRACT)
    seen.push([page.url(), CONTRACT])
    const row = page.locator('tr', { hasText: quarter }).filter({ hasText: 'Visits on time' })
    assert.match(await row.first().innerText(), /Visits on time\s+95% within 15 minutes\s+.*96\.4\s+Accepted/)
  })

  test('the same pages are axe clean at 375 px and do not scroll sideways', async () => {
    const { page } = await h.newPage()
    assert.equal(seen.length, 5, 'the journey above visited its five pages')
    await page.setViewportSize({ width: 375, height: 900 })
    await signIn(page, 'commissioner@demo.catalyst.test')
    for (const [url, heading] of seen.filter(([u]) => !u.includes('/providers/'))) {
      await page.goto(url)
      const view = await on(page, heading)
      assert.equal(await view.scrollsSideways(), false, `${url} scrolls sideways at 375 px`)
    }
    await (await on(page, CONTRACT)).signOut()
    await signIn(page, 'provider@demo.catalyst.test')
    for (const [url, heading] of seen.filter(([u]) => u.includes('/providers/'))) {
      await page.goto(url)
      const view = await on(page, heading)
      assert.equal(await view.scrollsSideways(), false, `${url} scrolls sideways at 375 px`)
    }
  })
})
