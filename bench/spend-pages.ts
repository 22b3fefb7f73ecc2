/**
 * Spend page latency at scale: a council with 1,000,000 payments (imported through the real importer), a finance
 * officer signed in, and the server time of the overview, a payee's page (the largest payee) and the concentration
 * page, 100 requests each through app.inject after a warm-up. On PGlite and, when CATALYST_BENCH_PG_URL is set, on
 * PostgreSQL.
 *
 *   node --import tsx bench/spend-pages.ts [payments]      Target: p95 < 200 ms for each page.
 */
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/seed.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { importSpend } from '../src/modules/spend/import.ts'
import { systemActor } from '../src/platform/audit/audit.ts'
import { queryRows, type DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD, TestClient } from '../test/support/app.ts'
import { onEachDatabase } from './support/databases.ts'
import { line, ms, percentile, writeResults } from './support/report.ts'
import { generateSpendCsv } from './support/spend-file.ts'

const PAYMENTS = Number(process.argv[2] ?? 1_000_000)
const N = 100
const TARGET_P95_MS = 200

interface Result {
  database: string
  payments: number
  pages: Record<string, { url: string; p50: number; p95: number; max: number }>
  pass: boolean
}

async function benchmark(label: string, handle: DatabaseHandle, bytes: Uint8Array): Promise<Result> {
  await runMigrations(handle)
  await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
  const council = (await findCouncil(handle.db, 'DEMO'))!
  const started = performance.now()
  const outcome = await importSpend(handle.db, { councilId: council.id, fileName: 'generated.csv', bytes, actor: systemActor('benchmark'), now: new Date() })
  if (outcome.outcome !== 'imported') throw new Error(`import ${outcome.outcome}`)
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from spend_payments where council_id = ${council.id}`)
  line(`${label}: ${n.toLocaleString('en-GB')} payments for DEMO (import ${ms(performance.now() - started)})`)
  const [largest] = await queryRows<{ payee_id: string }>(
    handle.db,
    sql`select payee_id from spend_by_payee where council_id = ${council.id} group by payee_id order by sum(amount_pence) desc limit 1`,
  )
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'benchmark-only-session-secret-0123456789', LOG_LEVEL: 'silent' }), { db: handle.db })
  try {
    await app.ready()
    const client = new TestClient(app)
    await client.signIn('finance@demo.catalyst.test')
    const urls = { overview: '/spend?year=2024', payee: `/spend/payees/${largest!.payee_id}`, concentration: '/spend/concentration?year=2024' }
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
      line(`${label}: ${name.padEnd(13)} p50 ${ms(pages[name].p50)}  p95 ${ms(pages[name].p95)}  max ${ms(pages[name].max)}  (n=${N}) ${url}`)
    }
    const pass = Object.values(pages).every((p) => p.p95 < TARGET_P95_MS)
    line(`${label}: ${pass ? 'PASS' : 'FAIL'} every page p95 < ${TARGET_P95_MS} ms`)
    return { database: label, payments: n, pages, pass }
  } finally {
    await app.close()
  }
}

line(`# Spend pages: ${PAYMENTS.toLocaleString('en-GB')} payments, ${N} requests per page, Node ${process.version}`)
const bytes = new TextEncoder().encode(generateSpendCsv(PAYMENTS))
const results: Result[] = []
results.push(...(await onEachDatabase((kind, handle) => benchmark(kind, handle, bytes))))
line(`results: ${writeResults('spend-pages', results)}`)
process.exitCode = results.every((r) => r.pass) ? 0 : 1
