/**
 * Bulk loading with PostgreSQL's COPY, on either database, inside the caller's transaction. Drizzle does not expose
 * COPY, so this reaches the transaction's own connection: a node-postgres client (pg-copy-streams) or PGlite's
 * transaction (which reads COPY data from a Blob at /dev/blob).
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Executor } from '../../platform/db/database.ts'

/** The driver connection under a Drizzle database or transaction (its session's client). */
function connectionOf(executor: Executor): unknown {
  const session = (executor as unknown as { session?: { client?: unknown } }).session
  if (!session?.client) throw new Error('COPY needs a Drizzle database or transaction with a driver session')
  return session.client
}

/**
 * Loads CSV text into `table (columns)` with COPY. `chunks` are pieces of CSV (no header), each ending in a newline.
 * Run it inside a transaction on a pooled server, so the rows land on the transaction's connection.
 */
export async function copyCsv(executor: Executor, target: string, chunks: string[]): Promise<void> {
  const connection = connectionOf(executor)
  if (connection instanceof pg.Client) {
    const stream = connection.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`))
    await pipeline(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), stream)
    return
  }
  if (connection instanceof pg.Pool) throw new Error('COPY on a pool must run inside a transaction')
  await (connection as PgliteTransaction).query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], {
    blob: new Blob(chunks),
  })
}

/** A CSV field for COPY: empty for null (COPY's csv NULL), quoted when it needs to be. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (value === '' || /[",\n\r]/.test(value) || value.trim() !== value) return `"${value.replace(/"/g, '""')}"`
  return value
}
