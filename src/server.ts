/** Starts Catalyst: reads the settings, opens the database, listens, and shuts down gracefully. Nothing else. */
import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { scheduleDailyMaintenance } from './platform/db/maintenance.ts'
import { SchemaOutOfDateError } from './platform/db/migrations.ts'
import { systemClock } from './platform/clock.ts'
import { jobRegistry } from './platform/jobs/handlers.ts'
import { startWorker } from './platform/jobs/queue.ts'
import { modules } from './modules/index.ts'
import { reminderHandlers, reminderSourcesOf, scheduleReminderSweeps } from './platform/reminders/sweep.ts'
import { prepareDatabase, StartupError } from './startup.ts'

async function main(): Promise<void> {
  const started = performance.now()
  const config = loadConfig()
  const { handle, signIns } = await prepareDatabase(config)
  const app = await buildApp(config, { db: handle.db })
  // Background jobs (ADR 0032) run in this process, polling the database: any number of processes may share them.
  const jobs = jobRegistry(config, reminderHandlers(config, reminderSourcesOf(modules)))
  const worker = startWorker(handle.db, jobs.handlers, { clock: systemClock, intervalMs: config.jobsPollMs, log: app.log })
  // The daily reminder sweep (ADR 0049): keyed by date, so every process may keep it queued and it runs once.
  const stopReminders = scheduleReminderSweeps(handle.db, systemClock, (error) => app.log.error({ err: error }, 'could not queue the reminder sweep'))

  // The embedded database has no autovacuum: vacuum and analyse it daily (and after large imports, see maintenance.ts).
  const stopMaintenance = scheduleDailyMaintenance(handle.db, (error) => app.log.error({ err: error }, 'daily VACUUM ANALYZE failed'))

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    stopMaintenance()
    stopReminders()
    try {
      await worker.stop()
      jobs.close()
      await app.close()
    } finally {
      await handle.close()
      app.log.info('stopped')
      process.exit(0)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  const startupMs = Math.round(performance.now() - started)
  app.log.info({ url, database: handle.kind, location: handle.location, startupMs }, 'Catalyst is ready')
  printWelcome(url, handle.kind === 'embedded' ? `embedded database in ${handle.location}` : `PostgreSQL at ${handle.location}`, signIns)
}

function printWelcome(url: string, database: string, signIns: Awaited<ReturnType<typeof prepareDatabase>>['signIns']): void {
  const lines = [``, `Catalyst is running at ${url}`, `Database: ${database}`]
  if (signIns.length > 0) {
    lines.push('', 'Demo sign-ins (a password is shown only while it is the demo password):')
    for (const signIn of signIns) {
      lines.push(`  ${signIn.email.padEnd(34)} ${signIn.role.padEnd(13)} ${signIn.council.padEnd(6)} ${signIn.password ?? '(unchanged)'}`)
    }
  }
  lines.push('', 'Press Ctrl+C to stop.', '')
  process.stderr.write(`${lines.join('\n')}\n`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof SchemaOutOfDateError) {
    process.stderr.write(`Catalyst cannot start: ${error.message}\n`)
  } else {
    process.stderr.write(`Catalyst cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  }
  process.exit(1)
})
