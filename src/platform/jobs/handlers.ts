/** Every job this instance can run, by name, built from its settings (ADR 0032). */
import type { Config } from '../../config.ts'
import { sendEmailHandler } from '../notify/delivery.ts'
import { transportFor } from '../notify/transports.ts'
import { passwordResetHandler } from '../auth/password-reset.ts'
import { spendImportHandler } from '../../modules/spend/import-job.ts'
import { registerImportHandler } from '../../modules/contracts/import-job.ts'
import type { JobHandler, JobHandlers } from './queue.ts'

export interface JobRegistry {
  handlers: JobHandlers
  /** Releases what the handlers hold open (the SMTP connection pool). */
  close(): void
}

export function jobRegistry(config: Config, extra: [string, JobHandler][] = []): JobRegistry {
  const transport = transportFor(config.email)
  const entries: [string, JobHandler][] = [...extra]
  if (transport) entries.push(sendEmailHandler(transport))
  // Runs with or without a transport: without one its email stays in the outbox, as every email does (ADR 0043).
  entries.push(passwordResetHandler(config))
  entries.push(spendImportHandler())
  entries.push(registerImportHandler())
  return { handlers: new Map(entries), close: () => transport?.close() }
}
