/**
 * `catalyst import wards FILE [--council CODE] [--json]`: an ONS ward lookup (WDyyCD, WDyyNM, LADyyCD columns) into a
 * council's wards, through the same importer as the wards page: rows for other councils are left out, a bad row stops
 * the whole file with every problem listed by line, and importing again renames by code (ADR 0036, 0046).
 */
import type { Command } from 'commander'
import { tenantCouncilFor } from './councils.ts'
import { importWards } from '../modules/scrutiny/service.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { action, readFileForCommand, report, UserError, withDatabase, type OutputOptions } from './common.ts'

interface Options extends OutputOptions {
  council?: string
}

export function registerWardImport(imports: Command): void {
  imports
    .command('wards')
    .description('import wards from an ONS ward lookup CSV (WD24CD, WD24NM, LAD24CD or another year)')
    .argument('<file>', 'the CSV file to import')
    .option('--council <code>', 'the council whose wards these are (needed when more than one council uses Catalyst)')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (file: string, options: Options) => {
        const bytes = readFileForCommand(file)
        await withDatabase(async ({ handle }) => {
          const council = await tenantCouncilFor(handle.db, options.council, 'wards')
          const result = await handle.db.transaction((tx) => importWards(tx, council, bytes, systemActor('catalyst import wards'), new Date()))
          if (result.outcome === 'problems') {
            const lines = result.problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`)
            const more = result.problems.length > 20 ? `; and ${result.problems.length - 20} more` : ''
            throw new UserError(`${file} was not imported: ${result.problems.length === 1 ? 'one row has a problem' : `${result.problems.length} rows have a problem`} (${lines.join('; ')}${more}). Nothing was changed.`)
          }
          report(
            options,
            [
              `Imported ${file} into ${council.name}'s wards.`,
              `  Added:          ${result.added}`,
              `  Renamed:        ${result.renamed}`,
              `  Unchanged:      ${result.unchanged}`,
              `  Other councils: ${result.otherCouncils} rows left out`,
            ],
            { file, council: council.code, added: result.added, renamed: result.renamed, unchanged: result.unchanged, otherCouncils: result.otherCouncils },
          )
        })
      }),
    )
}
