/**
 * How Catalyst tells people things by email. The notifier stores each message in the outbox in the caller's
 * transaction (so a message exists exactly when its action happened) and, when an email transport is configured,
 * enqueues the job that sends it in that same transaction (ADR 0032). Without a transport the outbox is the only
 * delivery, as in development.
 */
import { desc } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import type { Executor } from '../db/database.ts'
import { enqueue } from '../jobs/queue.ts'
import { outboxMessages } from './schema.ts'

/** The job that delivers one outbox message. */
export const SEND_EMAIL_JOB = 'email.send'

export interface OutboundMessage {
  councilId?: string | null
  to: string
  subject: string
  body: string
}

export interface Notifier {
  send(tx: Executor, message: OutboundMessage, now: Date): Promise<void>
}

export type LogLine = (fields: Record<string, unknown>, line: string) => void

/**
 * Stores the message in the outbox, queues its sending when `deliver` is set, and logs one line (never the body:
 * it may hold a secret link).
 */
export function outboxNotifier(log: LogLine = () => {}, options: { deliver: boolean } = { deliver: false }): Notifier {
  return {
    async send(tx, message, now) {
      const councilId = message.councilId ?? null
      const [row] = await tx
        .insert(outboxMessages)
        .values({ councilId, to: message.to, subject: message.subject, body: message.body, createdAt: now, status: options.deliver ? 'queued' : 'stored' })
        .returning({ id: outboxMessages.id })
      if (!row) throw new Error('the outbox did not store the message')
      if (options.deliver) await enqueue(tx, { name: SEND_EMAIL_JOB, key: `email:${row.id}`, payload: { outboxId: row.id }, councilId }, now)
      log({ outboxId: row.id, subject: message.subject, queued: options.deliver }, options.deliver ? 'email queued for sending' : 'email stored in the outbox')
    },
  }
}

/** The notifier for this instance's settings: every caller gets its notifier here, so none can forget to send. */
export function notifierFor(config: Config, log: LogLine = () => {}): Notifier {
  return outboxNotifier(log, { deliver: config.email.transport !== 'none' })
}

export type OutboxRow = typeof outboxMessages.$inferSelect

/** The most recent messages, newest first. */
export function recentMessages(db: Executor, limit = 20): Promise<OutboxRow[]> {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id)).limit(limit)
}

/** The first link in a message's body that starts with this path, for tests and the demo. */
export function linkIn(body: string, pathPrefix: string): string | undefined {
  const match = body.match(new RegExp(`(?:https?://[^\\s/]+)?(${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]*)`))
  return match?.[1]
}
