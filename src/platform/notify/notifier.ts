/**
 * How Catalyst tells people things by email. The default notifier only stores each message in the outbox (in the
 * caller's transaction, so a message exists exactly when its action happened) and logs one line; a real sender
 * can be added later without changing any caller.
 */
import { desc } from 'drizzle-orm'
import type { Executor } from '../db/database.ts'
import { outboxMessages } from './schema.ts'

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

/** Stores the message in the outbox and logs that it did (never the body: it may hold a secret link). */
export function outboxNotifier(log: LogLine = () => {}): Notifier {
  return {
    async send(tx, message, now) {
      const [row] = await tx
        .insert(outboxMessages)
        .values({ councilId: message.councilId ?? null, to: message.to, subject: message.subject, body: message.body, createdAt: now })
        .returning({ id: outboxMessages.id })
      log({ outboxId: row?.id, subject: message.subject }, 'email stored in the outbox')
    },
  }
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
