/**
 * The council's audit trail as one list, filtered by record, person, date and action: what the audit trail page
 * reads. Who may see which kinds of record is the caller's decision (it passes the entity types allowed).
 */
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/database.ts'
import { auditEntries } from './schema.ts'

export interface TrailFilter {
  councilId: string
  /** The kinds of record the reader may see; null for every kind (an administrator). */
  entityTypes: readonly string[] | null
  entityType?: string | undefined
  entityId?: string | undefined
  actorUserId?: string | undefined
  action?: string | undefined
  /** Calendar dates in London, inclusive. */
  from?: string | undefined
  to?: string | undefined
  limit: number
}

export interface TrailEntry {
  id: number
  at: Date
  action: string
  actorLabel: string
  actorUserId: string | null
  entityType: string
  entityId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

const londonDay = sql`(${auditEntries.at} AT TIME ZONE 'Europe/London')::date`

export async function readTrail(db: Executor, filter: TrailFilter): Promise<{ entries: TrailEntry[]; more: boolean }> {
  if (filter.entityTypes && filter.entityTypes.length === 0) return { entries: [], more: false }
  const conditions: SQL[] = [eq(auditEntries.councilId, filter.councilId)]
  if (filter.entityTypes) conditions.push(inArray(auditEntries.entityType, [...filter.entityTypes]))
  if (filter.entityType) conditions.push(eq(auditEntries.entityType, filter.entityType))
  if (filter.entityId) conditions.push(eq(auditEntries.entityId, filter.entityId))
  if (filter.actorUserId) conditions.push(eq(auditEntries.actorUserId, filter.actorUserId))
  if (filter.action) conditions.push(eq(auditEntries.action, filter.action))
  if (filter.from) conditions.push(gte(londonDay, sql`${filter.from}::date`))
  if (filter.to) conditions.push(lte(londonDay, sql`${filter.to}::date`))
  const rows = await db
    .select({
      id: auditEntries.id,
      at: auditEntries.at,
      action: auditEntries.action,
      actorLabel: auditEntries.actorLabel,
      actorUserId: auditEntries.actorUserId,
      entityType: auditEntries.entityType,
      entityId: auditEntries.entityId,
      before: auditEntries.before,
      after: auditEntries.after,
    })
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(filter.limit + 1)
  return { entries: rows.slice(0, filter.limit) as TrailEntry[], more: rows.length > filter.limit }
}

/** The actions recorded in a council's trail for the kinds of record a reader may see, for the filter's list. */
export async function trailActions(db: Executor, councilId: string, entityTypes: readonly string[] | null): Promise<string[]> {
  if (entityTypes && entityTypes.length === 0) return []
  const conditions: SQL[] = [eq(auditEntries.councilId, councilId)]
  if (entityTypes) conditions.push(inArray(auditEntries.entityType, [...entityTypes]))
  const rows = await db.selectDistinct({ action: auditEntries.action }).from(auditEntries).where(and(...conditions)).orderBy(auditEntries.action)
  return rows.map((r) => r.action)
}
