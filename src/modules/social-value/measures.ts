/**
 * The council's measures framework, one version per financial year (ADR 0038). A commitment points at the measure
 * of the year it was made in, so its value stays what it was when next year's framework changes a proxy. Catalyst
 * ships no licensed proxy values (domain-rules §5.3, §5.4): councils load the framework they hold a licence for from
 * CSV, with any column names, mapped as the contracts register import maps them.
 */
import { parse } from 'csv-parse/sync'
import { and, asc, desc, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import { svFrameworks, svMeasures } from './schema.ts'

export type FrameworkRow = typeof svFrameworks.$inferSelect
export type MeasureRow = typeof svMeasures.$inferSelect

export interface MeasureInput {
  theme: string
  outcome: string
  code: string
  wording: string
  unit: string
  proxyPence: number | null
  proxySource: string | null
  proxyYear: number | null
  licence: string | null
  countsAsLocal: boolean
}

export async function frameworksOf(db: Executor, councilId: string): Promise<FrameworkRow[]> {
  return db.select().from(svFrameworks).where(eq(svFrameworks.councilId, councilId)).orderBy(desc(svFrameworks.year))
}

export async function frameworkFor(db: Executor, councilId: string, year: number): Promise<FrameworkRow | undefined> {
  const [row] = await db.select().from(svFrameworks).where(and(eq(svFrameworks.councilId, councilId), eq(svFrameworks.year, year)))
  return row
}

export async function measuresOf(db: Executor, councilId: string, frameworkId: string): Promise<MeasureRow[]> {
  return db.select().from(svMeasures).where(and(eq(svMeasures.councilId, councilId), eq(svMeasures.frameworkId, frameworkId))).orderBy(asc(svMeasures.theme), asc(svMeasures.code))
}

export async function measureById(db: Executor, councilId: string, id: string): Promise<(MeasureRow & { framework: FrameworkRow }) | undefined> {
  const [row] = await db
    .select({ measure: svMeasures, framework: svFrameworks })
    .from(svMeasures)
    .innerJoin(svFrameworks, eq(svFrameworks.id, svMeasures.frameworkId))
    .where(and(eq(svMeasures.councilId, councilId), eq(svMeasures.id, id)))
  return row && { ...row.measure, framework: row.framework }
}

/** The licence a measure's value is used under: its own, else its framework's. */
export const licenceOf = (measure: Pick<MeasureRow, 'licence'>, framework: Pick<FrameworkRow, 'licence'>) => measure.licence || framework.licence

export async function ensureFramework(tx: Executor, input: { councilId: string; year: number; name: string; licence: string; illustrative?: boolean; actor: Actor; now: Date }): Promise<FrameworkRow> {
  const existing = await frameworkFor(tx, input.councilId, input.year)
  if (existing) {
    if (existing.name !== input.name || existing.licence !== input.licence) {
      const [updated] = await tx.update(svFrameworks).set({ name: input.name, licence: input.licence }).where(eq(svFrameworks.id, existing.id)).returning()
      await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'update', entityType: 'sv-framework', entityId: existing.id, before: { name: existing.name, licence: existing.licence }, after: { name: input.name, licence: input.licence }, at: input.now })
      return updated!
    }
    return existing
  }
  const [created] = await tx.insert(svFrameworks).values({ councilId: input.councilId, year: input.year, name: input.name, licence: input.licence, illustrative: input.illustrative ?? false, createdAt: input.now }).returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'sv-framework', entityId: created!.id, after: { year: input.year, name: input.name, licence: input.licence }, at: input.now })
  return created!
}

