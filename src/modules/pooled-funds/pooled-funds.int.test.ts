/**
 * Pooled funds through real HTTP on the real database (PGlite and PostgreSQL): partner access (an ICB's user sees its
 * pooled fund and nothing else of the council), a fund built through its forms, and the report's figures checked
 * against the payments beneath them, on the page, in the CSV and in the Excel workbook.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { and, eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { linkIn, recentMessages } from '../../platform/notify/notifier.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'
import { contracts } from '../contracts/schema.ts'
import { partnerOrganisations, pooledFunds } from './schema.ts'

let t: TestApp
let demoId = ''
const fundId = async (name: string) => (await t.db.db.select({ id: pooledFunds.id }).from(pooledFunds).where(eq(pooledFunds.name, name)))[0]!.id
const orgId = async (code: string) => (await t.db.db.select({ id: partnerOrganisations.id }).from(partnerOrganisations).where(eq(partnerOrganisations.code, code)))[0]!.id

before(async () => {
  // A fixed day in 2026/27's third quarter, so that the default report is quarter 2 and 2025/26 is a whole past year.
  t = await createTestApp({ clock: () => new Date('2026-12-07T10:00:00Z') })
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

describe('partner access', () => {
  let icb: TestClient
  before(async () => {
    icb = await t.signedIn('icb@demo.catalyst.test')
  })

  test('an ICB user sees the pooled fund its ICB is party to, and not the council’s other fund', async () => {
    const list = pageText((await icb.get('/pooled-funds')).body)
    assert.match(list, /Demo Better Care Fund/)
    assert.doesNotMatch(list, /Demo mental health pooled fund/)
    assert.doesNotMatch(list, /Other Better Care Fund/)
    assert.equal((await icb.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}`)).statusCode, 200)
    assert.equal((await icb.get(`/pooled-funds/${await fundId('Demo mental health pooled fund')}`)).statusCode, 404)
    assert.equal((await icb.get(`/pooled-funds/${await fundId('Other Better Care Fund')}`)).statusCode, 404)
    for (const suffix of ['report?year=2025&quarter=2', 'report.csv?year=2025&quarter=2', 'report.xlsx?year=2025&quarter=2']) {
      assert.equal((await icb.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}/${suffix}`)).statusCode, 200, suffix)
      assert.equal((await icb.get(`/pooled-funds/${await fundId('Demo mental health pooled fund')}/${suffix}`)).statusCode, 404, suffix)
    }
  })

  test('an ICB user sees nothing else of the council: registers, spend, projects, people, settings', async () => {
    for (const url of ['/contracts', '/grants', '/spend', '/spend/payments', '/providers', '/projects', '/market', '/red-flags', '/admin/users', '/settings', '/stories/council', '/contracts/opportunities']) {
      assert.equal((await icb.get(url)).statusCode, 403, url)
    }
    const [contract] = await t.db.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.councilId, demoId)).limit(1)
    assert.equal((await icb.get(`/contracts/${contract!.id}`)).statusCode, 403)
    const token = await t.app.inject({ method: 'GET', url: '/api/v1/providers' })
    assert.equal(token.statusCode, 401)
  })

  test('an ICB user cannot change a fund, even its own', async () => {
    const id = await fundId('Demo Better Care Fund')
    assert.equal((await icb.get(`/pooled-funds/${id}/contributions/new`)).statusCode, 403)
    assert.equal((await icb.post(`/pooled-funds/${id}/contributions`, { organisation: await orgId('QHM'), stream: 'nhs-minimum', financialYear: '2025', kind: 'variation', amount: '-1000000', agreedOn: '1/1/2026', note: 'Taken back' })).statusCode, 403)
    assert.equal((await icb.post(`/pooled-funds/${id}/risk-share`, { overspendKind: 'pro-rata', underspendKind: 'pro-rata' })).statusCode, 403)
    assert.equal((await icb.get('/pooled-funds/new')).statusCode, 403)
  })

  test('the ICB user’s home page and search show its fund and nothing of the council’s registers', async () => {
    const homeHtml = (await icb.get('/')).body
    assert.match(pageText(homeHtml), /1 pooled fund your organisation is a partner in/)
    // No count or link into the council's own records: only the pooled funds, the national list of councils and the
    // person's own account (their second factor).
    const links = [...homeHtml.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!).filter((href) => !href.startsWith('/assets/'))
    const council = links.filter((href) => !['/', '/pooled-funds', '/councils', '/search', '/accessibility', '/cookies', '/public/providers', '/api/v1/openapi.json', '/sign-out', '/choose-council', '/account/two-factor'].includes(href.split('?')[0]!.split('#')[0]!))
    assert.deepEqual(council, [], `links from the partner's home page: ${links.join(', ')}`)
    const search = pageText((await icb.get('/search?q=care')).body)
    assert.match(search, /Demo Better Care Fund/)
    assert.doesNotMatch(search, /Other Better Care Fund/)
    assert.doesNotMatch(search, /\bContracts\b|\bProviders\b|\bPayees\b/)
    const fundPage = (await icb.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}`)).body
    // The scheme's contract is named but not linked: the partner cannot open the council's contracts.
    assert.match(pageText(fundPage), /Delivered through: Contract /)
    assert.doesNotMatch(fundPage, /href="\/contracts\//)
  })

  test('an administrator invites a partner’s officer from the fund’s page; once accepted they see only that partner’s funds', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const id = await fundId('Demo mental health pooled fund')
    const missing = await admin.post(`/pooled-funds/${id}/partner-users`, { invitePartner: '', inviteName: '', inviteEmail: 'nope' })
    assert.equal(missing.statusCode, 400)
    assert.match(pageText(missing.body), /Choose the partner organisation the person works for.*Enter their full name.*Enter an email address in the correct format/)
    const notPartner = await admin.post(`/pooled-funds/${id}/partner-users`, { invitePartner: await orgId('QHM'), inviteName: 'Ian', inviteEmail: 'ian@nhs.example' })
    assert.match(pageText(notPartner.body), /Choose one of the fund’s partners/)
    const sent = await admin.post(`/pooled-funds/${id}/partner-users`, { invitePartner: await orgId('RX3'), inviteName: 'Tess Trust', inviteEmail: 'Tess@Trust.example' })
    assert.equal(sent.statusCode, 303)
    const finance = await t.signedIn('finance@demo.catalyst.test')
    assert.equal((await finance.post(`/pooled-funds/${id}/partner-users`, { invitePartner: await orgId('RX3'), inviteName: 'X', inviteEmail: 'x@trust.example' })).statusCode, 403)

    const message = (await recentMessages(t.db.db, 50)).find((m) => m.to === 'tess@trust.example')
    assert.ok(message, 'an invitation email is in the outbox')
    assert.match(message.body, /to be Pooled fund partner in Demo Borough Council/)
    const tess = t.client()
    assert.equal((await tess.post(linkIn(message.body, '/invitations/')!, { password: 'kettle orbit meadow' })).statusCode, 303)
    const list = pageText((await tess.get('/pooled-funds')).body)
    assert.match(list, /Demo mental health pooled fund/)
    assert.doesNotMatch(list, /Demo Better Care Fund/)
    assert.equal((await tess.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}`)).statusCode, 404)
    assert.equal((await tess.get('/contracts')).statusCode, 403)
  })

  test('council staff see both of the council’s funds, and other roles none', async () => {
    const finance = await t.signedIn('finance@demo.catalyst.test')
    const list = pageText((await finance.get('/pooled-funds')).body)
    assert.match(list, /Demo Better Care Fund.*Demo mental health pooled fund/)
    assert.doesNotMatch(list, /Other Better Care Fund/)
    const provider = await t.signedIn('provider@demo.catalyst.test')
    assert.equal((await provider.get('/pooled-funds')).statusCode, 403)
    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}`)).statusCode, 404)
  })
})

/** What the spend register holds for a contract's suppliers in each quarter of 2025/26, inside the contract's term. */
async function paidByQuarter(contractId: string): Promise<number[]> {
  const rows = await queryRows<{ q: number; amount: string }>(
    t.db.db,
    sql`select extract(quarter from (pay.payment_date - interval '3 months'))::int as q, sum(pay.amount_pence) as amount
        from spend_payments pay
        join spend_payees p on p.id = pay.payee_id
        join contract_suppliers cs on cs.provider_id = p.provider_id and cs.contract_id = ${contractId}
        join contracts c on c.id = cs.contract_id
        where pay.council_id = c.council_id
          and pay.payment_date between greatest('2025-04-01'::date, coalesce(c.start_date, '2025-04-01'::date)) and least('2026-03-31'::date, coalesce(c.end_date, '2026-03-31'::date))
        group by 1`,
  )
  return [1, 2, 3, 4].map((q) => Number(rows.find((r) => Number(r.q) === q)?.amount ?? 0))
}

