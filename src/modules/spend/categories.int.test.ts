/** Counting a category's spellings as one, through the pages, on a real database: every figure by category follows. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { confirmSpendImport } from '../../../test/support/spend-import-jobs.ts'
import { createTestApp, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

function multipart(file: { name: string; bytes: Buffer }) {
  const boundary = '----catalyst-test-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
}

async function importCsv(client: TestClient, name: string, lines: string[]) {
  await client.get('/spend/imports/new')
  const body = multipart({ name, bytes: Buffer.from(lines.join('\n')) })
  const uploaded = await client.request({ method: 'POST', url: `/spend/imports?_csrf=${encodeURIComponent(client.csrfToken)}`, payload: body.payload, headers: { 'content-type': body.contentType } })
  const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
  await confirmSpendImport(client, t.db.db, token)
}

/** A CSV download as rows of cells (no quoted commas in these tests' data). */
async function csv(client: TestClient, url: string): Promise<string[][]> {
  const response = await client.get(url)
  assert.equal(response.statusCode, 200)
  return response.body.trim().split('\n').slice(1).map((line) => line.split(','))
}
const sumOf = (rows: string[][], column: number) => Math.round(rows.reduce((s, r) => s + Number(r[column]), 0) * 100)

let t: TestApp
let finance: TestClient
let demoId = ''

// Financial year 2018/19, which the demo spend does not touch: three spellings of agency staff, home care, none stated.
const FILE = [
  'Payment Date,Supplier Name,Amount,Expense Type',
  '10/05/2018,Kestrel Agency Ltd,1000.00,Agency Staff',
  '11/05/2018,Kestrel Agency Ltd,250.50,Agency staff costs',
  '12/05/2018,Osprey Recruitment Ltd,400.00,AGENCY STAFF',
  '13/05/2018,Osprey Recruitment Ltd,600.00,Agency staff costs',
  '14/05/2018,Heron Home Care Ltd,3000.00,Home care',
  '15/05/2018,Heron Home Care Ltd,99.99,',
]

before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  await importCsv(finance, 'categories-2018.csv', FILE)
})
after(async () => t.close())

