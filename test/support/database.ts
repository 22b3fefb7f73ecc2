/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new database on the PostgreSQL server
 * that test/run.ts started (CATALYST_TEST_DB=postgres, CATALYST_TEST_PG_URL). Dropped again on close.
 *
 * Running every migration for every file was most of an integration file's set-up (ADR 0045), so each database is
 * a copy of one migrated template: on PostgreSQL `create database … template` of the database test/run.ts migrated
 * once (CATALYST_TEST_PG_TEMPLATE); on PGlite the data folder test/run.ts migrated and dumped once
 * (CATALYST_TEST_PGLITE_TEMPLATE), loaded into a new in-memory PGlite. A file run without test/run.ts migrates
 * once in its own process and copies that.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
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
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) {
    throw new Error('CATALYST_TEST_PG_URL is not set: run the suite with `npm test`, which starts PostgreSQL')
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`)
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

/** Migrates a new in-memory PGlite and dumps its data folder: the template every PGlite test database copies. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory' })
  try {
    await runMigrations(handle)
    return await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir('none')
  } finally {
    await handle.close()
  }
}

/** Creates a database on the test server and runs every migration in it, to be copied with `template`. */
export async function createMigratedTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' })
  try {
    await runMigrations(handle)
  } finally {
    // No connection may stay open: PostgreSQL copies a template only while nobody is connected to it.
    await handle.close()
  }
}

let pgliteTemplate: Promise<Blob> | undefined
export function migratedPglite(): Promise<Blob> {
  const file = process.env.CATALYST_TEST_PGLITE_TEMPLATE
  pgliteTemplate ??= file && fs.existsSync(file) ? Promise.resolve(new Blob([fs.readFileSync(file)])) : dumpMigratedPglite()
  return pgliteTemplate
}

let pgTemplate: Promise<string> | undefined
/** The migrated template on the test server: test/run.ts's, or one this process makes the first time it is asked. */
export function migratedPostgres(): Promise<string> {
  pgTemplate ??= (async () => {
    if (process.env.CATALYST_TEST_PG_TEMPLATE) return process.env.CATALYST_TEST_PG_TEMPLATE
    const serverUrl = process.env.CATALYST_TEST_PG_URL
    if (!serverUrl) throw new Error('CATALYST_TEST_PG_URL is not set: run the suite with `npm test`, which starts PostgreSQL')
    const name = `catalyst_template_${randomBytes(6).toString('hex')}`
    await createMigratedTemplate(serverUrl, name)
    return name
  })()
  return pgTemplate
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory', template: await migratedPglite() })
    return { ...handle, url: undefined }
  }
  const server = await createServerDatabase(undefined, 'catalyst_test', await migratedPostgres())
  const handle = await openDatabase({ databaseUrl: server.url, dataDir: 'memory' })
  return {
    ...handle,
    url: server.url,
    async close() {
      await handle.close()
      await server.drop()
    },
  }
}
