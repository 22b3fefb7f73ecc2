/**
 * Social value in a real browser, with axe on every page visited: a commissioner adds a commitment on a contract's
 * page; the provider, from its home page, reports delivery with evidence; the commissioner, from the home page's
 * count, verifies it; a visitor reads the verified value and the framework's licence on the public provider page.
 * Then the pages of the journey, the SROI page with its tornado chart and the LM3 page again at 375 px.
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
const PROVIDER = 'Riverside Community Care'

const on = (page: Page, heading: string | RegExp) => new PageTitled(page, heading).verify()

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return verifyOnPage(SignedInHomePage, page)
}

describe('social value in a browser', () => {
  const seen: string[] = []

  test('a commitment goes from the contract to the provider’s return, the officer’s verification and the public page', async () => {
    const { page, context } = await h.newPage()
    const home = await signIn(page, 'commissioner@demo.catalyst.test')
    await home.openStage('Do')
    await page.getByRole('link', { name: 'Contracts', exact: true }).first().click()
    await on(page, 'Contracts')
    await page.getByRole('link', { name: CONTRACT }).first().click()
    await on(page, CONTRACT)
    seen.push(page.url())
    await page.getByRole('link', { name: 'Add a social value commitment' }).click()
    await on(page, 'Add a social value commitment')
    await page.getByRole('button', { name: 'Add commitment' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, 'Add a social value commitment')
    const measure = page.getByLabel('Measure', { exact: true })
    const lv4 = await measure.locator('option', { hasText: 'LV4 Tonnes of CO2e' }).first().getAttribute('value')
    await measure.selectOption(lv4!)
    await page.getByLabel('Quantity committed').fill('40')
    await page.locator('#dueDate-day').fill('1')
    await page.locator('#dueDate-month').fill('11')
    await page.locator('#dueDate-year').fill('2026')
    await page.getByLabel('Where it is delivered').fill('North wards')
    await page.getByRole('button', { name: 'Add commitment' }).click()
    await on(page, CONTRACT)
    assert.match(await page.locator('#social-value ~ .govuk-table__wrapper, main').first().innerText(), /LV4 Tonnes of CO2e avoided in delivering the contract \(North wards\)[\s\S]*40 tonnes CO2e, £2,000/)
    await (await on(page, CONTRACT)).signOut()

    // The provider: the home page asks for the returns due; the page for it offers "Report delivery".
    const providerHome = await signIn(page, 'provider@demo.catalyst.test')
    await providerHome.page.getByRole('link', { name: /social value returns? due/ }).click()
    await on(page, 'Your social value')
    seen.push(page.url())
    await page.getByRole('link', { name: 'Report delivery for LV4' }).click()
    await on(page, 'Report social value delivered')
    await page.getByLabel(/Quantity delivered/).fill('30')
    for (const [name, [d, m, y]] of [['periodStart', ['1', '4', '2026']], ['periodEnd', ['31', '10', '2026']]] as const) {
      await page.locator(`#${name}-day`).fill(d)
      await page.locator(`#${name}-month`).fill(m)
      await page.locator(`#${name}-year`).fill(y)
    }
    await page.getByLabel('Link to the evidence').fill('https://example.org/riverside/mileage')
    await page.getByRole('button', { name: 'Send return' }).click()
    await on(page, 'Your social value')
    assert.match(await page.locator('main').innerText(), /Thank you: your return has been sent[\s\S]*30 tonnes CO2e\s*Awaiting verification/)
    await (await on(page, 'Your social value')).signOut()

    // The commissioner: the home page's count leads to the returns awaiting verification.
    const officerHome = await signIn(page, 'commissioner@demo.catalyst.test')
    await officerHome.page.getByRole('link', { name: /social value returns? awaiting verification/ }).click()
    await on(page, 'Social value commitments')
    seen.push(page.url())
    await page.locator('main a[href^="/social-value/returns/"]', { hasText: PROVIDER }).first().click()
    await on(page, 'Verify a social value return')
    seen.push(page.url())
    await page.getByLabel('Partly verified', { exact: true }).check()
    await page.getByRole('button', { name: 'Save decision' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, 'Verify a social value return')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the quantity verified[\s\S]*Say why only part is verified/)
    await page.getByLabel('Verified', { exact: true }).check()
    await page.getByRole('button', { name: 'Save decision' }).click()
    await on(page, 'Social value commitments')
    await context.clearCookies()

    // A visitor: the public provider page shows the verified value and the licence.
    await page.goto('/public/providers')
    await on(page, 'Public provider register')
    await page.getByRole('link', { name: PROVIDER }).first().click()
    await on(page, PROVIDER)
    seen.push(page.url())
    const text = await page.locator('main').innerText()
    assert.match(text, /Social value/)
    // Demo: verified 6 FTE × £4,000; now 30 tonnes × £50.
    assert.match(text, /Verified by the council\s+£25,500/)
    assert.match(text, /Values from Catalyst illustrative local measures \d{4}: Written for the Catalyst demonstration/)
  })

  test('the same pages, the SROI page with its tornado chart and the LM3 page are axe clean at 375 px and do not scroll sideways', async () => {
    const { page } = await h.newPage()
    await page.setViewportSize({ width: 375, height: 900 })
    await signIn(page, 'admin@demo.catalyst.test')
    const pages: [string, string | RegExp][] = [
      [seen[0]!, CONTRACT],
      [seen[2]!, 'Social value commitments'],
      [seen[3]!, 'Social value return'],
      [seen[4]!, PROVIDER],
      ['/social-value/measures', 'Social value measures'],
      ['/social-value/lm3', 'Local Multiplier 3'],
      ['/social-value/sroi', 'Social return on investment'],
    ]
    for (const [url, heading] of pages) {
      await page.goto(url)
      const view = await on(page, heading)
      assert.equal(await view.scrollsSideways(), false, `${url} scrolls sideways at 375 px`)
    }
    await page.getByRole('link', { name: 'Home care in the north: social return' }).click()
    const sroi = await on(page, 'Home care in the north: social return')
    assert.equal(await page.locator('svg.app-chart[role="img"]').count(), 1, 'the tornado chart')
    assert.equal(await sroi.scrollsSideways(), false)
    await page.getByRole('link', { name: 'Printable report' }).click()
    await on(page, 'SROI report: Home care in the north: social return')
  })
})
