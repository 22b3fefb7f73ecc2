/**
 * The job queue (ADR 0032): work the server does in the background (sending email), stored in the database so that
 * any process may run it, a crash loses nothing, and the same SQL serves the embedded database and PostgreSQL.
 */
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../../modules/councils/schema.ts'

export const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The registered handler that runs it, for example "email.send". */
    name: text('name').notNull(),
    /** What makes the job unique: enqueueing a second job with the same key does nothing. */
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The council the work is for, when there is one: its administrators see the job if it dies. */
    councilId: uuid('council_id').references(() => councils.id),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    /** Attempts started so far. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** Not before this time: the backoff after a failure, or a later start. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** When a process claimed it; a running job whose claim is old is taken again (its process died). */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_key').on(t.key),
    index('jobs_due').on(t.runAt).where(sql`${t.status} = 'queued'`),
    index('jobs_council_status').on(t.councilId, t.status),
  ],
)
