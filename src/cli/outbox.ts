/** `catalyst outbox`: the emails Catalyst would have sent, newest first, so a council trying the demo can follow links. */
import type { Command } from 'commander'
import { recentMessages } from '../platform/notify/notifier.ts'
import { action, report, UserError, withDatabase, type OutputOptions } from './common.ts'

interface OutboxOptions extends OutputOptions {
  limit: string
  to?: string
}

export function registerOutbox(program: Command): void {
  program
    .command('outbox')
    .description('list the most recent emails in the outbox (Catalyst stores emails rather than sending them)')
    .option('--limit <n>', 'how many messages to show', '10')
    .option('--to <address>', 'only messages to this address')
    .option('--json', 'print one JSON object instead of the messages')
    .action(
      action(async (options: OutboxOptions) => {
        const limit = Number(options.limit)
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UserError('--limit must be a whole number from 1 to 1000')
        await withDatabase(async ({ handle }) => {
          const to = options.to?.trim().toLowerCase()
          const messages = (await recentMessages(handle.db, to ? 1000 : limit)).filter((m) => !to || m.to === to).slice(0, limit)
          const human = messages.length
            ? messages.flatMap((m) => [`--- ${m.createdAt.toISOString()} to ${m.to}${m.sentAt ? '' : ' (not sent)'}`, `Subject: ${m.subject}`, '', m.body, ''])
            : ['The outbox is empty.']
          report(options, human, {
            messages: messages.map((m) => ({ id: m.id, to: m.to, subject: m.subject, body: m.body, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
          })
        })
      }),
    )
}
