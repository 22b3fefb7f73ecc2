/**
 * A small job queue in the database (ADR 0032), the same on the embedded database and on PostgreSQL.
 *
 * Enqueue in the caller's transaction, so a job exists exactly when the action that asked for it happened; the key
 * is unique, so enqueueing twice is harmless. A process claims one due job at a time with `FOR UPDATE SKIP LOCKED`
 * (several processes share the work without waiting on each other), runs its handler outside any transaction, then
 * records the outcome: done; queued again after an exponential backoff; or dead once its attempts are used up.
 */
import { randomUUID } from 'node:crypto'
import { and, desc, eq, lte, or, sql } from 'drizzle-orm'
import type { Clock } from '../clock.ts'
import type { Database, Executor } from '../db/database.ts'
import { jobs, type JobStatus } from './schema.ts'

export type JobRow = typeof jobs.$inferSelect

export interface JobContext {
  db: Database
  now: Date
  /** This attempt's number, from 1. */
  attempt: number
  /** Whether a failure now makes the job dead. */
  lastAttempt: boolean
}

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>

/** Handlers by job name. */
export type JobHandlers = ReadonlyMap<string, JobHandler>

/** Thrown by a handler that knows when to try again (an HTTP 429 with Retry-After). */
export class RetryLaterError extends Error {
  constructor(message: string, readonly delayMs: number) {
    super(message)
    this.name = 'RetryLaterError'
  }
}

/** Thrown by a handler when trying again cannot help (a rejected address, a wrong API key): the job dies now. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentJobError'
  }
}

export const DEFAULT_MAX_ATTEMPTS = 8
/** 30 s, 1 min, 2 min, 4 min ... capped at an hour: eight attempts span about two hours. */
export const BACKOFF_BASE_MS = 30_000
export const BACKOFF_MAX_MS = 60 * 60_000
/** A running job claimed longer ago than this is taken again: the process that claimed it has died. */
export const STALE_CLAIM_MS = 15 * 60_000

/** The wait after a failed attempt (1-based). Deterministic, so tests with a fixed clock can step through it. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1))
}

export interface NewJob {
  name: string
  key: string
  payload?: Record<string, unknown>
  councilId?: string | null
  runAt?: Date
  maxAttempts?: number
}

/** Adds a job unless one with its key exists; returns whether it was added. */
export async function enqueue(tx: Executor, job: NewJob, now: Date): Promise<boolean> {
  const added = await tx
    .insert(jobs)
    .values({
      name: job.name,
      key: job.key,
      payload: job.payload ?? {},
      councilId: job.councilId ?? null,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      runAt: job.runAt ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id })
  return added.length > 0
}

/** Takes the next due job for this process, or none. */
async function claim(db: Database, now: Date, workerId: string): Promise<JobRow | undefined> {
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        or(
          and(eq(jobs.status, 'queued'), lte(jobs.runAt, now)),
          and(eq(jobs.status, 'running'), lte(jobs.lockedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
        ),
      )
      .orderBy(jobs.runAt)
      .limit(1)
      .for('update', { skipLocked: true })
    if (!next) return undefined
    const [claimed] = await tx
      .update(jobs)
      .set({ status: 'running', lockedAt: now, lockedBy: workerId, attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, next.id))
      .returning()
    return claimed
  })
}

export interface RunResult {
  done: number
  retried: number
  dead: number
}

/**
 * Runs every job due at the clock's time, one after another, and returns what became of them. The worker calls this
 * on a timer; tests call it directly with a fixed clock instead of sleeping.
 */
export async function runDueJobs(
  db: Database,
  handlers: JobHandlers,
  options: { clock: Clock; workerId?: string; limit?: number; log?: (fields: Record<string, unknown>, line: string) => void },
): Promise<RunResult> {
  const workerId = options.workerId ?? `worker-${process.pid}`
  const result: RunResult = { done: 0, retried: 0, dead: 0 }
  const limit = options.limit ?? 100
  for (let i = 0; i < limit; i++) {
    const now = options.clock()
    const job = await claim(db, now, workerId)
    if (!job) break
    const handler = handlers.get(job.name)
    const lastAttempt = job.attempts >= job.maxAttempts
    try {
      if (!handler) throw new PermanentJobError(`no handler is registered for jobs named "${job.name}"`)
      await handler(job.payload, { db, now, attempt: job.attempts, lastAttempt })
      await db.update(jobs).set({ status: 'done', finishedAt: options.clock(), lockedAt: null, lockedBy: null }).where(eq(jobs.id, job.id))
      result.done++
    } catch (error) {
      const message = describeError(error)
      const dies = lastAttempt || error instanceof PermanentJobError
      const wait = Math.max(backoffMs(job.attempts), error instanceof RetryLaterError ? error.delayMs : 0)
      const after = options.clock()
      await db
        .update(jobs)
        .set(
          dies
            ? { status: 'dead', lastError: message, finishedAt: after, lockedAt: null, lockedBy: null }
            : { status: 'queued', lastError: message, runAt: new Date(after.getTime() + wait), lockedAt: null, lockedBy: null },
        )
        .where(eq(jobs.id, job.id))
      options.log?.({ jobId: job.id, job: job.name, attempt: job.attempts, dead: dies, error: message }, dies ? 'job dead' : 'job failed; will retry')
      if (dies) result.dead++
      else result.retried++
    }
  }
  return result
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, 2000)
}

/** A council's jobs with this status, newest first. */
export function jobsWithStatus(db: Executor, councilId: string, status: JobStatus, limit = 100): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.councilId, councilId), eq(jobs.status, status)))
    .orderBy(desc(jobs.finishedAt), desc(jobs.createdAt))
    .limit(limit)
}

export function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.select().from(jobs).where(eq(jobs.id, id)).limit(1).then((rows) => rows[0])
}

/** Puts a council's dead job back in the queue, due now, with its attempts reset; false if there is no such job. */
export async function retryDeadJob(tx: Executor, councilId: string, id: string, now: Date): Promise<JobRow | undefined> {
  const [row] = await tx
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: now, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.councilId, councilId), eq(jobs.status, 'dead')))
    .returning()
  return row
}

export interface Worker {
  stop(): Promise<void>
}

/**
 * Polls for due jobs every `intervalMs` until stopped. Stopping waits for the batch in hand to finish, so a
 * shutdown never leaves a job half-recorded (a job cut off by a crash is taken again after STALE_CLAIM_MS).
 */
export function startWorker(
  db: Database,
  handlers: JobHandlers,
  options: { clock: Clock; intervalMs: number; log: { info: (f: Record<string, unknown>, m: string) => void; error: (f: Record<string, unknown>, m: string) => void } },
): Worker {
  const workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    running = runDueJobs(db, handlers, { clock: options.clock, workerId, log: options.log.info })
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, 'job worker could not run jobs'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs)
      })
  }
  timer = setTimeout(tick, 0)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
