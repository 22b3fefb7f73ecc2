/** Spend's API: imports, payees and the summaries, checked against the payments themselves; tenancy and scopes. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { apiGet, tokenFor, walkPages } from '../../../test/support/api.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'
import { spendImports, spendPayees } from './schema.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoId = ''

before(async () => {
  t = await createTestApp()
  reader = await tokenFor(t, 'finance@demo.catalyst.test', ['spend:read'])
  otherAdmin = await tokenFor(t, 'admin@other.catalyst.test', ['*:read'])
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const paid = async (where: ReturnType<typeof sql>) =>
  Number((await queryRows<{ total: string | null }>(t.db.db, sql`select sum(amount_pence) as total from spend_payments where council_id = ${demoId} and ${where}`))[0]?.total ?? 0)

test('imports: every import once, filtered by kind; one import with its rejected rows', async () => {
  const stored = await t.db.db.select().from(spendImports).where(eq(spendImports.councilId, demoId))
  assert.ok(stored.length >= 1, 'the demo imports spend')
  const seen = await walkPages(t, '/api/v1/spend/imports?limit=1', reader)
  assert.deepEqual(seen.map((i) => i.id).sort(), stored.map((i) => i.id).sort())
  const invoices = await walkPages(t, '/api/v1/spend/imports?kind=invoice', reader)
  assert.deepEqual(invoices.map((i) => i.id).sort(), stored.filter((i) => i.kind === 'invoice').map((i) => i.id).sort())

  const first = stored[0]!
  const one = await apiGet(t, `/api/v1/spend/imports/${first.id}`, reader)
  assert.equal(one.status, 200)
  assert.equal(one.json.rowsImported, first.rowsImported)
  assert.equal(one.json.totalPence, await paid(sql`import_id = ${first.id}`), 'the import’s total is what its payments add to')
  assert.equal(one.json.rejected.length, Math.min(first.rowsRejected, 5000))
  assert.equal((await apiGet(t, `/api/v1/spend/imports/${first.id}`, otherAdmin)).status, 404)
  assert.deepEqual(await walkPages(t, '/api/v1/spend/imports', otherAdmin).then((items) => items.filter((i) => stored.some((s) => s.id === i.id))), [])
  const bad = await apiGet(t, '/api/v1/spend/imports?kind=cheque', reader)
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field), ['/kind'])
})

test('payees: every payee once, with what was paid to each; filters by status and name', async () => {
  const stored = await t.db.db.select().from(spendPayees).where(eq(spendPayees.councilId, demoId))
  const seen = (await walkPages(t, '/api/v1/spend/payees?limit=50', reader)) as { id: string; totalPence: number; payments: number; matchStatus: string; name: string }[]
  assert.equal(seen.length, stored.length)
  assert.equal(new Set(seen.map((p) => p.id)).size, stored.length)
  const largest = [...seen].sort((a, b) => b.totalPence - a.totalPence)[0]!
  assert.ok(largest.totalPence > 0)
  assert.equal(largest.totalPence, await paid(sql`payee_id = ${largest.id}`))

  const unmatched = await walkPages(t, '/api/v1/spend/payees?matchStatus=unmatched&limit=200', reader)
  assert.equal(unmatched.length, stored.filter((p) => p.matchStatus === 'unmatched').length)
  const word = largest.name.split(/\s+/)[0]!
  const named = (await walkPages(t, `/api/v1/spend/payees?q=${encodeURIComponent(word.toLowerCase())}&limit=200`, reader)) as { name: string }[]
  assert.ok(named.length > 0 && named.every((p) => p.name.toLowerCase().includes(word.toLowerCase())))

  const one = await apiGet(t, `/api/v1/spend/payees/${largest.id}`, reader)
  assert.equal(one.status, 200)
  assert.equal(one.json.totalPence, largest.totalPence)
  assert.equal(one.json.byYearAndCategory.reduce((sum: number, y: { amountPence: number }) => sum + y.amountPence, 0), largest.totalPence)
  assert.ok(one.json.namesSeen.length >= 1)
  assert.equal((await apiGet(t, `/api/v1/spend/payees/${largest.id}`, otherAdmin)).status, 404)
})

test('the summaries by month and by category both add to the payments of the financial year', async () => {
  const months = await apiGet(t, '/api/v1/spend/summaries/months', reader)
  assert.equal(months.status, 200)
  const { startYear, start, end } = months.json.year
  assert.equal(start, `${startYear}-04-01`)
  const inYear = await paid(sql`payment_date between ${start} and ${end}`)
  assert.ok(inYear > 0, 'the newest year with spend is chosen when no year is asked for')
  assert.equal(months.json.months.reduce((sum: number, m: { amountPence: number }) => sum + m.amountPence, 0), inYear)

  const categories = await apiGet(t, `/api/v1/spend/summaries/categories?year=${startYear}`, reader)
  assert.equal(categories.json.year.label, months.json.year.label)
  assert.equal(categories.json.categories.reduce((sum: number, c: { amountPence: number }) => sum + c.amountPence, 0), inYear)

  const empty = await apiGet(t, '/api/v1/spend/summaries/months?year=1995', reader)
  assert.deepEqual(empty.json.months, [])
  const bad = await apiGet(t, '/api/v1/spend/summaries/categories?year=last', reader)
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field), ['/year'])
  assert.equal((await apiGet(t, '/api/v1/spend/summaries/months', reader, { 'if-none-match': String(months.headers.etag) })).status, 304)
  const others = await apiGet(t, `/api/v1/spend/summaries/months?year=${startYear}`, otherAdmin)
  assert.notDeepEqual(others.json.months, months.json.months, 'another council sees its own spend')
})

test('spend:read reads spend only; a provider’s token reads none of it', async () => {
  assert.equal((await apiGet(t, '/api/v1/grants', reader)).status, 403)
  const provider = await tokenFor(t, 'provider@demo.catalyst.test', ['*:read'])
  assert.equal((await apiGet(t, '/api/v1/spend/payees', provider)).status, 403)
})
