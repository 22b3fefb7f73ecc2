/** `catalyst migrate`: brings the configured database's schema up to date. Run once per release on PostgreSQL. */
import type { Command } from 'commander'
import { migrationStatus, runMigrations } from '../platform/db/migrations.ts'
import { action, report, withDatabase, type OutputOptions } from './common.ts'

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations this version of Catalyst ships (embedded database, or DATABASE_URL)')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (options: OutputOptions) => {
        await withDatabase(
          async ({ handle }) => {
            const result = await runMigrations(handle)
            const status = await migrationStatus(handle)
            const where = handle.kind === 'embedded' ? `embedded database in ${handle.location}` : `PostgreSQL at ${handle.location}`
            report(
              options,
              [
                result.applied === 0
                  ? `The ${where} is up to date: ${status.applied} of ${status.available} migrations applied.`
                  : `Applied ${result.applied} migration${result.applied === 1 ? '' : 's'} to the ${where}: ${status.applied} of ${status.available} now applied.`,
              ],
              { database: handle.kind, location: handle.location, applied: result.applied, total: status.applied, available: status.available },
            )
          },
          // The one command that may start a new embedded database in an empty folder.
          { migrate: 'never', create: true },
        )
      }),
    )
}
