/**
 * Red flags in a real browser, with axe on every page visited: a finance officer opens the council's red flags,
 * reads a flag's evidence, filters by rule, tries to dismiss one without a reason (and is shown the error), dismisses
 * it with a reason, sees it listed as dismissed, and restores it. An administrator opens the settings.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DismissRedFlagPage, RedFlagSettingsPage, RedFlagsPage } from './pages/red-flag-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const FINANCE = 'finance@demo.catalyst.test'
const ADMIN = 'admin@demo.catalyst.test'
const SPLIT = /2 contracts with Sam Patel Grounds Maintenance/

const h = useBrowserHarness()

describe('red flags in a browser', () => {
  test('a finance officer reads the flags, dismisses one with a reason and restores it', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(FINANCE, DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Red flags').click()
    await page.waitForURL(/\/red-flags$/)
    let flags = await verifyOnPage(RedFlagsPage, page)
    const card = flags.flag(SPLIT)
    assert.match((await card.innerText()).replace(/\s+/g, ' '), /DBC-GRD-011 £15,500 VAT included, awarded .+ Together £31,500/)

    await flags.showRule('RF-SPLIT: Contracts split to stay under a threshold')
    flags = await verifyOnPage(RedFlagsPage, page)
    assert.doesNotMatch(await flags.main.innerText(), /direct awards to Brightpath/)

    await flags.dismiss(SPLIT)
    await page.waitForURL(/\/red-flags\/dismiss\?key=RF-SPLIT/)
    let form = await verifyOnPage(DismissRedFlagPage, page)
    await form.dismissWith('')
    form = await verifyOnPage(DismissRedFlagPage, page)
    assert.deepEqual(await form.errorSummaryLinks(), [{ text: 'Enter why you are dismissing this flag', href: '#reason' }])

    await form.dismissWith('Two parks contracts tendered separately on purpose: different seasons and sites, checked with procurement.')
    await page.waitForURL(/\/red-flags\?dismissed=1$/)
    flags = await verifyOnPage(RedFlagsPage, page)
    const dismissed = (await page.locator('#dismissed ~ .govuk-summary-card').filter({ hasText: SPLIT }).innerText()).replace(/\s+/g, ' ')
    assert.match(dismissed, /Reason Two parks contracts tendered separately on purpose/)
    assert.match(dismissed, /Dismissed by Femi Finance/)

    await flags.restore(SPLIT)
    await page.waitForURL(/\/red-flags\?restored=1$/)
    flags = await verifyOnPage(RedFlagsPage, page)
    assert.equal(await page.locator('#dismissed ~ .govuk-summary-card').filter({ hasText: SPLIT }).count(), 0)
    assert.equal(await flags.flag(SPLIT).count(), 1)
  })

  test('an administrator opens the red flag settings', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(ADMIN, DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, page)
    await page.goto('/red-flags')
    const flags = await verifyOnPage(RedFlagsPage, page)
    await flags.main.getByRole('link', { name: 'Red flag settings' }).click()
    const settings = await verifyOnPage(RedFlagSettingsPage, page)
    assert.match(await settings.page.locator('main').innerText(), /Default: £30,000/)
  })
})
