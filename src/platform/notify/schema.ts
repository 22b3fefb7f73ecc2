/**
 * The outbox: every email Catalyst would send, written in the same transaction as the action that causes it.
 * Catalyst sends no real email yet; a sender can later deliver the unsent rows and stamp `sent_at`.
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
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
