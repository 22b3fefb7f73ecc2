/**
 * Does a large spend import on a page leave the server responsive (ADR 0052)? A generated spend file (50 MB by
 * default) is uploaded, its columns are checked, its import confirmed, and its job run in the server's own process
 * (as the worker runs it), while a probe asks /healthz over real HTTP every 20 ms and the event loop's delay is
 * sampled. Printed per step: the longest /healthz answer, its 99th percentile, and the event loop's longest stall.
 * Before the import ran as a job, /healthz stalled about 9 s during a 50 MB import on a page (issue #16).
 *
 *   node --import tsx bench/spend-upload-healthz.ts [megabytes] [pglite|postgres]     Target: no /healthz answer over 1 s
 *   while the job runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/seed.ts'
import type { DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD, TestClient } from '../test/support/app.ts'
import { runSpendImportJobs } from '../test/support/spend-import-jobs.ts'
import { postgresBinDir } from '../test/support/prerequisites.ts'
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts'
import { onEachDatabase } from './support/databases.ts'
import { line, ms, percentile, writeResults } from './support/report.ts'
import { generateSpendCsv } from './support/spend-file.ts'

const MEGABYTES = Number(process.argv[2] ?? 50)
/** One database only, when given. */
const ONLY = process.argv[3]
const TARGET_MS = 1_000

interface Step {
  step: string
  durationMs: number
  probes: number
  healthzMaxMs: number
  healthzP99Ms: number
  eventLoopMaxMs: number
}

interface Result {
  database: string
  megabytes: number
  rows: number
  steps: Step[]
  pass: boolean
}

/** Runs `work` while asking /healthz every 20 ms; the answers' latencies and the event loop's longest delay. */
async function probed(step: string, url: string, work: () => Promise<unknown>): Promise<Step> {
  const latencies: number[] = []
  let running = true
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const probe = (async () => {
    while (running) {
      const asked = performance.now()
      const response = await fetch(`${url}/healthz`)
      await response.text()
      latencies.push(performance.now() - asked)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  const started = performance.now()
  await work()
  const durationMs = performance.now() - started
  running = false
  await probe
  delay.disable()
  const result = {
    step,
    durationMs,
    probes: latencies.length,
    healthzMaxMs: Math.max(...latencies),
    healthzP99Ms: percentile(latencies, 99),
    eventLoopMaxMs: delay.max / 1e6,
  }
  line(`  ${step.padEnd(34)} ${ms(durationMs).padStart(11)}  /healthz max ${ms(result.healthzMaxMs).padStart(10)}, p99 ${ms(result.healthzP99Ms).padStart(10)} (${result.probes} probes); event loop stalled at most ${ms(result.eventLoopMaxMs)}`)
  return result
}

function multipart(name: string, bytes: Buffer) {
  const boundary = '----catalyst-bench-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
}

async function benchmark(kind: string, handle: DatabaseHandle, file: Buffer, rows: number): Promise<Result> {
  await runMigrations(handle)
  await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { db: handle.db })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const finance = new TestClient(app)
    await finance.signIn('finance@demo.catalyst.test')
    await finance.get('/spend/imports/new')
    line(`${kind}:`)
    const steps: Step[] = []
    let location = ''
    steps.push(await probed('upload (streamed to disk, stored)', url, async () => {
      const body = multipart('generated-spend.csv', file)
      const uploaded = await finance.request({ method: 'POST', url: `/spend/imports?_csrf=${encodeURIComponent(finance.csrfToken)}`, payload: body.payload, headers: { 'content-type': body.contentType } })
      if (uploaded.statusCode !== 303) throw new Error(`upload answered ${uploaded.statusCode}`)
      location = String(uploaded.headers.location)
    }))
    const token = new URL(location, 'http://x').searchParams.get('upload')!
    steps.push(await probed('check the columns (preview page)', url, async () => {
      const preview = await finance.get(location)
      if (preview.statusCode !== 200) throw new Error(`preview answered ${preview.statusCode}`)
    }))
    let progressUrl = ''
    steps.push(await probed('confirm (enqueue, answer at once)', url, async () => {
      const confirmed = await finance.post('/spend/imports/preview', { upload: token, action: 'import' })
      if (confirmed.statusCode !== 303) throw new Error(`confirm answered ${confirmed.statusCode}`)
      progressUrl = String(confirmed.headers.location)
    }))
    steps.push(await probed('the import job (worker, same process)', url, async () => {
      const result = await runSpendImportJobs(handle.db)
      if (result.done !== 1) throw new Error(`the job did not finish: ${JSON.stringify(result)}`)
    }))
    const finished = await finance.get(progressUrl)
    if (finished.statusCode !== 303) throw new Error(`the import did not finish: ${finished.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 500)}`)
    const worst = Math.max(...steps.filter((s) => s.step.startsWith('the import job')).map((s) => s.healthzMaxMs))
    const pass = worst <= TARGET_MS
    line(`${kind}: ${pass ? 'PASS' : 'FAIL'} longest /healthz answer while the job ran ${ms(worst)} against a target of ≤ ${ms(TARGET_MS)} (before: about 9 s, issue #16)`)
    return { database: kind, megabytes: file.length / 1024 / 1024, rows, steps, pass }
  } finally {
    await app.close()
  }
}

line(`# /healthz during a ${MEGABYTES} MB spend import on a page, Node ${process.version}`)
const sample = generateSpendCsv(10_000)
const rows = Math.round((MEGABYTES * 1024 * 1024) / (Buffer.byteLength(sample) / 10_000))
const file = Buffer.from(generateSpendCsv(rows))
line(`file: ${(file.length / 1024 / 1024).toFixed(1)} MiB, ${rows.toLocaleString('en-GB')} rows`)
let server: PostgresServer | undefined
if (!process.env.CATALYST_BENCH_PG_URL && postgresBinDir() && ONLY !== 'pglite') {
  server = await startPostgres()
  process.env.CATALYST_BENCH_PG_URL = server.url
}
try {
  const results = (await onEachDatabase((kind, handle) => (ONLY && ONLY !== kind ? Promise.resolve(undefined) : benchmark(kind, handle, file, rows)))).filter((r): r is Result => r !== undefined)
  line(`results: ${writeResults('spend-upload-healthz', results)}`)
  process.exitCode = results.every((r) => r.pass) ? 0 : 1
} finally {
  await server?.stop()
}
