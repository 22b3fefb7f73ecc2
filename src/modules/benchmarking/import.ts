/**
 * Importing an indicator file into a council's benchmarking: read it (read-indicators.ts), find each line's council,
 * then in one transaction create or update the indicators and their values. Importing the same file again changes
 * nothing (a value is keyed by indicator, council and period). Every line not used is reported with its reason; a
 * file that cannot be read, or holds no figure at all, changes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import { CouncilLookup } from './council-lookup.ts'
import { DEFAULT_SOURCES, readIndicatorFile, type IndicatorFormat, type RowProblem } from './read-indicators.ts'
import type { Polarity } from './statistics.ts'
import { benchmarkImports, benchmarkIndicators, benchmarkValues } from './schema.ts'

export interface IndicatorImportInput {
  councilId: string
  fileName: string
  bytes: Uint8Array
  format: IndicatorFormat
  indicatorName?: string | undefined
  measure?: string | undefined
  unit?: string | undefined
  period?: string | undefined
  /** Undefined keeps what is stored (the format's publisher for a new indicator). */
  source?: string | undefined
  licence?: string | undefined
  /** Undefined keeps what is stored (not said, for a new indicator). */
  polarity?: Polarity | undefined
  actor: Actor
  now: Date
  today: string
}

export interface IndicatorImportSummary {
  importId: string
  indicators: { id: string; name: string; created: boolean }[]
  created: number
  updated: number
  unchanged: number
  councils: number
  problems: RowProblem[]
  passedOver: { reason: string; count: number }[]
}

export type IndicatorImportOutcome = { ok: true; summary: IndicatorImportSummary } | { ok: false; reason: string; problems?: RowProblem[] }

const BATCH = 500

