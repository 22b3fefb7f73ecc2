/**
 * Public pages and open-data files under load: a council of realistic size (2,000 contracts, 500 grants, 1,000
 * stories) on the embedded database and, when CATALYST_BENCH_PG_URL is set, on PostgreSQL; the app listening on a
 * local port in production settings; autocannon with 50 connections for ~10 s on each page and file, as a visitor
 * who is not signed in. Then each open-data file again as a client that already has it (If-None-Match).
 *
 *   node --import tsx bench/public-pages.ts     Target: every page and file >= 1,000 requests/s with p99 < 100 ms.
 *   CATALYST_BENCH_SECONDS=3 CATALYST_BENCH_SCALE=0.1   a shorter, smaller run while developing.
 */
import os from 'node:os'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { and, eq } from 'drizzle-orm'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { loadDemo } from '../src/demo/seed.ts'
import { councils } from '../src/modules/councils/schema.ts'
import { providers } from '../src/modules/providers/schema.ts'
import { stories } from '../src/modules/stories/schema.ts'
import type { DatabaseHandle } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD } from '../test/support/app.ts'
import { onEachDatabase } from './support/databases.ts'
import { buildPublicCouncil, REALISTIC } from './support/public-council.ts'
import { line, ms, writeResults } from './support/report.ts'

const require = createRequire(import.meta.url)
const AUTOCANNON = require.resolve('autocannon/autocannon.js')

interface Cannon { requests: { total: number }; latency: { p99: number }; throughput: { average: number }; errors: number; non2xx: number; '2xx': number; '3xx': number }

/** autocannon in its own process, so the server's CPU time below is the server's alone. */
function autocannon(url: string, headers: Record<string, string>): Promise<Cannon> {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(SECONDS), '-j', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Cannon) : reject(new Error(`autocannon exited with ${code}`))))
  })
}

const SECONDS = Number(process.env.CATALYST_BENCH_SECONDS ?? 10)
const SCALE = Number(process.env.CATALYST_BENCH_SCALE ?? 1)
const CONNECTIONS = 50
const TARGET_RPS = 1_000
const TARGET_P99_MS = 100
const BENCH_SESSION_SECRET = 'benchmark-only-session-secret-0123456789'
const size = {
  providers: Math.round(REALISTIC.providers * SCALE),
  contracts: Math.round(REALISTIC.contracts * SCALE),
  grants: Math.round(REALISTIC.grants * SCALE),
  stories: Math.round(REALISTIC.stories * SCALE),
}

interface PageResult { name: string; url: string; conditional: boolean; rps: number; p99: number; cpuMsPerRequest: number; bytes: number; non2xx: number; pass: boolean }

async function benchmark(label: string, handle: DatabaseHandle): Promise<{ database: string; pages: PageResult[] }> {
  await runMigrations(handle)
  const now = new Date()
  await loadDemo(handle.db, { password: DEMO_PASSWORD, now })
  const buildMs = await buildPublicCouncil(handle.db, 'DEMO', size, now)
  line(`${label}: built ${size.contracts} contracts, ${size.grants} grants, ${size.stories} stories, ${size.providers} providers in ${ms(buildMs)}`)
  const [council] = await handle.db.select({ id: councils.id }).from(councils).where(eq(councils.code, 'DEMO'))
  const [story] = await handle.db.select({ id: stories.id }).from(stories).where(and(eq(stories.councilId, council!.id), eq(stories.status, 'published'))).limit(1)
  const [provider] = await handle.db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, council!.id), eq(providers.published, true))).limit(1)

  const pages: [string, string][] = [
    ['health check (floor)', '/healthz'],
    ['home', '/'],
    ['who delivers (all)', '/who-delivers-our-services'],
    ['who delivers (DEMO)', '/who-delivers-our-services?council=DEMO'],
    ['stories', '/stories'],
    ['a story', `/stories/${story!.id}`],
    ['public providers', '/public/providers'],
    ['a public provider', `/public/providers/${provider!.id}`],
    ['open data index', '/open-data'],
    ['contracts.csv', '/open-data/DEMO/contracts.csv'],
    ['ocds-releases.json', '/open-data/DEMO/ocds-releases.json'],
    ['ocds-records.json', '/open-data/DEMO/ocds-records.json'],
    ['360giving.json', '/open-data/DEMO/360giving.json'],
    ['360giving.csv', '/open-data/DEMO/360giving.csv'],
    ['vcse-grants.csv', '/open-data/DEMO/vcse-grants.csv'],
  ]
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: BENCH_SESSION_SECRET, LOG_LEVEL: 'silent' }), { db: handle.db })
  const results: PageResult[] = []
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const run = async (name: string, url: string, headers: Record<string, string>, conditional: boolean) => {
      const cpuBefore = process.cpuUsage()
      const cannon = await autocannon(base + url, headers)
      const cpu = process.cpuUsage(cpuBefore)
      const ok = conditional ? cannon['3xx'] : cannon['2xx']
      // CPU time the server spent per answer: what the page costs whatever else the machine is doing.
      const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, cannon.requests.total)
      const rps = ok / SECONDS
      const pass = rps >= TARGET_RPS && cannon.latency.p99 < TARGET_P99_MS && cannon.non2xx === (conditional ? cannon['3xx'] : 0) && cannon.errors === 0
      const result = { name, url, conditional, rps, p99: cannon.latency.p99, cpuMsPerRequest, bytes: cannon.throughput.average, non2xx: cannon.non2xx, pass }
      results.push(result)
      line(`${label}: ${(conditional ? `${name} (304)` : name).padEnd(26)} ${rps.toFixed(0).padStart(6)} req/s (${(rps / TARGET_RPS).toFixed(2)}x target)  p99 ${String(cannon.latency.p99).padStart(5)} ms (${(cannon.latency.p99 / TARGET_P99_MS).toFixed(2)}x limit)  CPU ${cpuMsPerRequest.toFixed(2)} ms/request  ${cannon.errors ? `${cannon.errors} errors ` : ''}${pass ? 'PASS' : 'FAIL'}`)
    }
    for (const [name, url] of pages) {
      const first = await fetch(base + url)
      const body = await first.text()
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}`)
      line(`${label}: ${url} is ${(body.length / 1024).toFixed(0)} KiB`)
      await run(name, url, {}, false)
      const etag = first.headers.get('etag')
      if (etag && url.startsWith('/open-data/')) await run(name, url, { 'if-none-match': etag }, true)
    }
  } finally {
    await app.close()
  }
  return { database: label, pages: results }
}

line(`# Public pages: ${CONNECTIONS} connections, ${SECONDS} s each, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
const results = await onEachDatabase((kind, handle) => benchmark(kind, handle))
line(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
line(`results: ${writeResults('public-pages', results)}`)
process.exitCode = results.every((r) => r.pages.every((p) => p.pass)) ? 0 : 1
