/**
 * Proportionate financial standing in a real browser, with axe on every page visited: a commissioner adds a year of
 * figures for a small youth charity, assesses it for a proposed contract worth four times its turnover (medium, not
 * high: size alone never makes a supplier high risk), ticks mitigations that bring the residual risk down, records a
 * decision, and reads the naive-rule report.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ProviderRecordPage, ProvidersListPage } from './pages/provider-pages.ts'
import { AssessmentPage, FiguresFormPage, NaiveRuleReportPage, NewAssessmentPage, RiskProviderPage } from './pages/risk-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const COMMISSIONER = 'commissioner@demo.catalyst.test'
const PROVIDER = 'Hilltop Youth Trust'

const h = useBrowserHarness()

describe('financial standing in a browser', () => {
  test('a small supplier assessed for a large contract is medium, and mitigations bring the residual risk to low', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(COMMISSIONER, DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Providers').click()
    const list = await verifyOnPage(ProvidersListPage, page)
    await list.providerLink(PROVIDER).click()
    await new ProviderRecordPage(page, PROVIDER).verify()
    await page.getByRole('link', { name: 'Financial standing and risk assessments', exact: true }).click()
    let risk = await verifyOnPage(RiskProviderPage, page)

    await risk.addYearOfFigures()
    const figures = await verifyOnPage(FiguresFormPage, page)
    await figures.save()
    await page.waitForSelector('.govuk-error-summary')
    await figures.verify()
    assert.deepEqual((await figures.errorSummaryLinks()).map((l) => l.text), ['Enter the end of the financial year'])
    await figures.fill({
      periodEnd: ['31', '3', '2025'],
      tradingSince: ['1', '6', '2014'],
      figures: {
        turnoverPence: ['150,000', 'Independently examined accounts 2024/25'],
        operatingProfitPence: ['6,000', 'Independently examined accounts 2024/25'],
        netAssetsPence: ['40,000', 'Balance sheet'],
        cashPence: ['30,000', 'Bank statement, 31 March 2025'],
        currentAssetsPence: ['35,000', 'Balance sheet'],
        currentLiabilitiesPence: ['10,000', 'Balance sheet'],
      },
      auditRequired: 'no',
    })
    await figures.save()
    await page.waitForURL(/\/risk\?saved=financials$/)
    risk = await verifyOnPage(RiskProviderPage, page)
    assert.match(await page.locator('main').innerText(), /Bank statement, 31 March 2025/)

    await risk.assessForAContract()
    const form = await verifyOnPage(NewAssessmentPage, page)
    await form.proposedContract('Youth services across the borough', '600,000')
    await form.tick('It serves vulnerable residents')
    await form.tick('Year to 2025-03-31')
    await form.assess()
    await page.waitForURL(/\/risk\/assessments\/[0-9a-f-]{36}$/)
    let result = await verifyOnPage(AssessmentPage, page)
    let text = await result.main.innerText()
    assert.match(text, /Result: Medium risk/)
    assert.match(text, /Tier 2/)
    assert.match(text, /Turnover against the contract\s+0\.25 times/)
    assert.match(text, /Turnover alone never makes a provider high risk/)

    await result.tickMitigation('Split the contract into lots')
    await result.tickMitigation('Shorter payment terms')
    await result.decide('Proceed with the mitigations ticked', 'Let in two lots, paid monthly in advance.')
    await page.waitForURL(/saved=decision$/)
    result = await verifyOnPage(AssessmentPage, page)
    text = await result.main.innerText()
    assert.match(text, /Residual risk: Low/)
    assert.match(text, /falls from medium to low/)
    assert.match(text, /relying on Split the contract into lots, Shorter payment terms/)

    // Supplier risk sits in Plan; the assessment is a provider's page, under Analyse.
    await home.openStage('Plan')
    await home.navigationLink('Supplier risk').click()
    const report = await verifyOnPage(NaiveRuleReportPage, page)
    assert.match(await report.page.locator('main').innerText(), /Riverside Community Care/)
  })
})
