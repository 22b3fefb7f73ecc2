/**
 * Changes to the market records: a provider's capacity and the council's market position statements. Every change
 * is audited in the caller's transaction; every query is scoped by the council.
 */
import { and, asc, eq, gt } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { isUuid } from '../../platform/ids.ts'
import { providers } from '../providers/schema.ts'
import { marketPositionStatements, providerCapacity } from './schema.ts'

export const STATEMENT_SECTIONS = [
  { key: 'summary', name: 'Summary', hint: 'The market in a few sentences: what the council buys, from whom, and what it wants to change.' },
  { key: 'demand', name: 'Demand', hint: 'Who needs the service now and how that is expected to change.' },
  { key: 'supply', name: 'Supply', hint: 'The providers, their capacity and where the gaps are.' },
  { key: 'intentions', name: 'What the council intends', hint: 'How the council will commission: what it will buy more or less of, and how.' },
  { key: 'opportunities', name: 'Opportunities for providers', hint: 'Where new or growing providers could help, and how to talk to the council.' },
] as const
export type SectionKey = (typeof STATEMENT_SECTIONS)[number]['key']
export type Sections = Partial<Record<SectionKey, string>>

export type CapacityRow = typeof providerCapacity.$inferSelect
export type StatementRow = typeof marketPositionStatements.$inferSelect

export interface CapacityInput {
  serviceCategory: string
  amount: number
  unit: string
  usedByCouncil: number | null
  asAt: string
  notes: string | null
}

export async function capacityOf(db: Executor, councilId: string, providerId: string): Promise<CapacityRow[]> {
  return db
    .select()
    .from(providerCapacity)
    .where(and(eq(providerCapacity.councilId, councilId), eq(providerCapacity.providerId, providerId)))
    .orderBy(asc(providerCapacity.serviceCategory), asc(providerCapacity.unit))
}

/** Records capacity: a new line, or the provider's line for the same category and unit replaced. */
export async function saveCapacity(tx: Executor, councilId: string, providerId: string, input: CapacityInput, actor: Actor, now: Date): Promise<CapacityRow> {
  const [before] = await tx
    .select()
    .from(providerCapacity)
    .where(and(eq(providerCapacity.councilId, councilId), eq(providerCapacity.providerId, providerId), eq(providerCapacity.serviceCategory, input.serviceCategory), eq(providerCapacity.unit, input.unit)))
  const values = { ...input, updatedAt: now }
  const [row] = before
    ? await tx.update(providerCapacity).set(values).where(eq(providerCapacity.id, before.id)).returning()
    : await tx.insert(providerCapacity).values({ councilId, providerId, ...values }).returning()
  await recordAudit(tx, { actor, councilId, action: before ? 'update' : 'create', entityType: 'provider-capacity', entityId: row!.id, before, after: row, at: now })
  return row!
}

/** Removes a line of capacity; false when the provider has no such line in this council. */
export async function removeCapacity(tx: Executor, councilId: string, providerId: string, id: string, actor: Actor, now: Date): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false
  const [before] = await tx
    .delete(providerCapacity)
    .where(and(eq(providerCapacity.councilId, councilId), eq(providerCapacity.providerId, providerId), eq(providerCapacity.id, id)))
    .returning()
  if (!before) return false
  await recordAudit(tx, { actor, councilId, action: 'delete', entityType: 'provider-capacity', entityId: id, before, at: now })
  return true
}

export async function statementsOf(db: Executor, councilId: string): Promise<StatementRow[]> {
  return db.select().from(marketPositionStatements).where(eq(marketPositionStatements.councilId, councilId)).orderBy(asc(marketPositionStatements.serviceCategory))
}

export async function statementFor(db: Executor, councilId: string, category: string): Promise<StatementRow | undefined> {
  const [row] = await db
    .select()
    .from(marketPositionStatements)
    .where(and(eq(marketPositionStatements.councilId, councilId), eq(marketPositionStatements.serviceCategory, category)))
  return row
}

export async function publishedStatementsOf(db: Executor, councilId: string): Promise<StatementRow[]> {
  return (await statementsOf(db, councilId)).filter((s) => s.published)
}

/**
 * Saves the statement's title and sections and, when asked, publishes or unpublishes it. The audit entry names
 * what happened: create, update, publish or unpublish.
 */
export async function saveStatement(
  tx: Executor,
  councilId: string,
  category: string,
  input: { title: string; sections: Sections; publish?: boolean },
  actor: Actor,
  now: Date,
): Promise<StatementRow> {
  const before = await statementFor(tx, councilId, category)
  const published = input.publish ?? before?.published ?? false
  const publishedAt = published ? (before?.published && input.publish === undefined ? before.publishedAt : input.publish ? now : (before?.publishedAt ?? now)) : null
  const values = { title: input.title, sections: input.sections, published, publishedAt, updatedBy: actor.label, updatedAt: now }
  const [row] = before
    ? await tx.update(marketPositionStatements).set(values).where(eq(marketPositionStatements.id, before.id)).returning()
    : await tx.insert(marketPositionStatements).values({ councilId, serviceCategory: category, ...values }).returning()
  const action = input.publish === true ? 'publish' : input.publish === false && before?.published ? 'unpublish' : before ? 'update' : 'create'
  await recordAudit(tx, { actor, councilId, action, entityType: 'market-position-statement', entityId: row!.id, before, after: row, at: now })
  return row!
}

// ---------- The API's reads (ADR 0061): keyset pages in id order, and one record by id, within the council ----------

export interface CapacityFilters {
  providerId?: string | undefined
  serviceCategory?: string | undefined
}

const capacityColumns = { capacity: providerCapacity, providerName: providers.name }

export async function capacityAfter(db: Executor, councilId: string, filters: CapacityFilters, afterId: string | null, limit: number) {
  const conditions = [eq(providerCapacity.councilId, councilId)]
  if (filters.providerId) conditions.push(eq(providerCapacity.providerId, filters.providerId))
  if (filters.serviceCategory) conditions.push(eq(providerCapacity.serviceCategory, filters.serviceCategory))
  if (afterId) conditions.push(gt(providerCapacity.id, afterId))
  const rows = await db.select(capacityColumns).from(providerCapacity).innerJoin(providers, eq(providers.id, providerCapacity.providerId)).where(and(...conditions)).orderBy(asc(providerCapacity.id)).limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

export async function capacityById(db: Executor, councilId: string, id: string) {
  if (!isUuid(id)) return undefined
  const [row] = await db.select(capacityColumns).from(providerCapacity).innerJoin(providers, eq(providers.id, providerCapacity.providerId)).where(and(eq(providerCapacity.councilId, councilId), eq(providerCapacity.id, id)))
  return row
}

export async function statementsAfter(db: Executor, councilId: string, filters: { serviceCategory?: string | undefined; published?: boolean | undefined }, afterId: string | null, limit: number) {
  const conditions = [eq(marketPositionStatements.councilId, councilId)]
  if (filters.serviceCategory) conditions.push(eq(marketPositionStatements.serviceCategory, filters.serviceCategory))
  if (filters.published !== undefined) conditions.push(eq(marketPositionStatements.published, filters.published))
  if (afterId) conditions.push(gt(marketPositionStatements.id, afterId))
  const rows = await db.select().from(marketPositionStatements).where(and(...conditions)).orderBy(asc(marketPositionStatements.id)).limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

export async function statementById(db: Executor, councilId: string, id: string): Promise<StatementRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(marketPositionStatements).where(and(eq(marketPositionStatements.councilId, councilId), eq(marketPositionStatements.id, id)))
  return row
}
