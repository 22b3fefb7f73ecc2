/**
 * One way in for every register file, used by the import pages and the command line: read the whole file first
 * (a file that cannot be read writes nothing), then import it in one transaction. A preview runs the same import
 * and rolls it back, so it reports exactly what confirming would do.
 */
import type { Actor } from '../../platform/audit/audit.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import type { CouncilRow } from '../councils/service.ts'
import { import360Giving, read360Giving } from '../grants/threesixty.ts'
import { importContractsCsv, missingFields, proposeMapping, readContractsCsv, rememberedMapping, rememberMapping, CSV_FIELDS, type ColumnMapping } from './csv-import.ts'
import { importOcdsProcesses, type ImportSummary } from './ocds/import.ts'
import { readOcds } from './ocds/read.ts'
import { afterLargeWrite } from '../../platform/db/maintenance.ts'

export const IMPORT_KINDS = {
  'contracts-csv': 'Contracts register (CSV, any column names)',
  ocds: 'OCDS release or record package (JSON)',
  '360giving': '360Giving grants (JSON or CSV)',
} as const
export type ImportKind = keyof typeof IMPORT_KINDS

export interface ImportRequest {
  kind: ImportKind
  bytes: Buffer
  actor: Actor
  now: Date
  today: string
  /** The council for records whose file does not name one (--council; the officer's own council on pages). */
  council?: CouncilRow | undefined
  /** Pages: import only what belongs to `council`, skipping what names another. */
  only?: boolean
  /** Contracts CSV: the officer's mapping; otherwise the remembered or proposed one. */
  mapping?: ColumnMapping | undefined
  onProgress?: (done: number, total: number) => void
}

export type ImportOutcome =
  | { ok: true; summary: ImportSummary; detail: string; csv?: { columns: string[]; mapping: ColumnMapping } }
  | { ok: false; reason: string }

class Rollback extends Error {}

async function run(tx: Executor, request: ImportRequest): Promise<ImportOutcome> {
  if (request.kind === 'ocds') {
    const read = readOcds(request.bytes)
    if (!read.ok) return read
    const summary = await importOcdsProcesses(tx, read.processes, { ...request })
    summary.skipped.unshift(...read.skipped)
    summary.warnings.unshift(...read.warnings)
    return { ok: true, summary, detail: `${read.shape.replace('-', ' ')}, ${read.processes.length} contracting process${read.processes.length === 1 ? '' : 'es'}` }
  }
  if (request.kind === '360giving') {
    const read = read360Giving(request.bytes)
    if (!read.ok) return read
    const summary = await import360Giving(tx, read.grants, request)
    return { ok: true, summary, detail: `360Giving ${read.format.toUpperCase()}, ${read.grants.length} grant${read.grants.length === 1 ? '' : 's'}` }
  }
  const read = readContractsCsv(request.bytes)
  if (!read.ok) return read
  if (!request.council) return { ok: false, reason: 'a contracts register CSV does not say whose it is: give --council' }
  const mapping = request.mapping ?? proposeMapping(read.columns, await rememberedMapping(tx, request.council.id))
  const missing = missingFields(mapping)
  if (missing.length > 0) {
    return { ok: false, reason: `no column found for ${missing.map((f) => CSV_FIELDS[f].label).join(', ')} (columns: ${read.columns.join(', ')})` }
  }
  const summary = await importContractsCsv(tx, read.rows, mapping, { ...request, council: request.council })
  await rememberMapping(tx, request.council.id, mapping, request.now)
  return { ok: true, summary, detail: `CSV, ${read.rows.length} row${read.rows.length === 1 ? '' : 's'}`, csv: { columns: read.columns, mapping } }
}

export async function importFile(db: Database, request: ImportRequest, options: { dryRun?: boolean } = {}): Promise<ImportOutcome> {
  let outcome: ImportOutcome | undefined
  try {
    await db.transaction(async (tx) => {
      outcome = await run(tx, request)
      if (options.dryRun || !outcome.ok) throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  if (outcome?.ok && !options.dryRun) afterLargeWrite(db)
  return outcome!
}

/** The CSV's columns and the mapping the preview proposes, without importing. */
export async function csvColumns(db: Executor, councilId: string, bytes: Buffer) {
  const read = readContractsCsv(bytes)
  if (!read.ok) return undefined
  return { columns: read.columns, mapping: proposeMapping(read.columns, await rememberedMapping(db, councilId)) }
}
