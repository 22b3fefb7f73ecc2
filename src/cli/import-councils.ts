/**
 * `catalyst import councils FILE`: ONS or mySociety lists of local authorities. All or nothing: a file that
 * cannot be read writes nothing; every row that cannot be read is reported with its line number and why.
 */
import type { Command } from 'commander'
import { parseCouncilFile } from '../modules/councils/import-file.ts'
import { importCouncils } from '../modules/councils/import.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { readFileForCommand, action, progress, report, UserError, withDatabase, type OutputOptions } from './common.ts'

interface ImportOptions extends OutputOptions {
  strict?: boolean
}

/** Adds `import councils` to the import group (program.ts makes the group; modules add their own imports to it). */
export function registerCouncilImport(imports: Command): void {
  imports
    .command('councils')
    .description('import local authorities from an ONS (LAD23CD, LAD23NM…) or mySociety uk_local_authorities CSV')
    .argument('<file>', 'the CSV file (UTF-8, UTF-8 with BOM or Windows-1252)')
    .option('--strict', 'write nothing if any row cannot be read')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (file: string, options: ImportOptions) => {
        const bytes = readFileForCommand(file)
        const parsed = parseCouncilFile(bytes)
        if (!parsed.ok) throw new UserError(`${file} was not imported: ${parsed.reason}. Nothing was changed.`)
        if (options.strict && parsed.rejected.length > 0) {
          const first = parsed.rejected[0]!
          throw new UserError(
            `${file} was not imported: ${parsed.rejected.length} row${parsed.rejected.length === 1 ? '' : 's'} could not be read (first: line ${first.line}, ${first.reason}). Nothing was changed.`,
          )
        }

        await withDatabase(async ({ handle }) => {
          const bar = progress('Importing councils')
          let summary
          try {
            summary = await importCouncils(handle.db, parsed, {
              actor: systemActor('catalyst import councils'),
              now: new Date(),
              onProgress: (done, total) => bar.update(done, total),
            })
          } finally {
            bar.stop()
          }
          const lines = [
            `Imported ${file} (${parsed.format === 'ons' ? 'ONS' : parsed.format === 'mysociety' ? 'mySociety' : 'CSV'} layout, ${parsed.encoding}).`,
            `  Rows read:  ${summary.rowsRead}`,
            `  Created:    ${summary.created}`,
            `  Updated:    ${summary.updated}`,
            `  Unchanged:  ${summary.unchanged}`,
            `  Skipped:    ${summary.skipped.length}`,
            `  Rejected:   ${summary.rejected.length}`,
          ]
          if (summary.rejected.length > 0) {
            lines.push('', 'Rows not imported:', ...summary.rejected.map((r) => `  line ${r.line}: ${r.reason}`))
          }
          if (summary.skipped.length > 0) {
            lines.push('', 'Rows skipped:', ...summary.skipped.map((r) => `  line ${r.line}: ${r.reason}`))
          }
          if (summary.warnings.length > 0) {
            lines.push('', 'Imported with a warning:', ...summary.warnings.map((r) => `  line ${r.line}: ${r.reason}`))
          }
          report(options, lines, {
            file,
            format: parsed.format,
            encoding: parsed.encoding,
            rowsRead: summary.rowsRead,
            created: summary.created,
            updated: summary.updated,
            unchanged: summary.unchanged,
            rejected: summary.rejected,
            skipped: summary.skipped,
            warnings: summary.warnings,
          })
        })
      }),
    )
}
