/**
 * Spend import speed: a generated 1,000,000-row spend file imported in full (reading, mapping, payee matching,
 * summaries, one transaction) against PostgreSQL's own COPY of the same rows into a bare table on the same database.
 * On PGlite and, when CATALYST_BENCH_PG_URL is set, on a fresh database on that PostgreSQL server.
 *
 * Peak resident memory of the whole process (which holds the
 * generated file, and on PGlite the in-memory database too) is printed after each database.
 *
 * With --memory, the same file is then imported by the command a user runs (`catalyst import spend`), in a process of
 * its own, on a fresh database of each kind, and that process's peak resident memory is printed against its target.
 *
 *   node --import tsx bench/spend-import.ts [rows] [--memory]     Targets: import time ≤ 2 × COPY time;
 *                                                                  the command's peak resident memory < 512 MiB.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { loadDemo } from '../src/demo/seed.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { copyCsv } from '../src/modules/spend/copy.ts'
import { importSpend } from '../src/modules/spend/import.ts'
import { systemActor } from '../src/platform/audit/audit.ts'
import { queryRows, type DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD } from '../test/support/app.ts'
import { createServerDatabase } from '../test/support/database.ts'
import { postgresBinDir } from '../test/support/prerequisites.ts'
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts'
import { spendImportMemory } from './support/command-memory.ts'
import { onEachDatabase } from './support/databases.ts'
import { line, ms, writeResults } from './support/report.ts'
import { generateSpendCsv } from './support/spend-file.ts'

const args = process.argv.slice(2)
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const MEMORY = args.includes('--memory')
const TARGET_RATIO = 2
const TARGET_RSS_MIB = 512

interface Result {
  database: string
  rows: number
  copyMs: number
  importMs: number
  ratio: number
  pass: boolean
  peakRssMiB: number
  /** With --memory: the peak resident memory of `catalyst import spend` of the same file, in its own process. */
  commandPeakRssMiB?: number
  commandMemoryPass?: boolean
}

/** The process's peak resident set so far, in MiB (getrusage's maxrss, in KiB on Linux). */
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024)

const rate = (rows: number, millis: number) => `${Math.round(rows / (millis / 1000)).toLocaleString('en-GB')} rows/s`

/** What the council's spend summaries hold: per month, and in all by payee. */
async function summaryTotals(handle: DatabaseHandle, councilId: string) {
  const months = await queryRows<{ month: string; pence: string; n: number }>(
    handle.db,
    sql`select to_char(month, 'YYYY-MM') as month, sum(amount_pence)::text as pence, sum(payments)::int as n from spend_by_month where council_id = ${councilId} group by 1`,
  )
  const [payee] = await queryRows<{ pence: string | null; n: number | null }>(handle.db, sql`select sum(amount_pence)::text as pence, sum(payments)::int as n from spend_by_payee where council_id = ${councilId}`)
  return {
    byMonth: new Map(months.map((m) => [m.month, { pence: BigInt(m.pence), n: m.n }])),
    byPayee: { pence: BigInt(payee?.pence ?? 0), n: payee?.n ?? 0 },
  }
}

