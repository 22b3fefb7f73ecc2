/**
 * Runs a benchmark on a fresh embedded database and, when CATALYST_BENCH_PG_URL is set (npm run bench starts a
 * throwaway server and sets it), on a fresh database on that PostgreSQL server; each is closed and dropped after.
 */
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { createServerDatabase } from '../../test/support/database.ts'
import { line } from './report.ts'

export async function onEachDatabase<R>(run: (kind: 'pglite' | 'postgres', handle: DatabaseHandle) => Promise<R>, serverUrl = process.env.CATALYST_BENCH_PG_URL): Promise<R[]> {
  const results: R[] = []
  const embedded = await openDatabase({ databaseUrl: undefined, dataDir: 'memory' })
  try {
    results.push(await run('pglite', embedded))
  } finally {
    await embedded.close()
  }
  if (!serverUrl) {
    line('postgres: skipped (set CATALYST_BENCH_PG_URL=postgres://… to run the same benchmark on a PostgreSQL server)')
    return results
  }
  const database = await createServerDatabase(serverUrl, 'catalyst_bench')
  const handle = await openDatabase({ databaseUrl: database.url, dataDir: 'memory' })
  try {
    results.push(await run('postgres', handle))
  } finally {
    await handle.close()
    await database.drop()
  }
  return results
}
