/** `catalyst demo`: loads the demo councils, providers and users. Loading it again changes nothing. */
import type { Command } from 'commander'
import { loadDemo } from '../demo/seed.ts'
import { action, report, withDatabase, type OutputOptions } from './common.ts'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the demo councils, providers and a user for every role (CATALYST_DEMO_PASSWORD sets their password)')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (options: OutputOptions) => {
        await withDatabase(async ({ config, handle }) => {
          const demo = await loadDemo(handle.db, { password: config.demoPassword, now: new Date() })
          const lines = [
            `Demo loaded: ${demo.councilsCreated} councils, ${demo.providersCreated} providers and ${demo.usersCreated} users created.`,
            '',
            'Sign-ins (passwords are shown only when they were set in this run):',
            ...demo.signIns.map(
              (s) => `  ${s.email.padEnd(34)} ${s.role.padEnd(13)} ${s.council.padEnd(6)} ${s.password ?? '(unchanged)'}`,
            ),
          ]
          report(options, lines, {
            councilsCreated: demo.councilsCreated,
            providersCreated: demo.providersCreated,
            usersCreated: demo.usersCreated,
            signIns: demo.signIns.map((s) => ({ ...s, password: s.password ?? null })),
          })
        })
      }),
    )
}
