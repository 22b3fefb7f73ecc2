/**
 * `catalyst import contracts|ocds|360giving FILE [--council CODE] [--json]`: the contracts and grants registers'
 * imports. The whole file is read first: one that cannot be read changes nothing. With --json the last line is one
 * object with created, updated, unchanged, skipped (a count), skippedRows and warnings (reasons).
 */
import type { Command } from 'commander'
import { findCouncil } from '../modules/councils/service.ts'
import { londonDate } from '../modules/contracts/dates.ts'
import { importFile, type ImportKind } from '../modules/contracts/import-file.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { readFileForCommand, action, progress, report, UserError, withDatabase, type OutputOptions } from './common.ts'

interface Options extends OutputOptions {
  council?: string
}


function register(imports: Command, name: string, kind: ImportKind, description: string) {
  imports
    .command(name)
    .description(description)
    .argument('<file>', 'the file to import')
    .option('--council <code>', 'the council (code, GB-LAE or GSS code) for records whose file does not name one')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (file: string, options: Options) => {
        const bytes = readFileForCommand(file)
        await withDatabase(async ({ handle }) => {
          const council = options.council ? await findCouncil(handle.db, options.council) : undefined
          if (options.council && !council) throw new UserError(`no council with code ${options.council}`)
          const bar = progress(`Importing ${name}`)
          const now = new Date()
          let outcome
          try {
            outcome = await importFile(handle.db, {
              kind,
              bytes,
              actor: systemActor(`catalyst import ${name}`),
              now,
              today: londonDate(now),
              council,
              onProgress: (done, total) => bar.update(done, total),
            })
          } finally {
            bar.stop()
          }
          if (!outcome.ok) throw new UserError(`${file} was not imported: ${outcome.reason}. Nothing was changed.`)
          const s = outcome.summary
          const lines = [
            `Imported ${file} (${outcome.detail}).`,
            `  Created:    ${s.created}`,
            `  Updated:    ${s.updated}`,
            `  Unchanged:  ${s.unchanged}`,
            `  Skipped:    ${s.skipped.length}`,
            `  New suppliers in the provider register: ${s.suppliersCreated}`,
            ...(kind === 'ocds' ? [`  Opportunities (not yet awarded): ${s.opportunities.created} new, ${s.opportunities.updated} updated, ${s.opportunities.unchanged} unchanged`] : []),
          ]
          if (s.skipped.length) lines.push('', 'Not imported:', ...s.skipped.map((r) => `  ${r.ref}: ${r.reason}`))
          if (s.warnings.length) lines.push('', 'Imported with a warning:', ...s.warnings.map((w) => `  ${w}`))
          report(options, lines, {
            file,
            kind,
            created: s.created,
            updated: s.updated,
            unchanged: s.unchanged,
            skipped: s.skipped.length,
            skippedRows: s.skipped,
            warnings: s.warnings,
            suppliersCreated: s.suppliersCreated,
            opportunities: s.opportunities,
          })
        })
      }),
    )
}

/** Adds `import contracts`, `import ocds` and `import 360giving` to the import group. */
export function registerRegisterImports(imports: Command): void {
  register(imports, 'contracts', 'contracts-csv', 'import a council contracts register CSV (columns matched by name; the mapping is remembered per council)')
  register(imports, 'ocds', 'ocds', 'import OCDS release or record packages, or bare releases or records (Contracts Finder, Find a Tender)')
  register(imports, '360giving', '360giving', 'import 360Giving grants: a JSON package or a CSV with the standard’s column titles')
}