describe('a fund built through its forms, and its report', () => {
  let officer: TestClient
  let id = ''
  let contractId = ''
  let paid: number[] = []
  const councilOrg = { code: 'DEMO' }

  before(async () => {
    officer = await t.signedIn('finance@demo.catalyst.test')
    // A contract with a supplier that the demo spend pays in 2025/26.
    const candidates = await queryRows<{ id: string }>(
      t.db.db,
      sql`select c.id from contracts c join contract_suppliers cs on cs.contract_id = c.id
          where c.council_id = ${demoId} order by c.reference`,
    )
    for (const c of candidates) {
      const byQuarter = await paidByQuarter(c.id)
      if (byQuarter.every((q) => q > 0)) {
        contractId = c.id
        paid = byQuarter
        break
      }
    }
    assert.ok(contractId, 'the demo needs a contract whose supplier is paid in every quarter of 2025/26')
  })

  test('bad input is refused with messages that say what to do, and nothing is stored', async () => {
    const bad = await officer.post('/pooled-funds', { name: '', kind: 'bcf', startDate: '31/2/2026' })
    assert.equal(bad.statusCode, 400)
    const text = pageText(bad.body)
    assert.match(text, /There is a problem/)
    assert.match(text, /Enter the fund’s name/)
    assert.match(text, /Enter the start date as day\/month\/year/)
    assert.match(text, /Enter the pool manager/)
    assert.doesNotMatch(text, /[a-z]+[A-Z][a-z]+ (is|must)/, 'no field code reaches the page')
  })

  test('a fund with two partners, contributions with a variation, a scheme linked to a contract and a capped risk share', async () => {
    const created = await officer.post('/pooled-funds', {
      name: 'Test Better Care Fund',
      kind: 'bcf',
      aimsAndOutcomes: 'Home first.',
      contributionVariation: 'By written agreement.',
      functionsCovered: 'Community health; adult social care.',
      personsAndServices: 'Adults at home.',
      partnerResources: '',
      startDate: '1/4/2025',
      endDate: '',
      reviewArrangements: 'Yearly.',
      variationAndTermination: 'Six months’ notice.',
      managementAndMonitoring: 'BCF board; quarterly reports.',
      poolManager: 'Jo Bell',
    })
    assert.equal(created.statusCode, 303)
    id = String(created.headers.location).split('/')[2]!.split('?')[0]!
    const council = await orgId(councilOrg.code)
    const icb = await orgId('QHM')
    assert.equal((await officer.post(`/pooled-funds/${id}/partners`, { organisation: council, host: 'yes' })).statusCode, 303)
    assert.equal((await officer.post(`/pooled-funds/${id}/partners`, { organisation: icb })).statusCode, 303)
    const twice = await officer.post(`/pooled-funds/${id}/partners`, { organisation: icb })
    assert.equal(twice.statusCode, 400)
    assert.match(pageText(twice.body), /NHS North East and North Cumbria Integrated Care Board is already a partner in this fund/)

    // The pool: the council £600, the ICB £300 then varied up by £100: £1,000, 60:40.
    for (const form of [
      { organisation: council, stream: 'la-grant', financialYear: '2025/26', kind: 'agreed', amount: '600', agreedOn: '1/4/2025', note: '' },
      { organisation: icb, stream: 'nhs-minimum', financialYear: '2025', kind: 'agreed', amount: '300', agreedOn: '1/4/2025', note: '' },
      { organisation: icb, stream: 'nhs-minimum', financialYear: '2025', kind: 'variation', amount: '100', agreedOn: '1/10/2025', note: 'Discharge money added' },
    ]) {
      assert.equal((await officer.post(`/pooled-funds/${id}/contributions`, form)).statusCode, 303)
    }
    const noReason = await officer.post(`/pooled-funds/${id}/contributions`, { organisation: icb, stream: 'nhs-minimum', financialYear: '2025', kind: 'variation', amount: '-50', agreedOn: '1/11/2025', note: '' })
    assert.match(pageText(noReason.body), /Say why the contribution was varied/)

    assert.equal((await officer.post(`/pooled-funds/${id}/schemes`, { reference: '1', name: 'Home care', schemeType: 'Home care', areaOfSpend: 'Social care', commissioner: 'Joint', providerName: 'Demo provider', stream: 'nhs-minimum', financialYear: '2025', planned: '1000', plannedOutputs: '100 hours' })).statusCode, 303)
    const page = (await officer.get(`/pooled-funds/${id}`)).body
    const schemeId = /\/pooled-funds\/[^/]+\/schemes\/([0-9a-f-]{36})\/links/.exec(page)![1]!
    assert.equal((await officer.post(`/pooled-funds/${id}/schemes/${schemeId}/links`, { link: `contract:${contractId}` })).statusCode, 303)
    const foreign = await officer.post(`/pooled-funds/${id}/schemes/${schemeId}/links`, { link: 'contract:00000000-0000-4000-8000-000000000000' })
    assert.match(pageText(foreign.body), /Choose a contract or grant of your council/)

    // The ICB bears no more than £100 of an overspend.
    assert.equal((await officer.post(`/pooled-funds/${id}/risk-share`, { overspendKind: 'capped', [`overspendCap-${icb}`]: '100', underspendKind: 'pro-rata' })).statusCode, 303)
    const badRule = await officer.post(`/pooled-funds/${id}/risk-share`, { overspendKind: 'first-loss', overspendFirstLoss: 'lots', underspendKind: '' })
    assert.equal(badRule.statusCode, 400)
    assert.match(pageText(badRule.body), /Choose the partner who bears the first part of an overspend.*Enter how much of an overspend that partner bears first.*Choose how an underspend is shared/)

    const audit = await t.db.db.select({ action: auditEntries.action }).from(auditEntries).where(and(eq(auditEntries.entityType, 'pooled-fund'), eq(auditEntries.entityId, id)))
    assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['create', 'add-partner', 'set-host-partner', 'record-contribution', 'vary-contribution', 'add-scheme', 'link-scheme', 'set-risk-share']))

    // The contract's page links back to the fund.
    const contractPage = (await officer.get(`/contracts/${contractId}`)).body
    assert.ok(contractPage.includes(`href="/pooled-funds/${id}"`), 'the contract links to the fund it delivers')
  })

  test('the quarter 2 report: actual from the spend register, plan profiled, forecast and the capped risk share', async () => {
    const html = (await officer.get(`/pooled-funds/${id}/report?year=2025&quarter=2`)).body
    const text = pageText(html)
    const money = (pence: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100)
    const actual = paid[0]! + paid[1]!
    const forecast = actual + 50_000 // the plan for Q3 and Q4: £1,000 × 2/4
    assert.match(text, /Quarter 2 report 2025\/26/)
    // Planned, planned to date, Q1, Q2, (Q3, Q4 not yet reported), actual to date, forecast, variance.
    const row = `1: Home care NHS minimum contribution £1,000.00 £500.00 ${money(paid[0]!)} ${money(paid[1]!)} Not yet reported Not yet reported ${money(actual)} ${money(forecast)} ${money(forecast - 100_000)}`
    assert.ok(text.includes(row), `the scheme's row reads: ${row}`)

    // The risk share: overspend = forecast − £1,000 pool; the ICB's 40% is capped at £100.
    const overspend = forecast - 100_000
    assert.ok(overspend > 25_000, 'the demo spend makes this an overspend above the point where the cap binds')
    const icbShare = 10_000
    const councilShare = overspend - icbShare
    assert.ok(text.includes(`The forecast is an overspend of ${money(overspend)} against the pool.`))
    assert.ok(text.includes(`Demo Borough Council £600.00 ${money(councilShare)}`), text)
    assert.ok(text.includes(`NHS North East and North Cumbria Integrated Care Board £400.00 ${money(icbShare)}`))
    assert.match(text, /above its cap of £100\.00: it bears £100\.00/)
  })

  test('the CSV: every total is the sum of the rows beneath it', async () => {
    const response = await officer.get(`/pooled-funds/${id}/report.csv?year=2025&quarter=4`)
    assert.equal(response.statusCode, 200)
    const rows = parse(response.body, { columns: true }) as Record<string, string>[]
    const schemes = rows.filter((r) => r.line === 'scheme')
    const total = rows.find((r) => r.line === 'total')!
    assert.equal(schemes.length, 1)
    const yearActual = paid.reduce((a, b) => a + b, 0)
    assert.equal(Math.round(Number(schemes[0]!.actual_to_date) * 100), yearActual)
    assert.deepEqual(['actual_q1', 'actual_q2', 'actual_q3', 'actual_q4'].map((k) => Math.round(Number(schemes[0]![k]) * 100)), paid)
    // At the year end the forecast is the actual.
    assert.equal(schemes[0]!.forecast, schemes[0]!.actual_to_date)
    for (const column of ['planned', 'actual_to_date', 'forecast', 'variance']) {
      const sum = schemes.reduce((acc, r) => acc + Math.round(Number(r[column]) * 100), 0)
      assert.equal(Math.round(Number(total[column]) * 100), sum, column)
    }
    const partners = rows.filter((r) => r.line === 'partner')
    assert.equal(partners.reduce((a, r) => a + Math.round(Number(r.contributed) * 100), 0), Math.round(Number(total.contributed) * 100))
    // The partners' shares add up to the forecast against the pool (no partner is at a cap at the year end here).
    const pence = (v: string | undefined) => Math.round(Number(v) * 100)
    assert.equal(partners.reduce((a, r) => a + pence(r.risk_share), 0), Math.abs(pence(total.forecast) - pence(total.contributed)))
  })

  test('the Excel workbook: sheets a finance officer expects, totals as SUM formulas that add up to the rows above', async () => {
    const response = await officer.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}/report.xlsx?year=2025&quarter=4`)
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Summary', 'Schemes', 'Contributions', 'Risk share', 'Method'])

    const csv = parse((await officer.get(`/pooled-funds/${await fundId('Demo Better Care Fund')}/report.csv?year=2025&quarter=4`)).body, { columns: true }) as Record<string, string>[]
    for (const name of ['Summary', 'Schemes', 'Contributions', 'Risk share']) {
      const sheet = workbook.getWorksheet(name)!
      let header = 0
      let totalRow = 0
      sheet.eachRow((row, n) => {
        if (!header && row.font?.bold && n > 1 && row.cellCount > 2) header = n
        if (row.getCell(1).value === 'Total') totalRow = n
      })
      assert.ok(header && totalRow > header, `${name} has a header and a total row`)
      let checked = 0
      for (let col = 2; col <= sheet.columnCount; col++) {
        const cell = sheet.getRow(totalRow).getCell(col)
        const value = cell.value as { formula?: string; result?: number } | null
        if (!value || typeof value !== 'object' || !('formula' in value)) continue
        const letter = sheet.getColumn(col).letter
        assert.equal(value.formula, `SUM(${letter}${header + 1}:${letter}${totalRow - 1})`, `${name} ${letter}`)
        let sum = 0
        for (let r = header + 1; r < totalRow; r++) sum += Number(sheet.getRow(r).getCell(col).value ?? 0)
        // ExcelJS reads a saved result of 0 back as no result.
        assert.equal(Math.round((value.result ?? 0) * 100), Math.round(sum * 100), `${name} ${letter}: the total is the sum of the rows above it`)
        checked++
      }
      assert.ok(checked >= 2, `${name}: ${checked} totals checked`)
    }
    // The workbook's scheme rows are the CSV's scheme rows.
    const schemes = workbook.getWorksheet('Schemes')!
    const csvSchemes = csv.filter((r) => r.line === 'scheme')
    for (const csvRow of csvSchemes) {
      let found = false
      schemes.eachRow((row) => {
        if (String(row.getCell(1).value) !== csvRow.scheme_id) return
        found = true
        assert.equal(Math.round(Number(row.getCell(11).value) * 100), Math.round(Number(csvRow.actual_to_date) * 100), `scheme ${csvRow.scheme_id} actual`)
        assert.equal(Math.round(Number(row.getCell(5).value) * 100), Math.round(Number(csvRow.planned) * 100), `scheme ${csvRow.scheme_id} planned`)
      })
      assert.ok(found, `scheme ${csvRow.scheme_id} is in the workbook`)
    }
    // The demo fund's pool is £23,900,000 with the ICB's in-year variation; the shares of the variance add up to it.
    const contributions = csv.find((r) => r.line === 'total')!
    assert.equal(Number(contributions.contributed), 23_900_000)
  })
})

/** Posts a file as a browser's upload form would, after reading `page` for its form token. */
async function uploadFile(client: TestClient, page: string, url: string, fileName: string, content: Buffer | string) {
  await client.get(page)
  const boundary = '----catalyst-test'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return client.request({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(client.csrfToken)}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
}

describe('changing a scheme', () => {
  test('an officer corrects a scheme: the page shows the change, a clashing id is refused, and the audit keeps what it was', async () => {
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const id = await fundId('Demo mental health pooled fund')
    const scheme = { name: 'Peer support', schemeType: 'Mental health', areaOfSpend: 'Mental health', commissioner: 'Joint', providerName: 'Mind in Demo', stream: 'additional', financialYear: '2026', plannedOutputs: '' }
    assert.equal((await officer.post(`/pooled-funds/${id}/schemes`, { ...scheme, reference: 'PS-1', planned: '5000' })).statusCode, 303)
    assert.equal((await officer.post(`/pooled-funds/${id}/schemes`, { ...scheme, reference: 'PS-2', name: 'Peer support (north)', planned: '1000' })).statusCode, 303)
    const fundPage = (await officer.get(`/pooled-funds/${id}`)).body
    const editHref = new RegExp(`/pooled-funds/${id}/schemes/([0-9a-f-]{36})/edit"[^>]*>Change<span class="govuk-visually-hidden"> scheme PS-1:`).exec(fundPage)
    assert.ok(editHref, 'each scheme has a Change link naming it for screen readers')
    const editPath = `/pooled-funds/${id}/schemes/${editHref[1]}/edit`

    const form = await officer.get(editPath)
    assert.equal(form.statusCode, 200)
    assert.match(pageText(form.body), /Change the scheme/)
    assert.ok(form.body.includes('value="5000.00"'), 'the form starts from the scheme’s planned expenditure')

    const clash = await officer.post(editPath, { ...scheme, reference: 'PS-2', planned: '5000' })
    assert.equal(clash.statusCode, 400)
    assert.match(pageText(clash.body), /Scheme PS-2 is already in this fund’s plan for that year/)
    const bad = await officer.post(editPath, { ...scheme, reference: 'PS-1', planned: 'lots' })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /There is a problem/)

    const saved = await officer.post(editPath, { ...scheme, reference: 'PS-1', providerName: 'Demo Wellbeing CIC', planned: '7,500' })
    assert.equal(saved.statusCode, 303)
    const after = pageText((await officer.get(String(saved.headers.location))).body)
    assert.match(after, /The scheme is changed/)
    assert.match(after, /PS-1: Peer support \(2026\/27\).*Demo Wellbeing CIC.*£7,500/)

    const [entry] = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'change-scheme')))
    assert.equal((entry!.before as { providerName: string }).providerName, 'Mind in Demo')
    assert.equal((entry!.before as { plannedPence: number }).plannedPence, 500_000)
    assert.equal((entry!.after as { planned: number }).planned, 750_000)

    const partner = await t.signedIn('finance@demo.catalyst.test')
    assert.equal((await partner.get(`/pooled-funds/${id}/schemes/00000000-0000-4000-8000-000000000000/edit`)).statusCode, 404)
  })
})

