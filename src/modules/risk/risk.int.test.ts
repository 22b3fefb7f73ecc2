/** Financial standing through real HTTP on the real database, with the demo loaded. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { outboxMessages } from '../../platform/notify/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { contracts } from '../contracts/schema.ts'
import { providers } from '../providers/schema.ts'
import { providerFinancials, riskAssessments } from './schema.ts'

let t: TestApp
let commissioner: TestClient
let councillor: TestClient
let provider: TestClient
let admin: TestClient
const ids: Record<string, string> = {} as Record<string, string>
const id = (k: string) => ids[k]!

async function providerId(council: string, name: string) {
  const c = (await findCouncil(t.db.db, council))!
  const [row] = await t.db.db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, c.id), eq(providers.name, name)))
  return row!.id
}

before(async () => {
  t = await createTestApp()
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  councillor = await t.signedIn('councillor@demo.catalyst.test')
  // Councillors see supplier risk only when the council allows it (ADR 0062); these tests read it as a councillor who may.
  admin = await t.signedIn('admin@demo.catalyst.test')
  const allowed = await admin.post('/admin/access', { moderatorsReadProviderNotes: 'no', dismissFlagsOnOwnRecords: 'no', councillorsSeeRiskAssessments: 'yes', councillorsSeeAuditLog: 'no' })
  assert.equal(allowed.statusCode, 303)
  provider = await t.signedIn('provider@demo.catalyst.test')
  ids.riverside = await providerId('DEMO', 'Riverside Community Care')
  ids.kindred = await providerId('DEMO', 'Kindred Care Mutual CIC')
  ids.hilltop = await providerId('DEMO', 'Hilltop Youth Trust')
  ids.otherGreenway = await providerId('OTHER', 'Greenway Recycling Ltd')
  const [asc007] = await t.db.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.reference, 'DBC-ASC-007'))
  ids.asc007 = asc007!.id
})
after(async () => t.close())

describe('a provider’s financial standing page', () => {
  test('shows each year’s figures with their evidence, and the recorded assessment', async () => {
    const page = await commissioner.get(`/providers/${ids.riverside}/risk`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Turnover £3,100,000 Audited annual report and accounts/)
    assert.match(text, /Home care for older people \(north\) \(DBC-ASC-001\)/)
    assert.match(text, /Proceed/)
    assert.match(text, /Assess for a contract/)
  })

  test('is linked from the provider’s page', async () => {
    const page = await commissioner.get(`/providers/${ids.riverside}`)
    assert.match(page.body, new RegExp(`href="/providers/${ids.riverside}/risk"`))
  })

  test('a councillor may read but not change; a provider may not read the council’s page', async () => {
    const read = await councillor.get(`/providers/${ids.riverside}/risk`)
    assert.equal(read.statusCode, 200)
    assert.doesNotMatch(pageText(read.body), /Assess for a contract/)
    assert.equal((await councillor.get(`/providers/${ids.riverside}/risk/financials/new`)).statusCode, 403)
    assert.equal((await councillor.post(`/providers/${ids.riverside}/risk/events/new`, {})).statusCode, 403)
    assert.equal((await provider.get(`/providers/${ids.riverside}/risk`)).statusCode, 403)
  })

  test('another council’s provider is not found', async () => {
    assert.equal((await commissioner.get(`/providers/${ids.otherGreenway}/risk`)).statusCode, 404)
    assert.equal((await commissioner.get(`/providers/${ids.otherGreenway}/risk/assessments/new`)).statusCode, 404)
    const [otherAssessment] = await t.db.db.select({ id: riskAssessments.id }).from(riskAssessments).where(eq(riskAssessments.providerId, id('otherGreenway')))
    assert.equal((await commissioner.get(`/providers/${ids.otherGreenway}/risk/assessments/${otherAssessment!.id}`)).statusCode, 404)
    assert.equal((await commissioner.get(`/providers/${ids.riverside}/risk/assessments/${otherAssessment!.id}`)).statusCode, 404, 'an assessment is found only under its own provider')
  })
})

describe('figures and events', () => {
  test('bad figures are shown in an error summary, not a 500', async () => {
    await commissioner.get(`/providers/${ids.hilltop}/risk/financials/new`)
    const response = await commissioner.post(`/providers/${ids.hilltop}/risk/financials/new`, { 'periodEnd-day': '31', 'periodEnd-month': '13', 'periodEnd-year': '2025', turnoverPence: 'lots', cashPence: '-5', parentGuarantee: 'yes' })
    assert.equal(response.statusCode, 400)
    const text = pageText(response.body)
    assert.match(text, /There is a problem/)
    assert.match(text, /The end of the financial year must be a real date/)
    assert.match(text, /Turnover must be an amount in pounds/)
    assert.match(text, /Cash must be £0 or more/)
    assert.match(text, /Enter the parent company that gives the guarantee/)
    assert.match(response.body, /href="#periodEnd-day"/)
  })

  test('a year of figures is stored in pence with its evidence, and audited', async () => {
    const response = await commissioner.post(`/providers/${ids.hilltop}/risk/financials/new`, {
      'periodEnd-day': '31', 'periodEnd-month': '3', 'periodEnd-year': '2024',
      turnoverPence: '£128,500.50', operatingProfitPence: '(2,000)', 'evidence-turnoverPence': 'Receipts and payments account 2023/24',
      auditRequired: 'no',
    })
    assert.equal(response.statusCode, 303, pageText(response.body).slice(0, 400))
    const [row] = await t.db.db.select().from(providerFinancials).where(and(eq(providerFinancials.providerId, id('hilltop')), eq(providerFinancials.periodEnd, '2024-03-31')))
    assert.equal(row!.turnoverPence, 12_850_050)
    assert.equal(row!.operatingProfitPence, -200_000)
    assert.equal(row!.auditRequired, false)
    assert.deepEqual(row!.evidence, { turnoverPence: 'Receipts and payments account 2023/24' })
    assert.match(row!.enteredBy, /Cara Commissioner \(council officer\)/)
    const [audit] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'provider-financials'), eq(auditEntries.entityId, row!.id)))
    assert.equal(audit!.action, 'create')

    const edit = await commissioner.get(`/providers/${ids.hilltop}/risk/financials/2024-03-31`)
    assert.equal(edit.statusCode, 200)
    assert.match(edit.body, /value="128500.50"/)
    assert.equal((await commissioner.get(`/providers/${ids.hilltop}/risk/financials/2019-03-31`)).statusCode, 404)
  })

  test('an event is recorded with its Schedule 7 paragraph shown; a known-before-it-happened date is refused', async () => {
    await commissioner.get(`/providers/${ids.kindred}/risk/events/new`)
    const bad = await commissioner.post(`/providers/${ids.kindred}/risk/events/new`, { kind: 'poor-performance', 'occurredOn-day': '10', 'occurredOn-month': '6', 'occurredOn-year': '2025', 'knownOn-day': '1', 'knownOn-month': '6', 'knownOn-year': '2025', description: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /There is a problem.*on or after the date it happened.*Describe what happened/)
    const ok = await commissioner.post(`/providers/${ids.kindred}/risk/events/new`, { kind: 'poor-performance', 'occurredOn-day': '10', 'occurredOn-month': '6', 'occurredOn-year': '2025', 'knownOn-day': '20', 'knownOn-month': '6', 'knownOn-year': '2025', description: 'Missed visits after a warning notice.', source: 'Contract file' })
    assert.equal(ok.statusCode, 303)
    const page = pageText((await commissioner.get(`/providers/${ids.kindred}/risk`)).body)
    assert.match(page, /Poor performance after an opportunity to improve para 12\(2\)/)
  })
})

describe('assessing for a contract', () => {
  let assessmentUrl = ''

  test('the form needs a contract, a tier and a year', async () => {
    await commissioner.get(`/providers/${ids.kindred}/risk/assessments/new`)
    const response = await commissioner.post(`/providers/${ids.kindred}/risk/assessments/new`, { contract: 'proposed', proposedAnnualValue: 'nothing' })
    assert.equal(response.statusCode, 400)
    const text = pageText(response.body)
    assert.match(text, /There is a problem/)
    assert.match(text, /Enter the proposed contract’s title/)
    assert.match(text, /The annual value must be an amount in pounds/)
    assert.match(text, /Select the tier/)
  })

  test('a loss-making provider with net liabilities is high; each measure shows its value, threshold and effect', async () => {
    const [latest] = await t.db.db.select({ id: providerFinancials.id }).from(providerFinancials).where(eq(providerFinancials.providerId, id('kindred'))).orderBy(desc(providerFinancials.periodEnd)).limit(1)
    await commissioner.get(`/providers/${ids.kindred}/risk/assessments/new`)
    const response = await commissioner.post(`/providers/${ids.kindred}/risk/assessments/new`, { contract: ids.asc007!, critical: ['statutory', 'vulnerable'], tier: 'suggested', financials: latest!.id })
    assert.equal(response.statusCode, 303, pageText(response.body).slice(0, 500))
    assessmentUrl = String(response.headers.location)
    const text = pageText((await commissioner.get(assessmentUrl)).body)
    assert.match(text, /Result: High risk/)
    assert.match(text, /Tier 2\. Suggested: tier 2/)
    assert.match(text, /Operating margin -7% \(£140,000 loss\) at least 0% Concern/)
    assert.match(text, /5 measures other than turnover raise concerns: operating margin, net assets, current ratio, cash cover and exclusion grounds \(Schedule 7\)/)
    assert.match(text, /Net assets -£60,000 more than £0 Concern/)
    assert.match(text, /made a loss and owes at least as much as it owns/)
    assert.match(text, /Poor performance|poor performance \(para 12\(2\)/)
    assert.match(text, /Invite the provider to give more evidence/)
    assert.match(text, /Parent company guarantee/)
  })

  test('ticking mitigations recomputes the residual risk; a decision needs a reason; both are audited', async () => {
    const noReason = await commissioner.post(assessmentUrl, { mitigations: ['parent-guarantee'], decision: 'proceed-with-mitigations' })
    assert.equal(noReason.statusCode, 400)
    assert.match(pageText(noReason.body), /There is a problem.*Give the reason for the decision/)

    const saved = await commissioner.post(assessmentUrl, { mitigations: ['parent-guarantee', 'step-in-rights'], decision: 'proceed-with-mitigations', reason: 'The parent group guarantees performance; step-in rights in the contract.' })
    assert.equal(saved.statusCode, 303)
    const text = pageText((await commissioner.get(String(saved.headers.location))).body)
    assert.match(text, /Decision recorded/)
    assert.match(text, /Residual risk: Low/)
    assert.match(text, /falls from high to low/)
    assert.match(text, /Proceed with the mitigations ticked ?, relying on Parent company guarantee, Step-in rights/)
    const id = assessmentUrl.split('/').at(-1)!
    const [row] = await t.db.db.select().from(riskAssessments).where(eq(riskAssessments.id, id))
    assert.deepEqual(row!.mitigations, ['parent-guarantee', 'step-in-rights'])
    assert.equal(row!.residualRisk, 'low')
    assert.equal(row!.result, 'high')
    assert.equal(row!.decision, 'proceed-with-mitigations')
    const audits = await t.db.db.select({ action: auditEntries.action }).from(auditEntries).where(and(eq(auditEntries.entityType, 'risk-assessment'), eq(auditEntries.entityId, id)))
    assert.deepEqual(audits.map((a) => a.action).sort(), ['create', 'decide'])
  })

  test('a proposed contract; inviting more evidence records the date and emails the provider’s users', async () => {
    await commissioner.get(`/providers/${ids.riverside}/risk/assessments/new`)
    const response = await commissioner.post(`/providers/${ids.riverside}/risk/assessments/new`, { contract: 'proposed', proposedTitle: 'Extra care housing support', proposedAnnualValue: '5,000,000', tier: '3', financials: 'none' })
    assert.equal(response.statusCode, 303)
    const url = String(response.headers.location)
    const page = await commissioner.get(url)
    assert.match(pageText(page.body), /Result: Medium risk/)
    assert.match(pageText(page.body), /No figures have been given/)
    const invited = await commissioner.post(`${url}/request-evidence`)
    assert.equal(invited.statusCode, 303)
    const [row] = await t.db.db.select().from(riskAssessments).where(eq(riskAssessments.id, url.split('/').at(-1)!))
    assert.ok(row!.evidenceRequestedAt)
    const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, 'provider@demo.catalyst.test')).orderBy(desc(outboxMessages.createdAt)).limit(1)
    assert.match(message!.subject, /give more evidence of your financial standing/)
    assert.match(message!.body, new RegExp(`/providers/${ids.riverside}/risk/evidence`))
    const [audit] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, row!.id), eq(auditEntries.action, 'request-evidence')))
    assert.ok(audit)
  })
})

describe('the provider gives its own evidence', () => {
  test('its own page only; another provider is not found', async () => {
    const page = await provider.get(`/providers/${ids.riverside}/risk/evidence`)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /the council asked for more evidence for a contract worth £5,000,000 a year/)
    assert.equal((await provider.get(`/providers/${ids.kindred}/risk/evidence`)).statusCode, 404)
    assert.equal((await commissioner.get(`/providers/${ids.riverside}/risk/evidence`)).statusCode, 403)
    assert.match((await provider.get(`/providers/${ids.riverside}`)).body, /Give evidence of your financial standing/)
  })

  test('figures given by the provider say so, and a bad date is shown in an error summary', async () => {
    await provider.get(`/providers/${ids.riverside}/risk/evidence`)
    const bad = await provider.post(`/providers/${ids.riverside}/risk/evidence`, { 'periodEnd-day': '31', 'periodEnd-month': '3' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /There is a problem.*must include a year/)
    const ok = await provider.post(`/providers/${ids.riverside}/risk/evidence`, { 'periodEnd-day': '31', 'periodEnd-month': '3', 'periodEnd-year': '2023', turnoverPence: '2700000', 'evidence-turnoverPence': 'Accounts 2022/23', auditRequired: 'yes', accountsAudited: 'yes' })
    assert.equal(ok.statusCode, 303)
    const [row] = await t.db.db.select().from(providerFinancials).where(and(eq(providerFinancials.providerId, id('riverside')), eq(providerFinancials.periodEnd, '2023-03-31')))
    assert.equal(row!.enteredBy, 'Pat Provider for the provider')
    assert.equal(row!.turnoverPence, 270_000_000)
  })
})

describe('the naive-rule report', () => {
  test('names the suppliers the naive rule would exclude and what the proportionate assessment says of each', async () => {
    const page = await councillor.get('/risk/naive-rule-report')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    const rowOf = (name: string) => text.slice(text.indexOf(name, text.indexOf('Live contracts')), text.indexOf(name, text.indexOf('Live contracts')) + 400)
    assert.match(rowOf('Riverside Community Care'), /£2,480,000 £3,100,000 Would exclude Low at tier 2/)
    assert.match(rowOf('Kindred Care Mutual CIC'), /Would exclude High at tier 2/)
    assert.match(rowOf('Hilltop Youth Trust'), /£90,000 £140,000 Would exclude Medium at tier 1/)
    assert.match(rowOf('Greenway Recycling Ltd'), /Passes Low at tier 3/)
    assert.match(rowOf('Ability Works'), /No turnover given No figures recorded/)
    assert.match(text, /The naive rule would exclude 3/)
    assert.match(text, /finds 1 low risk, 1 medium and 1 high/)
  })

  test('downloads as CSV', async () => {
    const csv = await councillor.get('/risk/naive-rule-report.csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(csv.body, /^Supplier,Contract reference,/)
    assert.match(csv.body, /Riverside Community Care,DBC-ASC-001,Home care for older people \(north\),2480000\.00,\d{4}-03-31,3100000\.00,Would exclude,2,low,/)
  })
})

describe('settings', () => {
  test('only administrators; bad values in an error summary; saved values change the assessment and are audited', async () => {
    assert.equal((await commissioner.get('/risk/settings')).statusCode, 403)
    const page = await admin.get('/risk/settings')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /These thresholds are the council’s choice/)
    const form = Object.fromEntries([...page.body.matchAll(/<input class="govuk-input[^"]*" id="([^"]+)" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)].map((m) => [m[2]!, m[3]!]))
    assert.equal(form.tier3MinTurnoverRatio, '2')
    const bad = await admin.post('/risk/settings', { ...form, tier1MinCurrentRatio: 'x', tier3AnnualValue: '1' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /There is a problem.*tier 1 current ratio.*at least the tier 2 value/)
    const saved = await admin.post('/risk/settings', { ...form, tier2MinTurnoverRatio: '1.2' })
    assert.equal(saved.statusCode, 303)
    const report = pageText((await admin.get('/risk/naive-rule-report')).body)
    assert.match(report, /Riverside Community Care .{0,200}Would exclude Low at tier 2/)
    const [audit] = await t.db.db.select().from(auditEntries).where(eq(auditEntries.entityId, `${(await findCouncil(t.db.db, 'DEMO'))!.id}:risk`))
    assert.ok(audit)
  })
})
