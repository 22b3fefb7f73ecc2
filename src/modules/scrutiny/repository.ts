/** The scrutiny module's SQL: every query takes the council from its caller, which takes it from the session. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { callIns, councillorWards, decisionContracts, decisions, wardLinks, wards } from './schema.ts'

export type WardRecord = typeof wards.$inferSelect
export type DecisionRow = typeof decisions.$inferSelect
export type CallInRow = typeof callIns.$inferSelect
export type WardLinkKind = 'contract' | 'provider' | 'idea'

export function listWards(db: Executor, councilId: string) {
  return db.select().from(wards).where(eq(wards.councilId, councilId)).orderBy(asc(wards.name))
}

export async function findWard(db: Executor, councilId: string, id: string): Promise<WardRecord | undefined> {
  const [row] = await db.select().from(wards).where(and(eq(wards.councilId, councilId), eq(wards.id, id)))
  return row
}

/** Inserts new wards and renames existing ones by code; returns how many of each. */
export async function upsertWards(tx: Executor, councilId: string, rows: { code: string; name: string; ladCode: string | null }[], now: Date) {
  const existing = new Map((await listWards(tx, councilId)).map((w) => [w.code, w]))
  let added = 0
  let renamed = 0
  for (const row of rows) {
    const found = existing.get(row.code)
    if (!found) {
      await tx.insert(wards).values({ councilId, code: row.code, name: row.name, ladCode: row.ladCode, createdAt: now, updatedAt: now })
      added += 1
    } else if (found.name !== row.name || found.ladCode !== row.ladCode) {
      await tx.update(wards).set({ name: row.name, ladCode: row.ladCode, updatedAt: now }).where(eq(wards.id, found.id))
      renamed += 1
    }
  }
  return { added, renamed, unchanged: rows.length - added - renamed }
}

export function wardLinksOf(db: Executor, councilId: string, wardId: string) {
  return db.select().from(wardLinks).where(and(eq(wardLinks.councilId, councilId), eq(wardLinks.wardId, wardId)))
}

/** The wards each of these records is placed in, by record id (records in no ward are absent). */
export async function wardIdsOfRecords(db: Executor, councilId: string, kind: WardLinkKind, recordIds: readonly string[]): Promise<Map<string, string[]>> {
  const byRecord = new Map<string, string[]>()
  if (recordIds.length === 0) return byRecord
  const rows = await db
    .select({ recordId: wardLinks.recordId, wardId: wardLinks.wardId })
    .from(wardLinks)
    .where(and(eq(wardLinks.councilId, councilId), eq(wardLinks.kind, kind), inArray(wardLinks.recordId, [...recordIds])))
  for (const row of rows) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row.wardId])
  return byRecord
}

export async function addWardLink(tx: Executor, councilId: string, wardId: string, kind: WardLinkKind, recordId: string, now: Date) {
  await tx.insert(wardLinks).values({ councilId, wardId, kind, recordId, createdAt: now }).onConflictDoNothing()
}

export async function wardOfCouncillor(db: Executor, councilId: string, userId: string): Promise<WardRecord | undefined> {
  const [row] = await db
    .select({ ward: wards })
    .from(councillorWards)
    .innerJoin(wards, eq(wards.id, councillorWards.wardId))
    .where(and(eq(councillorWards.councilId, councilId), eq(councillorWards.userId, userId)))
  return row?.ward
}

export function councillorsOfWard(db: Executor, councilId: string, wardId: string) {
  return db.select({ userId: councillorWards.userId }).from(councillorWards).where(and(eq(councillorWards.councilId, councilId), eq(councillorWards.wardId, wardId)))
}

export async function setCouncillorWard(tx: Executor, councilId: string, userId: string, wardId: string, now: Date) {
  await tx
    .insert(councillorWards)
    .values({ councilId, userId, wardId, createdAt: now })
    .onConflictDoUpdate({ target: [councillorWards.councilId, councillorWards.userId], set: { wardId, createdAt: now } })
}

export function listDecisions(db: Executor, councilId: string) {
  return db.select().from(decisions).where(eq(decisions.councilId, councilId)).orderBy(desc(decisions.plannedOn), asc(decisions.title))
}