describe('scheme list import', () => {
  test('a CSV with its own column names: columns matched, a bad row stops everything, then an xlsx imports and the mapping is remembered', async () => {
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const id = await fundId('Demo mental health pooled fund')
    const page = `/pooled-funds/${id}/schemes/import`
    const csv = [
      'BCF plan 2026/27',
      'Ref,Scheme,Type,Area,Commissioner,Delivered by,Funding,Total 2026-27,Outputs',
      'MH-2,Crisis café,Mental health,Mental health,Joint,VCSE,Additional contributions,"£120,000",300 visits',
      'MH-3,Peer support,Mental health,Mental health,Joint,VCSE,Lottery,ninety,',
    ].join('\n')
    const uploaded = await uploadFile(officer, page, page, 'plan.csv', csv)
    assert.equal(uploaded.statusCode, 303)
    const mappingUrl = String(uploaded.headers.location)
    const mappingPage = (await officer.get(mappingUrl)).body
    assert.match(pageText(mappingPage), /plan\.csv: 2 rows under the headings/)
    // Proposed from the names: "Ref" is the scheme id, "Funding" the source; "Total 2026-27" the officer must choose.
    assert.match(mappingPage, /<option value="Ref" selected>/)
    assert.match(mappingPage, /<option value="Delivered by" selected>/)
    assert.doesNotMatch(mappingPage, /<option value="Total 2026-27" selected>/)

    const unmatched = await officer.post(mappingUrl, { reference: 'Ref', financialYear: '2026' })
    assert.equal(unmatched.statusCode, 400)
    assert.match(pageText(unmatched.body), /There is a problem Choose the column that holds the scheme name .*Choose the column that holds the planned expenditure/)
    assert.match(unmatched.body, /href="#planned">Choose the column that holds the planned expenditure/)

    const mapping = { reference: 'Ref', name: 'Scheme', schemeType: 'Type', areaOfSpend: 'Area', commissioner: 'Commissioner', providerName: 'Delivered by', stream: 'Funding', planned: 'Total 2026-27', plannedOutputs: 'Outputs', financialYear: '2026/27' }
    const refused = await officer.post(mappingUrl, mapping)
    assert.equal(refused.statusCode, 400)
    const text = pageText(refused.body)
    assert.match(text, /Nothing was imported: 1 problem to put right/)
    assert.match(text, /Line 3: “Lottery” is not a funding stream .*; “ninety” is not an amount in pounds/)
    const before = (await officer.get(`/pooled-funds/${id}`)).body
    assert.doesNotMatch(before, /Crisis café/, 'a file with a bad row stores nothing')

    // The same plan as a workbook, with the row put right.
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Schemes')
    sheet.addRow(['Ref', 'Scheme', 'Type', 'Area', 'Commissioner', 'Delivered by', 'Funding', 'Total 2026-27', 'Outputs'])
    sheet.addRow(['MH-2', 'Crisis café', 'Mental health', 'Mental health', 'Joint', 'VCSE', 'Additional contributions', 120_000, '300 visits'])
    sheet.addRow(['MH-3', 'Peer support', 'Mental health', 'Mental health', 'Joint', 'VCSE', 'Additional', 90_000.5, ''])
    const xlsx = await uploadFile(officer, page, page, 'plan.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    assert.equal(xlsx.statusCode, 303)
    const second = String(xlsx.headers.location)
    // The council's choice last time is proposed again, even for a column no name rule knows.
    assert.match((await officer.get(second)).body, /<option value="Total 2026-27" selected>/)
    const done = await officer.post(second, mapping)
    assert.equal(done.statusCode, 303)
    const after = pageText((await officer.get(String(done.headers.location))).body)
    assert.match(after, /2 schemes were imported/)
    assert.match(after, /MH-2: Crisis café \(2026\/27\).*Planned expenditure £120,000\.00.*MH-3: Peer support \(2026\/27\).*Planned expenditure £90,000\.50/)
    // The held upload is gone: the same address cannot import twice.
    assert.equal((await officer.post(second, mapping)).statusCode, 303)
    assert.equal((pageText((await officer.get(`/pooled-funds/${id}`)).body).match(/MH-2: Crisis café \(2026\/27\)/g) ?? []).length, 1, 'the scheme is in the plan once')

    const notAFile = await uploadFile(officer, page, page, 'plan.xlsx', 'PK not a workbook')
    assert.equal(notAFile.statusCode, 400)
    assert.match(pageText(notAFile.body), /could not be read as an Excel workbook/)
  })
})

describe('partner organisations', () => {
  const upload = (client: TestClient, content: string) => uploadFile(client, '/pooled-funds/partner-organisations', '/pooled-funds/partner-organisations', 'organisations.csv', content)

  test('a list with a bad row imports nothing and says which row; a good list adds and renames', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const bad = await upload(admin, 'ODS Code,Organisation Name\nQWO,NHS West Yorkshire Integrated Care Board\nnot-a-code,Somewhere\n')
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /Line 3: “NOT-A-CODE” is neither an ONS GSS code/)
    assert.equal((await t.db.db.select().from(partnerOrganisations).where(eq(partnerOrganisations.code, 'QWO'))).length, 0)
    const good = await upload(admin, '\uFEFFCode,Name\nQWO,NHS West Yorkshire Integrated Care Board\nE09000011,Royal Borough of Greenwich\nQHM,NHS North East and North Cumbria ICB\n')
    assert.equal(good.statusCode, 200)
    assert.match(pageText(good.body), /Imported: 2 added, 1 renamed/)
    const finance = await t.signedIn('finance@demo.catalyst.test')
    assert.equal((await finance.get('/pooled-funds/partner-organisations')).statusCode, 403)
  })
})
