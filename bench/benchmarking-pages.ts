/**
 * Benchmarking page latency at the issue's scale: 300 councils with a year of published contracts between them
 * (100,000 contracts with a supplier each, 10 supplier records per council sharing 500 company numbers), five
 * indicators for every council over 10 financial years imported through the real LG Inform importer, Catalyst's own
 * indicators computed for the demo council, and a comparator group of 15. Then the server time of the comparison
 * page, "who supplies my neighbours" for one service, cost against outcome and the report, 100 requests each
 * through app.inject after a warm-up. On PGlite and, when CATALYST_BENCH_PG_URL is set, on PostgreSQL.
 *
 * The contracts are written with set-wise SQL, not through the OCDS importer: its speed is bench/ocds-import.ts's
 * measure, and here only the pages' reading of 100,000 contracts is timed.
 *
 *   node --import tsx bench/benchmarking-pages.ts [contracts] [councils]      Target: p95 < 200 ms for each page.
 */
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/seed.ts'
import { computeOwnIndicators } from '../src/modules/benchmarking/computed.ts'
import { createUploadedGroup } from '../src/modules/benchmarking/groups.ts'
import { importIndicatorFile } from '../src/modules/benchmarking/import.ts'
import { findCouncil, upsertCouncil } from '../src/modules/councils/service.ts'
import { systemActor } from '../src/platform/audit/audit.ts'
import { queryRows, type DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD, TestClient } from '../test/support/app.ts'
import { onEachDatabase } from './support/databases.ts'
import { line, ms, percentile, writeResults } from './support/report.ts'

const CONTRACTS = Number(process.argv[2] ?? 100_000)
const COUNCILS = Number(process.argv[3] ?? 300)
const YEARS = 10
const INDICATORS = 5
const GROUP_SIZE = 15
const N = 100
const TARGET_P95_MS = 200
const CATEGORIES = [
  ['adult-social-care', '85311000'],
  ['childrens-social-care', '85312000'],
  ['waste-recycling', '90511000'],
  ['highways-transport', '45233000'],
  ['housing-homelessness', '70333000'],
  ['facilities-management', '79993000'],
] as const

interface Result {
  database: string
  councils: number
  contracts: number
  values: number
  /** Each benchmarking page, and the baseline page the ratios are taken against. */
  pages: Record<string, { url: string; p50: number; p95: number; max: number }>
  pass: boolean
}

/** Three-letter codes in GB-LAE's shape (BAA, BAB…), which uploaded lists and indicator files accept. */
const code = (i: number) => `B${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`

function indicatorCsv(): Buffer {
  const rows = ['area_code,area_name,period,indicator,measure,unit,value']
  for (let k = 0; k < INDICATORS; k++) {
    for (let y = 0; y < YEARS; y++) {
      const period = `${2015 + y}/${String((16 + y) % 100).padStart(2, '0')}`
      rows.push(`DEMO,Demo Borough Council,${period},Benchmark indicator ${k + 1},Percentage,,${(40 + ((k * 7 + y * 3) % 30)).toFixed(1)}`)
      for (let c = 0; c < COUNCILS; c++) rows.push(`${code(c)},Benchmark council ${c},${period},Benchmark indicator ${k + 1},Percentage,,${(30 + ((c * 13 + k * 7 + y * 3) % 50) + c / 1000).toFixed(3)}`)
    }
  }
  return Buffer.from(rows.join('\n'))
}

