/**
 * Grant rounds through HTTP on a real database: a round is made and published, a provider saves a draft and submits
 * against the deadline (a second late is refused), a conflicted assessor cannot score, two assessors score and the
 * difference is moderated, the round is decided, and the award is a grant in the register and in the validating
 * 360Giving file; and who may see what (provider-only pages, other councils).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { grantSchema, read360Giving } from '../grants/threesixty.ts'

let now = new Date('2027-01-10T10:00:00Z')
let t: TestApp
let commissioner: TestClient
let provider: TestClient
let finance: TestClient
let admin: TestClient
let roundId = ''
let applicationId = ''

const CLOSES = new Date('2027-01-31T12:00:00Z') // 31 January 2027 at 12:00pm, London time (GMT)

before(async () => {
  t = await createTestApp({ clock: () => now })
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  provider = await t.signedIn('provider@demo.catalyst.test')
  finance = await t.signedIn('finance@demo.catalyst.test')
  admin = await t.signedIn('admin@demo.catalyst.test')
})
after(async () => t.close())

test('a commissioner makes a round with weighted criteria and publishes it; bad input is named field by field', async () => {
  await commissioner.get('/grant-rounds/new')
  const bad = await commissioner.post('/grant-rounds', { title: '', kind: 'open', budget: 'lots', opensOn: '31/2/2027', closesOn: '', criterion1: 'Fit', weight1: '0' })
  assert.equal(bad.statusCode, 400)
  const text = pageText(bad.body)
  for (const message of ['Give the round a title', 'Enter an amount in pounds', 'The opening day must be a real date', 'Enter the day the round closes']) assert.match(text, new RegExp(message))
  const weights = await commissioner.post('/grant-rounds', { title: 'T', purpose: 'P', kind: 'open', budget: '100', opensOn: '10/1/2027', closesOn: '9/1/2027', criterion1: 'Fit', weight1: '0' })
  assert.equal(weights.statusCode, 400)
  assert.match(pageText(weights.body), /Give Fit a weight from 1 to 100.*The closing day must be on or after the opening day/)

  const made = await commissioner.post('/grant-rounds', {
    title: 'Warm spaces fund', purpose: 'Warm, welcoming places this winter.', kind: 'open', budget: '20000',
    opensOn: '10/1/2027', closesOn: '31/1/2027', closesAt: '12:00',
    criterion1: 'Meets the purpose', weight1: '60', criterion2: 'Can deliver it', weight2: '40',
  })
  assert.equal(made.statusCode, 303)
  roundId = String(made.headers.location).split('/').pop()!
  // A draft is the council's own: the provider cannot see it yet.
  assert.equal((await provider.get(`/grant-rounds/${roundId}`)).statusCode, 404)
  await commissioner.get(`/grant-rounds/${roundId}`)
  assert.equal((await commissioner.post(`/grant-rounds/${roundId}/publish`)).statusCode, 303)
  const page = pageText((await commissioner.get(`/grant-rounds/${roundId}`)).body)
  assert.match(page, /Closes 31 January 2027 at 12:00pm/)
  assert.match(page, /Meets the purpose \(weight 60\)/)
})

test('a provider saves a draft; a submission one second after the deadline is refused, one at the deadline accepted', async () => {
  await provider.get(`/grant-rounds/${roundId}/apply`)
  const draft = await provider.post(`/grant-rounds/${roundId}/apply`, { projectTitle: 'Warm hub at the depot', amountRequested: '4500', action: 'save' })
  assert.equal(draft.statusCode, 303)
  assert.match(pageText((await provider.get(String(draft.headers.location))).body), /Your draft is saved/)
  // Submitting checks the short form's questions.
  const incomplete = await provider.post(`/grant-rounds/${roundId}/apply`, { projectTitle: 'Warm hub at the depot', amountRequested: '4500', action: 'submit' })
  assert.equal(incomplete.statusCode, 400)
  assert.match(pageText(incomplete.body), /Enter your organisation’s annual income.*Say what you will do with the grant.*Say who will benefit/)

  const answers = { projectTitle: 'Warm hub at the depot', amountRequested: '4500', annualIncome: '85000', summary: 'Open the canteen three afternoons a week.', whoBenefits: 'Older neighbours.', action: 'submit' }
  // Sessions last 8 hours from the last request, on the same clock: sign in again when the clock moves on.
  now = new Date(CLOSES.getTime() + 1000)
  provider = await t.signedIn('provider@demo.catalyst.test')
  const late = await provider.post(`/grant-rounds/${roundId}/apply`, answers)
  assert.equal(late.statusCode, 400)
  assert.match(pageText(late.body), /This round closed at 31 January 2027 at 12:00pm/)
  now = CLOSES
  const onTime = await provider.post(`/grant-rounds/${roundId}/apply`, answers)
  assert.equal(onTime.statusCode, 303)
  assert.match(pageText((await provider.get(`/grant-rounds/${roundId}/apply`)).body), /Submitted 31 January 2027 at 12:00pm/)
  now = new Date('2027-02-02T10:00:00Z')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  provider = await t.signedIn('provider@demo.catalyst.test')
  finance = await t.signedIn('finance@demo.catalyst.test')
  admin = await t.signedIn('admin@demo.catalyst.test')
  const list = (await commissioner.get(`/grant-rounds/${roundId}`)).body
  applicationId = /applications\/([0-9a-f-]{36})/.exec(list)![1]!
})

test('only the provider applies, only council staff assess, and another council sees nothing', async () => {
  assert.ok(roundId && applicationId)
  assert.equal((await commissioner.get(`/grant-rounds/${roundId}/apply`)).statusCode, 403)
  assert.equal((await provider.get(`/grant-rounds/${roundId}/applications/${applicationId}`)).statusCode, 403)
  assert.equal((await provider.post(`/grant-rounds/${roundId}/applications/${applicationId}/score`, {})).statusCode, 403)
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(`/grant-rounds/${roundId}`)).statusCode, 404)
  assert.equal((await other.get(`/grant-rounds/${roundId}/applications/${applicationId}`)).statusCode, 404)
  await other.get('/grant-rounds')
  assert.equal((await other.post(`/grant-rounds/${roundId}/interests`, {})).statusCode, 404)
})

test('an assessor must declare interests first, and a conflicted assessor cannot score', async () => {
  const url = `/grant-rounds/${roundId}/applications/${applicationId}`
  const page = (await commissioner.get(url)).body
  const ids = [...page.matchAll(/name="score-([0-9a-f-]{36})"/g)].map((m) => m[1]!)
  assert.equal(new Set(ids).size, 0, 'no score form before a declaration')
  assert.match(pageText(page), /Declare your interests/)
  const providerId = /providers\/([0-9a-f-]{36})/.exec(page)![1]!
  await commissioner.get(`/grant-rounds/${roundId}`)
  assert.equal((await commissioner.post(`/grant-rounds/${roundId}/interests`, { conflicts: providerId, note: 'I chair its board' })).statusCode, 303)
  const conflicted = await commissioner.get(url)
  assert.match(pageText(conflicted.body), /You declared a conflict of interest with this applicant/)
  const refused = await commissioner.post(`${url}/score`, {})
  assert.equal(refused.statusCode, 400) // no scores given: the form is checked first
  const criterionIds = await scoreIds(finance, url)
  const tried = await commissioner.post(`${url}/score`, Object.fromEntries(criterionIds.map((id) => [`score-${id}`, '4'])))
  assert.equal(tried.statusCode, 403)
  assert.match(pageText(tried.body), /You declared a conflict of interest with this applicant, so you cannot score its application/)
})

async function scoreIds(client: TestClient, url: string): Promise<string[]> {
  await client.get(`/grant-rounds/${roundId}`)
  await client.post(`/grant-rounds/${roundId}/interests`, {})
  const body = (await client.get(url)).body
  return [...new Set([...body.matchAll(/name="score-([0-9a-f-]{36})"/g)].map((m) => m[1]!))]
}

test('two assessors score; scores far apart are moderated; the round is decided and the award is a grant in 360Giving', async () => {
  const url = `/grant-rounds/${roundId}/applications/${applicationId}`
  const [fit, deliver] = await scoreIds(finance, url)
  assert.equal((await finance.post(`${url}/score`, { [`score-${fit}`]: '5', [`score-${deliver}`]: '5', comment: 'Strong' })).statusCode, 303)
  await scoreIds(admin, url)
  assert.equal((await admin.post(`${url}/score`, { [`score-${fit}`]: '2', [`score-${deliver}`]: '2' })).statusCode, 303)
  let page = pageText((await commissioner.get(url)).body)
  assert.match(page, /Needs moderation: scores 60 points apart/)
  assert.equal((await commissioner.post(`${url}/decision`, { decision: 'awarded', awarded: '4500', reason: 'r', feedback: 'f' })).statusCode, 400)
  assert.equal((await commissioner.post(`${url}/moderate`, { agreedScore: '72', note: 'Agreed at panel: the depot is ready.' })).statusCode, 303)
  page = pageText((await commissioner.get(url)).body)
  assert.match(page, /Score 72 out of 100 \(moderated\)/)
  assert.equal((await commissioner.post(`${url}/decision`, { decision: 'awarded', awarded: '4000', reason: 'Meets the purpose well.', feedback: 'We funded most of your request; tell us how the first month goes.' })).statusCode, 303)
  // The provider does not see the decision until the round is decided.
  assert.doesNotMatch(pageText((await provider.get(`/grant-rounds/${roundId}/apply`)).body), /We funded most/)
  await commissioner.get(`/grant-rounds/${roundId}`)
  assert.equal((await commissioner.post(`/grant-rounds/${roundId}/decide`)).statusCode, 303)

  const grantsPage = (await commissioner.get('/grants?q=Warm+spaces+fund')).body
  assert.match(pageText(grantsPage), /Warm hub at the depot/)
  const grantPage = (await commissioner.get(/href="(\/grants\/[0-9a-f-]{36})"/.exec(grantsPage)![1]!)).body
  assert.match(pageText(grantPage), /Programme Warm spaces fund .*Grant round Warm spaces fund/)
  assert.ok(grantPage.includes(`href="/grant-rounds/${roundId}"`), 'the grant links back to its round')
  const file = await t.client().get('/open-data/DEMO/360giving.json')
  assert.equal(file.statusCode, 200)
  const read = read360Giving(file.body)
  assert.ok(read.ok)
  const award = read.grants.map((g) => g.value as Record<string, unknown>).find((g) => g.title === 'Warm hub at the depot')
  assert.ok(award, 'the award is in the 360Giving file')
  assert.equal(award.amountAwarded, 4000)
  assert.deepEqual((award.grantProgramme as { title: string }[])[0]!.title, 'Warm spaces fund')
  for (const grant of read.grants) assert.ok(grantSchema.safeParse(grant.value).success, JSON.stringify(grant.value))

  const feedback = pageText((await provider.get(`/grant-rounds/${roundId}/apply`)).body)
  assert.match(feedback, /Awarded £4,000/)
  assert.match(feedback, /We funded most of your request/)
  const reach = pageText((await commissioner.get(`/grant-rounds/${roundId}/reach`)).body)
  assert.match(reach, /Small 1 \(100%\) 1 \(100%\)/)
})
