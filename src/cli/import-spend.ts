/**
 * `catalyst import spend FILE... --council CODE`: a council's spend files (CSV, TSV or zips of them), each imported
 * in one transaction with the council's remembered or the automatic column mapping, or one given with --mapping.
 * A file that cannot be mapped with confidence is refused, naming the fields no column was found for; nothing is
 * written unless every file can be read. `catalyst spend undo IMPORT_ID` takes an import back out.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { importSpend, openForCouncil, undoImport, type ImportSummary } from '../modules/spend/import.ts'
import { isSpendField, normaliseColumnName } from '../modules/spend/reader/fields.ts'
import { unmappedReason } from '../modules/spend/reader/file.ts'
import type { MappingChoices } from '../modules/spend/reader/layout.ts'
import { spendImports } from '../modules/spend/schema.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { formatPence } from '../platform/money.ts'
import { readFileForCommand, action, report, UserError, withDatabase, type OutputOptions } from './common.ts'
import { councilFor, isoDate } from './councils.ts'
import { eq } from 'drizzle-orm'

interface SpendImportOptions extends OutputOptions {
  council: string
  mapping?: string
  dryRun?: boolean
}


/** A mapping file: JSON of column name (as in the file, or "#3" for the third column) to field, or "ignore". */
export function readMappingFile(file: string): MappingChoices {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileForCommand(file).toString('utf8'))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${file} is not JSON: write the mapping as {"Column name": "paymentDate", ...}`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UserError(`${file} must be a JSON object of column name to field`)
  const choices: MappingChoices = {}
  for (const [column, field] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof field !== 'string' || (field !== 'ignore' && !isSpendField(field))) {
      throw new UserError(`${file}: "${String(field)}" for column "${column}" is not a field; use paymentDate, supplierName, amount, supplierId, companyNumber, charityNumber, vatNumber, department, expenseType, transactionNumber, irrecoverableVat, purpose, procurementClassification, merchantCategory, cardholder or ignore`)
    }
    choices[/^#\d+$/.test(column) ? column : normaliseColumnName(column)] = field as MappingChoices[string]
  }
  return choices
}

/** One value for several files: each distinct one, in order, or null. */
function joinedOf(values: (string | null)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))]
  return distinct.length === 0 ? null : distinct.join('; ')
}

function humanLines(file: string, summary: ImportSummary, dryRun: boolean): string[] {
  const lines = [
    `${dryRun ? 'Checked' : 'Imported'} ${file} (${summary.parts.map((p) => `${p.encoding}, ${p.separator} separated`).join('; ')}).`,
    `  Rows read:      ${summary.rowsRead}`,
    `  Rows imported:  ${summary.rowsImported}${dryRun ? ' (dry run: nothing written)' : ''}`,
    `  Rows rejected:  ${summary.rowsRejected}`,
    `  Total:          ${formatPence(summary.totalPence)}`,
    `  Dates:          ${summary.dateFrom ?? '-'} to ${summary.dateTo ?? '-'}`,
    `  Dates from:     ${summary.dateColumn ?? '-'}${summary.periodReading ? ` (period codes read as ${summary.periodReading})` : ''}`,
    `  Amount from:    ${summary.amountColumn ?? '-'}`,
    `  New payees:     ${summary.newPayees}`,
  ]
  if (summary.importId) lines.push(`  Import id:      ${summary.importId} (undo with \`catalyst spend undo ${summary.importId} --council …\`)`)
  for (const overlap of summary.overlaps) lines.push(`  Warning: its dates overlap ${overlap.fileName} (${overlap.dateFrom} to ${overlap.dateTo}), imported as ${overlap.importId}`)
  if (summary.rejected.length > 0) {
    lines.push('', 'Rows not imported:', ...summary.rejected.slice(0, 200).map((r) => `  ${r.file ? `${r.file} ` : ''}line ${r.line}: ${r.reason}`))
    if (summary.rowsRejected > 200) lines.push(`  … and ${summary.rowsRejected - 200} more`)
  }
  return lines
}

