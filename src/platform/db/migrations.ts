/**
 * Runs the committed SQL migrations (./migrations, written by drizzle-kit, never edited once landed).
 * On PostgreSQL an advisory lock makes concurrent `catalyst migrate` runs take turns.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { queryRows, type DatabaseHandle } from './database.ts'

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url))
const MIGRATION_LOCK = 7_402_113

export interface MigrationStatus {
  applied: number
  available: number
}

export async function runMigrations(handle: DatabaseHandle): Promise<MigrationStatus> {
  const before = await migrationStatus(handle)
  if (handle.kind === 'embedded') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder })
  } else {
    await handle.withSingleConnection(async (db) => {
      await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`)
      try {
        await migratePostgres(db as unknown as NodePgDatabase, { migrationsFolder })
      } finally {
        await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`)
      }
    })
  }
  const after = await migrationStatus(handle)
  return { applied: after.applied - before.applied, available: after.available }
}

export class SchemaOutOfDateError extends Error {
  constructor(status: MigrationStatus) {
    super(
      `the database has ${status.applied} of ${status.available} migrations. Run \`npx catalyst migrate\` with the same DATABASE_URL first`,
    )
    this.name = 'SchemaOutOfDateError'
  }
}

/**
 * Makes the schema current before work starts: the embedded database is one process's, so it migrates itself;
 * a PostgreSQL server may have many processes starting at once, so it is only checked, and `catalyst migrate` updates it.
 */
export async function prepareSchema(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'embedded') {
    await runMigrations(handle)
    return
  }
  const status = await migrationStatus(handle)
  if (status.applied < status.available) throw new SchemaOutOfDateError(status)
}

/** How many migrations the database has applied, and how many this version of Catalyst ships. */
export async function migrationStatus(handle: DatabaseHandle): Promise<MigrationStatus> {
  const journal = JSON.parse(fs.readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[]
  }
  const [exists] = await queryRows<{ present: boolean }>(
    handle.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )
  let applied = 0
  if (exists?.present) {
    const [row] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from drizzle.__drizzle_migrations`,
    )
    applied = Number(row?.count ?? 0)
  }
  return { applied, available: journal.entries.length }
}
