/**
 * Opens the database: PGlite in the data directory when DATABASE_URL is unset, else a PostgreSQL server.
 * Both speak the same SQL, so the rest of Catalyst sees one typed Drizzle client and never asks which it has.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from '../../db-schema.ts'
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts'
import { flushMaintenance, registerEmbeddedMaintenance } from './maintenance.ts'

export type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything a repository can run a query on: the database itself or an open transaction. */
export type Executor = Database | Transaction

export interface DatabaseHandle {
  db: Database
  kind: 'embedded' | 'postgres'
  /** Where the data lives, for log lines: a folder, or the server's host and database name (never the password). */
  location: string
  /** Runs work on one connection for its whole length (session-level locks need this on a pooled server). */
  withSingleConnection<T>(work: (db: Database) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface DatabaseTarget {
  databaseUrl: string | undefined
  /** Folder for the embedded database; 'memory' keeps it in memory (tests). */
  dataDir: string | 'memory'
  /**
   * A dumped embedded data folder (PGlite's dumpDataDir) to start from instead of an empty database. The test suite
   * uses it to copy one migrated database per file instead of running every migration again.
   */
  template?: Blob
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.databaseUrl ? openPostgres(target.databaseUrl) : openEmbedded(target.dataDir, target.template)
}

async function openEmbedded(dataDir: string, template?: Blob): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined
  let client: PGlite
  if (dataDir === 'memory') {
    client = await PGlite.create({ extensions: { pg_trgm }, ...(template ? { loadDataDir: template } : {}) })
  } else {
    fs.mkdirSync(dataDir, { recursive: true })
    // PGlite is one process's database: a second process opening the same folder would corrupt it.
    lock = acquireDataDirLock(dataDir)
    try {
      client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm }, ...(template ? { loadDataDir: template } : {}) })
    } catch (error) {
      lock.release()
      throw error
    }
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database
  registerEmbeddedMaintenance(db)
  return {
    db,
    kind: 'embedded',
    location: dataDir === 'memory' ? 'memory' : dataDir,
    withSingleConnection: (work) => work(db),
    async close() {
      await flushMaintenance(db).catch(() => {})
      await client.close()
      lock?.release()
    },
  }
}

async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: 'catalyst' })
  // An idle client that loses its server emits 'error'; without a listener that would crash the process.
  pool.on('error', () => {})
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database
  await db.execute(sql`select 1`)
  const url = new URL(databaseUrl)
  return {
    db,
    kind: 'postgres',
    location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
    async withSingleConnection(work) {
      const connection = await pool.connect()
      try {
        return await work(drizzlePostgres({ client: connection, schema }) as unknown as Database)
      } finally {
        connection.release()
      }
    },
    async close() {
      await pool.end()
    },
  }
}

/** Rows of a raw query, whichever driver ran it. */
export async function queryRows<T>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] }
  return result.rows
}
