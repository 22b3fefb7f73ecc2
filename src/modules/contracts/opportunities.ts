/**
 * The forward pipeline of opportunities (ADR 0026): processes a council has published without an award yet.
 * Kept apart from the contracts register (they are not contracts), created and updated by the OCDS import, read by
 * commissioners and, through a later providers' page, by providers. Tenancy: every query takes the council.
 */
import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
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

/** Creates or updates the council's opportunity with this ocid; an import of the same notice again changes nothing. */
export async function saveOpportunity(tx: Executor, councilId: string, input: OpportunityInput, actor: Actor, now: Date): Promise<'created' | 'updated' | 'unchanged'> {
  const [existing] = await tx.select().from(opportunities).where(and(eq(opportunities.councilId, councilId), eq(opportunities.ocid, input.ocid)))
  if (!existing) {
    const [row] = await tx.insert(opportunities).values({ ...input, councilId, createdAt: now, updatedAt: now }).returning()
    await recordAudit(tx, { actor, councilId, action: 'import', entityType: 'opportunity', entityId: row!.id, after: row, at: now })
    return 'created'
  }
  if (same(inputOf(existing), input)) return 'unchanged'
  const [row] = await tx.update(opportunities).set({ ...input, updatedAt: now }).where(eq(opportunities.id, existing.id)).returning()
  await recordAudit(tx, { actor, councilId, action: 'import', entityType: 'opportunity', entityId: existing.id, before: existing, after: row, at: now })
  return 'updated'
}

/** A process that has now been awarded leaves the pipeline (its contract is in the register). */
export async function markAwarded(tx: Executor, councilId: string, ocids: string[], actor: Actor, now: Date): Promise<void> {
  if (ocids.length === 0) return
  const rows = await tx
    .update(opportunities)
    .set({ stage: 'awarded', updatedAt: now })
    .where(and(eq(opportunities.councilId, councilId), inArray(opportunities.ocid, ocids), sql`${opportunities.stage} <> 'awarded'`))
    .returning()
  for (const row of rows) await recordAudit(tx, { actor, councilId, action: 'import', entityType: 'opportunity', entityId: row.id, after: row, at: now })
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
