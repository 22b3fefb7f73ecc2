/**
 * The market in a real browser, with axe on every page: a commissioner looks at the market for adult social care in
 * the council's area, writes a market position statement for public health, sees it come back with an error when
 * the summary is missing, publishes it, and a visitor reads the public page from the open data index.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { MarketPage, PublicStatementPage, StatementPage, StatementsPage } from './pages/market-pages.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const COMMISSIONER = 'commissioner@demo.catalyst.test'

const h = useBrowserHarness()

describe('the market in a browser', () => {
  test('see the market for a service, write and publish a statement, read it in public', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(COMMISSIONER, DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Market').click()
    await page.waitForURL(/\/market$/)
    const market = await verifyOnPage(MarketPage, page)
    await market.choose('Adult social care', 'Middlesbrough Council (the council’s area)')
    const chosen = await verifyOnPage(MarketPage, page)
    const text = await chosen.main()
    assert.match(text, /Adult social care in Middlesbrough Council/)
    assert.match(text, /Herfindahl–Hirschman index of [\d,]+/)
    assert.equal(await page.locator('svg.app-chart[role="img"]').count(), 1, 'the trend chart')
    assert.ok((await page.getByRole('link', { name: /Download this table as CSV/ }).count()) >= 5)
    assert.equal(await page.getByRole('link', { name: 'Riverside Community Care' }).count() > 0, true)

    await page.getByRole('navigation', { name: 'Market pages' }).getByRole('link', { name: 'Market position statements' }).click()
    await verifyOnPage(StatementsPage, page)
    await page.getByRole('link', { name: 'Public health', exact: true }).click()
    const editor = await new StatementPage(page, 'Public health').verify()
    await editor.fill({ Title: 'Public health: where we are heading', 'Demand (optional)': 'More people want help to stop smoking.' })
    await editor.fill({ Summary: '' })
    await editor.press('Save and publish')
    const withError = await new StatementPage(page, 'Public health').verify()
    assert.deepEqual(await withError.errorSummaryLinks(), [{ text: 'Write a summary before publishing the statement', href: '#summary' }])
    await withError.fill({ Summary: 'We buy stop smoking, sexual health and drug and alcohol services.\n\nWe want more local community providers.' })
    await withError.press('Save and publish')
    await page.waitForURL(/saved=published/)
    const saved = await new StatementPage(page, 'Public health').verify()
    assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Statement published/)
    await saved.signOut()

    await page.goto('/open-data')
    await page.getByRole('link', { name: 'Public health: where we are heading (Public health)' }).click()
    await page.waitForURL(/\/market-position-statements\/DEMO\/public-health$/)
    await new PublicStatementPage(page, 'Public health: where we are heading').verify()
    const publicText = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(publicText, /We want more local community providers\./)
    assert.match(publicText, /The market in figures/)
    assert.ok(!/Sam Patel Grounds Maintenance|Brightpath Digital/.test(publicText), 'no unpublished provider is named')
  })
})
