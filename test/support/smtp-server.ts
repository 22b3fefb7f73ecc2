/**
 * A real SMTP server on the loopback (`smtp-server`) for tests that send email through Catalyst's own transport:
 * every message it accepts is kept, as sent and with its quoted-printable body decoded enough to read its links.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  /** The message as it arrived: headers and encoded body. */
  raw: string
  /** The same with quoted-printable soft line breaks and escapes undone. */
  text: string
}

export interface TestSmtpServer {
  port: number
  received: ReceivedMail[]
  stop(): Promise<void>
}

/** Undoes quoted-printable: soft line breaks, and each run of escaped bytes read as UTF-8 (so "£" stays "£"). */
export function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'))
}

/** A message's Subject header, unfolded. */
export const subjectOf = (mail: ReceivedMail): string => /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.text)?.[1]?.replace(/\r?\n[ \t]/g, ' ').trim() ?? ''

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
