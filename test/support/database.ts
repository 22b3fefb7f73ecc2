/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new database on the PostgreSQL server
 * that test/run.ts started (CATALYST_TEST_DB=postgres, CATALYST_TEST_PG_URL). Dropped again on close.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { runMigrations } from '../../src/platform/db/migrations.ts'

export type TestDatabaseKind = 'pglite' | 'postgres'

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.CATALYST_TEST_DB === 'postgres' ? 'postgres' : 'pglite'
}

export interface TestDatabase extends DatabaseHandle {
  /** The URL of this test's own database on the server; undefined on PGlite. */
  url: string | undefined
}

/** Creates an empty database on the test server and returns its URL (for tests that start processes on it). */
export async function createServerDatabase(
  serverUrl = process.env.CATALYST_TEST_PG_URL,
  prefix = 'catalyst_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) {
    throw new Error('CATALYST_TEST_PG_URL is not set: run the suite with `npm test`, which starts PostgreSQL')
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory' })
    await runMigrations(handle)
    return { ...handle, url: undefined }
  }
  const server = await createServerDatabase()
  const handle = await openDatabase({ databaseUrl: server.url, dataDir: 'memory' })
  await runMigrations(handle)
  return {
    ...handle,
    url: server.url,
    async close() {
      await handle.close()
      await server.drop()
    },
  }
}
