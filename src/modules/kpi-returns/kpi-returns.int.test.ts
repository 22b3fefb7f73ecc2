/**
 * KPI returns through HTTP on a real database: the provider sends a quarter's figure (bad figures named), the contract
 * manager sees it waiting and late returns on the home page, queries it, the provider answers, the manager accepts
 * and the figure shows on the contract's page; who may do what (another provider's KPI, a quarter not ended, a
 * councillor, another council).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'

// 7 December 2026: July to September 2026 ended on 30 September and its returns were due on 30 October.
const now = new Date('2026-12-07T10:00:00Z')
let t: TestApp
let provider: TestClient
let commissioner: TestClient
let providerPage = ''
let visitsKpi = ''
let returnId = ''

before(async () => {
  t = await createTestApp({ clock: () => now })
  provider = await t.signedIn('provider@demo.catalyst.test')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
})
after(async () => t.close())

test('the provider’s returns page lists each KPI of its contracts by quarter, with the late one to send', async () => {
  const nav = await provider.get('/kpi-returns')
  assert.equal(nav.statusCode, 303)
  providerPage = String(nav.headers.location)
  assert.match(providerPage, /^\/providers\/[0-9a-f-]{36}\/returns$/)
  const page = await provider.get(providerPage)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /Your returns to the council/)
  assert.match(text, /Home care for older people \(north\) \(DBC-ASC-001\)/)
  assert.match(text, /Visits on time \(target: 95% within 15 minutes\)/)
  assert.match(text, /July to September 2026 Late due 30 October 2026 Send the Visits on time return for July to September 2026/)
  assert.match(text, /April to June 2026 93\.8 Accepted/)
  // Another supplier's contract is not on it, and its social value and local spending are linked from it.
  assert.doesNotMatch(text, /Household waste collection/)
  assert.match(text, /Your social value returns/)
  const link = page.body.match(/href="(\/providers\/[^"]+\/returns\/([0-9a-f-]{36})\/2026-07-01)"/)
  assert.ok(link, 'a link to send the July to September return')
  visitsKpi = link[2]!
  const home = pageText((await provider.get('/')).body)
  assert.match(home, /1 KPI return late/)
})

test('a figure that is not a number is refused with a message; a good one is sent and waits for the council', async () => {
  const url = `${providerPage}/${visitsKpi}/2026-07-01`
  const form = pageText((await provider.get(url)).body)
  assert.match(form, /Visits on time: July to September 2026/)
  assert.match(form, /The return is due by 30 October 2026/)
  const bad = await provider.post(url, { figure: 'about 95', note: '' })
  assert.equal(bad.statusCode, 400)
  assert.match(pageText(bad.body), /There is a problem Enter the figure as a number, like 96 or 96\.5/)
  const empty = await provider.post(url, { figure: '' })
  assert.match(pageText(empty.body), /Enter the figure for the quarter/)
  const sent = await provider.post(url, { figure: '97.5%', note: 'From the rostering system.' })
  assert.equal(sent.statusCode, 303)
  const page = pageText((await provider.get(String(sent.headers.location))).body)
  assert.match(page, /Thank you: your return has been sent to the council/)
  assert.match(page, /July to September 2026 97\.5 Waiting for the council/)
})

test('the contract manager sees returns waiting and late on the home page and the returns list', async () => {
  const home = pageText((await commissioner.get('/')).body)
  assert.match(home, /2 KPI returns to accept or query/)
  assert.match(home, /1 KPI return late from providers/)
  const list = await commissioner.get('/kpi-returns')
  const text = pageText(list.body)
  assert.match(text, /Waiting for your decision \(2\)/)
  assert.match(text, /Visits on time, July to September 2026 Home care for older people \(north\) \(DBC-ASC-001\) Riverside Community Care : KPI returns 97\.5/)
  assert.match(text, /Late \(1\) .*Complaints answered within 10 days July to September 2026 Household waste collection and recycling/)
  assert.match(text, /Queried, waiting for the provider \(1\) .*Recycling rate/)
  const link = list.body.match(/href="\/kpi-returns\/([0-9a-f-]{36})">Visits on time, July to September 2026/)
  assert.ok(link)
  returnId = link[1]!
})

test('the manager queries the figure; the provider sees the question and sends it again; the manager accepts it', async () => {
  const url = `/kpi-returns/${returnId}`
  assert.match(pageText((await commissioner.get(url)).body), /Figure 97\.5 Note From the rostering system\./)
  const none = await commissioner.post(url, {})
  assert.equal(none.statusCode, 400)
  assert.match(pageText(none.body), /Choose whether to accept the figure or query it/)
  const noQuestion = await commissioner.post(url, { decision: 'query', query: '' })
  assert.match(pageText(noQuestion.body), /Write the question the provider should answer/)
  assert.equal((await commissioner.post(url, { decision: 'query', query: 'The rota shows 61 late visits in September. Please check.' })).statusCode, 303)

  const page = pageText((await provider.get(providerPage)).body)
  assert.match(page, /July to September 2026 97\.5 Queried The rota shows 61 late visits in September\. Please check\. Answer the query/)
  const form = `${providerPage}/${visitsKpi}/2026-07-01`
  assert.match(pageText((await provider.get(form)).body), /The council asked: “The rota shows 61 late visits in September\. Please check\.”/)
  assert.equal((await provider.post(form, { figure: '94.1', note: 'Corrected: September had agency cover.' })).statusCode, 303)

  // A decision already made cannot be made again.
  assert.equal((await commissioner.post(url, { decision: 'accept' })).statusCode, 303)
  const again = await commissioner.post(url, { decision: 'query', query: 'Again?' })
  assert.equal(again.statusCode, 409)
  assert.match(pageText(again.body), /This return has already been decided/)

  // The accepted figure stands on the contract's page beside the target, and the provider cannot change it now.
  const contractLink = (await commissioner.get(url)).body.match(/href="(\/contracts\/[0-9a-f-]{36})#kpi-returns"/)
  assert.ok(contractLink)
  const contract = pageText((await commissioner.get(contractLink[1]!)).body)
  assert.match(contract, /KPI returns KPI returns by quarter KPI Target Quarter Figure Status Visits on time 95% within 15 minutes July to September 2026 94\.1 Accepted/)
  const late = await provider.post(form, { figure: '99' })
  assert.equal(late.statusCode, 409)
  assert.match(pageText(late.body), /The council has already accepted this return/)
})

test('a provider cannot report on another supplier’s KPI or a quarter not ended; a councillor cannot decide; another council sees nothing', async () => {
  const list = await commissioner.get('/kpi-returns')
  const waste = list.body.match(/href="\/kpi-returns\/([0-9a-f-]{36})">Missed bins/)
  assert.ok(waste)
  assert.equal((await provider.get(`/kpi-returns/${waste[1]}`)).statusCode, 403)
  const wasteKpiPage = await commissioner.get(`/kpi-returns/${waste[1]}`)
  const supplier = wasteKpiPage.body.match(/href="(\/providers\/[0-9a-f-]{36}\/returns)"/)
  assert.ok(supplier)
  // Another provider's returns page is not found for this provider.
  assert.equal((await provider.get(supplier[1]!)).statusCode, 404)
  // October to December 2026 has not ended; a made-up period is no quarter.
  assert.equal((await provider.get(`${providerPage}/${visitsKpi}/2026-10-01`)).statusCode, 404)
  assert.equal((await provider.get(`${providerPage}/${visitsKpi}/2026-08-01`)).statusCode, 404)
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  assert.equal((await councillor.get(`/kpi-returns/${waste[1]}`)).statusCode, 200)
  assert.equal((await councillor.post(`/kpi-returns/${waste[1]}`, { decision: 'accept' })).statusCode, 403)
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(`/kpi-returns/${waste[1]}`)).statusCode, 404)
  assert.doesNotMatch(pageText((await other.get('/kpi-returns')).body), /Missed bins/)
})
