/**
 * Provider list latency: a register of 10,000 providers for one council, a commissioner signed in, and the server
 * time of a filtered, sorted, paged list (200 requests through app.inject) against a page that reads no providers.
 * Runs on a fresh PGlite and, when CATALYST_BENCH_PG_URL is set, on a fresh database on that PostgreSQL server.
 * Then requests/s with autocannon against the app listening on a local port.
 *
 *   node --import tsx bench/provider-list.ts        Target: p95 < 100 ms for the filtered page.
 */
import autocannon from 'autocannon'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/seed.ts'
import { type DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD, TestClient } from '../test/support/app.ts'
import { insertProviders } from './support/providers.ts'
import { onEachDatabase } from './support/databases.ts'
import { line, ms, percentile, writeResults } from './support/report.ts'

const PROVIDERS = 10_000
const N = 200
const TARGET_P95_MS = 100
const FILTERED = '/providers?flag=sme&category=adult-social-care&sort=name&order=desc&page=3'
const SEARCH = '/providers?q=Riverside&sort=updated&order=desc'
const BASELINE = '/accessibility'
const BENCH_SESSION_SECRET = 'benchmark-only-session-secret-0123456789'

interface TargetResult {
  database: string
  insertMs: number
  pages: Record<string, { url: string; p50: number; p95: number; max: number }>
  ratioP50: number
  ratioP95: number
  requestsPerSecond: number
  pass: boolean
}

async function time(client: TestClient, url: string, count: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    const response = await client.get(url)
    samples.push(performance.now() - started)
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
  }
  return samples
}

async function benchmark(label: string, handle: DatabaseHandle): Promise<TargetResult> {
  await runMigrations(handle)
  await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
  const insertMs = await insertProviders(handle.db, 'DEMO', PROVIDERS)
  line(`${label}: inserted ${PROVIDERS.toLocaleString('en-GB')} providers in ${ms(insertMs)} (${Math.round(PROVIDERS / (insertMs / 1000)).toLocaleString('en-GB')} rows/s)`)
  // Production settings, as a council would run it: templates compiled once and cached (development recompiles
  // every template on every request, which would measure Nunjucks's compiler rather than Catalyst).
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: BENCH_SESSION_SECRET, LOG_LEVEL: 'silent' }), { db: handle.db })
  try {
    await app.ready()
    const client = new TestClient(app)
    await client.signIn('commissioner@demo.catalyst.test')
    const check = await client.get(FILTERED)
    if (check.statusCode !== 200 || !/<table|govuk-summary-card|<li/i.test(check.body)) {
      throw new Error(`${FILTERED} answered ${check.statusCode}: is the provider list built?`)
    }
    const pages: TargetResult['pages'] = {}
    for (const [name, url] of [['filtered', FILTERED], ['search', SEARCH], ['baseline', BASELINE]] as const) {
      await time(client, url, 20) // warm-up: plan caches, template caches, JIT
      const samples = await time(client, url, N)
      pages[name] = { url, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) }
    }
    const filtered = pages.filtered!
    const baseline = pages.baseline!
    const ratioP50 = filtered.p50 / baseline.p50
    const ratioP95 = filtered.p95 / baseline.p95
    for (const [name, page] of Object.entries(pages)) {
      line(`${label}: ${name.padEnd(8)} ${page.url}`)
      line(`${label}: ${name.padEnd(8)} p50 ${ms(page.p50)}  p95 ${ms(page.p95)}  max ${ms(page.max)}  (n=${N})`)
    }
    line(`${label}: filtered/baseline ratio p50 ${ratioP50.toFixed(1)}x  p95 ${ratioP95.toFixed(1)}x`)

    // Requests per second over real HTTP, 10 connections for 5 seconds.
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const cookie = `catalyst_session=${(client as unknown as { cookies: Map<string, string> }).cookies.get('catalyst_session') ?? ''}`
    const cannon = await autocannon({ url: `http://127.0.0.1:${port}${FILTERED}`, connections: 10, duration: 5, headers: { cookie } })
    const requestsPerSecond = cannon.requests.average
    if (cannon.non2xx > 0 || cannon.errors > 0) throw new Error(`autocannon saw ${cannon.non2xx} non-2xx and ${cannon.errors} errors`)
    line(`${label}: autocannon ${FILTERED}: ${requestsPerSecond.toFixed(0)} requests/s (10 connections, 5 s, p99 latency ${cannon.latency.p99} ms)`)

    const pass = filtered.p95 < TARGET_P95_MS
    line(`${label}: ${pass ? 'PASS' : 'FAIL'} filtered list p95 ${ms(filtered.p95)} (target < ${TARGET_P95_MS} ms)`)
    return { database: label, insertMs, pages, ratioP50, ratioP95, requestsPerSecond, pass }
  } finally {
    await app.close()
  }
}

const results: TargetResult[] = []
line(`# Provider list: ${PROVIDERS.toLocaleString('en-GB')} providers, ${N} requests per page, Node ${process.version}`)
results.push(...(await onEachDatabase((kind, handle) => benchmark(kind, handle))))
line(`results: ${writeResults('provider-list', results)}`)
process.exitCode = results.every((r) => r.pass) ? 0 : 1
