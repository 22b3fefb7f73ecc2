/**
 * `catalyst risk naive-rule-report --council CODE [--json]`: for the council's live contracts and their suppliers,
 * what the naive rule ("turnover at least twice the contract value") would do, beside the proportionate assessment.
 */
import type { Command } from 'commander'
import { naiveRuleReport } from '../modules/risk/service.ts'
import { reportSummary } from '../modules/risk/routes-council.ts'
import { londonDate } from '../modules/contracts/dates.ts'
import { formatPence } from '../platform/money.ts'
import { action, report, withDatabase, type OutputOptions } from './common.ts'
import { councilFor, isoDate } from './councils.ts'

const NAIVE = { passes: 'passes', excluded: 'WOULD EXCLUDE', 'not-given': 'no turnover' } as const

export function registerRisk(program: Command): void {
  const risk = program.command('risk').description('supplier financial standing tasks')
  risk
    .command('naive-rule-report')
    .description('which suppliers of live contracts a "turnover at least twice the contract value" rule would exclude, and what the proportionate assessment says of each')
    .requiredOption('--council <code>', 'the council (its code, such as DEMO, or GSS code)')
    .option('--json', 'print one JSON object instead of a table')
    .action(
      action(async (options: OutputOptions & { council: string }) => {
        await withDatabase(async ({ handle }) => {
          const now = new Date()
          const council = await councilFor(handle.db, options.council, isoDate(now))
          const { rows, multiple } = await naiveRuleReport(handle.db, council.id, londonDate(now))
          const summary = reportSummary(rows)
          const human = [
            `${council.name}: the naive rule (turnover at least ${multiple} times the annual value) on ${summary.contracts} supplier places on live contracts`,
            '',
            ...rows.map((r) =>
              [
                r.providerName.padEnd(36),
                r.reference.padEnd(13),
                formatPence(r.annualValuePence, { whole: true }).padStart(12),
                (r.turnoverPence === null ? 'not given' : formatPence(r.turnoverPence, { whole: true })).padStart(14),
                NAIVE[r.naive.outcome].padEnd(14),
                r.proportionate ? `${r.proportionate} (tier ${r.tier})` : 'no figures',
              ].join('  '),
            ),
            '',
            `The naive rule would exclude ${summary.excluded}; of those the proportionate assessment finds ${summary.excludedButLow} low, ${summary.excludedButMedium} medium and ${summary.excludedAndHigh} high risk.`,
          ]
          report(options, human, { council: council.code ?? options.council, multiple, summary, rows })
        })
      }),
    )
}