export async function saveMeasure(tx: Executor, input: { councilId: string; frameworkId: string; id?: string; values: MeasureInput; actor: Actor; now: Date }): Promise<{ outcome: 'saved'; id: string } | { outcome: 'clash' }> {
  const [clash] = await tx.select({ id: svMeasures.id }).from(svMeasures).where(and(eq(svMeasures.frameworkId, input.frameworkId), eq(svMeasures.code, input.values.code)))
  if (clash && clash.id !== input.id) return { outcome: 'clash' }
  if (input.id) {
    const [before] = await tx.select().from(svMeasures).where(and(eq(svMeasures.councilId, input.councilId), eq(svMeasures.id, input.id)))
    await tx.update(svMeasures).set({ ...input.values, updatedAt: input.now }).where(eq(svMeasures.id, input.id))
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'update', entityType: 'sv-measure', entityId: input.id, before: before && measureInputOf(before), after: input.values, at: input.now })
    return { outcome: 'saved', id: input.id }
  }
  const [row] = await tx.insert(svMeasures).values({ councilId: input.councilId, frameworkId: input.frameworkId, ...input.values, updatedAt: input.now }).returning({ id: svMeasures.id })
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'sv-measure', entityId: row!.id, after: input.values, at: input.now })
  return { outcome: 'saved', id: row!.id }
}

export function measureInputOf(row: MeasureRow): MeasureInput {
  return { theme: row.theme, outcome: row.outcome, code: row.code, wording: row.wording, unit: row.unit, proxyPence: row.proxyPence, proxySource: row.proxySource, proxyYear: row.proxyYear, licence: row.licence, countsAsLocal: row.countsAsLocal }
}

/** Starts a year's framework as a copy of another's, so its values can then change without touching old figures. */
export async function copyFramework(tx: Executor, input: { councilId: string; fromYear: number; toYear: number; actor: Actor; now: Date }): Promise<'copied' | 'exists' | 'no-source'> {
  const from = await frameworkFor(tx, input.councilId, input.fromYear)
  if (!from) return 'no-source'
  if (await frameworkFor(tx, input.councilId, input.toYear)) return 'exists'
  const to = await ensureFramework(tx, { councilId: input.councilId, year: input.toYear, name: from.name, licence: from.licence, illustrative: from.illustrative, actor: input.actor, now: input.now })
  const measures = await measuresOf(tx, input.councilId, from.id)
  if (measures.length) await tx.insert(svMeasures).values(measures.map((m) => ({ ...measureInputOf(m), councilId: input.councilId, frameworkId: to.id, updatedAt: input.now })))
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'copy', entityType: 'sv-framework', entityId: to.id, after: { fromYear: input.fromYear, toYear: input.toYear, measures: measures.length }, at: input.now })
  return 'copied'
}

// ---------- CSV import ----------

export const MEASURE_FIELDS = {
  theme: { label: 'Theme', required: true, names: ['theme', 'themes', 'strategic theme'] },
  outcome: { label: 'Outcome', required: true, names: ['outcome', 'outcomes', 'objective'] },
  code: { label: 'Measure code', required: true, names: ['code', 'measure code', 'ref', 'reference', 'measure ref', 'measure id', 'id', 'no.', 'ref no'] },
  wording: { label: 'Measure wording', required: true, names: ['measure', 'wording', 'measure wording', 'description', 'measure description', 'measure text'] },
  unit: { label: 'Unit', required: true, names: ['unit', 'units', 'unit of measure', 'unit of measurement', 'measurement unit'] },
  proxy: { label: 'Proxy value (£ per unit)', required: false, names: ['proxy value', 'proxy', 'proxy value (£)', 'value', 'financial proxy', '£ per unit', 'value per unit', 'proxy value £', 'unit value'] },
  source: { label: 'Source of the proxy', required: false, names: ['source', 'proxy source', 'value source', 'source of proxy'] },
  year: { label: 'Year of the proxy', required: false, names: ['year', 'proxy year', 'price year', 'value year'] },
  licence: { label: 'Licence', required: false, names: ['licence', 'license', 'licence of value'] },
  local: { label: 'Counts as local (yes or no)', required: false, names: ['local', 'counts as local', 'is local', 'local measure'] },
} as const
export type MeasureField = keyof typeof MEASURE_FIELDS
export const MEASURE_FIELD_NAMES = Object.keys(MEASURE_FIELDS) as MeasureField[]
export type MeasureMapping = Partial<Record<MeasureField, string>>

const norm = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'")

export function readMeasuresCsv(content: string): { ok: true; columns: string[]; rows: Record<string, string>[] } | { ok: false; reason: string } {
  const text = content.replace(/^\uFEFF/, '')
  try {
    const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[]
    const columns = rows[0] ? Object.keys(rows[0]) : []
    if (columns.length < 2) return { ok: false, reason: 'The file has no header row of column names, or no rows under it' }
    return { ok: true, columns, rows }
  } catch (error) {
    return { ok: false, reason: `The CSV could not be read (${(error as Error).message})` }
  }
}

