/**
 * Start-up time and memory of the real server on an existing embedded database: the folder is made by one start
 * (migrations and the demo) and given 10,000 providers; then five starts of `node --import tsx src/server.ts`,
 * each timed from spawn until /readyz answers 200, and the median. Resident memory (VmRSS) of the server is read
 * after the last start and again after 5 seconds of provider-list requests.
 *
 *   node --import tsx bench/startup.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { openDatabase } from '../src/platform/db/database.ts'
import { freePort, HttpClient, root, serverEnv, startServer } from '../test/support/server-process.ts'
import { insertProviders } from './support/providers.ts'
import { line, median, ms, rssMiB, writeResults } from './support/report.ts'

const RUNS = 5
/** Production settings, as a council would run it (templates cached); the secret is for this benchmark only. */
const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'benchmark-only-session-secret-0123456789' }
const LIST = '/providers?flag=sme&category=adult-social-care&sort=name&order=desc&page=3'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-bench-startup-'))
const dataDir = path.join(dir, 'data')

async function timedStart(): Promise<{ ms: number; pid: number; url: string; stop: () => Promise<number | null> }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: serverEnv({ ...PRODUCTION, CATALYST_DATA_DIR: dataDir, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`)
    try {
      const response = await fetch(`${url}/readyz`)
      if (response.status === 200) break
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 60_000) throw new Error(`not ready after 60 s: ${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const elapsed = performance.now() - started
  return {
    ms: elapsed,
    pid: child.pid!,
    url,
    async stop() {
      child.kill('SIGTERM')
      return exited
    },
  }
}

try {
  line(`# Start-up: ${RUNS} starts of the server on an existing embedded database, Node ${process.version}, ${os.cpus().length} CPUs`)
  // Make the database: the first start migrates and loads the demo; then 10,000 providers go in directly.
  const first = await startServer(serverEnv({ ...PRODUCTION, CATALYST_DATA_DIR: dataDir, PORT: String(await freePort()) }), 120_000)
  const firstStop = await first.stop('SIGTERM')
  if (firstStop.code !== 0) throw new Error(`the first start did not stop cleanly: ${first.stderr()}`)
  const handle = await openDatabase({ databaseUrl: undefined, dataDir })
  try {
    await insertProviders(handle.db, 'DEMO', 10_000)
  } finally {
    await handle.close()
  }

  const times: number[] = []
  let rssAfterStart = Number.NaN
  let rssAfterLoad = Number.NaN
  let requestsPerSecond = Number.NaN
  for (let run = 1; run <= RUNS; run++) {
    const server = await timedStart()
    times.push(server.ms)
    line(`start ${run}: ready in ${ms(server.ms)}`)
    if (run === RUNS) {
      rssAfterStart = rssMiB(server.pid)
      const browser = new HttpClient()
      await browser.signIn(server.url, 'commissioner@demo.catalyst.test')
      const cookie = `catalyst_session=${browser.cookies.get('catalyst_session') ?? ''}`
      const result = await autocannon({ url: `${server.url}${LIST}`, connections: 10, duration: 5, headers: { cookie } })
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`list load saw ${result.non2xx} non-2xx, ${result.errors} errors`)
      requestsPerSecond = result.requests.average
      rssAfterLoad = rssMiB(server.pid)
    }
    const code = await server.stop()
    if (code !== 0) throw new Error(`start ${run} stopped with exit code ${code}`)
  }
  const startMedian = median(times)
  line(`start-up median: ${ms(startMedian)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}) from spawn to /readyz 200`)
  line(`resident memory after start: ${rssAfterStart.toFixed(1)} MiB`)
  line(`resident memory after 5 s of provider-list load (${requestsPerSecond.toFixed(0)} requests/s): ${rssAfterLoad.toFixed(1)} MiB`)
  line(
    `results: ${writeResults('startup', { runs: times, medianMs: startMedian, rssAfterStartMiB: rssAfterStart, rssAfterLoadMiB: rssAfterLoad, loadRequestsPerSecond: requestsPerSecond })}`,
  )
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
