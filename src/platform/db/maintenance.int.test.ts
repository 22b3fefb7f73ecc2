/**
 * Upkeep of the embedded database: VACUUM ANALYZE runs without error on PGlite and leaves fresh statistics; on
 * PostgreSQL (autovacuum's job) nothing runs. A large write schedules one vacuum, run before the database closes.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestDatabase } from '../../../test/support/database.ts'
import { runMigrations } from './migrations.ts'
import { afterLargeWrite, flushMaintenance, vacuumAnalyse } from './maintenance.ts'

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows

test('VACUUM ANALYZE runs on the embedded database and analyses every table; on PostgreSQL it is left to autovacuum', async () => {
  const handle = await createTestDatabase()
  try {
    await runMigrations(handle)
    await handle.db.execute(sql`insert into public_versions (council_id, version) select gen_random_uuid(), 1 from generate_series(1, 2000)`)
    await handle.db.execute(sql`delete from public_versions where version = 1 and council_id::text < '8'`)
    const ran = await vacuumAnalyse(handle.db)
    assert.equal(ran, handle.kind === 'embedded')
    if (handle.kind === 'embedded') {
      const [stats] = rowsOf(await handle.db.execute(sql`select last_vacuum, last_analyze from pg_stat_user_tables where relname = 'public_versions'`))
      assert.ok(stats?.last_vacuum, 'the table was vacuumed')
      assert.ok(stats?.last_analyze, 'and analysed')
    }
  } finally {
    await handle.close()
  }
})

test('a large write on the embedded database is followed by one vacuum, run at the latest before the database closes', async () => {
  const handle = await createTestDatabase()
  try {
    await runMigrations(handle)
    await handle.db.execute(sql`insert into public_versions (council_id, version) select gen_random_uuid(), 1 from generate_series(1, 500)`)
    afterLargeWrite(handle.db)
    afterLargeWrite(handle.db)
    if (handle.kind !== 'embedded') return
    const lastVacuum = async () => rowsOf(await handle.db.execute(sql`select last_vacuum from pg_stat_user_tables where relname = 'public_versions'`))[0]?.last_vacuum
    assert.equal(await lastVacuum(), null, 'not yet: the vacuum waits for the other files of a batch')
    await flushMaintenance(handle.db)
    assert.ok(await lastVacuum(), 'the waiting vacuum ran')
  } finally {
    await handle.close()
  }
})
