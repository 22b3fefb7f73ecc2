/**
 * The spend journey in a real browser, with axe on every page: a finance officer uploads a messy file, corrects a
 * column the automatic mapping read wrongly, imports it, sees the overview with its charts and the concentration
 * page, and undoes the import. Then, at a desktop's width and a phone's, counts two spellings of a category as one
 * and adds a payee to the provider register from its page.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import iconv from 'iconv-lite'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import {
  CheckColumnsPage,
  ConcentrationPage,
  NewPayeeProviderPage,
  NewSpendImportPage,
  PayeePage,
  PayeesPage,
  SpendCategoriesPage,
  SpendImportPage,
  SpendImportProgressPage,
  SpendImportsPage,
  SpendOverviewPage,
} from './pages/spend-pages.ts'
import type { BasePage } from './pages/base-page.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'
import { runSpendImportJobs } from '../test/support/spend-import-jobs.ts'

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

    // The import runs as a job (ADR 0052): the harness runs no worker, so the test runs it, then looks again.
    await page.waitForURL(/\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
    const progress = await verifyOnPage(SpendImportProgressPage, page)
    await runSpendImportJobs(h.app.db.db)
    await progress.checkAgain()
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

/** axe clean (verify) and no sideways scrolling, on every page of the width tests. */
async function checked<T extends BasePage>(view: T): Promise<T> {
  await view.verify()
  assert.equal(await view.scrollsSideways(), false, `${view.page.url()} scrolls sideways at ${view.page.viewportSize()?.width}px`)
  return view
}

const mainText = async (view: BasePage) => (await view.page.locator('main').innerText()).replace(/\s+/g, ' ')

describe('spend categories and the provider register in a browser', () => {
  for (const [width, label, year, companyNumber] of [[1280, 'desktop', '2015', '13572401'], [375, 'phone', '2016', '13572402']] as const) {
    test(`count two spellings of a category as one, and add a payee to the provider register, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn(FINANCE, DEMO_PASSWORD)
      const home = await checked(new SignedInHomePage(page))
      // The home page's Analyse card lists Spend at every width.
      await home.navigationLink('Spend').click()
      await page.waitForURL(/\/spend$/)
      await checked(new SpendOverviewPage(page))
      await page.getByRole('navigation', { name: 'Spend pages' }).getByRole('link', { name: 'Imports' }).click()
      await (await checked(new SpendImportsPage(page))).importAFile()
      const file = [
        'Payment Date,Supplier Name,Amount,Expense Type,Company Number',
        `10/05/${year},Heron Agency ${label} Ltd,1000.00,Agency Staff ${label},`,
        `11/05/${year},Heron Agency ${label} Ltd,500.00,Agency staff costs ${label},`,
        `12/05/${year},Puffin Care ${label} CIC,700.00,Home care ${label},${companyNumber}`,
      ].join('\r\n')
      await (await checked(new NewSpendImportPage(page))).upload(`categories-${label}.csv`, Buffer.from(file))
      await (await checked(new CheckColumnsPage(page))).importFile()
      await page.waitForURL(/\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
      const progress = await verifyOnPage(SpendImportProgressPage, page)
      await runSpendImportJobs(h.app.db.db)
      await progress.checkAgain()
      await page.waitForURL(/\/spend\/imports\/[0-9a-f-]{36}\?imported=1$/)
      await checked(new SpendImportPage(page, `categories-${label}.csv`))

      // The overview of the year, then the categories page from its link.
      await page.getByRole('link', { name: /See where the money went/ }).click()
      const overview = await checked(new SpendOverviewPage(page))
      assert.equal(await page.getByRole('link', { name: `Agency staff costs ${label}`, exact: true }).count(), 1)
      await overview.page.getByRole('link', { name: 'Count categories spelt differently as one' }).click()
      const categories = await checked(new SpendCategoriesPage(page))
      assert.match(await mainText(categories), new RegExp(`Agency staff costs ${label} 1 payment, £500\\.00`))
      // A mistake first: no category chosen. The error summary links to the checkboxes.
      await categories.countAsOne([], `Agency Staff ${label}`)
      const mistaken = await checked(new SpendCategoriesPage(page))
      assert.deepEqual(await mistaken.errorSummaryLinks(), [{ text: 'Select the categories to count as one', href: '#categories' }])
      await mistaken.countAsOne([`Agency staff costs ${label}`], `Agency Staff ${label}`)
      const mapped = await checked(new SpendCategoriesPage(page))
      assert.match(await mainText(mapped), new RegExp(`1 category now counts under “Agency Staff ${label}”`))
      assert.match(await mainText(mapped), new RegExp(`Agency Staff ${label} 2 payments, £1,500\\.00 in all`))

      await page.goto(`/spend?year=${year}`)
      await checked(new SpendOverviewPage(page))
      const byCategory = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Spend by category' }) })
      const row = byCategory.getByRole('row').filter({ has: page.getByRole('link', { name: `Agency Staff ${label}`, exact: true }) })
      assert.match((await row.innerText()).replace(/\s+/g, ' '), /£1,500\.00\s*2/)
      assert.equal(await page.getByRole('link', { name: `Agency staff costs ${label}`, exact: true }).count(), 0)

      // The payee from the payees list, then "Add to provider register" from its page.
      await page.getByRole('navigation', { name: 'Spend pages' }).getByRole('link', { name: 'Payees' }).click()
      const payees = await checked(new PayeesPage(page))
      await payees.page.locator('#year').selectOption({ value: year })
      await payees.page.getByRole('button', { name: 'Show', exact: true }).click()
      await page.waitForURL(new RegExp(`year=${year}`))
      await checked(new PayeesPage(page))
      await page.getByRole('link', { name: `Puffin Care ${label} CIC`, exact: true }).click()
      const payee = await checked(new PayeePage(page, `Puffin Care ${label} CIC`))
      await payee.page.getByRole('button', { name: 'Add to provider register' }).click()
      const form = await checked(new NewPayeeProviderPage(page))
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), `Puffin Care ${label} CIC`)
      assert.equal(await page.getByLabel('Identifier 1', { exact: true }).inputValue(), companyNumber)
      await form.page.getByRole('radio', { name: 'Community interest company' }).check()
      await form.page.getByRole('radio', { name: 'No, keep it to this council' }).check()
      await form.page.getByRole('button', { name: 'Save provider' }).click()
      const linked = await checked(new PayeePage(page, `Puffin Care ${label} CIC`))
      assert.match(await mainText(linked), new RegExp(`Puffin Care ${label} CIC added to the provider register and linked to it`))
      assert.equal(await page.getByRole('button', { name: 'Add to provider register' }).count(), 0)
      await page.locator('main .govuk-summary-list').getByRole('link', { name: `Puffin Care ${label} CIC` }).click()
      await page.waitForURL(/\/providers\/[0-9a-f-]{36}$/)
      assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Paid as: Puffin Care/)

      // Undo the mapping: the spelling is a category of its own again.
      await page.goto('/spend/categories')
      await (await checked(new SpendCategoriesPage(page))).undo(`Agency staff costs ${label}`)
      assert.match(await mainText(await checked(new SpendCategoriesPage(page))), new RegExp(`“Agency staff costs ${label}” counts under its own name again`))
    })
  }
})
