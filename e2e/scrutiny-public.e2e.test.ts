/**
 * The public scrutiny pages in a real browser, with axe on every page at desktop width and at 375 px: a visitor with
 * no sign-in goes from the open data page to DEMO's scrutiny committees, a committee's work programme, the
 * recommendations and one with the executive's response, the forward plan entry it concerns, and the answered
 * questions (not the one marked not for publication); an officer then withholds a question from its signed-in page
 * and publishes it again.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BasePage, verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()

class PublicPage extends BasePage {
  constructor(page: BasePage['page'], readonly heading: string | RegExp) {
    super(page)
  }
  async mainText(): Promise<string> {
    return ((await this.page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ')
  }
}
const onPage = (page: BasePage['page'], heading: string | RegExp) => new PublicPage(page, heading).verify()

for (const width of [1280, 375]) {
  describe(`the public scrutiny pages in a browser at ${width} px`, () => {
    test('a visitor follows committees, recommendations and answered questions; an officer withholds a question and publishes it again', async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })

      await page.goto('/open-data')
      await onPage(page, 'Open data')
      await page.getByRole('link', { name: 'Scrutiny committees, their recommendations and councillors’ questions of Demo Borough Council' }).click()
      let current = await onPage(page, 'Overview and scrutiny')
      assert.match(await current.mainText(), /Committees and their work programmes Adults, Health and Housing Scrutiny Committee .*Home care recommissioning: options and market/)

      await page.getByRole('link', { name: 'Adults, Health and Housing Scrutiny Committee' }).click()
      current = await onPage(page, 'Adults, Health and Housing Scrutiny Committee')
      assert.match(await current.mainText(), /Cllr Priya Shah Chair/)
      assert.equal(await current.scrollsSideways(), false)
      await page.getByRole('link', { name: /^All scrutiny committees/ }).click()
      await onPage(page, 'Overview and scrutiny')

      await page.getByRole('link', { name: 'Recommendations to the executive, with its responses' }).click()
      current = await onPage(page, 'Scrutiny recommendations to the executive')
      assert.ok(await page.getByRole('link', { name: 'CSV' }).isVisible())
      await page.getByRole('link', { name: 'Report residents’ stories to the committee each quarter' }).click()
      current = await onPage(page, 'Report residents’ stories to the committee each quarter')
      assert.match(await current.mainText(), /Response Accepted .*Implementation In progress/)
      await page.goBack()
      await page.getByRole('link', { name: 'Publish the home care market sustainability plan before the award' }).click()
      current = await onPage(page, 'Publish the home care market sustainability plan before the award')
      assert.match(await current.mainText(), /State Response overdue .*No response yet/)
      await page.locator('main').getByRole('link', { name: /on the forward plan$/ }).click()
      await onPage(page, 'Forward plan of key decisions')
      assert.match(page.url(), /\/forward-plan\/DEMO#decision-/)
      await page.getByRole('link', { name: 'scrutiny committees', exact: true }).click()
      await onPage(page, 'Overview and scrutiny')

      await page.getByRole('link', { name: 'Councillors’ questions and their answers' }).click()
      current = await onPage(page, 'Councillors’ questions and answers')
      const listed = await current.mainText()
      assert.match(listed, /How many people waited more than a week for a home care package/)
      assert.ok(!listed.includes('Why was the care package'), 'the question marked not for publication is not listed')
      assert.ok(!listed.includes('What did the options appraisal say'), 'the unanswered question is not listed')
      await page.getByRole('link', { name: /^How many people waited/ }).click()
      current = await onPage(page, 'Councillor’s question')
      assert.match(await current.mainText(), /Answer Forty-two people waited more than a week/)
      const publicUrl = page.url()

      // An officer withholds the question from its signed-in page, which links to the public one.
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('commissioner@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)
      await page.goto('/questions')
      await onPage(page, 'Councillors’ questions')
      await page.locator('main table').getByRole('link', { name: /^How many people waited/ }).click()
      current = await onPage(page, 'Councillor’s question')
      assert.equal(await page.getByRole('link', { name: 'public page of this question' }).getAttribute('href'), new URL(publicUrl).pathname)
      await page.getByLabel('Not for publication', { exact: true }).check()
      await page.getByRole('button', { name: 'Save publication' }).click()
      current = await onPage(page, 'Councillor’s question')
      assert.ok((await current.errorSummaryLinks()).some((l) => l.text === 'Enter why the question is not for publication'))
      await page.getByLabel('Why it is not for publication').fill('It names a resident’s care provider.')
      await page.getByRole('button', { name: 'Save publication' }).click()
      current = await onPage(page, 'Councillor’s question')
      assert.match(await current.mainText(), /Not on the public pages\. Marked not for publication: It names a resident’s care provider\./)
      const response = await page.request.get(publicUrl)
      assert.equal(response.status(), 404)
      await page.getByLabel('It may be published').check()
      await page.getByRole('button', { name: 'Save publication' }).click()
      current = await onPage(page, 'Councillor’s question')
      assert.match(await current.mainText(), /Published: public page of this question/)
      assert.equal(await current.scrollsSideways(), false)
    })
  })
}
