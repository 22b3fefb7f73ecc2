/** Red flags through real HTTP on the demo data: every rule's flag with its evidence, permissions, tenancy, dismiss and restore. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { findContractByReference } from '../contracts/service.ts'
import { financialYear } from '../../platform/financial-year.ts'
import { DEFAULT_RED_FLAG_SETTINGS } from '../../rules/red-flags/settings.ts'
import { spendWithoutContract as noContractRule } from '../../rules/red-flags/no-contract.ts'
import { spendOverContractValue, spendWithoutContract } from '../spend/analysis.ts'
import { overspend } from '../../rules/red-flags/overspend.ts'
import { money } from '../../rules/red-flags/format.ts'
import { loadRedFlagFacts } from './facts.ts'
import { redFlagDismissals } from './schema.ts'

let t: TestApp
let finance: TestClient
let demoId = ''
let otherId = ''
before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
})
after(async () => t.close())

/** The key of the first flag whose dismiss link follows the summary matching `pattern`. */
function dismissKey(html: string, pattern: RegExp): string {
  const cards = html.split('class="govuk-summary-card"').slice(1)
  const card = cards.find((c) => pattern.test(pageText(c)))
  assert.ok(card, `no flag matching ${pattern}`)
  const href = /href="\/red-flags\/dismiss\?key=([^"]+)"/.exec(card)
  assert.ok(href, 'the flag has a dismiss link')
  return decodeURIComponent(href[1]!.replace(/&amp;/g, '&'))
}

