/**
 * The job that delivers one outbox message through the configured transport, and records in the outbox how it went
 * (ADR 0032). It is keyed by the outbox id, and a message already sent is never sent again, so a job run twice
 * (a retry after a crash between sending and recording) does not send twice from our side.
 */
import { eq, sql } from 'drizzle-orm'
import type { JobHandler } from '../jobs/queue.ts'
import { SEND_EMAIL_JOB } from './notifier.ts'
import { outboxMessages } from './schema.ts'
import type { EmailTransport } from './transports.ts'

export function sendEmailHandler(transport: EmailTransport): [string, JobHandler] {
  const handler: JobHandler = async (payload, { db, now, lastAttempt }) => {
    const outboxId = String(payload.outboxId)
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, outboxId)).limit(1)
    if (!message) throw new Error(`outbox message ${outboxId} does not exist`)
    if (message.status === 'sent') return
    try {
      const reference = await transport.send({ to: message.to, subject: message.subject, body: message.body, reference: message.id })
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: now, attempts: sql`${outboxMessages.attempts} + 1`, lastError: null, providerReference: reference ?? null })
        .where(eq(outboxMessages.id, outboxId))
    } catch (error) {
      const dies = lastAttempt || (error instanceof Error && error.name === 'PermanentJobError')
      await db
        .update(outboxMessages)
        .set({ status: dies ? 'failed' : 'queued', attempts: sql`${outboxMessages.attempts} + 1`, lastError: error instanceof Error ? error.message : String(error) })
        .where(eq(outboxMessages.id, outboxId))
      throw error
    }
  }
  return [SEND_EMAIL_JOB, handler]
}
