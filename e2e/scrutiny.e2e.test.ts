/**
 * A decision followed in a real browser, with axe on every page at desktop width and at 375 px: a commissioner
 * records a key decision from a project, finds it on the public forward plan, records it taken and published; a
 * councillor calls it in from their home page's list; the commissioner records the call-in's outcome.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BasePage, verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ProjectsListPage } from './pages/project-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()

class NewDecisionPage extends BasePage {
  readonly heading = 'Record a decision'
}
class DecisionPage extends BasePage {
  constructor(page: BasePage['page'], readonly heading: string) {
    super(page)
  }
  async mainText(): Promise<string> {
    return ((await this.page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ')
  }
}
class ForwardPlanPage extends BasePage {
  readonly heading = 'Forward plan of key decisions'
}
class DecisionsListPage extends BasePage {
  readonly heading = /^Decisions/
}

const ukDate = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`

for (const width of [1280, 375]) {
  describe(`a decision from project to call-in in a browser at ${width} px`, () => {
    test('a key decision from a project onto the forward plan, taken and published, called in by a councillor, and its outcome', async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      const matter = `Award of home care framework (${width})`
      const today = new Date()

      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('commissioner@demo.catalyst.test', DEMO_PASSWORD)
      const home = await verifyOnPage(SignedInHomePage, page)
      await home.openStage('Plan')
      await home.navigationLink('Projects').click()
      const projects = await verifyOnPage(ProjectsListPage, page)
      await page.locator('main table a.govuk-link').first().click()
      await page.locator('h1').waitFor()
      await page.getByRole('link', { name: 'Record an executive decision for this project' }).click()
      await verifyOnPage(NewDecisionPage, page)
      void projects

      await page.getByLabel('The matter to be decided').fill(matter)
      await page.getByLabel('Cabinet (the executive)').check()
      await page.getByLabel('Name and title of the decision maker, or the body and its members').fill('Cabinet: the Leader and six members')
      await page.getByLabel('Date the decision is to be taken').fill(ukDate(new Date(today.getTime() + 40 * 86_400_000)))
      await page.getByLabel('Date notice was published on the forward plan (optional)').fill(ukDate(today))
      await page.getByRole('group', { name: 'Wards whose communities it significantly affects' }).getByRole('checkbox').nth(0).check()
      await page.getByRole('group', { name: 'Wards whose communities it significantly affects' }).getByRole('checkbox').nth(1).check()
      await page.getByRole('button', { name: 'Save decision' }).click()
      let decision = await new DecisionPage(page, matter).verify()
      assert.match(await decision.mainText(), /Significant effects on communities in two or more wards/)
      const decisionUrl = page.url()

      await page.getByRole('link', { name: 'See the forward plan' }).click()
      await verifyOnPage(ForwardPlanPage, page)
      assert.ok(await page.getByText(matter).first().isVisible(), 'the key decision is on the public forward plan')
      await page.goBack()

      // Taken and published today, so the call-in period is open.
      decision = await new DecisionPage(page, matter).verify()
      await page.getByLabel('What was decided').fill('To award the framework to the four highest-scoring providers.')
      await page.getByLabel('Reasons for the decision').fill('Best value for the outcomes residents asked for.')
      await page.getByLabel('Date taken').fill(ukDate(today))
      await page.getByLabel('Date the decision notice was published').fill(ukDate(today))
      await page.getByRole('button', { name: 'Record the decision' }).click()
      decision = await new DecisionPage(page, matter).verify()
      assert.match(await decision.mainText(), /Call-in Open until the end of/)
      await decision.signOut()

      // The councillor finds it among the decisions open for call-in on their home page.
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('councillor@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)
      await page.locator('.govuk-summary-card').getByRole('link', { name: /decisions? open for call-in/ }).first().click()
      await verifyOnPage(DecisionsListPage, page)
      await page.getByRole('link', { name: matter }).click()
      decision = await new DecisionPage(page, matter).verify()
      await page.getByRole('button', { name: 'Call in the decision' }).click()
      decision = await new DecisionPage(page, matter).verify()
      assert.ok((await decision.errorSummaryLinks()).some((l) => l.text === 'Give your reasons for calling in the decision'))
      await page.getByLabel('Your reasons for calling in this decision').fill('The options appraisal did not weigh in-house delivery.')
      await page.getByRole('button', { name: 'Call in the decision' }).click()
      decision = await new DecisionPage(page, matter).verify()
      assert.match(await decision.mainText(), /Called in by Cllr Priya Shah .*Awaiting the scrutiny committee/)
      await decision.signOut()

      // The commissioner records the committee's outcome.
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('commissioner@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)
      await page.goto(decisionUrl)
      decision = await new DecisionPage(page, matter).verify()
      await page.getByLabel('Referred back to the decision maker to reconsider').check()
      await page.getByLabel('What the committee decided and why').fill('The committee asked Cabinet to weigh in-house delivery.')
      await page.getByLabel('Date of the committee').fill(ukDate(today))
      await page.getByRole('button', { name: 'Record outcome' }).click()
      decision = await new DecisionPage(page, matter).verify()
      assert.match(await decision.mainText(), /Outcome, .*Referred back to the decision maker to reconsider\. The committee asked Cabinet to weigh in-house delivery\./)
      assert.equal(await decision.scrollsSideways(), false)
    })
  })
}
