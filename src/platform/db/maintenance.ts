/**
 * Upkeep of the embedded database. PGlite runs no autovacuum, so dead rows from updates, deletes and undone imports
 * are never reclaimed and the planner's statistics go stale: its folder grew to 1.7 GB under heavy writes where
 * 119 MB was live. The server runs VACUUM ANALYZE daily and shortly after a large import (spend, registers); on
 * PostgreSQL autovacuum does this already, so nothing here runs there.
 */
import { sql } from 'drizzle-orm'
import type { Database, Executor } from './database.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** After a large write, wait this long for others (a batch of files) before vacuuming once for them all. */
const AFTER_WRITE_DELAY_MS = 5_000

class Maintenance {
  private pending: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  lastRun: Date | undefined

  constructor(private readonly db: Database) {}

  schedule(delayMs: number): void {
    if (this.pending) clearTimeout(this.pending)
    this.pending = setTimeout(() => {
      this.pending = undefined
      this.run().catch(() => {})
    }, delayMs)
    this.pending.unref()
  }

  async run(): Promise<void> {
    // One at a time: a second request while one runs waits for it and is then satisfied by it.
    this.running ??= (async () => {
      try {
        await this.db.execute(sql`vacuum analyze`)
        this.lastRun = new Date()
      } finally {
        this.running = undefined
      }
    })()
    return this.running
  }

  /** Runs a vacuum still waiting for its timer now (a command about to exit), then stops the timer. */
  async flush(): Promise<void> {
    if (this.pending) {
      clearTimeout(this.pending)
      this.pending = undefined
      await this.run()
    } else if (this.running) {
      await this.running
    }
  }
}

const embedded = new WeakMap<object, Maintenance>()

/** Called when the embedded database is opened: only databases registered here are ever vacuumed by Catalyst. */
export function registerEmbeddedMaintenance(db: Database): void {
  embedded.set(db, new Maintenance(db))
}

/** VACUUM ANALYZE on the embedded database now; false (and nothing done) on PostgreSQL, whose autovacuum does it. */
export async function vacuumAnalyse(db: Database): Promise<boolean> {
  const maintenance = embedded.get(db)
  if (!maintenance) return false
  await maintenance.run()
  return true
}

/**
 * Imports call this after committing many rows. Given a transaction rather than the database (a demo seed inside
 * a larger transaction), it does nothing: the outer caller owns the write.
 */
export function afterLargeWrite(db: Executor): void {
  embedded.get(db)?.schedule(AFTER_WRITE_DELAY_MS)
}

/** Before the embedded database closes, a vacuum still waiting for its timer runs (commands exit right after an import). */
export async function flushMaintenance(db: Database): Promise<void> {
  await embedded.get(db)?.flush()
}

/** The server's daily VACUUM ANALYZE on the embedded database; returns a function that stops it. */
export function scheduleDailyMaintenance(db: Database, onError: (error: unknown) => void, intervalMs = DAY_MS): () => void {
  if (!embedded.has(db)) return () => {}
  const timer = setInterval(() => {
    vacuumAnalyse(db).catch(onError)
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