/** Key decisions on the forward plan (published notice), soonest first. */
export function forwardPlan(db: Executor, councilId: string) {
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.councilId, councilId), isNotNull(decisions.noticePublishedOn), sql`cardinality(${decisions.keyReasons}) > 0`))
    .orderBy(asc(decisions.plannedOn), asc(decisions.title))
}

export async function findDecision(db: Executor, councilId: string, id: string): Promise<DecisionRow | undefined> {
  const [row] = await db.select().from(decisions).where(and(eq(decisions.councilId, councilId), eq(decisions.id, id)))
  return row
}

export function decisionsOfProject(db: Executor, councilId: string, projectId: string) {
  return db.select().from(decisions).where(and(eq(decisions.councilId, councilId), eq(decisions.projectId, projectId))).orderBy(asc(decisions.plannedOn))
}

export async function insertDecision(tx: Executor, values: typeof decisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(decisions).values(values).returning()
  return row!
}

export async function updateDecision(tx: Executor, councilId: string, id: string, values: Partial<typeof decisions.$inferInsert>): Promise<DecisionRow> {
  const [row] = await tx.update(decisions).set(values).where(and(eq(decisions.councilId, councilId), eq(decisions.id, id))).returning()
  return row!
}

export function callInsOf(db: Executor, councilId: string, decisionIds: readonly string[]) {
  if (decisionIds.length === 0) return Promise.resolve([] as CallInRow[])
  return db.select().from(callIns).where(and(eq(callIns.councilId, councilId), inArray(callIns.decisionId, [...decisionIds]))).orderBy(asc(callIns.createdAt))
}

export async function insertCallIn(tx: Executor, values: typeof callIns.$inferInsert): Promise<CallInRow> {
  const [row] = await tx.insert(callIns).values(values).returning()
  return row!
}

export async function recordCallInOutcome(tx: Executor, councilId: string, id: string, values: { outcome: string; outcomeNote: string; outcomeOn: string }) {
  const [row] = await tx.update(callIns).set(values).where(and(eq(callIns.councilId, councilId), eq(callIns.id, id), isNull(callIns.outcome))).returning()
  return row
}

export function awaitingOutcome(db: Executor, councilId: string) {
  return db.select().from(callIns).where(and(eq(callIns.councilId, councilId), isNull(callIns.outcome)))
}

export function contractIdsOfDecision(db: Executor, councilId: string, decisionId: string) {
  return db.select({ contractId: decisionContracts.contractId }).from(decisionContracts).where(and(eq(decisionContracts.councilId, councilId), eq(decisionContracts.decisionId, decisionId)))
}

export function decisionsOfContract(db: Executor, councilId: string, contractId: string) {
  return db
    .select({ id: decisions.id, title: decisions.title, decidedOn: decisions.decidedOn, plannedOn: decisions.plannedOn })
    .from(decisionContracts)
    .innerJoin(decisions, eq(decisions.id, decisionContracts.decisionId))
    .where(and(eq(decisionContracts.councilId, councilId), eq(decisionContracts.contractId, contractId)))
}

export async function linkContract(tx: Executor, councilId: string, decisionId: string, contractId: string) {
  await tx.insert(decisionContracts).values({ councilId, decisionId, contractId }).onConflictDoNothing()
}

/** Decisions matching a websearch query, best first. */
export function searchDecisions(db: Executor, councilId: string, query: string, limit: number) {
  const document = sql`to_tsvector('english', ${decisions.title} || ' ' || coalesce(${decisions.outcome}, '') || ' ' || coalesce(${decisions.makerName}, ''))`
  const q = sql`websearch_to_tsquery('english', ${query})`
  return db
    .select({ id: decisions.id, title: decisions.title, plannedOn: decisions.plannedOn, rank: sql<number>`ts_rank(${document}, ${q})` })
    .from(decisions)
    .where(and(eq(decisions.councilId, councilId), sql`${document} @@ ${q}`))
    .orderBy(desc(sql`ts_rank(${document}, ${q})`))
    .limit(limit)
}
