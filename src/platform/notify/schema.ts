/**
 * The outbox: every email Catalyst sends, written in the same transaction as the action that causes it. When an
 * email transport is configured a job delivers each message and records here how it went (ADR 0032); without one
 * the outbox is the only delivery, as in development.
 */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * stored: kept in the outbox only (no transport configured); queued: waiting for its send job; sent: the transport
 * accepted it; failed: every attempt failed (the job is dead and an administrator may retry it).
 */
export const OUTBOX_STATUSES = ['stored', 'queued', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]
import { councils } from '../../modules/councils/schema.ts'

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The council the message is about, when there is one. */
    councilId: uuid('council_id').references(() => councils.id),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null until a sender has delivered it. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    status: text('status').$type<OutboxStatus>().notNull().default('stored'),
    /** Delivery attempts made so far. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The transport's own id for the message (SMTP Message-ID, Notify notification id). */
    providerReference: text('provider_reference'),
  },
  (t) => [index('outbox_messages_created').on(t.createdAt), index('outbox_messages_to').on(t.to, t.createdAt)],
)

/**
 * Things a visitor did that are limited per address or per email (telling a story, proposing an idea, voting),
 * counted in the database so that every process sees the same count. Keys are SHA-256 digests, never the address.
 */
export const rateLimitEvents = pgTable(
  'rate_limit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What was done, for example "story:address" or "story:email". */
    bucket: text('bucket').notNull(),
    keyHash: text('key_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rate_limit_events_bucket_key_at').on(t.bucket, t.keyHash, t.at)],
)
