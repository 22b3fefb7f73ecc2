/**
 * Opportunity digests in a real browser, with axe on every page visited: the demo provider goes from its market
 * engagement page to "Get new opportunities by email", saves nothing first (so the error summary shows), then
 * chooses weekly emails about adult social care in one ward and sees its choices kept. The page again at 375 px,
 * with its errors and without, axe clean and not scrolling sideways.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { verifyOnPage } from './pages/base-page.ts'
import { PageTitled, SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()
const HEADING = 'Opportunities by email'
const on = (page: Page, heading: string | RegExp) => new PageTitled(page, heading).verify()

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return verifyOnPage(SignedInHomePage, page)
}

describe('Opportunity digests in a browser', () => {
  let url = ''

  test('a provider chooses what it hears about, and how often', async () => {
    const { page } = await h.newPage()
    await signIn(page, 'provider@demo.catalyst.test')
    await page.goto('/market-engagement')
    await on(page, 'Market engagement: opportunities to shape')
    await page.getByRole('link', { name: 'Get new opportunities by email' }).click()
    await on(page, HEADING)
    url = page.url()
    await page.getByRole('button', { name: 'Save choices' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, HEADING)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose how often you want an email/)
    await page.getByLabel('Weekly, on Mondays').check()
    await page.getByLabel('Adult social care').check()
    await page.getByLabel('Only in the wards I choose').check()
    const ward = page.locator('#wards')
    const wardName = ((await page.locator('label[for="wards"]').textContent()) ?? '').trim()
    await ward.check()
    await page.getByRole('button', { name: 'Save choices' }).click()
    await on(page, HEADING)
    assert.match(await page.locator('main').innerText(), /Your choices are saved/)
    assert.equal(await page.getByLabel('Weekly, on Mondays').isChecked(), true)
    assert.equal(await page.getByLabel('Adult social care').isChecked(), true)
    assert.equal(await page.getByLabel('Children’s social care').isChecked(), false)
    assert.equal(await page.getByLabel(wardName, { exact: true }).isChecked(), true)
  })

  test('the page is axe clean at 375 px, with errors and without, and does not scroll sideways', async () => {
    const { page } = await h.newPage()
    assert.ok(url, 'the journey above found the page')
    await page.setViewportSize({ width: 375, height: 900 })
    await signIn(page, 'provider@demo.catalyst.test')
    await page.goto(url)
    const view = await on(page, HEADING)
    assert.equal(await view.scrollsSideways(), false)
    await page.getByLabel('Daily').check()
    await page.getByLabel('Adult social care').uncheck()
    await page.getByRole('button', { name: 'Save choices' }).click()
    await page.waitForSelector('.govuk-error-summary')
    const withErrors = await on(page, HEADING)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose at least one service/)
    assert.equal(await withErrors.scrollsSideways(), false)
  })
})
