/**
 * The ways Catalyst can hand an email to the outside world (ADR 0032): an SMTP server (`nodemailer`) or GOV.UK
 * Notify (`notifications-node-client`), chosen by EMAIL_TRANSPORT. Each turns its failures into the queue's terms:
 * a rate limit or a server error is tried again later; a rejection that cannot change (a bad key, a bad template)
 * kills the job at once, so an administrator sees it instead of waiting hours for the retries to run out.
 */
import nodemailer from 'nodemailer'
import { NotifyClient } from 'notifications-node-client'
import type { EmailConfig } from '../../config.ts'
import { PermanentJobError, RetryLaterError } from '../jobs/queue.ts'

export interface Email {
  to: string
  subject: string
  body: string
  /** Our outbox id: Notify keeps it as the reference, SMTP servers see it in a header. */
  reference: string
}

export interface EmailTransport {
  /** Hands the message over; returns the transport's id for it. Throws RetryLaterError or PermanentJobError. */
  send(email: Email): Promise<string | undefined>
  close(): void
}

/** The configured transport, or undefined when email stays in the outbox (EMAIL_TRANSPORT=none). */
export function transportFor(config: EmailConfig): EmailTransport | undefined {
  if (config.transport === 'smtp') return smtpTransport(config)
  if (config.transport === 'notify') return notifyTransport(config)
  return undefined
}

function smtpTransport(config: EmailConfig): EmailTransport {
  const { host, port, secure, user, password } = config.smtp
  const transporter = nodemailer.createTransport({
    host,
    port,
    secure,
    auth: user && password ? { user, pass: password } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  return {
    async send(email) {
      try {
        const info = await transporter.sendMail({
          from: config.from,
          to: email.to,
          subject: email.subject,
          text: email.body,
          headers: { 'X-Catalyst-Outbox-Id': email.reference },
        })
        return info.messageId
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        // 5xx answers (other than "try later" ones a server might misuse) say the message will never be accepted.
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentJobError(`SMTP server refused the message: ${(error as Error).message}`)
        throw new Error(`SMTP: ${(error as Error).message}`)
      }
    },
    close: () => transporter.close(),
  }
}

interface HttpError {
  response?: { status: number; headers?: Record<string, unknown>; data?: { errors?: { error?: string; message?: string }[] } }
  message: string
}

function notifyTransport(config: EmailConfig): EmailTransport {
  const client = new NotifyClient(config.notify.baseUrl, config.notify.apiKey!)
  const templateId = config.notify.templateId!
  return {
    async send(email) {
      try {
        const response = await client.sendEmail(templateId, email.to, {
          personalisation: { subject: email.subject, body: email.body },
          reference: email.reference,
        })
        return response.data.id
      } catch (raw) {
        const error = raw as HttpError
        const status = error.response?.status
        const detail = error.response?.data?.errors?.map((e) => e.message ?? e.error).join('; ') || error.message
        if (status === 429) {
          const seconds = Number(error.response?.headers?.['retry-after'])
          throw new RetryLaterError(`GOV.UK Notify rate limit (429): ${detail}`, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0)
        }
        if (status !== undefined && status >= 400 && status < 500) throw new PermanentJobError(`GOV.UK Notify refused the message (${status}): ${detail}`)
        throw new Error(`GOV.UK Notify${status ? ` (${status})` : ''}: ${detail}`)
      }
    },
    close: () => {},
  }
}
