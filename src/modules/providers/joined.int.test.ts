/** Records joined to each other: a provider, a contract, a project and a payee each link the records around them. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { formatDate } from '../../platform/dates.ts'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { contracts } from '../contracts/schema.ts'
import { spendPayees } from '../spend/schema.ts'
import { providers } from './schema.ts'

let t: TestApp
let commissioner: TestClient
let provider: TestClient
const ids: Record<string, string> = {}
const id = (k: string) => ids[k]!

before(async () => {
  t = await createTestApp()
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  provider = await t.signedIn('provider@demo.catalyst.test')
  const [riverside] = await t.db.db.select().from(providers).where(eq(providers.name, 'Riverside Community Care'))
  ids.riverside = riverside!.id
  const [contract] = await t.db.db.select().from(contracts).where(eq(contracts.reference, 'DBC-ASC-001'))
  ids.contract = contract!.id
  // The demo's contract dates are days from "now" (its spend is fixed), so the term is read, not written here.
  ids.contractStart = String(contract!.startDate)
  const [payee] = await t.db.db.select().from(spendPayees).where(eq(spendPayees.providerId, riverside!.id))
  ids.payee = payee!.id
})
after(async () => t.close())

describe('a provider’s page', () => {
  test('lists its contracts, grants, payments by year, risk assessments, capacity, and stories with its replies', async () => {
    const page = await commissioner.get(`/providers/${id('riverside')}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/contracts/${id('contract')}">Home care for older people \\(north\\)</a>`))
    assert.match(text, /Grants No grants\./)
    assert.match(text, /Payments by financial year .* 2024\/25 \d+ £[\d,.]+ .*Total £[\d,.]+/)
    assert.match(page.body, new RegExp(`href="/spend/payees/${id('payee')}"`))
    assert.match(text, /Financial risk assessments .*Low risk, low risk after mitigations; Proceed/)
    assert.match(text, /Capacity Adult social care: 1,200 hours of home care a week, of which the council uses 950/)
    assert.match(text, /What residents say The carers who came to my mum listened .* Reply from Pat Provider, Riverside Community Care/)
  })

  test('its public page shows its published contracts and stories, and nothing private', async () => {
    const page = await t.client().get(`/public/providers/${id('riverside')}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Contracts Home care for older people \(north\) DBC-ASC-001/)
    assert.match(text, /Grants No grants published\./)
    assert.match(text, /What residents say The carers who came to my mum listened/)
    assert.doesNotMatch(text, /Payments by financial year|Financial risk assessments|Capacity/)
    assert.doesNotMatch(page.body, /href="\/contracts\//)
  })

  test('a provider reading its own page sees no council-only records', async () => {
    const page = await provider.get(`/providers/${id('riverside')}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(pageText(page.body), /Payments by financial year|Financial risk assessments/)
  })
})

describe('a contract’s page', () => {
  test('links its supplier, its project, its risk assessment and shows its spend inside its term as a chart and a table', async () => {
    const page = await commissioner.get(`/contracts/${id('contract')}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(page.body, new RegExp(`href="/providers/${id('riverside')}">Riverside Community Care</a>`))
    assert.match(text, /Commissioning projects Home care for older people : lists it as in place now/)
    assert.match(page.body, /<a class="govuk-link" href="\/projects\/[0-9a-f-]{36}">Home care for older people<\/a>/)
    const start = new Date(`${id('contractStart')}T12:00:00Z`)
    assert.match(text, new RegExp(`Spend inside its term Paid to its suppliers from ${formatDate(start)} to .*: £[\\d,.]+ , \\d+% of the contract’s total value`))
    assert.match(page.body, /<svg class="app-chart"[^>]*role="img"/)
    // Every month of the term is in the table, those without payments as nothing paid.
    const firstMonth = start.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' })
    assert.match(text, new RegExp(`Spend by month inside the term Month Payments Amount ${firstMonth} \\d+ £[\\d,.]+`))
    assert.match(text, /Spend by month inside the term .* [A-Z][a-z]+ \d{4} 0 £0\.00 /, 'a month without payments is listed as nothing paid')
    assert.match(page.body, new RegExp(`href="/providers/${id('riverside')}/risk/assessments/[0-9a-f-]{36}"`))
  })
})

describe('a project’s page and a payee’s page', () => {
  test('the project links the contracts it records, and the contract links back', async () => {
    const contract = await commissioner.get(`/contracts/${id('contract')}`)
    const projectHref = contract.body.match(/href="(\/projects\/[0-9a-f-]{36})"/)![1]!
    const project = await commissioner.get(projectHref)
    assert.match(project.body, new RegExp(`<a class="govuk-link" href="/contracts/${id('contract')}">Home care for older people \\(north\\)</a>`))
  })

  test('a payee links to its provider and the provider’s contracts', async () => {
    const page = await commissioner.get(`/spend/payees/${id('payee')}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, new RegExp(`href="/providers/${id('riverside')}"`))
    assert.match(pageText(page.body), /Contracts with Riverside Community Care Home care for older people \(north\) DBC-ASC-001/)
  })
})
