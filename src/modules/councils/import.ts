/**
 * Importing a file of local authorities: every row in one transaction, so a failure half way writes nothing.
 * Values the file does not carry (an ONS file has no GB-LAE codes or dates) keep what is already stored.
 * Successors are resolved after every row is stored, so a council may name one that comes later in the file.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import type { ParsedCouncil, RowProblem } from './import-file.ts'
import * as repo from './repository.ts'
import { councilInputOf, upsertCouncil, type CouncilInput, type CouncilRow } from './service.ts'

export interface CouncilImportSummary {
  rowsRead: number
  created: number
  updated: number
  unchanged: number
  rejected: RowProblem[]
  skipped: RowProblem[]
  /** Rows stored, but with something left out (for example a successor that is not known). */
  warnings: RowProblem[]
}

export interface CouncilImportInput {
  rowsRead: number
  councils: ParsedCouncil[]
  rejected: RowProblem[]
  skipped: RowProblem[]
}

export async function importCouncils(
  db: Database,
  file: CouncilImportInput,
  options: { actor: Actor; now: Date; onProgress?: (done: number, total: number) => void },
): Promise<CouncilImportSummary> {
  const { actor, now } = options
  return db.transaction(async (tx) => {
    const rejected = [...file.rejected]
    const warnings: RowProblem[] = []
    const outcomes = new Map<number, 'created' | 'updated' | 'unchanged'>()
    const stored = new Map<number, CouncilRow>()
    const byCode = new Map<string, CouncilRow>()
    const total = file.councils.length * 2
    let done = 0

    for (const row of file.councils) {
      const byGss = row.gssCode ? await repo.findByAnyCode(tx, row.gssCode) : undefined
      const byLae = row.laeCode ? await repo.findByAnyCode(tx, row.laeCode) : undefined
      if (byGss && byLae && byGss.id !== byLae.id) {
        rejected.push({
          line: row.line,
          reason: `GSS code ${row.gssCode} is ${byGss.name} but GB-LAE code ${row.laeCode} is ${byLae.name} in Catalyst`,
        })
        options.onProgress?.((done += 2), total)
        continue
      }
      const existing = byGss ?? byLae
      const input: CouncilInput = {
        name: row.name,
        gssCode: row.gssCode ?? existing?.gssCode ?? null,
        laeCode: row.laeCode ?? existing?.laeCode ?? null,
        type: row.type,
        startDate: row.startDate === undefined ? (existing?.startDate ?? null) : row.startDate,
        endDate: row.endDate === undefined ? (existing?.endDate ?? null) : row.endDate,
        successorId: existing?.successorId ?? null,
        altNames: row.altNames,
        region: row.region,
      }
      const { council, outcome } = await upsertCouncil(tx, input, actor, now)
      outcomes.set(row.line, outcome)
      stored.set(row.line, council)
      if (council.gssCode) byCode.set(council.gssCode, council)
      if (council.laeCode) byCode.set(council.laeCode, council)
      options.onProgress?.(++done, total)
    }

    for (const row of file.councils) {
      const council = stored.get(row.line)
      if (!council) continue
      options.onProgress?.(++done, total)
      if (row.replacedBy === undefined) continue
      let successorId: string | null = null
      if (row.replacedBy !== null && row.replacedBy.length > 1) {
        warnings.push({
          line: row.line,
          reason: `${row.name} was replaced by several councils (${row.replacedBy.join(', ')}); Catalyst records one successor, so none was recorded`,
        })
        successorId = council.successorId
      } else if (row.replacedBy !== null && row.replacedBy[0]) {
        const code = row.replacedBy[0]
        const successor = byCode.get(code) ?? (await repo.findByAnyCode(tx, code))
        if (!successor) {
          warnings.push({ line: row.line, reason: `successor ${code} is neither in the file nor in Catalyst, so none was recorded` })
          successorId = council.successorId
        } else if (successor.id === council.id) {
          warnings.push({ line: row.line, reason: `${row.name} names itself as its successor, so none was recorded` })
          successorId = council.successorId
        } else {
          successorId = successor.id
        }
      }
      if (successorId === council.successorId) continue
      const { council: updated } = await upsertCouncil(tx, { ...councilInputOf(council), successorId }, actor, now)
      stored.set(row.line, updated)
      if (outcomes.get(row.line) === 'unchanged') outcomes.set(row.line, 'updated')
    }

    const counts = { created: 0, updated: 0, unchanged: 0 }
    for (const outcome of outcomes.values()) counts[outcome]++
    const summary: CouncilImportSummary = {
      rowsRead: file.rowsRead,
      ...counts,
      rejected: rejected.sort((a, b) => a.line - b.line),
      skipped: file.skipped,
      warnings,
    }
    await recordImport(tx, actor, now, summary)
    return summary
  })
}

async function recordImport(tx: Executor, actor: Actor, now: Date, summary: CouncilImportSummary): Promise<void> {
  await recordAudit(tx, {
    actor,
    councilId: null,
    action: 'import',
    entityType: 'council-file',
    entityId: now.toISOString(),
    after: {
      rowsRead: summary.rowsRead,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected.length,
      skipped: summary.skipped.length,
    },
    at: now,
  })
}
