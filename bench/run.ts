/**
 * `npm run bench`: every benchmark, one after another, each in its own process (as each also runs alone with
 * `node --import tsx bench/<name>.ts`), so that one's memory and caches do not colour the next's figures.
 * Exits non-zero if any benchmark failed or missed its target.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const benchmarks = ['provider-list.ts', 'startup.ts']
let failed = 0
for (const name of benchmarks) {
  process.stdout.write(`\n== bench/${name}\n`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, name)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Europe/London' },
  })
  if (result.status !== 0) {
    failed++
    process.stdout.write(`bench/${name} exited with code ${result.status}\n`)
  }
}
process.stdout.write(`\n${benchmarks.length - failed} of ${benchmarks.length} benchmarks passed\n`)
process.exit(failed === 0 ? 0 : 1)