export function registerSpendImport(imports: Command): void {
  imports
    .command('spend')
    .description("import a council's spend files (payments over £500 or procurement card transactions): CSV, TSV or zips of them")
    .argument('<files...>', 'the files')
    .requiredOption('--council <code>', 'the council the files belong to (DEMO, a GSS or GB-LAE code)')
    .option('--mapping <file>', 'a JSON file of column name to field, for columns the automatic mapping gets wrong')
    .option('--dry-run', 'read and report without writing anything')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (files: string[], options: SpendImportOptions) => {
        const chosen = options.mapping ? readMappingFile(options.mapping) : undefined
        const contents: { file: string; bytes: Uint8Array; opened?: Awaited<ReturnType<typeof openForCouncil>> & { ok: true } }[] = files.map((file) => ({ file, bytes: readFileForCommand(file) }))
        await withDatabase(async ({ handle }) => {
          const now = new Date()
          const council = await councilFor(handle.db, options.council, isoDate(now))
          // Every file must be readable and mappable before any is written.
          for (const content of contents) {
            const { file, bytes } = content
            const opened = await openForCouncil(handle.db, council.id, path.basename(file), bytes, chosen)
            if (!opened.ok) throw new UserError(`${file} was not imported: ${opened.reason}. Nothing was changed.`)
            for (const part of opened.parts) {
              const reason = unmappedReason(part)
              if (reason) throw new UserError(`${file} was not imported: ${opened.parts.length > 1 ? `${part.name}: ` : ''}Catalyst ${reason}; give the columns with --mapping FILE. Nothing was changed.`)
            }
            // A single file is imported as opened here, not decoded again (a million-row file's text is some 80 MB). With
            // several, each is opened again when its turn comes: the files before it may have taught the council a mapping.
            if (contents.length === 1) content.opened = opened
          }
          const summaries: (ImportSummary & { file: string })[] = []
          const lines: string[] = []
          for (const { file, bytes, opened } of contents) {
            const outcome = await importSpend(handle.db, {
              opened,
              councilId: council.id,
              fileName: path.basename(file),
              bytes,
              chosen,
              actor: systemActor('catalyst import spend'),
              now,
              dryRun: options.dryRun,
            })
            if (outcome.outcome === 'refused') {
              throw new UserError(`${file} was not imported: ${outcome.reason}.${summaries.length > 0 ? ` The files before it were imported: ${summaries.map((s) => s.file).join(', ')}.` : ' Nothing was changed.'}`)
            }
            summaries.push({ ...outcome.summary, file })
            lines.push(...humanLines(file, outcome.summary, options.dryRun === true), '')
          }
          const sum = (pick: (s: ImportSummary) => number) => summaries.reduce((total, s) => total + pick(s), 0)
          const dates = summaries.flatMap((s) => [s.dateFrom, s.dateTo]).filter((d): d is string => d !== null).sort()
          report(options, lines, {
            council: council.code,
            dryRun: options.dryRun === true,
            rowsRead: sum((s) => s.rowsRead),
            rowsImported: sum((s) => s.rowsImported),
            rowsRejected: sum((s) => s.rowsRejected),
            totalPence: sum((s) => s.totalPence),
            dateFrom: dates[0] ?? null,
            dateTo: dates[dates.length - 1] ?? null,
            dateColumn: joinedOf(summaries.map((s) => s.dateColumn)),
            amountColumn: joinedOf(summaries.map((s) => s.amountColumn)),
            periodReading: joinedOf(summaries.map((s) => s.periodReading)),
            rejected: summaries.flatMap((s) => s.rejected.map((r) => ({ ...r, file: r.file ? `${s.file}:${r.file}` : s.file }))),
            imports: summaries.map((s) => ({
              file: s.file, importId: s.importId, checksum: s.checksum, kind: s.kind, parts: s.parts, rowsRead: s.rowsRead,
              rowsImported: s.rowsImported, rowsRejected: s.rowsRejected, totalPence: s.totalPence, dateFrom: s.dateFrom,
              dateTo: s.dateTo, newPayees: s.newPayees, overlaps: s.overlaps, dateColumn: s.dateColumn, amountColumn: s.amountColumn,
              periodReading: s.periodReading,
            })),
          })
        })
      }),
    )
}

export function registerSpend(program: Command): void {
  const spend = program.command('spend').description('spend analysis tasks')
  spend
    .command('undo')
    .description('undo a spend import: remove its payments from every figure (the file can then be imported again)')
    .argument('<importId>', 'the import id printed by `catalyst import spend`')
    .requiredOption('--council <code>', 'the council the import belongs to')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (importId: string, options: OutputOptions & { council: string }) => {
        await withDatabase(async ({ handle }) => {
          const now = new Date()
          const council = await councilFor(handle.db, options.council, isoDate(now))
          const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(importId)
          const [found] = valid ? await handle.db.select({ id: spendImports.id }).from(spendImports).where(eq(spendImports.id, importId)) : []
          const undone = found ? await undoImport(handle.db, { councilId: council.id, importId, actor: systemActor('catalyst spend undo'), now }) : undefined
          if (!undone) throw new UserError(`${council.name} has no spend import ${importId}: list imports on the Spend imports page`)
          report(options, [`Undid the import of ${undone.fileName}: ${undone.rowsImported} payments removed, ${undone.payeesRemoved} payees no longer paid removed.`], {
            importId,
            fileName: undone.fileName,
            rowsRemoved: undone.rowsImported,
            payeesRemoved: undone.payeesRemoved,
          })
        })
      }),
    )
}
