/**
 * The forward pipeline of opportunities (ADR 0026): processes a council has published without an award yet.
 * Kept apart from the contracts register (they are not contracts), created and updated by the OCDS import, read by
 * commissioners and, through a later providers' page, by providers. Tenancy: every query takes the council.
 */
import { randomUUID } from 'node:crypto'
import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import { recordAudits, type Actor } from '../../platform/audit/audit.ts'
import { anyOf, asStored, asUpdated, insertRows, updateRows } from '../../platform/db/bulk.ts'
import type { Executor } from '../../platform/db/database.ts'
import { opportunities } from './schema.ts'

export type OpportunityRow = typeof opportunities.$inferSelect
export const OPPORTUNITY_STAGES = { planning: 'Planned procurement', tender: 'Open for tenders', awarded: 'Awarded', cancelled: 'Cancelled' } as const
export type OpportunityStage = keyof typeof OPPORTUNITY_STAGES

export interface OpportunityInput {
  ocid: string
  reference: string | null
  title: string
  description: string | null
  stage: OpportunityStage
  procedure: string
  mainCategory: string | null
  cpvCodes: string[]
  valuePence: number | null
  tenderEndDate: string | null
  contractStartDate: string | null
  contractEndDate: string | null
  suitableForSme: boolean | null
  suitableForVcse: boolean | null
  publishedOn: string | null
}

const inputOf = (row: OpportunityRow): OpportunityInput => ({
  ocid: row.ocid,
  reference: row.reference,
  title: row.title,
  description: row.description,
  stage: row.stage as OpportunityStage,
  procedure: row.procedure,
  mainCategory: row.mainCategory,
  cpvCodes: row.cpvCodes,
  valuePence: row.valuePence,
  tenderEndDate: row.tenderEndDate,
  contractStartDate: row.contractStartDate,
  contractEndDate: row.contractEndDate,
  suitableForSme: row.suitableForSme,
  suitableForVcse: row.suitableForVcse,
  publishedOn: row.publishedOn,
})

const same = (a: OpportunityInput, b: OpportunityInput) => JSON.stringify({ ...a, cpvCodes: [...a.cpvCodes].sort() }) === JSON.stringify({ ...b, cpvCodes: [...b.cpvCodes].sort() })

/**
 * Creates or updates the council's opportunities with these ocids (one each; an import of the same notice again
 * changes nothing), set-wise as contracts are (ADR 0035, 0041): the existing ones read by ocid in one query, compared
 * in memory, the new ones inserted and the changed ones updated in a statement per 5,000, their audit entries together.
 * Returns each input's outcome, in order.
 */
export async function saveOpportunities(tx: Executor, councilId: string, inputs: OpportunityInput[], actor: Actor, now: Date): Promise<('created' | 'updated' | 'unchanged')[]> {
  if (inputs.length === 0) return []
  const existing = new Map<string, OpportunityRow>()
  const ocids = [...new Set(inputs.map((i) => i.ocid))]
  for (let i = 0; i < ocids.length; i += 5_000) {
    const rows = await tx.select().from(opportunities).where(and(eq(opportunities.councilId, councilId), anyOf(opportunities.ocid, ocids.slice(i, i + 5_000))))
    for (const row of rows) existing.set(row.ocid, row)
  }
  const outcomes: ('created' | 'updated' | 'unchanged')[] = []
  /** New rows by ocid, and changed ones by id with the row as read: a repeated ocid keeps its last values. */
  const creates = new Map<string, OpportunityRow>()
  const updates = new Map<string, { before: OpportunityRow; after: OpportunityRow }>()
  for (const input of inputs) {
    const current = existing.get(input.ocid)
    if (!current) {
      const row: OpportunityRow = { ...input, id: randomUUID(), councilId, createdAt: now, updatedAt: now }
      creates.set(input.ocid, row)
      existing.set(input.ocid, row)
      outcomes.push('created')
    } else if (same(inputOf(current), input)) outcomes.push('unchanged')
    else {
      const after = asUpdated(opportunities, current, { ...input, updatedAt: now })
      existing.set(input.ocid, after)
      if (creates.has(input.ocid)) creates.set(input.ocid, { ...after, createdAt: now })
      else updates.set(current.id, { before: updates.get(current.id)?.before ?? current, after })
      outcomes.push('updated')
    }
  }
  const created = asStored(opportunities, [...creates.values()])
  await insertRows(tx, opportunities, created)
  const changed = [...updates.values()]
  await updateRows(
    tx,
    opportunities,
    opportunities.id,
    changed.map(({ after }) => ({ key: after.id, set: { ...inputOf(after), updatedAt: now } })),
    eq(opportunities.councilId, councilId),
  )
  await recordAudits(tx, [
    ...created.map((row) => ({ actor, councilId, action: 'import', entityType: 'opportunity', entityId: row.id, after: row, at: now })),
    ...changed.map(({ before, after }) => ({ actor, councilId, action: 'import', entityType: 'opportunity', entityId: before.id, before, after, at: now })),
  ])
  return outcomes
}

/** A process that has now been awarded leaves the pipeline (its contract is in the register). */
export async function markAwarded(tx: Executor, councilId: string, ocids: string[], actor: Actor, now: Date): Promise<void> {
  if (ocids.length === 0) return
  const rows = await tx
    .update(opportunities)
    .set({ stage: 'awarded', updatedAt: now })
    .where(and(eq(opportunities.councilId, councilId), anyOf(opportunities.ocid, ocids), sql`${opportunities.stage} <> 'awarded'`))
    .returning()
  await recordAudits(tx, rows.map((row) => ({ actor, councilId, action: 'import', entityType: 'opportunity', entityId: row.id, after: row, at: now })))
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The open pipeline (planned and open for tenders), soonest closing first; awarded and cancelled ones are left out. */
export async function listOpportunities(db: Executor, councilId: string, filters: { q?: string | undefined }, page: number, pageSize = 50) {
  const conditions = [eq(opportunities.councilId, councilId), inArray(opportunities.stage, ['planning', 'tender'])]
  const q = filters.q?.trim()
  if (q) conditions.push(or(ilike(opportunities.title, likePattern(q)), ilike(opportunities.reference, likePattern(q)), ilike(opportunities.ocid, likePattern(q)))!)
  const current = Math.max(1, page)
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(opportunities)
      .where(and(...conditions))
      .orderBy(sql`${opportunities.tenderEndDate} asc nulls last`, asc(opportunities.title), asc(opportunities.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize),
    db.select({ n: count() }).from(opportunities).where(and(...conditions)),
  ])
  const n = Number(total?.n ?? 0)
  return { items: rows, total: n, page: current, pageCount: Math.max(1, Math.ceil(n / pageSize)) }
}
