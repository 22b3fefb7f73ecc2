/**
 * The spend journey in a real browser, with axe on every page: a finance officer uploads a messy file, corrects a
 * column the automatic mapping read wrongly, imports it, sees the overview with its charts and the concentration
 * page, and undoes the import.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import iconv from 'iconv-lite'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { CheckColumnsPage, ConcentrationPage, NewSpendImportPage, SpendImportPage, SpendImportsPage, SpendOverviewPage } from './pages/spend-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const FINANCE = 'finance@demo.catalyst.test'

/** A council file as published: Windows-1252, a title and a blank row above the header, an empty spacer column, a misspelt column, £ signs, a credit in brackets, a total row. */
const MESSY = iconv.encode(
  [
    'Expenditure over £500, January 2026',
    '',
    'Date Paid,,Suplier Name,Narrative,Net Amount(£),Directorate',
    '05/01/2026,,Riverside Community Care Ltd,Home care,"£12,500.00",Adult Social Care',
    '12-Jan-2026,,Willow Training CIC,Staff training,"£1,250.00",Corporate Services',
    '19/01/26,,Meadow Foods Limited,School meals,(340.50),Education',
    ',,Total,,"13,409.50",',
  ].join('\r\n'),
  'win1252',
)

const h = useBrowserHarness()

describe('spend in a browser', () => {
  test('upload a messy file, correct a column, import, read the overview and concentration, undo', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(FINANCE, DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Spend').click()
    await page.waitForURL(/\/spend$/)
    const overview = await verifyOnPage(SpendOverviewPage, page)
    await overview.navigationLink('Spend').waitFor()
    await page.getByRole('navigation', { name: 'Spend pages' }).getByRole('link', { name: 'Imports' }).click()
    const imports = await verifyOnPage(SpendImportsPage, page)
    await imports.importAFile()

    const upload = await verifyOnPage(NewSpendImportPage, page)
    await upload.upload('january-2026.csv', MESSY)
    await page.waitForURL(/\/spend\/imports\/preview\?upload=/)
    const check = await verifyOnPage(CheckColumnsPage, page)
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(main, /windows-1252, comma separated/)
    assert.match(main, /Line 3/, 'the header is found below the title and the blank row')
    assert.match(main, /Column name, misspelt/, 'Suplier Name is recognised')
    // Narrative reads as the purpose; in this council's files it is the expense type.
    assert.equal(await page.getByLabel('Field for Narrative', { exact: true }).inputValue(), 'purpose')
    await check.setColumn('Narrative', 'Expense type')
    await check.checkAgain()
    const checked = await verifyOnPage(CheckColumnsPage, page)
    assert.equal(await page.getByLabel('Field for Narrative', { exact: true }).inputValue(), 'expenseType')
    await checked.importFile()

    await page.waitForURL(/\/spend\/imports\/[0-9a-f-]{36}\?imported=1$/)
    const summary = await new SpendImportPage(page, 'january-2026.csv').verify()
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
    assert.match(text, /Rows read 4/)
    assert.match(text, /Rows imported 3/)
    assert.match(text, /Rows rejected 1/)
    assert.match(text, /Total £13,409\.50/)
    assert.match(text, /7 no payment date/, 'the total row is rejected with its line number')
    const importUrl = page.url().replace(/\?.*$/, '')

    await summary.navigationLink('Spend').click()
    await page.waitForURL(/\/spend$/)
    const spend = await verifyOnPage(SpendOverviewPage, page)
    await spend.chooseYear('2025/26')
    const yearView = await verifyOnPage(SpendOverviewPage, page)
    assert.ok((await yearView.charts().count()) >= 2, 'a chart of months and a chart of shares')
    assert.equal(await page.locator('svg.app-chart title').first().textContent(), 'Spend by month, 2025/26')
    assert.equal(await page.getByRole('link', { name: 'Staff training', exact: true }).count(), 1, 'the corrected column gives the category')
    assert.ok((await page.getByRole('link', { name: /Download this table as CSV/ }).count()) >= 5)

    await page.getByRole('navigation', { name: 'Spend pages' }).getByRole('link', { name: 'Concentration' }).click()
    await verifyOnPage(ConcentrationPage, page)
    assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Herfindahl–Hirschman index of all spend is [\d,]+: (un|moderately |highly )?concentrated/i)

    await page.goto(importUrl)
    const again = await new SpendImportPage(page, 'january-2026.csv').verify()
    await again.undo()
    await page.waitForURL(/\/spend\/imports\?undone=/)
    const afterUndo = await verifyOnPage(SpendImportsPage, page)
    assert.match((await afterUndo.page.locator('main').innerText()).replace(/\s+/g, ' '), /Import undone: january-2026\.csv/)
    assert.equal(await page.getByRole('link', { name: 'january-2026.csv' }).count(), 0)
  })
})
