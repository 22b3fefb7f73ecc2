/**
 * `catalyst import indicators FILE --format lginform-long|lginform-wide|ascof|revenue-outturn [--json]`: published
 * indicators into a council's benchmarking. The council is --council, or the installation's only council with users.
 * Importing the same file again changes nothing; every line not used is listed with its reason.
 */
import type { Command } from 'commander'
import { londonDate } from '../modules/contracts/dates.ts'
import { tenantCouncilFor } from './councils.ts'
import { importIndicatorFile } from '../modules/benchmarking/import.ts'
import { INDICATOR_FORMATS, isIndicatorFormat } from '../modules/benchmarking/read-indicators.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { action, readFileForCommand, report, UserError, withDatabase, type OutputOptions } from './common.ts'

interface Options extends OutputOptions {
  format?: string
  council?: string
  indicator?: string
  measure?: string
  unit?: string
  period?: string
  source?: string
  licence?: string
  polarity?: string
}

const POLARITIES = { high: 'high', low: 'low', none: null } as const

export function registerIndicatorImport(imports: Command): void {
  imports
    .command('indicators')
    .description('import published indicators (LG Inform, ASCOF, Revenue Outturn) for benchmarking')
    .argument('<file>', 'the CSV file to import')
    .option('--format <format>', `the file's layout: ${Object.keys(INDICATOR_FORMATS).join(', ')}`)
    .option('--council <code>', 'the council whose benchmarking this is (needed when more than one council uses Catalyst)')
    .option('--indicator <name>', 'lginform-wide: the indicator the download holds')
    .option('--measure <measure>', 'lginform-wide: how its values are expressed (Percentage, Count…)')
    .option('--unit <unit>', 'lginform-wide: its unit')
    .option('--period <period>', 'ascof: the financial year the release covers, for example 2023/24')
    .option('--source <text>', 'who publishes the figures (the layout’s publisher by default)')
    .option('--licence <text>', 'the licence they are published under (Open Government Licence v3.0 by default)')
    .option('--polarity <high|low|none>', 'whether a high or a low value is good')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (file: string, options: Options) => {
        if (!isIndicatorFormat(options.format)) throw new UserError(`give the file's layout with --format: ${Object.keys(INDICATOR_FORMATS).join(', ')}`)
        const format = options.format
        if (options.polarity !== undefined && !(options.polarity in POLARITIES)) throw new UserError('--polarity is high (a high value is good), low (a low value is good) or none')
        const polarity = options.polarity === undefined ? undefined : POLARITIES[options.polarity as keyof typeof POLARITIES]
        const bytes = readFileForCommand(file)
        await withDatabase(async ({ handle }) => {
          const council = await tenantCouncilFor(handle.db, options.council, 'indicators')
          const now = new Date()
          const outcome = await importIndicatorFile(handle.db, {
            councilId: council.id,
            fileName: file,
            bytes,
            format,
            indicatorName: options.indicator,
            measure: options.measure,
            unit: options.unit,
            period: options.period,
            source: options.source,
            licence: options.licence,
            polarity,
            actor: systemActor('catalyst import indicators'),
            now,
            today: londonDate(now),
          })
          if (!outcome.ok) {
            const lines = outcome.problems?.length ? `; ${outcome.problems.length} lines not used, the first: line ${outcome.problems[0]!.line}: ${outcome.problems[0]!.reason}` : ''
            throw new UserError(`${file} was not imported: ${outcome.reason}${lines}. Nothing was changed.`)
          }
          const s = outcome.summary
          const lines = [
            `Imported ${file} (${INDICATOR_FORMATS[format]}) into ${council.name}'s benchmarking.`,
            `  Indicators: ${s.indicators.map((i) => `${i.name}${i.created ? ' (new)' : ''}`).join('; ')}`,
            `  Councils:   ${s.councils}`,
            `  Created:    ${s.created}`,
            `  Updated:    ${s.updated}`,
            `  Unchanged:  ${s.unchanged}`,
            `  Not used:   ${s.problems.length}`,
          ]
          if (s.passedOver.length) lines.push(...s.passedOver.map((p) => `  Passed over: ${p.count} ${p.reason}`))
          if (s.problems.length) lines.push('', 'Lines not used:', ...s.problems.map((p) => `  line ${p.line}: ${p.reason}`))
          report(options, lines, {
            file,
            format,
            council: council.code,
            indicators: s.indicators,
            councils: s.councils,
            created: s.created,
            updated: s.updated,
            unchanged: s.unchanged,
            problems: s.problems,
            passedOver: s.passedOver,
          })
        })
      }),
    )
}
