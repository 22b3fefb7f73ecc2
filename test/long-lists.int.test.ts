/** Long lists page and filter with GET forms, the filter kept in every page link: payments, projects, stories, red flags. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../src/platform/db/database.ts'
import { createTestApp, pageText, type TestApp, type TestClient } from './support/app.ts'

let t: TestApp
let finance: TestClient
let commissioner: TestClient

const rowsOf = (html: string, id: string) => {
  const table = html.slice(html.indexOf(`<caption class="govuk-table__caption`), html.indexOf('</table>'))
  void id
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) => pageText(m[1]!))
}
const decode = (href: string) => href.replace(/&amp;/g, '&')

before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
})
after(async () => t.close())

describe('payments', () => {
  test('page a hundred at a time instead of the latest 200, newest first, with next and previous pages', async () => {
    const [{ n }] = (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_payments p join councils c on c.id = p.council_id where c.code = 'DEMO'`)) as [{ n: number }]
    assert.ok(n > 100, `the demo has ${n} payments`)
    const first = await finance.get('/spend/payments')
    assert.equal(first.statusCode, 200)
    assert.match(pageText(first.body), /Showing payments 1 to 100, newest first/)
    assert.equal(rowsOf(first.body, 'payments').length, 100)
    const next = decode(first.body.match(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/)![1]!)
    assert.equal(next, '/spend/payments?page=2')
    const second = await finance.get(next)
    assert.match(pageText(second.body), new RegExp(`Showing payments 101 to ${Math.min(200, n)}, newest first`))
    assert.match(second.body, /rel="prev"/)
    // A filtered list keeps its filter in the page links.
    const filtered = await finance.get('/spend/payments?min=0.01&payeeName=')
    assert.equal(decode(filtered.body.match(/href="([^"]+)" rel="next"/)![1]!), '/spend/payments?min=0.01&page=2')
  })

  test('filter by payee, dates, amount and category, and keep the filter in the page links', async () => {
    const page = await finance.get('/spend/payments?payeeName=riverside&from-day=1&from-month=4&from-year=2024&to-day=31&to-month=3&to-year=2026&min=1000&category=any')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Payments payee name containing “riverside”, paid from 1 April 2024, paid to 31 March 2026, of at least £1,000\./)
    const rows = rowsOf(page.body, 'payments')
    assert.ok(rows.length > 0)
    for (const row of rows) {
      assert.match(row, /RIVERSIDE/i)
      const amount = Number(row.match(/£([\d,]+\.\d\d)$/)![1]!.replace(/,/g, ''))
      assert.ok(amount >= 1000, row)
    }
    // The form shows what was asked for.
    assert.match(page.body, /id="payeeName" name="payeeName" type="text" spellcheck="false" value="riverside"/)
    const category = (await queryRows<{ category: string }>(t.db.db, sql`select category from spend_payments where category is not null limit 1`))[0]!.category
    const byCategory = await finance.get(`/spend/payments?category=${encodeURIComponent(category)}`)
    for (const row of rowsOf(byCategory.body, 'payments')) assert.ok(row.includes(category), row)
  })

  test('a filter that cannot be read is named in plain words and not applied', async () => {
    const page = await finance.get('/spend/payments?from-day=31&from-month=2&from-year=2025&min=lots')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /There is a problem The date paid from must be a real date, like 1 4 2025 The smallest amount must be an amount in pounds, like 500 or £1,250.50/)
    assert.match(text, /Showing payments 1 to 100/)
  })
})

describe('projects', () => {
  test('filter by words and stage, with the count of what matches', async () => {
    const all = await commissioner.get('/projects')
    assert.equal(all.statusCode, 200)
    const matching = await commissioner.get('/projects?q=home+care')
    assert.match(pageText(matching.body), /1 project .*Home care for older people/)
    assert.doesNotMatch(pageText(matching.body), /No projects match/)
    const none = await commissioner.get('/projects?q=no+such+project+anywhere')
    assert.match(pageText(none.body), /No projects match\. /)
    assert.match(none.body, /href="\/projects">Clear filters<\/a>/)
  })
})

describe('stories', () => {
  test('the public list says how many there are and which are shown', async () => {
    const page = await t.client().get('/stories')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Showing stories 1 to (\d+) of \1, newest first/)
  })
})

describe('red flags', () => {
  test('are grouped by rule with counts; each rule lists its first flags and pages the rest when chosen', async () => {
    const page = await commissioner.get('/red-flags')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Flags by rule Rule Name Open Dismissed/)
    const rule = (await commissioner.get('/red-flags?rule=RF-NOCONTRACT&page=7'))
    assert.equal(rule.statusCode, 200)
    // A page past the end shows the last page rather than nothing.
    assert.match(pageText(rule.body), /RF-NOCONTRACT: .* \(\d+\)/)
    assert.doesNotMatch(rule.body, /See all \d+ open flags/)
  })
})