describe('the demo raises every rule, with its evidence', () => {
  let html = ''
  let text = ''
  before(async () => {
    const response = await finance.get('/red-flags')
    assert.equal(response.statusCode, 200)
    html = response.body
    text = pageText(html)
  })

  test('RF-SPLIT: two grounds contracts under £30,000, together over it', async () => {
    assert.match(text, /2 contracts with Sam Patel Grounds Maintenance, each below the notifiable below-threshold level of £30,000, together £31,500/)
    assert.match(text, /DBC-GRD-011 £15,500 VAT included/)
    const contract = await findContractByReference(t.db.db, demoId, 'DBC-GRD-012')
    assert.ok(html.includes(`href="/contracts/${contract!.id}"`), 'links to the contract')
  })

  test('RF-DIRECT: three direct awards to one supplier in 24 months', () => {
    assert.match(text, /3 direct awards to Brightpath Digital Ltd between .+ within 24 months/)
    assert.match(text, /DBC-IT-013 awarded .+; ground: sch5-7/)
  })

  test('RF-OVERSPEND: spend in a contract’s term beyond its value and the 10% limit, saying which payments were counted', () => {
    assert.match(text, /Oakfield Legal LLP was paid £[\d,]+ under DBC-LEG-010 \(Specialist legal advice on housing\), [\d.]+% more than its value of £60,000; modifications could add at most £6,000/)
    assert.match(text, /DBC-LEG-010 £60,000 \(services, limit 10%\); term \d+ \w+ \d{4} to \d+ \w+ \d{4}/)
    assert.match(text, /Payments counted \d+ payments, £[\d,]+, made \d+ \w+ \d{4} to \d+ \w+ \d{4}: during the contract’s term or up to 90 days after it ended/)
    assert.match(html, /href="\/spend\/payments\?payee=[0-9a-f-]{36}&amp;from=\d{4}-\d\d-\d\d&amp;to=\d{4}-\d\d-\d\d"/)
  })

  test('RF-NOCONTRACT: spend above £30,000 in a year with no contract in force', async () => {
    // More than five: the list of every rule shows the first five and links to the rest, paged by rule.
    const all = /See all (\d+) open flags from RF-NOCONTRACT/.exec(text)
    assert.ok(all, 'a link to the rule’s other flags')
    const rule = await finance.get('/red-flags?rule=RF-NOCONTRACT')
    const ruleText = pageText(rule.body)
    assert.match(ruleText, new RegExp(`RF-NOCONTRACT: .*\\(${all[1]}\\)`))
    assert.match(ruleText, /Northgate Highways Ltd was paid £[\d,]+ in 202\d\/2\d with no contract in force that year/)
    assert.match(rule.body, /href="\/spend\/payees\/[0-9a-f-]{36}"/)
  })

  test('RF-KPI: missing KPIs and an overdue assessment on the £6.1m reablement contract', () => {
    assert.match(text, /DBC-ASC-007 \(Reablement service\) has 0 KPIs; a contract of this value needs at least 3/)
    assert.match(text, /DBC-ASC-007 \(Reablement service\) was due a performance assessment by/)
  })

  test('RF-SHARE: one transport company takes most of a category', () => {
    assert.match(text, /KESTREL TRANSPORT LTD took 93\.4% of 2025\/26 spend on “Day opportunities transport” \(£123,550 of £132,300\)/)
  })

  test('RF-EXCLUSION: an insolvency known last year, with a live contract', () => {
    assert.match(text, /Meridian Facilities Services plc has an event bearing on an exclusion ground inside the look-back window/)
    assert.match(text, /Insolvency \(Sch 7 para 5\) Notice of intention to appoint administrators filed at court; happened .+, known .+, counts until/)
    assert.match(text, /DBC-FM-003 \(active\)/)
  })

  test('each rule says why it matters and its legal basis; counts by rule', () => {
    assert.match(text, /Why it matters\. Several contracts awarded close together/)
    assert.match(text, /Legal basis\. A contract may be modified without a Schedule 8 ground/)
    assert.match(text, /\(Sch 7 para 5, Sch 7 para 6, Sch 7 para 12, Sch 7 para 15, s\.71\(5\)\)/)
    assert.match(text, /RF-DIRECT Repeated direct awards to one supplier 1 0/)
  })

  test('the filter shows one rule; the CSV lists the open flags', async () => {
    const filtered = pageText((await finance.get('/red-flags?rule=RF-DIRECT')).body)
    assert.match(filtered, /3 direct awards to Brightpath/)
    assert.doesNotMatch(filtered, /Sam Patel Grounds Maintenance, each below/)
    const csv = await finance.get('/red-flags?rule=RF-SPLIT&download=csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /demo-red-flags\.csv/)
    const lines = csv.body.trim().split('\r\n')
    assert.equal(lines[0], 'Rule,Rule name,Flag key,Summary,Evidence,Legal basis')
    assert.equal(lines.length, 2)
    assert.match(lines[1]!, /^RF-SPLIT,Contracts split to stay under a threshold,RF-SPLIT:provider:[0-9a-f-]{36}:notifiable:/)
  })
})

describe('one rule for “contracts in force in a year” (ADR 0027)', () => {
  test('RF-OVERSPEND and the spend page’s table of spend over contract value list the same contracts with the same counted totals', async () => {
    const flags = overspend.evaluate(await loadRedFlagFacts(t.db.db, demoId, '2026-12-07'), DEFAULT_RED_FLAG_SETTINGS)
    assert.ok(flags.length > 0, 'the demo raises RF-OVERSPEND')
    const fromFlags = flags.map((f) => `${f.key.replace('RF-OVERSPEND:contracts:', '')} ${/was paid (£[\d,.]+)/.exec(f.summary)![1]}`).sort()
    const rows = await spendOverContractValue(t.db.db, demoId, DEFAULT_RED_FLAG_SETTINGS.overspendLateInvoiceDays)
    const fromTable = rows.map((r) => `${r.contracts.map((c) => c.id).sort().join('+')} ${money(r.spentPence)}`).sort()
    // Same contracts (the flag's key names them) and the same counted totals (the flag words them in whole pounds).
    assert.deepEqual(fromTable, fromFlags)
    // The page shows the same rows and says which payments were counted.
    const page = pageText((await finance.get('/spend/contracts')).body)
    assert.match(page, /counting payments made in the contract’s term plus 90 days/)
    assert.match(page, /only the payments made during a contract’s term or up to 90 days after it ended/)
    for (const r of rows) assert.ok(page.includes(r.contracts.map((c) => c.reference).join(', ')), `the page lists ${r.contracts.map((c) => c.reference).join(', ')}`)
    assert.match(page, /Oakfield Legal LLP DBC-LEG-010 \d+, \d+ \w+ \d{4} to \d+ \w+ \d{4} £60,000\.00 £6,000\.00 £[\d,.]+/)
  })

  test('RF-NOCONTRACT and the spend page’s list of payees over £30,000 with no contract agree on the demo, year by year', async () => {
    const facts = await loadRedFlagFacts(t.db.db, demoId, new Date().toISOString().slice(0, 10))
    const flags = noContractRule.evaluate(facts, DEFAULT_RED_FLAG_SETTINGS)
    const years = [...new Set(facts.spend.map((s) => s.year))].sort()
    assert.ok(years.length >= 2, 'the demo has spend in at least two years')
    let listed = 0
    let withAContractSomeOtherTime = 0
    for (const year of years) {
      const fromFlags = flags.filter((f) => f.key.endsWith(`:${year}`)).map((f) => f.key.split(':')[2]).sort()
      const fromPage = (await spendWithoutContract(t.db.db, demoId, financialYear(year), DEFAULT_RED_FLAG_SETTINGS.noContractThresholdPence)).map((r) => r.payeeId).sort()
      assert.deepEqual(fromPage, fromFlags, `the same payees in ${financialYear(year).label}`)
      listed += fromPage.length
      withAContractSomeOtherTime += (await spendWithoutContract(t.db.db, demoId, financialYear(year), DEFAULT_RED_FLAG_SETTINGS.noContractThresholdPence))
        .filter((r) => r.providerId && facts.contracts.some((c) => c.supplierIds.includes(r.providerId!))).length
    }
    assert.ok(listed > 0, 'the demo has payees over £30,000 with no contract in force')
    assert.ok(withAContractSomeOtherTime > 0, 'and at least one of them has a contract in the register, just not in force that year')
  })
})

describe('who may see and dismiss', () => {
  test('a councillor reads the flags but has no dismiss links and is refused a dismissal', async () => {
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    const page = await councillor.get('/red-flags')
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /\/red-flags\/dismiss\?key=/)
    assert.equal((await councillor.post('/red-flags/dismiss', { key: 'RF-X', reason: 'x' })).statusCode, 403)
    assert.equal((await councillor.get('/red-flags/settings')).statusCode, 403)
  })

  test('a provider and a moderator are refused; a visitor is sent to sign in', async () => {
    assert.equal((await (await t.signedIn('provider@demo.catalyst.test')).get('/red-flags')).statusCode, 403)
    assert.equal((await (await t.signedIn('moderator@demo.catalyst.test')).get('/red-flags')).statusCode, 403)
    const visitor = await t.client().get('/red-flags')
    assert.equal(visitor.statusCode, 303)
    assert.match(String(visitor.headers.location), /^\/sign-in/)
  })

  test('another council’s flags are never shown, and cannot be dismissed', async () => {
    const otherAdmin = await t.signedIn('admin@other.catalyst.test')
    const otherPage = await otherAdmin.get('/red-flags')
    const otherText = pageText(otherPage.body)
    // Greenway's one contract was not in force in the years of OTHER's spend: no contract that year, not overspend on it.
    assert.match(otherText, /Greenway Recycling Ltd was paid £[\d,]+ in 202\d\/\d\d with no contract in force that year/)
    assert.doesNotMatch(otherText, /Sam Patel|Brightpath|Meridian|KESTREL TRANSPORT LTD took/)
    const otherKey = dismissKey(otherPage.body, /Greenway Recycling Ltd was paid/)

    const demoText = pageText((await finance.get('/red-flags')).body)
    assert.doesNotMatch(demoText, /Otherton|Westfield Care Homes|Riverbend/)
    assert.equal((await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(otherKey)}`)).statusCode, 404)
    await finance.get('/red-flags')
    assert.equal((await finance.post('/red-flags/dismiss', { key: otherKey, reason: 'Not ours' })).statusCode, 404)
    const [stored] = await t.db.db.select().from(redFlagDismissals).where(eq(redFlagDismissals.flagKey, otherKey))
    assert.equal(stored, undefined)
    void otherId
  })
})

describe('dismissing and restoring a flag', () => {
  let key = ''

  test('without a reason: the form comes back with a GOV.UK error summary', async () => {
    key = dismissKey((await finance.get('/red-flags')).body, /3 direct awards to Brightpath/)
    const form = await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(key)}`)
    assert.equal(form.statusCode, 200)
    assert.match(pageText(form.body), /Dismiss a red flag 3 direct awards to Brightpath/)
    const response = await finance.post('/red-flags/dismiss', { key, reason: '   ' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /<a href="#reason">Enter why you are dismissing this flag<\/a>/)
    assert.match(response.body, /<title>Error: Dismiss a red flag/)
    assert.equal((await finance.post('/red-flags/dismiss', { reason: 'no key' })).statusCode, 400)
  })

  test('with a reason: listed as dismissed with the reason, who and when, and audited', async () => {
    await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(key)}`)
    const response = await finance.post('/red-flags/dismiss', { key, reason: 'Each award was a separate Sch 5 para 7 extension of the same system; a full competition is planned for 2027.' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/red-flags?dismissed=1')
    const page = await finance.get('/red-flags?dismissed=1')
    const text = pageText(page.body)
    assert.match(text, /Flag dismissed/)
    const [open, dismissed] = text.split('Dismissed flags (')
    assert.doesNotMatch(open!, /3 direct awards to Brightpath Digital Ltd between/)
    assert.match(dismissed!, /3 direct awards to Brightpath Digital Ltd between .+ Reason Each award was a separate Sch 5 para 7 extension .+ Dismissed by Femi Finance When .+ Still raised Yes/)
    assert.match(text, /RF-DIRECT Repeated direct awards to one supplier 0 1/)
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.councilId, demoId), eq(auditEntries.entityType, 'red-flag'), eq(auditEntries.entityId, key))).orderBy(desc(auditEntries.id))
    assert.equal(entry!.action, 'dismiss')
    assert.equal(entry!.actorLabel, 'Femi Finance')
    assert.match(JSON.stringify(entry!.after), /separate Sch 5 para 7/)
    // Asking to dismiss it again goes back to the list.
    assert.equal((await finance.get(`/red-flags/dismiss?key=${encodeURIComponent(key)}`)).statusCode, 303)
  })

  test('restore: the flag is open again, and audited; restoring one not dismissed is 404', async () => {
    await finance.get('/red-flags')
    const response = await finance.post('/red-flags/restore', { key })
    assert.equal(response.statusCode, 303)
    const text = pageText((await finance.get('/red-flags')).body)
    assert.match(text.split('Dismissed flags (')[0]!, /3 direct awards to Brightpath Digital Ltd between/)
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'red-flag'), eq(auditEntries.entityId, key))).orderBy(desc(auditEntries.id))
    assert.equal(entry!.action, 'restore')
    assert.match(JSON.stringify(entry!.before), /separate Sch 5 para 7/)
    assert.equal((await finance.post('/red-flags/restore', { key })).statusCode, 404)
  })
})

describe('the red flag settings', () => {
  test('only administrators; bad input gives an error summary; saving changes the flags and is audited', async () => {
    assert.equal((await finance.get('/red-flags/settings')).statusCode, 403)
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const page = await admin.get('/red-flags/settings')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /Notifiable below-threshold level .+ Default: £30,000\. Used by RF-SPLIT\./)
    const form = { notifiableLevelPence: '30000', splitWindowMonths: '12', splitCpvDigits: '5', vatRatePercent: '20', directAwardCount: '3', directAwardWindowMonths: '24', directAwardCountUserChoice: 'no', noContractThresholdPence: '30000', overspendLateInvoiceDays: '90', categorySharePercent: '50', categoryMinimumPence: '100000', socialValueDeliveredPercent: '75' }
    const bad = await admin.post('/red-flags/settings', { ...form, directAwardCount: '1', notifiableLevelPence: 'lots' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /<a href="#notifiableLevelPence">Enter the notifiable below-threshold level in pounds, like 30000<\/a>/)
    assert.match(bad.body, /<a href="#directAwardCount">Direct awards to one supplier must be a whole number from 2 to 50<\/a>/)

    const saved = await admin.post('/red-flags/settings', { ...form, directAwardCount: '4' })
    assert.equal(saved.statusCode, 303)
    assert.doesNotMatch(pageText((await admin.get('/red-flags')).body), /direct awards to Brightpath/)
    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'council-settings'), eq(auditEntries.entityId, `${demoId}:red-flags`))).orderBy(desc(auditEntries.id))
    assert.equal((entry!.after as { directAwardCount: number }).directAwardCount, 4)
    await admin.post('/red-flags/settings', form)
    assert.match(pageText((await admin.get('/red-flags')).body), /3 direct awards to Brightpath/)
  })
})