export function proposeMeasureMapping(columns: string[]): MeasureMapping {
  const byNorm = new Map(columns.map((c) => [norm(c), c]))
  const mapping: MeasureMapping = {}
  for (const field of MEASURE_FIELD_NAMES) {
    const hit = MEASURE_FIELDS[field].names.map((n) => byNorm.get(n)).find((c) => c !== undefined)
    if (hit && !Object.values(mapping).includes(hit)) mapping[field] = hit
  }
  return mapping
}

export function missingMeasureFields(mapping: MeasureMapping): MeasureField[] {
  return MEASURE_FIELD_NAMES.filter((f) => MEASURE_FIELDS[f].required && !mapping[f])
}

export interface MeasureRowProblem {
  line: number
  code: string
  message: string
}

/** Reads every row; a row that cannot be read is reported by its line, and then nothing is imported (all or nothing). */
export function readMeasureRows(rows: Record<string, string>[], mapping: MeasureMapping): { measures: MeasureInput[]; problems: MeasureRowProblem[] } {
  const measures: MeasureInput[] = []
  const problems: MeasureRowProblem[] = []
  const seen = new Set<string>()
  rows.forEach((row, index) => {
    const line = index + 2
    const get = (f: MeasureField) => (mapping[f] ? (row[mapping[f]] ?? '').trim() : '')
    const code = get('code')
    const problem = (message: string) => problems.push({ line, code, message })
    for (const f of MEASURE_FIELD_NAMES.filter((f) => MEASURE_FIELDS[f].required)) if (!get(f)) return problem(`no ${MEASURE_FIELDS[f].label.toLowerCase()}`)
    if (seen.has(code)) return problem(`measure code ${code} appears more than once`)
    seen.add(code)
    const proxyText = get('proxy')
    const proxyPence = proxyText === '' ? null : parsePoundsToPence(proxyText)
    if (proxyPence === undefined || (proxyPence !== null && proxyPence < 0)) return problem(`proxy value “${proxyText}” is not an amount of money of £0 or more`)
    const yearText = get('year')
    if (yearText !== '' && !/^(19|20)\d\d$/.test(yearText)) return problem(`year “${yearText}” is not a year like 2025`)
    const localText = get('local').toLowerCase()
    if (localText !== '' && !['yes', 'no', 'y', 'n', 'true', 'false', '1', '0'].includes(localText)) return problem(`counts as local “${get('local')}” is not yes or no`)
    measures.push({
      theme: get('theme'),
      outcome: get('outcome'),
      code,
      wording: get('wording'),
      unit: get('unit'),
      proxyPence,
      proxySource: get('source') || null,
      proxyYear: yearText ? Number(yearText) : null,
      licence: get('licence') || null,
      countsAsLocal: ['yes', 'y', 'true', '1'].includes(localText),
    })
  })
  return { measures, problems }
}

/** Writes a year's measures from a file: existing codes are updated, new ones created; nothing else is removed. */
export async function importMeasures(tx: Executor, input: { councilId: string; year: number; name: string; licence: string; measures: MeasureInput[]; actor: Actor; now: Date }): Promise<{ created: number; updated: number; unchanged: number }> {
  const framework = await ensureFramework(tx, input)
  const existing = new Map((await measuresOf(tx, input.councilId, framework.id)).map((m) => [m.code, m]))
  const counts = { created: 0, updated: 0, unchanged: 0 }
  for (const values of input.measures) {
    const before = existing.get(values.code)
    if (before && JSON.stringify(measureInputOf(before)) === JSON.stringify(values)) {
      counts.unchanged++
      continue
    }
    await saveMeasure(tx, { councilId: input.councilId, frameworkId: framework.id, ...(before ? { id: before.id } : {}), values, actor: input.actor, now: input.now })
    counts[before ? 'updated' : 'created']++
  }
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'import', entityType: 'sv-framework', entityId: framework.id, after: { year: input.year, ...counts }, at: input.now })
  return counts
}
