/**
 * A pooled fund in a real browser, with axe on every page at desktop width and at 375 px: a finance officer records a
 * fund with two partners, their contributions and a scheme linked to a contract, and reads the quarter's report.
 */
import assert from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ContributionPage, FundReportPage, NewPooledFundPage, PooledFundPage, PooledFundsListPage, RiskSharePage, SchemeImportPage, SchemeMappingPage, SchemePage } from './pages/pooled-fund-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()

for (const width of [1280, 375]) {
  describe(`pooled fund in a browser at ${width} px`, () => {
    test('a finance officer records a fund with two partners, contributions and a scheme linked to a contract, then reads the quarter’s report', async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      const name = `Browser Better Care Fund ${width}`
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('finance@demo.catalyst.test', DEMO_PASSWORD)
      const home = await verifyOnPage(SignedInHomePage, page)
      await home.openStage('Do')
      await home.navigationLink('Pooled funds').click()
      await verifyOnPage(PooledFundsListPage, page)
      await page.getByRole('button', { name: 'Record a pooled fund' }).click()
      const form = await verifyOnPage(NewPooledFundPage, page)

      // Sent empty, the form names every missing answer; then filled in.
      await page.getByRole('button', { name: 'Record the fund' }).click()
      await verifyOnPage(NewPooledFundPage, page)
      assert.ok((await form.errorSummaryLinks()).some((l) => l.text === 'Enter the fund’s name'))
      await page.getByLabel('Name of the fund').fill(name)
      await page.getByLabel('Better Care Fund', { exact: true }).check()
      await page.getByLabel('Aims and outcomes (reg 7(3)(a))').fill('Home first: fewer admissions, quicker discharge.')
      await page.getByLabel('How the partners’ contributions may be varied (reg 7(3)(b))').fill('By written agreement.')
      await page.getByLabel('NHS functions and health-related functions covered (reg 7(3)(c))').fill('Community health; adult social care.')
      await page.getByLabel('People and kinds of services covered (reg 7(3)(d))').fill('Adults at home and their carers.')
      await page.getByLabel('Date the agreement starts (reg 7(3)(f))').fill('1/4/2025')
      await page.getByLabel('How and when it is reviewed').fill('Each year by the Health and Wellbeing Board.')
      await page.getByLabel('How it may be varied or ended').fill('Six months’ notice at a year end.')
      await page.getByLabel('How the fund is managed and monitored (reg 7(3)(g))').fill('BCF board; quarterly reports.')
      await page.getByLabel('Pool manager').fill('Jo Bell, Head of Integrated Commissioning')
      await page.getByRole('button', { name: 'Record the fund' }).click()
      let fund = await new PooledFundPage(page, name).verify()

      // Two partners: the council (host) and the ICB.
      await page.getByLabel('Add a partner').selectOption({ label: 'Demo Borough Council (DEMO)' })
      await page.getByLabel('This partner is the host partner (keeps the fund’s accounts)').check()
      await page.getByRole('button', { name: 'Add the partner' }).click()
      fund = await new PooledFundPage(page, name).verify()
      await page.getByLabel('Add a partner').selectOption({ label: 'NHS North East and North Cumbria Integrated Care Board (QHM)' })
      await page.getByRole('button', { name: 'Add the partner' }).click()
      fund = await new PooledFundPage(page, name).verify()
      assert.match(await fund.mainText(), /Demo Borough Council \(Council \(ONS GSS code\) DEMO\): host partner/)

      // Contributions: £600,000 from the council, £400,000 from the ICB.
      for (const [partner, stream, amount] of [['Demo Borough Council', 'Local Authority BCF grant', '600,000'], ['NHS North East and North Cumbria Integrated Care Board', 'NHS minimum contribution', '400000']] as const) {
        await page.getByRole('link', { name: 'Record a contribution or a variation' }).click()
        await verifyOnPage(ContributionPage, page)
        await page.getByLabel(partner, { exact: true }).check()
        await page.getByLabel(stream, { exact: true }).check()
        await page.getByLabel('Financial year').fill('2025')
        await page.getByLabel('The contribution agreed for the year').check()
        await page.getByLabel('Amount', { exact: true }).fill(amount)
        await page.getByLabel('Date it was agreed').fill('1/4/2025')
        await page.getByRole('button', { name: 'Record the contribution' }).click()
        fund = await new PooledFundPage(page, name).verify()
      }
      assert.match(await fund.mainText(), /The contribution is recorded/)

      // A scheme, linked to a contract of the council's register.
      await page.getByRole('link', { name: 'Add a scheme' }).click()
      await verifyOnPage(SchemePage, page)
      await page.getByLabel('Scheme id').fill('1')
      await page.getByLabel('Scheme name').fill('Home care and reablement')
      await page.getByLabel('Scheme type').fill('Home care')
      await page.getByLabel('Area of spend').fill('Social care')
      await page.getByLabel('Commissioner').fill('Demo Borough Council')
      await page.getByLabel('Provider', { exact: true }).fill('Independent sector')
      await page.getByLabel('NHS minimum contribution', { exact: true }).check()
      await page.getByLabel('Financial year').fill('2025')
      await page.getByLabel('Planned expenditure for the year').fill('1,000,000')
      await page.getByRole('button', { name: 'Add the scheme' }).click()
      fund = await new PooledFundPage(page, name).verify()
      const select = page.getByLabel('Link a contract or grant that delivers Home care and reablement')
      const contractLabel = (await select.locator('option').nth(1).innerText()).trim()
      assert.match(contractLabel, /^Contract /)
      await select.selectOption({ index: 1 })
      await page.getByRole('button', { name: 'Link', exact: true }).click()
      fund = await new PooledFundPage(page, name).verify()
      assert.ok((await fund.mainText()).includes(`Delivered through: ${contractLabel}`))

      // More schemes from the plan's spreadsheet, its columns matched on the way.
      await page.getByRole('link', { name: 'import a scheme list' }).click()
      await verifyOnPage(SchemeImportPage, page)
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'catalyst-e2e-')), 'bcf-plan.csv')
      await writeFile(file, 'Ref,Scheme,Type,Area,Commissioner,Delivered by,Funding,Total,Outputs\n2,Carers’ breaks,Carers services,Social care,Joint,VCSE,iBCF,"£250,000",400 breaks\n')
      await page.getByLabel('Scheme list').setInputFiles(file)
      await page.getByRole('button', { name: 'Upload' }).click()
      await verifyOnPage(SchemeMappingPage, page)
      await page.getByLabel('Planned expenditure').selectOption('Total')
      await page.getByLabel('Financial year of the plan').fill('2025')
      await page.getByRole('button', { name: 'Import the schemes' }).click()
      fund = await new PooledFundPage(page, name).verify()
      assert.match(await fund.mainText(), /1 scheme was imported\..*2: Carers’ breaks \(2025\/26\)/)

      // The risk share: the ICB bears no more than £50,000 of an overspend.
      await page.getByRole('link', { name: 'Change the risk share' }).click()
      await verifyOnPage(RiskSharePage, page)
      await page.getByRole('group', { name: 'How an overspend is shared' }).getByLabel('Pro rata, with a cap on what a partner bears').check()
      await page.getByRole('group', { name: 'Caps on an overspend, for a capped rule' }).getByLabel('Most NHS North East and North Cumbria Integrated Care Board bears').fill('50000')
      await page.getByRole('group', { name: 'How an underspend is shared' }).getByLabel('Pro rata to contributions').check()
      await page.getByRole('button', { name: 'Save the risk share' }).click()
      fund = await new PooledFundPage(page, name).verify()
      assert.match(await fund.mainText(), /An overspend is shared pro rata to contributions, with NHS North East and North Cumbria Integrated Care Board bearing no more than £50,000\.00/)

      // The quarter's report: quarter 2 of 2025/26.
      await page.locator('main').getByRole('link', { name: /report 2025\/26$/ }).click()
      await page.getByLabel('Quarter').selectOption({ label: 'Quarter 2' })
      await page.getByRole('button', { name: 'Show the report' }).click()
      const report = await verifyOnPage(FundReportPage, page)
      assert.equal(((await report.h1.textContent()) ?? '').trim(), 'Quarter 2 report 2025/26')
      const scheme = await report.row('schemes', '1: Home care and reablement')
      assert.equal(scheme[2], '£1,000,000.00', 'planned')
      assert.equal(scheme[3], '£500,000.00', 'planned to date: half the year')
      const total = await report.row('streams', 'Total')
      assert.equal(total[1], '£1,000,000.00', 'the pool is the two contributions')
      assert.equal(total[2], '£1,250,000.00', 'planned: the two schemes')
      const council = await report.row('risk-share', 'Demo Borough Council')
      const icb = await report.row('risk-share', 'NHS North East and North Cumbria Integrated Care Board')
      assert.equal(council[1], '£600,000.00')
      assert.equal(icb[1], '£400,000.00')
      assert.ok(!(await report.scrollsSideways()), 'the report does not scroll sideways')
      const download = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Excel workbook' }).click()
      assert.match((await download).suggestedFilename(), /^pooled-fund-.*-2025-q2\.xlsx$/)
    })

    test('an ICB’s officer follows the home page to its Better Care Fund and the year-end report, and sees nothing else of the council', async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('icb@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)
      await page.locator('.govuk-summary-list__row').filter({ hasText: /pooled funds? your organisation is a partner in/i }).getByRole('link').click()
      const list = await verifyOnPage(PooledFundsListPage, page)
      const names = await page.locator('main table tbody tr th, main table tbody tr td:first-child').allInnerTexts()
      // The demo's Better Care Fund and any fund the finance officer's test made with the ICB; never the council's
      // mental health fund, which the ICB is not a party to.
      assert.ok(names.map((n) => n.trim()).includes('Demo Better Care Fund'), names.join(', '))
      assert.ok(!names.some((n) => n.includes('mental health')), names.join(', '))
      await list.page.getByRole('link', { name: 'Demo Better Care Fund' }).click()
      await new PooledFundPage(page, 'Demo Better Care Fund').verify()
      assert.equal(await page.getByRole('link', { name: 'Record a contribution or a variation' }).count(), 0, 'a partner cannot change the fund')
      await page.locator('main').getByRole('link', { name: 'Year-end report 2025/26' }).click()
      const report = await verifyOnPage(FundReportPage, page)
      assert.ok(!(await report.scrollsSideways()))
      const icb = await report.row('risk-share', 'NHS North East and North Cumbria Integrated Care Board')
      assert.equal(icb[1], '£14,500,000.00', 'the ICB’s contribution with its in-year variation')
    })
  })
}
