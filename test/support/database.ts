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
import { loadDemo } from '../../src/demo/seed.ts'

/** The demo users' password in every test (the demo template is seeded with it). */
export const DEMO_PASSWORD = 'correct-horse-battery'

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

/**
 * The demo, loaded once per run (ADR 0056): test/run.ts seeds a copy of the migrated template with the demo at
 * the real time and passes it as CATALYST_TEST_PGLITE_DEMO (a dumped data folder) or CATALYST_TEST_PG_DEMO (a
 * database on the test server), with the moment it was seeded in CATALYST_TEST_DEMO_SEEDED_AT. A test that seeds
 * the demo at the real time gets a copy of it instead of seeding again (16 s a seed on a busy machine), but only
 * on the London day it was seeded: the demo's dates are whole days from "now", so a copy made before midnight would
 * differ from a fresh seed after it.
 */
const londonDay = (date: Date) => date.toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
function demoTemplateToday(): boolean {
  const seededAt = process.env.CATALYST_TEST_DEMO_SEEDED_AT
  return seededAt !== undefined && londonDay(new Date(seededAt)) === londonDay(new Date())
}

/** Seeds the demo, as `catalyst demo` would at `now`, into a copy of the migrated PGlite and dumps it. */
export async function dumpDemoPglite(migrated: Blob, now: Date): Promise<Blob> {
  const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory', template: migrated })
  try {
    await loadDemo(handle.db, { password: DEMO_PASSWORD, now })
    return await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir('none')
  } finally {
    await handle.close()
  }
}

/** Makes database `name` on the test server, a copy of the migrated template with the demo seeded at `now`. */
export async function createDemoTemplate(serverUrl: string, name: string, migratedTemplate: string, now: Date): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name} template ${migratedTemplate}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' })
  try {
    await loadDemo(handle.db, { password: DEMO_PASSWORD, now })
  } finally {
    await handle.close()
  }
}

/** The run's demo template, when there is one and it was seeded today: a dumped folder (PGlite) or a database name. */
export function demoTemplate(): { pglite: Blob } | { postgres: string } | undefined {
  if (!demoTemplateToday()) return undefined
  if (testDatabaseKind() === 'pglite') {
    const file = process.env.CATALYST_TEST_PGLITE_DEMO
    return file && fs.existsSync(file) ? { pglite: new Blob([fs.readFileSync(file)]) } : undefined
  }
  const name = process.env.CATALYST_TEST_PG_DEMO
  return name ? { postgres: name } : undefined
}

/**
 * A fresh database for one test: migrated, and with `demo` the demo already seeded at the real time when the run
 * has a demo template from today (`demoLoaded` says whether it did; if not, the caller seeds it).
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase & { demoLoaded: boolean }> {
  const demo = options.demo ? demoTemplate() : undefined
  if (testDatabaseKind() === 'pglite') {
    const template = demo && 'pglite' in demo ? demo.pglite : await migratedPglite()
    const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory', template })
    return { ...handle, url: undefined, demoLoaded: demo !== undefined }
  }
  const server = await createServerDatabase(undefined, 'catalyst_test', demo && 'postgres' in demo ? demo.postgres : await migratedPostgres())
  const handle = await openDatabase({ databaseUrl: server.url, dataDir: 'memory' })
  return {
    ...handle,
    url: server.url,
    demoLoaded: demo !== undefined,
    async close() {
      await handle.close()
      await server.drop()
    },
  }
}
