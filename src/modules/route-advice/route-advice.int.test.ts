/** The route advice page as an officer uses it: questions, check your answers with "Change" links, the advice, saving it. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'

let t: TestApp
let commissioner: TestClient
let finance: TestClient

/** Words a person would not use: an API field name such as valuePence or startDate. */
const FIELD_NAME = /\b[a-z]+(?:[A-Z][a-z]+)+\b/

before(async () => {
  t = await createTestApp()
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  finance = await t.signedIn('finance@demo.catalyst.test')
})
after(async () => t.close())

const services = { arrangement: 'none', category: 'services', cpv: '85312000-9', value: '£750,000', valueIncludesVat: 'yes', termMonths: '48', 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026', counterpartyKind: 'none', directAwardGround: 'none', advertised: 'yes', reserve: 'none' }

/** The main content's text: what the page says, without the navigation and footer. */
const mainText = (html: string) => pageText(html.slice(html.indexOf('<main'), html.indexOf('</main>')))

describe('check your answers', () => {
  test('the answers are on their own page with a Change link to each question, then the advice', async () => {
    const posted = await finance.post('/route-advice', services)
    assert.equal(posted.statusCode, 303)
    const location = String(posted.headers.location)
    assert.match(location, /^\/route-advice\/answer\?/)
    const page = await finance.get(location)
    assert.equal(page.statusCode, 200)
    const text = mainText(page.body)
    assert.match(text, /Your answers Kind of arrangement A contract to buy goods, services or works Change kind of arrangement Goods, services or works Services Change/)
    assert.match(text, /Estimated value £750,000 including VAT Change/)
    assert.match(text, /Maximum term 48 months Change/)
    assert.match(text, /Start of the procurement 1 4 2026 Change/)
    assert.match(text, /Procedures you may use/)
    // Change goes back to the question with the answers filled in.
    const change = /<a class="govuk-link" href="([^"]+#termMonths)">Change<span class="govuk-visually-hidden"> maximum term<\/span>/.exec(page.body)
    assert.ok(change, 'a Change link to the term')
    const form = await finance.get(change[1]!.replace(/&amp;/g, '&').split('#')[0]!)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /id="termMonths" name="termMonths" type="text" value="48"/)
    assert.match(form.body, /id="value" name="value" type="text" spellcheck="false" value="£750,000"/)
    // A finance officer reads projects but may not save to them.
    assert.doesNotMatch(page.body, /Save the advice/)
  })

  test('errors and warnings speak in words, never in field names', async () => {
    const cases: Record<string, string>[] = [
      { category: 'goods', lightTouch: 'yes', value: '100' },
      { category: 'services', 'startDate-day': '1', 'startDate-month': '1', 'startDate-year': '2024', value: '100000' },
      { category: 'services', valueUnknown: 'yes', value: '5000' },
      { category: 'works' },
      { category: 'services', reserve: 'public-service-mutual', value: '100000' },
      { category: 'services', cpv: '99', value: '1' },
      { value: 'lots', termMonths: 'x', mutualComparableContractYearsAgo: 'two' },
    ]
    for (const body of cases) {
      const page = await finance.post('/route-advice', body)
      const text = mainText(page.statusCode === 303 ? (await finance.get(String(page.headers.location))).body : page.body)
      const word = FIELD_NAME.exec(text.replace(/Catalyst/g, ''))
      assert.equal(word, null, `${JSON.stringify(body)} shows "${word?.[0]}": ${text.slice(0, 600)}`)
    }
    const noDate = await finance.post('/route-advice', { category: 'services', value: '100000' })
    const answer = mainText((await finance.get(String(noDate.headers.location))).body)
    assert.match(answer, /No start date was given, so the thresholds in force today/)
  })
})

describe('saving the advice to a project', () => {
  test('from a project: the answer page saves to it and the project lists the advice', async () => {
    const project = await commissioner.get('/projects?q=home+care')
    const href = /href="(\/projects\/[0-9a-f-]{36})"/.exec(project.body)![1]!
    await commissioner.get(`${href}/route-advice`)
    const posted = await commissioner.post(`${href}/route-advice`, services)
    assert.equal(posted.statusCode, 303)
    const answer = await commissioner.get(String(posted.headers.location))
    assert.match(mainText(answer.body), /Home care for older people Check your answers and the advice/)
    assert.match(answer.body, new RegExp(`href="${href}/route-advice\\?[^"]*#category"`))
    const saved = await commissioner.post('/route-advice/save', { ...services, projectId: href.split('/').at(-1)! })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `${href}?saved=route-advice#plan`)
    const shown = await commissioner.get(String(saved.headers.location))
    assert.match(pageText(shown.body), /Route advice saved to the project/)
  })

  test('from the route advice page: choose the project; not choosing one says so', async () => {
    const posted = await commissioner.post('/route-advice', services)
    const answer = await commissioner.get(String(posted.headers.location))
    assert.match(answer.body, /<select class="govuk-select" id="projectId" name="projectId">/)
    const none = await commissioner.post('/route-advice/save', { ...services, projectId: '' })
    assert.equal(none.statusCode, 400)
    assert.match(pageText(none.body), /There is a problem Choose the project to save the advice to/)
  })
})
