/**
 * A commissioning project in a real browser, with axe on every page visited: the demo home care project from
 * Analyse (a new need) through the options appraisal (scores, re-weighting) and route advice to a recorded decision.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { AppraisalPage, AppraisalReportPage, ChooseOptionsPage, ProjectPage, RemoveOptionPage, ProjectsListPage, RouteAdvicePage } from './pages/project-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const TITLE = 'Home care for older people'

const h = useBrowserHarness()

describe('commissioning project in a browser', () => {
  test('a commissioner takes the home care project from Analyse to a recorded decision with an appraisal and route advice', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn('commissioner@demo.catalyst.test', DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Projects').click()
    const list = await verifyOnPage(ProjectsListPage, page)
    await list.open(TITLE)

    // Analyse: a need with its evidence.
    let project = await new ProjectPage(page, TITLE).verify()
    await project.addNeed('Carers need breaks they can plan', 'Carers survey 2025: 61% could not take a break')
    project = await new ProjectPage(page, TITLE).verify()
    assert.match(await project.mainText(), /Need added.*Carers need breaks they can plan Carers survey 2025/)

    // Plan: score an option, then change a weight and see the ranking follow.
    await page.getByRole('link', { name: 'Open the options appraisal' }).click()
    let appraisal = await verifyOnPage(AppraisalPage, page)
    assert.equal((await appraisal.ranking())[0], 'Contract divided into lots', 'the demo scores put lots first')
    // Another delivery model, chosen up front, then removed again: removal asks to confirm.
    await page.getByRole('button', { name: 'Choose more delivery models to compare' }).click()
    await verifyOnPage(ChooseOptionsPage, page)
    await page.getByLabel('Another delivery model (optional)').fill('Dynamic purchasing system')
    await page.getByRole('button', { name: 'Compare these delivery models' }).click()
    appraisal = await verifyOnPage(AppraisalPage, page)
    assert.ok((await appraisal.matrixOptions()).includes('Dynamic purchasing system'))
    await appraisal.remove('Dynamic purchasing system')
    await verifyOnPage(RemoveOptionPage, page)
    await page.getByRole('button', { name: 'Yes, remove it' }).click()
    appraisal = await verifyOnPage(AppraisalPage, page)
    assert.ok(!(await appraisal.matrixOptions()).includes('Dynamic purchasing system'))

    // The matrix in one form: a bad score is named by criterion and option, then put right.
    await appraisal.fillMatrix('A partnership or alliance', 'Social value', 9)
    await appraisal.saveMatrix()
    appraisal = await verifyOnPage(AppraisalPage, page)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a score from 0 to 5 for Social value for A partnership or alliance/)
    for (const criterion of ['Whole-life cost', 'Quality and outcomes', 'Social value', 'Local economic value', 'Resilience and concentration risk', 'Market capacity', 'Time and deliverability', 'Legal complexity']) {
      await appraisal.fillMatrix('A partnership or alliance', criterion, criterion === 'Quality and outcomes' ? 5 : 3)
    }
    await appraisal.saveMatrix()
    appraisal = await verifyOnPage(AppraisalPage, page)
    await appraisal.setWeight('Quality and outcomes', 90)
    await page.getByRole('button', { name: 'Save weights and re-rank' }).click()
    appraisal = await verifyOnPage(AppraisalPage, page)
    assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Weights changed: the scores are kept and the options re-ranked/)
    assert.equal((await appraisal.ranking())[0], 'A partnership or alliance', 'quality now weighs most, and the partnership scores best on it')
    assert.ok((await page.locator('#sensitivity-table tbody tr').count()) === 8)

    await page.getByRole('link', { name: 'Printable report' }).click()
    await verifyOnPage(AppraisalReportPage, page)
    await page.goBack()
    await verifyOnPage(AppraisalPage, page)
    await page.getByRole('link', { name: 'Back to the project' }).click()
    project = await new ProjectPage(page, TITLE).verify()

    // Route advice for a light touch home care contract, saved to the project.
    await page.getByRole('link', { name: 'Get route advice for this project' }).click()
    await verifyOnPage(RouteAdvicePage, page)
    await page.getByLabel('A contract to buy goods, services or works').check()
    await page.getByLabel('Services', { exact: true }).check()
    await page.getByLabel('CPV codes (optional)').fill('85311000-2')
    await page.getByLabel('Total value in pounds').fill('12500000')
    await page.getByLabel('Yes, VAT is included').check()
    await page.locator('#startDate-day').fill('1')
    await page.locator('#startDate-month').fill('10')
    await page.locator('#startDate-year').fill('2026')
    await page.getByRole('button', { name: 'Continue' }).click()
    // The answer page (check your answers with the advice) saves it to the project.
    await page.getByRole('button', { name: /^Save to / }).click()
    project = await new ProjectPage(page, TITLE).verify()
    const planText = await project.mainText()
    assert.match(planText, /Route advice saved to the project/)
    assert.match(planText, /Covered procurement above threshold.*light touch contract threshold of £663,540/)
    assert.match(planText, /Notices: UK2, UK4, UK6, UK7/)

    // The decision, with who and why, in the decisions and the history.
    await project.recordDecision('Commission home care in lots by neighbourhood', 'Ranked first on the appraisal and keeps care local; a light touch contract above threshold')
    project = await new ProjectPage(page, TITLE).verify()
    const text = await project.mainText()
    assert.match(text, /Decision recorded/)
    assert.match(text, /Commission home care in lots by neighbourhood Why: Ranked first .* Decided by [^,]+ on/)
    assert.match(text, /History .*Decision by /)
    assert.match(text, /Route advice by /)
  })

  test('the route advice page explains bad input with a GOV.UK error summary', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn('finance@demo.catalyst.test', DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, page)
    await page.goto('/route-advice')
    await verifyOnPage(RouteAdvicePage, page)
    await page.getByLabel('Works', { exact: true }).check()
    await page.getByLabel('Total value in pounds').fill('-5')
    await page.getByRole('button', { name: 'Continue' }).click()
    const withErrors = await verifyOnPage(RouteAdvicePage, page)
    assert.match(await page.title(), /^Error: /)
    const links = await withErrors.errorSummaryLinks()
    assert.ok(links.some((l) => /cannot be negative/.test(l.text) && l.href === '#value'), JSON.stringify(links))
  })
})
