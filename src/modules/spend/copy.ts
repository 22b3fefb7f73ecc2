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

/** A COPY that takes its rows while they are still being read: write pieces of CSV, then end (or abort). */
export interface CopyWriter {
  /** Resolves when the piece is on its way and there is room for the next (back-pressure from the server). */
  write(chunk: string | Uint8Array): Promise<void>
  end(): Promise<void>
  abort(error: Error): Promise<void>
}

/**
 * Opens a COPY into `table (columns)` that rows can be written to as a file is read (ADR 0041). On a PostgreSQL
 * server the rows stream to the server while the reader goes on, so the server stores one piece while JavaScript
 * reads the next. PGlite reads COPY data from a Blob, so there the pieces are gathered and sent as one COPY every
 * `flushSize` characters or bytes, which bounds the memory a large file takes (each piece is copied into a Blob and
 * again into the database's own memory, which never shrinks: ADR 0057).
 */
export function openCopy(executor: Executor, target: string, flushSize = 16 * 1024 * 1024): CopyWriter {
  const connection = connectionOf(executor)
  if (connection instanceof pg.Pool) throw new Error('COPY on a pool must run inside a transaction')
  if (connection instanceof pg.Client) {
    const stream = connection.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`))
    let failure: Error | undefined
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve)
      stream.on('error', (error: Error) => {
        failure = error
        reject(error)
      })
    })
    done.catch(() => undefined)
    return {
      async write(chunk) {
        if (failure) throw failure
        if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve))
      },
      async end() {
        stream.end()
        await done
      },
      async abort(error) {
        stream.destroy(error)
        await done.catch(() => undefined)
      },
    }
  }
  const transaction = connection as PgliteTransaction
  let pending: (string | Uint8Array)[] = []
  let size = 0
  const flush = async () => {
    if (size === 0) return
    const blob = new Blob(pending)
    pending = []
    size = 0
    await transaction.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob })
  }
  return {
    async write(chunk) {
      pending.push(chunk)
      size += chunk.length
      if (size >= flushSize) await flush()
    },
    end: flush,
    async abort() {
      pending = []
      size = 0
    },
  }
}

/** A CSV field for COPY: empty for null (COPY's csv NULL), quoted when it needs to be. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (value === '' || /[",\n\r]/.test(value) || value.trim() !== value) return `"${value.replace(/"/g, '""')}"`
  return value
}
