/**
 * No CSV Catalyst serves can carry a spreadsheet formula. Every free-text column in the database is seeded with
 * hostile values (each cell's text behind "=", "+", "-" or "@"), then every CSV the app answers is fetched, as a
 * visitor and as an administrator, by crawling from the registered routes: the `.csv` routes and the tables
 * offered as `?download=`. Every cell must be safe: no formula character in front, unless the whole cell is a
 * plain number such as -12.50.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from './support/app.ts'
import { crawl, getRoutes, type Visited } from './support/crawl.ts'

/** Tables of accounts, sessions, secrets and logs: not content anyone downloads, and seeding them breaks sign-in. */
const SKIP_TABLES = /^(users|sessions|memberships|api_tokens|instance_settings|invitations|sign_in_.*|audit_entries|rate_limit_events|outbox_messages|__drizzle.*|.*_settings|settings.*)$/
/** Codes the application looks things up by (a council's code is in its open-data URLs). */
const SKIP_COLUMNS = /^(code|role|status|phase|kind|key|.*_hash|.*token.*|scheme|currency|.*_code|postcode|email|.*_email)$/
const PREFIXES = ['=', '+', '-', '@']

let t: TestApp
let seededColumns = 0
before(async () => {
  t = await createTestApp()
  const db = t.db.db
  const columns = ((await db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying')
    order by table_name, column_name`)) as unknown as { rows: unknown[] }).rows as { table_name: string; column_name: string }[]
  for (const { table_name: table, column_name: column } of columns) {
    if (SKIP_TABLES.test(table) || SKIP_COLUMNS.test(column)) continue
    // Lower-case codes (a status, a category slug) are vocabulary, not text a person typed.
    const sample = ((await db.execute(sql.raw(`select count(*)::int as n, count(*) filter (where "${column}" !~ '^[a-z0-9]+([_.:-][a-z0-9]+)*$')::int as free from "${table}" where "${column}" is not null and "${column}" <> ''`))) as unknown as { rows: unknown[] }).rows[0] as { n: number; free: number }
    if (sample.n === 0 || sample.free === 0) continue
    const prefix = PREFIXES[seededColumns % PREFIXES.length]!
    try {
      await db.execute(sql.raw(`update "${table}" set "${column}" = '${prefix}' || "${column}" || '+1' where "${column}" is not null and "${column}" <> '' and "${column}" !~ '^[a-z0-9]+([_.:-][a-z0-9]+)*$'`))
      seededColumns++
    } catch {
      // A check constraint (a fixed vocabulary) refused it: not free text.
    }
  }
})
after(async () => t.close())

function unsafeCells(visit: Visited): string[] {
  const rows = parse(visit.response.body, { relax_column_count: true, bom: true }) as string[][]
  return rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))
}

test('every CSV Catalyst serves keeps hostile text out of formulas', async () => {
  assert.ok(seededColumns > 30, `hostile values were seeded in ${seededColumns} text columns`)
  const admin = await t.signedIn('admin@demo.catalyst.test')
  // An administrator can reach every page, public ones included, so one crawl finds every CSV.
  const started = Date.now()
  const visits = await crawl(t.app, admin, { perPattern: 3 })
  const csvs = visits.filter((v) => v.response.statusCode === 200 && String(v.response.headers['content-type']).startsWith('text/csv'))

  // Every registered .csv route was reached and answered CSV.
  const csvRoutes = getRoutes(t.app).filter((r) => r.pattern.endsWith('.csv')).map((r) => r.pattern)
  const reached = new Set(csvs.map((v) => v.pattern))
  assert.deepEqual(csvRoutes.filter((p) => !reached.has(p)), [], 'CSV routes the walk could not reach')
  assert.ok(csvs.some((v) => v.url.includes('download=')), 'tables offered as ?download= were walked too')

  const problems: string[] = []
  let guarded = 0
  for (const visit of csvs) {
    const bad = unsafeCells(visit)
    if (bad.length > 0) problems.push(`${visit.url}: ${bad.slice(0, 3).map((c) => JSON.stringify(c)).join(', ')}`)
    guarded += (visit.response.body.match(/(^|,|")'[=+\-@]/gm) ?? []).length
  }
  assert.deepEqual(problems, [], 'cells that would run as formulas')
  assert.ok(guarded > 0, 'the seeded values reached the CSVs and were guarded')
  const errors = visits.filter((v) => v.response.statusCode >= 500).map((v) => `${v.url} ${v.response.statusCode}`)
  assert.deepEqual(errors, [])
  console.log(`# ${csvs.length} CSV responses from ${reached.size} routes checked; ${guarded} hostile cells guarded; ${seededColumns} columns seeded; ${visits.length} requests in ${Date.now() - started} ms`)
})
