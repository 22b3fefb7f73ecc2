/** Commissioning projects and route advice through real HTTP on the real database. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { findCouncil } from '../councils/service.ts'
import { contracts } from '../contracts/schema.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { createApiToken } from '../../platform/auth/service.ts'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { HOME_CARE_TITLE } from './demo.ts'
import { appraisalCriteria, appraisalOptions, commissioningProjects } from './schema.ts'

let t: TestApp
let token = ''
let demoCouncilId = ''
before(async () => {
  t = await createTestApp()
  const membership = await membershipFor(t.db.db, 'commissioner@demo.catalyst.test')
  token = (await createApiToken(t.db.db, { membershipId: membership!.membershipId, name: 'test', now: new Date() })).token
  demoCouncilId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const api = (body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/route-advice', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })

test('POST /api/v1/route-advice answers with the regime, notices and citations', async () => {
  const response = await api({ category: 'services', cpv: ['85311000-2'], valuePence: 90_000_000, startDate: '2026-04-01', termMonths: 60, reserve: 'public-service-mutual' })
  assert.equal(response.statusCode, 200)
  const advice = response.json()
  assert.equal(advice.regime, 'covered-above-threshold')
  assert.equal(advice.lightTouch, true)
  assert.equal(advice.reservationAllowed, true)
  assert.ok(advice.cites.includes('s.33(1)'))
  assert.deepEqual(advice.notices.map((n: { code: string }) => n.code), ['UK2', 'UK4', 'UK6', 'UK7'])
})

test('bad route advice input is a problem document listing each field', async () => {
  const response = await api({ valuePence: -1, valueUnknown: true, termMonths: 0, cpv: ['12'], startDate: '2024-01-01', category: 'services' })
  assert.equal(response.statusCode, 400)
  assert.match(String(response.headers['content-type']), /application\/problem\+json/)
  const fields = response.json().errors.map((e: { field: string }) => e.field)
  for (const field of ['/valuePence', '/termMonths', '/cpv/0', '/startDate']) assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`)
})

test('the route advice page shows an error summary for bad input, and the advice for good', async () => {
  const client = await t.signedIn('finance@demo.catalyst.test')
  const bad = await client.post('/route-advice', { category: 'works', value: 'lots', termMonths: '0' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /govuk-error-summary/)
  assert.match(pageText(bad.body), /Estimated value must be an amount in pounds/)
  const good = await client.post('/route-advice', { category: 'works', value: '6000000', valueIncludesVat: 'yes', 'startDate-day': '1', 'startDate-month': '3', 'startDate-year': '2026' })
  assert.equal(good.statusCode, 303)
  const answer = await client.get(String(good.headers.location))
  assert.equal(answer.statusCode, 200)
  const text = pageText(answer.body)
  assert.match(text, /Covered procurement above threshold/)
  assert.match(text, /£5,193,000/)
  assert.match(text, /UK4 Tender notice/)
})

test('a commissioner runs a project: links a contract, scores, re-weights, records a decision; all in the history', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const created = await client.post('/projects', { title: 'Day opportunities', serviceArea: 'Adult social care', budget: '£300,000' })
  assert.equal(created.statusCode, 303)
  const href = String(created.headers.location).split('?')[0]!
  const id = href.split('/').at(-1)!

  const [contract] = await t.db.db
    .insert(contracts)
    .values({ councilId: demoCouncilId, reference: 'DAY-001', title: 'Day centre services', mainCategory: 'services', awardProcedure: 'open', status: 'active' })
    .returning()
  assert.equal((await client.post(`${href}/needs`, { need: 'Fewer day places in the north', evidence: 'JSNA 2025' })).statusCode, 303)
  assert.equal((await client.post(`${href}/links`, { role: 'current', contractId: contract!.id })).statusCode, 303)
  const empty = await client.post(`${href}/decisions`, {})
  assert.equal(empty.statusCode, 400)
  assert.match(pageText(empty.body), /Say what was decided/)

  const criteria = await t.db.db.select().from(appraisalCriteria).where(eq(appraisalCriteria.projectId, id))
  assert.equal(criteria.length, 8)
  const { DEFAULT_OPTIONS } = await import('./appraisal.ts')
  assert.equal((await client.post(`${href}/appraisal/delivery-models`, { options: [...DEFAULT_OPTIONS] })).statusCode, 303)
  const appraisal = await client.get(`${href}/appraisal`)
  assert.doesNotMatch(pageText(appraisal.body), /How robust is the ranking/, 'no ranking before anything is scored')
  const optionIds = (await t.db.db.select().from(appraisalOptions).where(eq(appraisalOptions.projectId, id)).orderBy(appraisalOptions.position)).map((o) => o.id)
  assert.equal(new Set(optionIds).size, 10, 'ten delivery models to score')
  const scoreForm = (values: number[]) => Object.fromEntries(criteria.map((c, i) => [`score-${c.id}`, String(values[i])]))
  // In-house is cheap (criterion 0) but weaker on quality (1); the open contract the reverse.
  const cost = criteria.find((c) => c.name === 'Whole-life cost')!
  const quality = criteria.find((c) => c.name === 'Quality and outcomes')!
  const values = (costScore: number, qualityScore: number) => criteria.map((c) => (c.id === cost.id ? costScore : c.id === quality.id ? qualityScore : 3))
  const [first, second] = [optionIds[0]!, optionIds[1]!]
  assert.equal((await client.post(`${href}/scores`, { optionId: first, ...scoreForm(values(5, 1)), [`rationale-${cost.id}`]: 'Staff already employed' })).statusCode, 303)
  assert.equal((await client.post(`${href}/scores`, { optionId: second, ...scoreForm(values(1, 5)) })).statusCode, 303)
  const bad = await client.post(`${href}/scores`, { optionId: second, [`score-${cost.id}`]: '9' })
  assert.equal(bad.statusCode, 400)

  const topOf = async () => (await client.get(`${href}/appraisal`)).body.split('id="ranking-table"')[1]?.match(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>/)?.[1]
  // Cost weighs 20 and quality 25: the second option (1×20 + 5×25) beats the first (5×20 + 1×25).
  assert.equal(await topOf(), 'Shared service with other councils')
  const weights = Object.fromEntries(criteria.map((c) => [`weight-${c.id}`, c.id === cost.id ? '60' : c.id === quality.id ? '10' : String(c.weight)]))
  assert.equal((await client.post(`${href}/weights`, weights)).statusCode, 303)
  assert.equal(await topOf(), 'In-house', 'the scores are kept and the options re-ranked')

  const csv = await client.get(`${href}/appraisal.csv`)
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.match(csv.body, /In-house,1,[\d.]+,Whole-life cost,60,[\d.]+,5,Staff already employed/)

  assert.equal((await client.post(`${href}/decisions`, { decision: 'Keep the service in-house', reason: 'Cheapest over its life, and the ranking holds unless quality weighs far more' })).statusCode, 303)
  const page = pageText((await client.get(href)).body)
  assert.match(page, /Keep the service in-house Why: Cheapest over its life/)
  assert.match(page, /Decided by Demo Commissioner|Decided by [A-Z]/)
  assert.match(page, /Contract: Day centre services/)
  assert.match(page, /Decision by .*Decision: Keep the service in-house/)
  assert.match(page, /Project started by .*Budget: £300,000/)
  assert.match(page, /Change weights by .*Whole-life cost changed from 20 to 60/)
  assert.doesNotMatch(page, /budgetPence|serviceArea|valuePence/)
  assert.match(page, /Change weights by/)

  // Another council's project is not found, whatever the role.
  const otherAdmin = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await otherAdmin.get(href)).statusCode, 404)
  // A councillor may read but not write.
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  assert.equal((await councillor.get(href)).statusCode, 200)
  assert.equal((await councillor.post(`${href}/needs`, { need: 'x' })).statusCode, 403)
})

test('the demo has the home care project in Plan with a partly scored appraisal, and loading it twice adds nothing', async () => {
  const rows = await t.db.db.select().from(commissioningProjects).where(and(eq(commissioningProjects.councilId, demoCouncilId), eq(commissioningProjects.title, HOME_CARE_TITLE)))
  assert.equal(rows.length, 1)
  assert.equal(rows[0]!.stage, 'plan')
  const { loadDemo } = await import('../../demo/seed.ts')
  const { DEMO_PASSWORD } = await import('../../../test/support/app.ts')
  await loadDemo(t.db.db, { password: DEMO_PASSWORD, now: new Date() })
  const again = await t.db.db.select().from(commissioningProjects).where(eq(commissioningProjects.councilId, demoCouncilId))
  assert.equal(again.filter((p) => p.title === HOME_CARE_TITLE).length, 1)
})

test('options appraisal: choose delivery models up front, score the matrix in one form, confirm a removal', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const created = await client.post('/projects', { title: 'Respite care', serviceArea: 'Adult social care' })
  const href = String(created.headers.location).split('?')[0]!
  const empty = pageText((await client.get(`${href}/appraisal`)).body)
  assert.match(empty, /No delivery models chosen yet/)
  assert.doesNotMatch(empty, /How robust is the ranking/)

  const none = await client.post(`${href}/appraisal/delivery-models`, {})
  assert.equal(none.statusCode, 400)
  assert.match(pageText(none.body), /Select at least one delivery model to compare, or enter another/)
  const chosen = await client.post(`${href}/appraisal/delivery-models`, { options: ['In-house', 'Open contract'], other: 'Dynamic purchasing system' })
  assert.equal(chosen.statusCode, 303)

  const page = await client.get(`${href}/appraisal`)
  const text = pageText(page.body)
  assert.match(text, /Nothing is scored yet/)
  assert.doesNotMatch(text, /How robust is the ranking/, 'no sensitivity before anything is scored')
  assert.match(text, /Whole-life cost 5 is best: the lowest whole-life cost/)
  assert.match(text, /Quality and outcomes 5 is best;/)
  // Each cell is labelled with its criterion and option for screen readers.
  const labels = [...page.body.matchAll(/<label class="govuk-label govuk-visually-hidden" for="(score-[0-9a-f-]+)">([^<]+)<\/label>/g)]
  assert.equal(labels.length, 3 * 8)
  const field = (label: string) => labels.find((l) => l[2] === label)![1]!
  const inHouseCost = field('Score for Whole-life cost for In-house')
  const dpsQuality = field('Score for Quality and outcomes for Dynamic purchasing system')

  const bad = await client.post(`${href}/appraisal/scores`, { [inHouseCost]: '7', [dpsQuality]: 'four' })
  assert.equal(bad.statusCode, 400)
  const badText = pageText(bad.body)
  assert.match(badText, /There is a problem Enter a score from 0 to 5 for Whole-life cost for In-house Enter a score from 0 to 5 for Quality and outcomes for Dynamic purchasing system/)
  assert.doesNotMatch(badText, /score-[0-9a-f]{8}/, 'no field names in the messages')
  assert.match(bad.body, new RegExp(`href="#${inHouseCost}"`))

  assert.equal((await client.post(`${href}/appraisal/scores`, { [inHouseCost]: '4', [dpsQuality]: '5' })).statusCode, 303)
  const scored = pageText((await client.get(`${href}/appraisal`)).body)
  assert.match(scored, /How robust is the ranking/)
  assert.match(scored, /1 Dynamic purchasing system/)

  // Removing asks first; the confirmation page posts with CSRF and answers 303.
  const removeHref = (await client.get(`${href}/appraisal`)).body.match(/href="([^"]+\/remove)"[^>]*>Remove<span class="govuk-visually-hidden"> Open contract/)?.[1]
  assert.ok(removeHref, 'a remove link for Open contract')
  const confirm = await client.get(removeHref)
  assert.match(pageText(confirm.body), /Are you sure you want to remove Open contract from the appraisal\?/)
  assert.match(confirm.body, /name="_csrf"/)
  const unconfirmed = await client.post(removeHref, {})
  assert.equal(unconfirmed.headers.location, removeHref, 'a post without the confirmation goes back to the question')
  const removed = await client.post(removeHref, { confirm: 'yes' })
  assert.equal(removed.statusCode, 303)
  const after = pageText((await client.get(String(removed.headers.location))).body)
  assert.match(after, /Delivery model removed/)
  assert.doesNotMatch(after, /Score for Whole-life cost for Open contract/)

  const history = pageText((await client.get(href)).body)
  assert.match(history, /Choose delivery models by .*Delivery models: In-house, Open contract, Dynamic purchasing system/)
  assert.match(history, /Score options by .*Whole-life cost for In-house set to 4/)
  assert.match(history, /Remove option by .*Name: Open contract/)
})
