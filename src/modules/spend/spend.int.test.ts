/** Spend through real HTTP on the real database: upload, check and correct the columns, import, read, undo, review. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
import { createProvider } from '../providers/service.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { queryRows } from '../../platform/db/database.ts'
import { spendImports, spendPayees } from './schema.ts'
import { confirmSpendImport } from '../../../test/support/spend-import-jobs.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/spend')

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----catalyst-test-boundary'
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function upload(client: TestClient, name: string, bytes: Buffer) {
  await client.get('/spend/imports/new')
  const body = multipart({}, { name, bytes })
  return client.request({ method: 'POST', url: `/spend/imports?_csrf=${encodeURIComponent(client.csrfToken)}`, payload: body.payload, headers: { 'content-type': body.contentType } })
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

let t: TestApp
let finance: TestClient
let demoId = ''
before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

describe('importing a spend file on the web', () => {
  let importId = ''

  test('upload, check the columns, correct one, import: the summary counts every row', async () => {
    const uploaded = await upload(finance, 'narrative.csv', fs.readFileSync(path.join(fixtures, 'narrative.csv')))
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500))
    const previewUrl = String(uploaded.headers.location)
    assert.match(previewUrl, /^\/spend\/imports\/preview\?upload=/)
    const preview = await finance.get(previewUrl)
    assert.equal(preview.statusCode, 200)
    const page = text(preview.body)
    assert.match(page, /Check the columns/)
    assert.match(page, /semicolon separated/)
    assert.match(preview.body, /name="column:narrative"/)
    assert.match(page, /Willow Training CIC/, 'sample values are shown')

    const token = new URL(previewUrl, 'http://x').searchParams.get('upload')!
    const summaryUrl = await confirmSpendImport(finance, t.db.db, token, { 'column:narrative': 'expenseType' })
    importId = summaryUrl.match(/\/spend\/imports\/([0-9a-f-]{36})/)![1]!
    const summary = text((await finance.get(summaryUrl)).body)
    assert.match(summary, /Rows read 3/)
    assert.match(summary, /Rows imported 3/)
    assert.match(summary, /Total £5,630\.50/)
    assert.match(summary, /1 May 2024 to 3 May 2024/)
    assert.match(summary, /overlap earlier imports/, 'the demo spend covers the same dates')
    const summaryPage = (await finance.get(summaryUrl)).body
    assert.match(summaryPage, /href="\/spend\?year=2024">See where the money went: the spend overview for 2024\/25<\/a>/, 'the result links on to the overview of the year imported')

    // The correction is remembered for the council's next file with the same header, and only for that header.
    const mappings = await queryRows<{ choices: Record<string, string> }>(t.db.db, sql`select choices from spend_mappings where council_id = ${demoId}`)
    assert.equal(mappings.find((m) => 'narrative' in m.choices)?.choices.narrative, 'expenseType')
  })

  test('the same file twice is refused with a message', async () => {
    const uploaded = await upload(finance, 'narrative-again.csv', fs.readFileSync(path.join(fixtures, 'narrative.csv')))
    const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
    const again = await finance.post('/spend/imports/preview', { upload: token, action: 'import' })
    assert.equal(again.statusCode, 400)
    assert.match(text(again.body), /this file was imported before, as narrative\.csv/)
  })

  test('the overview shows the corrected category, with a chart and a CSV of each table', async () => {
    const overview = await finance.get('/spend?year=2024')
    assert.equal(overview.statusCode, 200)
    assert.match(overview.body, /<svg class="app-chart"[^>]*role="img"/)
    assert.match(text(overview.body), /Staff training/)
    // The shares say how much spend they leave out, and the figure agrees with the table beside it.
    const sentence = text(overview.body).match(/(£[\d,]+) \(([\d.]+)%\) of 2024\/25's spend is with payees not matched to a provider, so these shares are of the matched spend only/)
    assert.ok(sentence, 'the unmatched spend is stated beside the shares')
    const shares = await finance.get('/spend?year=2024&download=shares')
    const row = shares.body.split('\n').find((line) => line.startsWith('2024/25'))!
    assert.equal(Math.round(Number(row.split(',')[2])), Number(sentence[1]!.replace(/[£,]/g, '')), 'the sentence and the table give the same unmatched amount')
    const csv = await finance.get('/spend?year=2024&download=by-category')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(csv.body, /^Category,Spend \(£\),Payments\n/)
    assert.match(csv.body, /Staff training,2230\.00,2/)
  })

  test('a messy Windows-1252 file: rejected rows listed with their lines; a withheld payee is never matched', async () => {
    const uploaded = await upload(finance, 'messy.csv', fs.readFileSync(path.join(fixtures, 'messy-cp1252.csv')))
    const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
    const summary = text((await finance.get(await confirmSpendImport(finance, t.db.db, token))).body)
    assert.match(summary, /Rows read 9/)
    assert.match(summary, /Rows imported 6/)
    assert.match(summary, /Rows rejected 3/)
    assert.match(summary, /Payment dates from Date Paid/)
    assert.match(summary, /Amount from Net Amount\(£\)/)
    assert.doesNotMatch(summary, /no supplier name/, 'a row with no payee name is a payment')
    assert.match(summary, /10 "31\/02\/2024" is not a date/)
    assert.match(summary, /12 "twelve pounds" is not an amount of money/)
    const payees = await t.db.db.select().from(spendPayees).where(and(eq(spendPayees.councilId, demoId), eq(spendPayees.redacted, true)))
    assert.ok(payees.length >= 1 && payees.every((p) => p.providerId === null && ['redacted', 'not-given'].includes(p.matchStatus)))
    assert.deepEqual(payees.filter((p) => p.matchStatus === 'not-given').map((p) => p.name), ['Payee not given'])
    const riverside = await queryRows<{ status: string }>(
      t.db.db,
      sql`select p.match_status as status from spend_payees p join providers pr on pr.id = p.provider_id where p.council_id = ${demoId} and pr.name = 'Riverside Community Care'`,
    )
    assert.ok(riverside.length > 0, 'Riverside Community Care Ltd is matched to the register by its name')
  })

  test('undo takes the payments out of every figure, and only with confirmation', async () => {
    const before = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_payments where council_id = ${demoId}`)
    const unconfirmed = await finance.post(`/spend/imports/${importId}/undo`, {})
    assert.equal(unconfirmed.statusCode, 400)
    assert.match(text(unconfirmed.body), /Confirm that this import’s payments should be removed/)
    const undone = await finance.post(`/spend/imports/${importId}/undo`, { confirm: 'yes' })
    assert.equal(undone.statusCode, 303)
    const afterUndo = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_payments where council_id = ${demoId}`)
    assert.equal(afterUndo[0]!.n, before[0]!.n - 3)
    const csv = await finance.get('/spend?year=2024&download=by-category')
    assert.doesNotMatch(csv.body, /Staff training/)
    assert.equal((await finance.get(`/spend/imports/${importId}`)).statusCode, 404)
    const audit = await queryRows<{ action: string }>(t.db.db, sql`select action from audit_entries where entity_type = 'spend-import' and entity_id = ${importId} order by id`)
    assert.deepEqual(audit.map((a) => a.action), ['import', 'delete'])
  })
})

describe('concentration, dependencies and spend without a contract', () => {
  test('shares of 30/30/20/20 give an HHI of 2,600: highly concentrated; four payees hold 10% or more', async () => {
    const rows = ['Payment Date,Supplier Name,Amount,Expense Type']
    for (const [name, pounds] of [['Alpha Care Ltd', 30000], ['Beta Care Ltd', 30000], ['Gamma Care Ltd', 20000], ['Delta Care Ltd', 20000]] as const) {
      rows.push(`15/06/2019,${name},${pounds}.00,Home care`)
    }
    const uploaded = await upload(finance, 'hhi.csv', Buffer.from(rows.join('\n')))
    const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
    await confirmSpendImport(finance, t.db.db, token)
    const page = text((await finance.get('/spend/concentration?year=2019')).body)
    assert.match(page, /Herfindahl–Hirschman index of all spend is 2,600 : highly concentrated/)
    assert.match(page, /3 of 4 payees made up 80% of spend/)
    const csv = await finance.get('/spend/concentration?year=2019&download=dependencies')
    assert.equal(csv.body.trim().split('\n').length, 5)
    const contracts = text((await finance.get('/spend/contracts?year=2019')).body)
    assert.doesNotMatch(contracts, /Alpha Care Ltd/, '£30,000 is not more than the £30,000 threshold')
    assert.match(contracts, /No payee above the threshold/)
  })
})

describe('reviewing payees', () => {
  test('a similar name is suggested; the officer confirms it; merge and split move payments between payees', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const rows = ['Payment Date,Supplier Name,Amount', '01/07/2019,Riverside Community Carers,700.00', '02/07/2019,Acme Cleaning,800.00', '03/07/2019,ACME Cleaning Services,900.00']
    const uploaded = await upload(admin, 'review.csv', Buffer.from(rows.join('\n')))
    const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
    await confirmSpendImport(admin, t.db.db, token)
    const payee = async (name: string) => (await t.db.db.select().from(spendPayees).where(and(eq(spendPayees.councilId, demoId), eq(spendPayees.name, name))))[0]
    const carers = (await payee('Riverside Community Carers'))!
    assert.equal(carers.matchStatus, 'suggested')
    const queue = text((await admin.get('/spend/review')).body)
    assert.match(queue, /Riverside Community Carers .* Looks like Riverside Community Care/)
    assert.equal((await admin.post(`/spend/review/${carers.id}`, { action: 'confirm' })).statusCode, 303)
    const [riverside] = await t.db.db.select().from(providers).where(and(eq(providers.councilId, demoId), eq(providers.name, 'Riverside Community Care')))
    assert.equal((await payee('Riverside Community Carers'))!.providerId, riverside!.id)

    const acme = (await payee('Acme Cleaning'))!
    const services = (await payee('ACME Cleaning Services'))!
    const merged = await admin.post(`/spend/review/${services.id}`, { action: 'merge', intoPayeeId: acme.id, returnTo: 'payee' })
    assert.equal(merged.statusCode, 303)
    assert.equal(await payee('ACME Cleaning Services'), undefined)
    const mergedPage = text((await admin.get(`/spend/payees/${acme.id}`)).body)
    assert.match(mergedPage, /Names in the council's files/)
    assert.match(mergedPage, /£1,700\.00/)
    const split = await admin.post(`/spend/review/${acme.id}`, { action: 'split', nameKey: 'acme cleaning services', returnTo: 'payee' })
    assert.equal(split.statusCode, 303)
    const separate = (await payee('ACME Cleaning Services'))!
    const [sum] = await queryRows<{ n: string }>(t.db.db, sql`select sum(amount_pence) as n from spend_by_payee where payee_id = ${separate.id}`)
    assert.equal(Number(sum!.n), 90000)
  })
})

describe('settings', () => {
  test('the area page refuses what is not a postcode district and saves districts', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    await admin.get('/settings/area')
    const bad = await admin.post('/settings/area', { districts: 'TS1, nonsense, TS99 9ZZ' })
    assert.equal(bad.statusCode, 400)
    assert.match(text(bad.body), /There is a problem .*“NONSENSE”, “9ZZ” are not postcode districts/)
    const good = await admin.post('/settings/area', { districts: 'ts1 ts2\nTS3' })
    assert.equal(good.statusCode, 303)
    assert.match(text((await admin.get('/settings/area')).body), /TS1 TS2 TS3/)
  })

  test('spend settings: the dependency share is checked and saved', async () => {
    const admin = await t.signedIn('admin@demo.catalyst.test')
    await admin.get('/spend/settings')
    const bad = await admin.post('/spend/settings', { dependencySharePercent: '150', noContractThreshold: '30000', suggestionSimilarity: '0.45' })
    assert.equal(bad.statusCode, 400)
    assert.match(text(bad.body), /between 1% and 100%/)
    const good = await admin.post('/spend/settings', { dependencySharePercent: '25', noContractThreshold: '£25,000', suggestionSimilarity: '0.5' })
    assert.equal(good.statusCode, 303)
    const [stored] = await queryRows<{ values: Record<string, number> }>(t.db.db, sql`select values from council_settings where council_id = ${demoId} and section = 'spend'`)
    assert.deepEqual(stored!.values, { dependencySharePercent: 25, noContractThresholdPence: 2_500_000, suggestionSimilarity: 0.5 })
    void spendImports
  })
})

describe('how a real file was read, shown on the preview and the summary', () => {
  const previewOf = async (name: string) => {
    const uploaded = await upload(finance, name, fs.readFileSync(path.join(fixtures, name)))
    const url = String(uploaded.headers.location)
    return { token: new URL(url, 'http://x').searchParams.get('upload')!, page: text((await finance.get(url)).body) }
  }

  test('Gateshead: a Period column read as periods of the financial year; a payee matched to a provider by its VAT number', async () => {
    // The register knows the provider under another name: only the VAT number can tie the payee to it.
    await t.db.db.transaction(async (tx) => {
      await createProvider(tx, demoId, {
        name: 'Highfield Qualifications', legalForm: 'company-shares' as const, identifiers: [{ scheme: 'GB-VAT' as const, identifier: '928524309' }], flags: [],
        addressLine1: null, addressLine2: null, town: null, postcode: null, website: null, serviceCategories: [], areasServed: [], published: false, privateNotes: null,
      }, systemActor('test'), new Date(), { confirmDuplicate: true })
    })
    const { token, page } = await previewOf('gateshead-2016-07.csv')
    assert.match(page, /Payment dates from Period/)
    assert.match(page, /Period codes read as Periods of the financial year \(period 1 is April\)/)
    assert.match(page, /Amount from Amount/)
    assert.match(page, /Columns Worked out from this file/)
    const summary = text((await finance.get(await confirmSpendImport(finance, t.db.db, token))).body)
    // Counted independently over the same file: 200 rows, £492,382.45, periods 201604 (July 2016).
    assert.match(summary, /Rows imported 200/)
    assert.match(summary, /Total £492,382\.45/)
    assert.match(summary, /1 July 2016 to 31 July 2016/)
    assert.match(summary, /Period codes read as Periods of the financial year/)
    const [record] = await t.db.db.select().from(spendImports).where(and(eq(spendImports.councilId, demoId), eq(spendImports.fileName, 'gateshead-2016-07.csv')))
    assert.deepEqual([record!.dateColumn, record!.amountColumn, record!.periodReading], ['Period', 'Amount', 'financial-period'])
    const [highfield] = await queryRows<{ status: string; provider: string }>(
      t.db.db,
      sql`select p.match_status as status, pr.name as provider from spend_payees p join providers pr on pr.id = p.provider_id
          where p.council_id = ${demoId} and p.name = 'HIGHFIELD AWARDING BODY FOR COMPLIANCE LTD'`,
    )
    assert.deepEqual(highfield, { status: 'identifier', provider: 'Highfield Qualifications' })

    // The next file with the same header uses the mapping remembered for it, and says so.
    const again = await previewOf('gateshead-2016-07.csv')
    assert.match(again.page, /Columns As remembered for an earlier file with the same columns/)
  })

  test('Wakefield: the payment date, not the effective date; payments with no supplier name count, under "Payee not given"', async () => {
    const { token, page } = await previewOf('wakefield-2014-q1.csv')
    assert.match(page, /Payment dates from Payment Date/)
    assert.match(page, /Left out: another column is surer for this field/)
    assert.match(page, /the mapping remembered from an earlier file was for different columns/)
    const summary = text((await finance.get(await confirmSpendImport(finance, t.db.db, token))).body)
    assert.match(summary, /Rows imported 200/)
    assert.match(summary, /Rows rejected 0/)
    assert.match(summary, /Total £1,711,442\.54/)
    assert.match(summary, /10 April 2014 to 30 June 2014/)
    const [notGiven] = await queryRows<{ n: number; pence: number }>(
      t.db.db,
      sql`select count(*)::int as n, sum(sp.amount_pence)::bigint as pence from spend_payments sp join spend_payees p on p.id = sp.payee_id
          where sp.council_id = ${demoId} and p.match_status = 'not-given' and sp.payment_date < '2015-01-01'`,
    )
    assert.deepEqual({ n: notGiven!.n, pence: Number(notGiven!.pence) }, { n: 12, pence: 26269747 })
  })

  test('Salford: the net amount is the spend; the VAT is stored beside it', async () => {
    const { token, page } = await previewOf('salford-2019-04.csv')
    assert.match(page, /Amount from Net/)
    const importId = (await confirmSpendImport(finance, t.db.db, token)).match(/([0-9a-f-]{36})/)![1]!
    const [sums] = await queryRows<{ net: string; vat: string }>(
      t.db.db,
      sql`select sum(amount_pence)::bigint as net, sum(vat_pence)::bigint as vat from spend_payments where council_id = ${demoId} and import_id = ${importId}`,
    )
    assert.deepEqual([Number(sums!.net), Number(sums!.vat)], [1068648395, 8318942])
  })
})