describe('counting categories as one', () => {
  test('the page lists the categories as published, with their payments and totals', async () => {
    const page = await finance.get('/spend/categories')
    assert.equal(page.statusCode, 200)
    const body = text(page.body)
    assert.match(body, /Agency staff costs 2 payments, £850\.50/)
    assert.match(body, /AGENCY STAFF 1 payment, £400\.00/)
    assert.match(body, /Not stated 1 payment, £99\.99/)
    // Reachable from the spend overview and the settings hub.
    assert.match((await finance.get('/spend?year=2018')).body, /href="\/spend\/categories"/)
    const admin = await t.signedIn('admin@demo.catalyst.test')
    assert.match((await admin.get('/settings')).body, /href="\/spend\/categories"/)
  })

  test('mapping two spellings onto a third: one row with the summed amount, and the same totals everywhere', async () => {
    const byCategoryBefore = await csv(finance, '/spend?year=2018&download=by-category')
    const concentrationBefore = await csv(finance, '/spend/concentration?year=2018&download=concentration-by-category')
    const overallBefore = await csv(finance, '/spend/concentration?year=2018&download=concentration')
    assert.equal(byCategoryBefore.length, 5)

    const mapped = await finance.post('/spend/categories', { categories: ['Agency staff costs', 'AGENCY STAFF'], mapsTo: ' Agency Staff ' })
    assert.equal(mapped.statusCode, 303)
    assert.match(text((await finance.get(String(mapped.headers.location))).body), /2 categories now count under “Agency Staff”/)

    const byCategory = await csv(finance, '/spend?year=2018&download=by-category')
    assert.deepEqual(byCategory.map((r) => r[0]).sort(), ['Agency Staff', 'Home care', 'Not stated'])
    assert.deepEqual(byCategory.find((r) => r[0] === 'Agency Staff'), ['Agency Staff', '2250.50', '4'], '1,000.00 + 850.50 + 400.00 over 4 payments')
    assert.equal(sumOf(byCategory, 1), sumOf(byCategoryBefore, 1), 'the total by category is unchanged')
    assert.equal(sumOf(byCategory, 2) / 100, sumOf(byCategoryBefore, 2) / 100, 'the payments by category are unchanged')

    const concentration = await csv(finance, '/spend/concentration?year=2018&download=concentration-by-category')
    const agency = concentration.find((r) => r[0] === 'Agency Staff')!
    assert.equal(agency[1], '2250.50')
    assert.equal(agency[2], '2', 'two payees in the mapped category')
    assert.equal(concentration.length, 3)
    assert.equal(sumOf(concentration, 1), sumOf(concentrationBefore, 1))
    assert.deepEqual(await csv(finance, '/spend/concentration?year=2018&download=concentration'), overallBefore, 'all spend is not changed by a mapping')

    // The payments filter by the council category finds every spelling; the table shows the spelling as published.
    const payments = await csv(finance, `/spend/payments?category=${encodeURIComponent('Agency Staff')}&download=payments`)
    assert.equal(payments.length, 4)
    const page = text((await finance.get(`/spend/payments?category=${encodeURIComponent('Agency Staff')}`)).body)
    assert.match(page, /Agency Staff \(published as “Agency staff costs”\)/)
    const filterPage = (await finance.get('/spend/payments')).body
    assert.match(filterPage, /<option value="Agency Staff"/)
    assert.doesNotMatch(filterPage, /<option value="AGENCY STAFF"/)
    // A spelling that now counts under another name is no category of its own.
    assert.equal((await csv(finance, '/spend/payments?category=AGENCY%20STAFF&download=payments')).length, 0)

    const audit = await queryRows<{ action: string; entity_id: string; after: { countedUnder: string } }>(
      t.db.db,
      sql`select action, entity_id, after from audit_entries where council_id = ${demoId} and entity_type = 'spend-category' order by entity_id`,
    )
    assert.deepEqual(audit.map((a) => [a.action, a.entity_id, a.after.countedUnder]), [['create', 'AGENCY STAFF', 'Agency Staff'], ['create', 'Agency staff costs', 'Agency Staff']])
  })

  test('a payee page counts its spend by the mapped category', async () => {
    const [payee] = await queryRows<{ id: string }>(t.db.db, sql`select id from spend_payees where council_id = ${demoId} and name = 'Osprey Recruitment Ltd'`)
    const rows = await csv(finance, `/spend/payees/${payee!.id}?download=payee-categories`)
    assert.deepEqual(rows, [['2018/19', 'Agency Staff', '1000.00', '2']])
  })

  test('mistakes are shown in the error summary, linked to their field, and change nothing', async () => {
    const none = await finance.post('/spend/categories', { mapsTo: 'Agency Staff' })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /href="#categories">Select the categories to count as one/)
    const noName = await finance.post('/spend/categories', { categories: 'Home care', mapsTo: '  ' })
    assert.equal(noName.statusCode, 400)
    assert.match(noName.body, /href="#mapsTo">Enter the name to count the categories under/)
    assert.match(noName.body, /value="Home care" checked/, 'the choice is kept')
    const unknown = await finance.post('/spend/categories', { categories: 'Nothing like this', mapsTo: 'Home care' })
    assert.equal(unknown.statusCode, 400)
    assert.match(text(unknown.body), /“Nothing like this” is not a category in the council’s spend files/)
    const chained = await finance.post('/spend/categories', { categories: 'Home care', mapsTo: 'AGENCY STAFF' })
    assert.equal(chained.statusCode, 400)
    assert.match(text(chained.body), /“AGENCY STAFF” is already counted under “Agency Staff”: enter “Agency Staff” to add to it/)
    const [count] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_category_mappings where council_id = ${demoId}`)
    assert.equal(count!.n, 2)
  })

  test('renaming a council category takes its spellings along; undo puts one back under its own name', async () => {
    const renamed = await finance.post('/spend/categories', { categories: 'Agency Staff', mapsTo: 'Temporary staff' })
    assert.equal(renamed.statusCode, 303)
    const byCategory = await csv(finance, '/spend?year=2018&download=by-category')
    assert.deepEqual(byCategory.find((r) => r[0] === 'Temporary staff'), ['Temporary staff', '2250.50', '4'])
    assert.equal(byCategory.find((r) => r[0] === 'Agency Staff'), undefined)

    const undone = await finance.post('/spend/categories/undo', { category: 'AGENCY STAFF' })
    assert.equal(undone.statusCode, 303)
    assert.match(text((await finance.get(String(undone.headers.location))).body), /“AGENCY STAFF” counts under its own name again/)
    const after = await csv(finance, '/spend?year=2018&download=by-category')
    assert.deepEqual(after.find((r) => r[0] === 'Temporary staff'), ['Temporary staff', '1850.50', '3'])
    assert.deepEqual(after.find((r) => r[0] === 'AGENCY STAFF'), ['AGENCY STAFF', '400.00', '1'])
    assert.equal(sumOf(after, 1), sumOf(byCategory, 1))
    const [entry] = await queryRows<{ action: string; before: { countedUnder: string } }>(
      t.db.db,
      sql`select action, before from audit_entries where council_id = ${demoId} and entity_type = 'spend-category' and entity_id = 'AGENCY STAFF' order by id desc limit 1`,
    )
    assert.deepEqual([entry!.action, entry!.before.countedUnder], ['delete', 'Temporary staff'])
  })

  test('another council sees none of it, and a councillor cannot map', async () => {
    const other = await t.signedIn('admin@other.catalyst.test')
    assert.doesNotMatch((await other.get('/spend/categories')).body, /Temporary staff|Agency staff costs/)
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.notEqual((await councillor.get('/spend/categories')).statusCode, 200)
  })
})