async function load(handle: DatabaseHandle, label: string) {
  const db = handle.db
  const now = new Date()
  const actor = systemActor('benchmark')
  const today = now.toISOString().slice(0, 10)
  await runMigrations(handle)
  await loadDemo(db, { password: DEMO_PASSWORD, now })
  const started = performance.now()
  for (let c = 0; c < COUNCILS; c++) await upsertCouncil(db, { name: `Benchmark council ${c}`, code: code(c), laeCode: code(c), type: 'unitary', isTenant: true }, actor, now)
  // Ten supplier records per council; company numbers repeat across councils, so one organisation supplies many.
  await db.execute(sql`
    with bench as (select id, row_number() over (order by code) - 1 as i from councils where code like 'B%' and name like 'Benchmark council %')
    insert into providers (council_id, name, name_key, legal_form, is_sme, is_vcse, published)
    select b.id, 'Supplier ' || ((b.i * 7 + s) % 500) || ' Ltd', 'supplier ' || s, 'company-shares', s % 3 = 0, s % 7 = 0, true
    from bench b, generate_series(0, 9) s`)
  await db.execute(sql`
    insert into provider_identifiers (provider_id, council_id, scheme, identifier)
    select p.id, p.council_id, 'GB-COH', lpad((10000000 + substring(p.name from 'Supplier ([0-9]+) Ltd')::int)::text, 8, '0')
    from providers p join councils c on c.id = p.council_id
    where c.code like 'B%' and c.name like 'Benchmark council %'`)
  const categories = sql.raw(`(values ${CATEGORIES.map(([c, cpv], i) => `(${i}, '${c}', '${cpv}')`).join(', ')}) as cat(i, code, cpv)`)
  await db.execute(sql`
    with bench as (select id, row_number() over (order by code) - 1 as i from councils where code like 'B%' and name like 'Benchmark council %')
    insert into contracts (council_id, reference, title, cpv_codes, main_category, award_procedure, total_value_pence, award_date, start_date, end_date, status, published, service_category)
    select b.id, 'BEN-' || g, 'Generated contract ' || g, array[cat.cpv], 'services',
      (array['open', 'competitive-flexible', 'direct-award', 'framework-call-off', 'below-threshold-quotes'])[1 + g % 5],
      (10000 + (g * 37) % 2000000) * 100, date '2025-03-01' + (g % 365), date '2025-04-01' + (g % 365), date '2025-04-01' + (g % 365) + 730, 'active', true, cat.code
    from generate_series(0, ${CONTRACTS - 1}) g join bench b on b.i = g % ${COUNCILS} join ${categories} on cat.i = (g / ${COUNCILS}) % ${CATEGORIES.length}`)
  await db.execute(sql`
    insert into contract_suppliers (contract_id, provider_id, council_id)
    select k.id, p.id, k.council_id from contracts k
    join providers p on p.council_id = k.council_id and p.name_key = 'supplier ' || (substring(k.reference from 5)::int % 10)
    where k.reference like 'BEN-%'`)
  const demo = (await findCouncil(db, 'DEMO'))!
  const imported = await importIndicatorFile(db, { councilId: demo.id, fileName: 'bench.csv', bytes: indicatorCsv(), format: 'lginform-long', polarity: 'high', actor, now, today })
  if (!imported.ok) throw new Error(`indicator import: ${imported.reason}`)
  await computeOwnIndicators(db, demo.id, actor, now)
  const list = ['code,name', ...Array.from({ length: GROUP_SIZE }, (_, i) => `${code(i)},Benchmark council ${i}`)].join('\n')
  const group = await createUploadedGroup(db, { councilId: demo.id, name: 'Benchmark group', purpose: '', bytes: Buffer.from(list), actor, now, today })
  if (!group.ok) throw new Error(`group: ${group.reason}`)
  const [counts] = await queryRows<{ contracts: number; values: number }>(db, sql`select (select count(*)::int from contracts where reference like 'BEN-%') as contracts, (select count(*)::int from benchmark_values) as values`)
  line(`${label}: ${COUNCILS} councils, ${counts!.contracts.toLocaleString('en-GB')} contracts, ${counts!.values.toLocaleString('en-GB')} indicator values loaded in ${ms(performance.now() - started)}`)
  return { demo, groupId: group.groupId, indicatorIds: imported.summary.indicators.map((i) => i.id), counts: counts! }
}

async function benchmark(label: 'pglite' | 'postgres', handle: DatabaseHandle): Promise<Result> {
  const { groupId, indicatorIds, counts } = await load(handle, label)
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'benchmark-only-session-secret-0123456789', LOG_LEVEL: 'silent', CATALYST_PUBLIC_URL: 'https://catalyst.example' }), { db: handle.db })
  try {
    await app.ready()
    const client = new TestClient(app)
    await client.signIn('commissioner@demo.catalyst.test')
    const urls = {
      comparison: `/benchmarking/indicators/${indicatorIds[0]}?group=${groupId}`,
      suppliers: `/benchmarking/groups/${groupId}/suppliers?category=adult-social-care`,
      scatter: `/benchmarking/scatter?group=${groupId}&x=${indicatorIds[0]}&y=${indicatorIds[1]}`,
      report: `/benchmarking/groups/${groupId}/report`,
      // A page that reads nothing from the benchmarking tables: the machine's speed at the time, so that runs on a
      // shared, noisy machine compare by their ratio to it as well as by their times.
      baseline: '/accessibility',
    }
    const pages: Result['pages'] = {}
    for (const [name, url] of Object.entries(urls)) {
      const samples: number[] = []
      for (let i = 0; i < N + 10; i++) {
        const t0 = performance.now()
        const response = await client.get(url)
        const elapsed = performance.now() - t0
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
        if (i >= 10) samples.push(elapsed)
      }
      pages[name] = { url, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) }
      line(`${label}: ${name.padEnd(11)} p50 ${ms(pages[name].p50)}  p95 ${ms(pages[name].p95)}  max ${ms(pages[name].max)}  (n=${N}) ${url}`)
    }
    const baseline = pages.baseline!
    line(`${label}: p95 against the baseline page: ${Object.entries(pages).filter(([name]) => name !== 'baseline').map(([name, p]) => `${name} ${(p.p95 / baseline.p95).toFixed(1)}x`).join('  ')}`)
    const pass = Object.entries(pages).every(([name, p]) => name === 'baseline' || p.p95 < TARGET_P95_MS)
    line(`${label}: ${pass ? 'PASS' : 'FAIL'} every page p95 < ${TARGET_P95_MS} ms`)
    return { database: label, councils: COUNCILS, contracts: counts.contracts, values: counts.values, pages, pass }
  } finally {
    await app.close()
  }
}

line(`# Benchmarking pages: ${COUNCILS} councils, ${CONTRACTS.toLocaleString('en-GB')} contracts, ${INDICATORS} indicators × ${YEARS} years, group of ${GROUP_SIZE}, ${N} requests per page, Node ${process.version}`)
const results = await onEachDatabase((kind, handle) => benchmark(kind, handle))
line(`results: ${writeResults('benchmarking-pages', results)}`)
process.exitCode = results.every((r) => r.pass) ? 0 : 1