async function benchmark(label: string, handle: DatabaseHandle, csv: string, bytes: Uint8Array): Promise<Result> {
  await runMigrations(handle)
  await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
  const council = (await findCouncil(handle.db, 'DEMO'))!

  await handle.db.execute(sql`create table bench_spend_copy (payment_date date, supplier_name text, amount numeric(14, 2), department text, expense_type text, transaction_number text)`)
  const body = csv.slice(csv.indexOf('\n') + 1)
  const copyStarted = performance.now()
  await handle.db.transaction((tx) => copyCsv(tx, 'bench_spend_copy', [body]))
  const copyMs = performance.now() - copyStarted
  const [copied] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from bench_spend_copy`)
  line(`${label}: COPY into a bare table: ${copied?.n.toLocaleString('en-GB')} rows in ${ms(copyMs)} (${rate(ROWS, copyMs)})`)
  // The figures a user sees, counted independently: by the database from its own reading of the file (COPY), per month.
  const expected = await queryRows<{ month: string; pence: string; n: number }>(
    handle.db,
    sql`select to_char(payment_date, 'YYYY-MM') as month, sum(amount * 100)::bigint::text as pence, count(*)::int as n from bench_spend_copy group by 1 order by 1`,
  )
  await handle.db.execute(sql`drop table bench_spend_copy`)

  const before = await summaryTotals(handle, council.id)
  const started = performance.now()
  const outcome = await importSpend(handle.db, {
    councilId: council.id,
    fileName: 'generated-spend.csv',
    bytes,
    actor: systemActor('benchmark'),
    now: new Date(),
  })
  const importMs = performance.now() - started
  if (outcome.outcome !== 'imported') throw new Error(`the import was ${outcome.outcome}: ${'reason' in outcome ? outcome.reason : ''}`)
  const summary = outcome.summary
  if (summary.rowsImported !== ROWS) throw new Error(`imported ${summary.rowsImported} of ${ROWS} rows (${summary.rowsRejected} rejected)`)
  // The demo's own payments are in the summaries too: the file's share is what the import added.
  const after = await summaryTotals(handle, council.id)
  const added = [...after.byMonth]
    .map(([month, t]) => ({ month, pence: String(t.pence - (before.byMonth.get(month)?.pence ?? 0n)), n: t.n - (before.byMonth.get(month)?.n ?? 0) }))
    .filter((m) => m.n !== 0)
    .sort((a, b) => a.month.localeCompare(b.month))
  const [stored] = await queryRows<{ pence: string; n: number }>(handle.db, sql`select sum(amount_pence)::text as pence, count(*)::int as n from spend_payments where import_id = ${summary.importId}`)
  const total = expected.reduce((sum, m) => sum + BigInt(m.pence), 0n)
  const checks = {
    'by month': JSON.stringify(added) === JSON.stringify(expected),
    payments: BigInt(stored!.pence) === total && stored!.n === ROWS,
    'by payee': after.byPayee.pence - before.byPayee.pence === total && after.byPayee.n - before.byPayee.n === ROWS,
    'import summary': BigInt(summary.totalPence) === total,
  }
  const wrong = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name)
  if (wrong.length > 0) throw new Error(`${label}: the imported totals (${wrong.join(', ')}) differ from COPY's own count of the file (${total} pence over ${ROWS} rows)`)
  line(`${label}: totals checked: ${expected.length} months, ${total.toLocaleString('en-GB')} pence, the same in the payments, both summaries and the import summary as in COPY's own count`)
  line(`${label}: full import: ${summary.rowsImported.toLocaleString('en-GB')} rows, ${summary.newPayees.toLocaleString('en-GB')} payees, in ${ms(importMs)} (${rate(ROWS, importMs)})`)
  const ratio = importMs / copyMs
  const pass = ratio <= TARGET_RATIO
  line(`${label}: ${pass ? 'PASS' : 'FAIL'} import/COPY ratio ${ratio.toFixed(2)}x against a target of ≤ ${TARGET_RATIO}x (${(ratio / TARGET_RATIO).toFixed(2)} of the target)`)
  const rss = peakRssMiB()
  line(`${label}: peak resident memory of the process so far: ${rss.toLocaleString('en-GB')} MiB`)
  return { database: label, rows: ROWS, copyMs, importMs, ratio, pass, peakRssMiB: rss }
}

line(`# Spend import: ${ROWS.toLocaleString('en-GB')} generated rows, Node ${process.version}`)
const csv = generateSpendCsv(ROWS)
const bytes = new TextEncoder().encode(csv)
line(`file: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB`)
// Both databases every time: on the server given in CATALYST_BENCH_PG_URL, else on a throwaway one started here.
let server: PostgresServer | undefined
if (!process.env.CATALYST_BENCH_PG_URL && postgresBinDir()) {
  server = await startPostgres()
  process.env.CATALYST_BENCH_PG_URL = server.url
}
const results: Result[] = []
try {
  results.push(...(await onEachDatabase((kind, handle) => benchmark(kind, handle, csv, bytes))))
  if (MEMORY) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-bench-spend-'))
    const file = path.join(scratch, 'generated-spend.csv')
    fs.writeFileSync(file, bytes)
    try {
      for (const result of results) {
        const database = result.database === 'postgres' ? await createServerDatabase(process.env.CATALYST_BENCH_PG_URL, 'catalyst_bench') : undefined
        try {
          const run = spendImportMemory(file, { databaseUrl: database?.url, demoPassword: DEMO_PASSWORD })
          const imported = (JSON.parse(run.output) as { rowsImported: number }).rowsImported
          if (imported !== ROWS) throw new Error(`catalyst import spend imported ${imported} of ${ROWS} rows`)
          result.commandPeakRssMiB = run.peakRssMiB
          result.commandMemoryPass = run.peakRssMiB < TARGET_RSS_MIB
          line(`${result.database}: ${result.commandMemoryPass ? 'PASS' : 'FAIL'} \`catalyst import spend\` of the ${ROWS.toLocaleString('en-GB')}-row file (${imported.toLocaleString('en-GB')} rows imported in ${ms(run.millis)}, process start to exit): peak resident memory ${run.peakRssMiB.toLocaleString('en-GB')} MiB against a target of < ${TARGET_RSS_MIB} MiB`)
        } finally {
          await database?.drop()
        }
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true })
    }
  }
} finally {
  server?.stop()
}
line(`results: ${writeResults('spend-import', results)}`)
process.exitCode = results.every((r) => r.pass && r.commandMemoryPass !== false) ? 0 : 1
