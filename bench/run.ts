/**
 * `npm run bench`: every benchmark, one after another, each in its own process (as each also runs alone with
 * `node --import tsx bench/<name>.ts`), so that one's memory and caches do not colour the next's figures.
 * Exits non-zero if any benchmark failed or missed its target.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { postgresBinDir } from '../test/support/prerequisites.ts'
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts'

// The provider list is measured on PostgreSQL too: on a server given in CATALYST_BENCH_PG_URL, else on a throwaway
// one started here as the test suite does (when PostgreSQL's binaries are installed).
let server: PostgresServer | undefined
if (!process.env.CATALYST_BENCH_PG_URL && postgresBinDir()) {
  server = await startPostgres()
  process.env.CATALYST_BENCH_PG_URL = server.url
}

const benchmarks = ['provider-list.ts', 'startup.ts', 'ocds-import.ts', 'ocds-export.ts', 'spend-import.ts', 'spend-pages.ts', 'public-pages.ts', 'benchmarking-pages.ts']
let failed = 0
for (const name of benchmarks) {
  process.stdout.write(`\n== bench/${name}\n`)
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, name)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Europe/London' },
  })
  if (result.status !== 0) {
    failed++
    process.stdout.write(`bench/${name} exited with code ${result.status}\n`)
  }
}
server?.stop()
process.stdout.write(`\n${benchmarks.length - failed} of ${benchmarks.length} benchmarks passed\n`)
process.exit(failed === 0 ? 0 : 1)