export async function importIndicatorFile(db: Database, input: IndicatorImportInput): Promise<IndicatorImportOutcome> {
  const read = readIndicatorFile(input.bytes, input)
  if (!read.ok) return read
  const lookup = await CouncilLookup.load(db, input.today)
  const problems: RowProblem[] = [...read.problems]
  const seen = new Map<string, number>()
  const rows: (typeof read.rows[number] & { areaCouncilId: string })[] = []
  for (const row of read.rows) {
    const found = lookup.find(row.areaCode, row.areaName)
    if ('reason' in found) {
      problems.push({ line: row.line, reason: found.reason })
      continue
    }
    const id = `${row.indicator.key}\u0000${found.council.id}\u0000${row.period.label}`
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      problems.push({ line: row.line, reason: `${found.council.name}, ${row.period.label} is also on line ${earlier}` })
      continue
    }
    seen.set(id, row.line)
    rows.push({ ...row, areaCouncilId: found.council.id })
  }
  // A wide file gives a line one figure per period: its council is reported once.
  const reported = new Set<string>()
  for (let i = problems.length - 1; i >= 0; i--) {
    const id = `${problems[i]!.line}\u0000${problems[i]!.reason}`
    if (reported.has(id)) problems.splice(i, 1)
    reported.add(id)
  }
  problems.sort((a, b) => a.line - b.line)
  if (rows.length === 0) return { ok: false, reason: 'no line of the file gave a figure for a council', problems }

  return db.transaction(async (tx) => {
    const identities = new Map(rows.map((r) => [r.indicator.key, r.indicator]))
    const existing = await tx
      .select()
      .from(benchmarkIndicators)
      .where(and(eq(benchmarkIndicators.councilId, input.councilId), inArray(benchmarkIndicators.key, [...identities.keys()])))
    const byKey = new Map(existing.map((i) => [i.key, i]))
    const defaults = DEFAULT_SOURCES[input.format]
    const indicators: IndicatorImportSummary['indicators'] = []
    for (const identity of identities.values()) {
      const held = byKey.get(identity.key)
      if (!held) {
        const [created] = await tx
          .insert(benchmarkIndicators)
          .values({
            councilId: input.councilId,
            key: identity.key,
            name: identity.name,
            measure: identity.measure,
            unit: identity.unit,
            source: input.source?.trim() || defaults.source,
            licence: input.licence?.trim() || defaults.licence,
            polarity: input.polarity ?? null,
            format: input.format,
            createdAt: input.now,
            updatedAt: input.now,
          })
          .returning()
        byKey.set(identity.key, created!)
        indicators.push({ id: created!.id, name: created!.name, created: true })
        await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'benchmark-indicator', entityId: created!.id, after: created, at: input.now })
        continue
      }
      const changes = {
        ...(input.source?.trim() && input.source.trim() !== held.source ? { source: input.source.trim() } : {}),
        ...(input.licence?.trim() && input.licence.trim() !== held.licence ? { licence: input.licence.trim() } : {}),
        ...(input.polarity !== undefined && input.polarity !== held.polarity ? { polarity: input.polarity } : {}),
      }
      if (Object.keys(changes).length) {
        const [after] = await tx.update(benchmarkIndicators).set({ ...changes, updatedAt: input.now }).where(eq(benchmarkIndicators.id, held.id)).returning()
        await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'update', entityType: 'benchmark-indicator', entityId: held.id, before: held, after, at: input.now })
      }
      indicators.push({ id: held.id, name: held.name, created: false })
    }

    const [record] = await tx
      .insert(benchmarkImports)
      .values({ councilId: input.councilId, fileName: input.fileName, format: input.format, created: 0, updated: 0, unchanged: 0, problems, importedBy: input.actor.label, importedAt: input.now })
      .returning()
    const importId = record!.id

    const ids = [...byKey.values()].map((i) => i.id)
    const stored = await tx.select().from(benchmarkValues).where(inArray(benchmarkValues.indicatorId, ids))
    const storedBy = new Map(stored.map((v) => [`${v.indicatorId}\u0000${v.areaCouncilId}\u0000${v.period}`, v]))
    let created = 0
    let updated = 0
    let unchanged = 0
    const inserts: (typeof benchmarkValues.$inferInsert)[] = []
    for (const row of rows) {
      const indicatorId = byKey.get(row.indicator.key)!.id
      const held = storedBy.get(`${indicatorId}\u0000${row.areaCouncilId}\u0000${row.period.label}`)
      if (!held) {
        inserts.push({ indicatorId, areaCouncilId: row.areaCouncilId, period: row.period.label, periodType: row.period.type, periodStart: row.period.start, value: row.value, importId, updatedAt: input.now })
        created++
      } else if (held.value !== row.value || held.periodType !== row.period.type) {
        await tx.update(benchmarkValues).set({ value: row.value, periodType: row.period.type, periodStart: row.period.start, importId, updatedAt: input.now }).where(eq(benchmarkValues.id, held.id))
        updated++
      } else unchanged++
    }
    for (let i = 0; i < inserts.length; i += BATCH) await tx.insert(benchmarkValues).values(inserts.slice(i, i + BATCH))
    await tx.update(benchmarkImports).set({ created, updated, unchanged }).where(eq(benchmarkImports.id, importId))
    const summary: IndicatorImportSummary = {
      importId,
      indicators,
      created,
      updated,
      unchanged,
      councils: new Set(rows.map((r) => r.areaCouncilId)).size,
      problems,
      passedOver: read.passedOver,
    }
    await recordAudit(tx, {
      actor: input.actor,
      councilId: input.councilId,
      action: 'import',
      entityType: 'benchmark-import',
      entityId: importId,
      after: { fileName: input.fileName, format: input.format, created, updated, unchanged, problems: problems.length },
      at: input.now,
    })
    return { ok: true as const, summary }
  })
}

/** Sets whether a high or a low value of the indicator is good, with an audit entry. */
export async function setPolarity(db: Database, councilId: string, indicatorId: string, polarity: Polarity, actor: Actor, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [held] = await tx.select().from(benchmarkIndicators).where(and(eq(benchmarkIndicators.id, indicatorId), eq(benchmarkIndicators.councilId, councilId)))
    if (!held) return false
    if (held.polarity === polarity) return true
    const [after] = await tx.update(benchmarkIndicators).set({ polarity, updatedAt: now }).where(eq(benchmarkIndicators.id, indicatorId)).returning()
    await recordAudit(tx, { actor, councilId, action: 'update', entityType: 'benchmark-indicator', entityId: indicatorId, before: held, after, at: now })
    return true
  })
}

export async function listIndicators(db: Executor, councilId: string) {
  return db.select().from(benchmarkIndicators).where(eq(benchmarkIndicators.councilId, councilId)).orderBy(benchmarkIndicators.name, benchmarkIndicators.measure)
}

export async function findIndicator(db: Executor, councilId: string, id: string) {
  const [row] = await db.select().from(benchmarkIndicators).where(and(eq(benchmarkIndicators.id, id), eq(benchmarkIndicators.councilId, councilId)))
  return row
}
