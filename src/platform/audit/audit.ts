/**
 * The audit trail: who changed what, when, and the record before and after. Callers pass the transaction that
 * makes the change, so the entry and the change are stored together or not at all.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { insertRows } from '../db/bulk.ts'
import type { Executor } from '../db/database.ts'
import { users } from '../auth/schema.ts'
import { auditEntries } from './schema.ts'

/** Who is acting: a signed-in user, an API token's user, or a command run on the server. */
export interface Actor {
  userId: string | null
  /** What the history shows: a person's name or "catalyst command". */
  label: string
  requestId?: string | undefined
}

export const systemActor = (label: string): Actor => ({ userId: null, label })

export interface AuditEntryInput {
  actor: Actor
  councilId: string | null
  action: 'create' | 'update' | 'delete' | 'import' | 'sign-in' | 'sign-out' | string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
  at: Date
}

/** The row an entry is stored as. */
function auditRow(entry: AuditEntryInput) {
  return {
    councilId: entry.councilId,
    actorUserId: entry.actor.userId,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    requestId: entry.actor.requestId ?? null,
    at: entry.at,
  }
}

export async function recordAudit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditEntries).values(auditRow(entry))
}

export interface HistoryEntry {
  id: number
  at: Date
  action: string
  actorLabel: string
  actorEmail: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** A record's kind and id, as its audit entries name it. */
export interface AuditedRecord {
  entityType: string
  entityId: string
}

/**
 * The people who entered each record (its first audit entry) or last changed it (its latest), for separation of
 * duties (ADR 0062). Entries a command made (no user) name no one.
 */
export async function enteredOrLastChangedBy(
  db: Executor,
  councilId: string,
  records: AuditedRecord[],
): Promise<{ record: AuditedRecord; enteredBy: string | null; lastChangedBy: string | null }[]> {
  if (records.length === 0) return []
  const rows = await db
    .select({ entityType: auditEntries.entityType, entityId: auditEntries.entityId, actorUserId: auditEntries.actorUserId })
    .from(auditEntries)
    .where(and(eq(auditEntries.councilId, councilId), inArray(auditEntries.entityId, [...new Set(records.map((r) => r.entityId))])))
    .orderBy(asc(auditEntries.at), asc(auditEntries.id))
  return records.map((record) => {
    const own = rows.filter((r) => r.entityType === record.entityType && r.entityId === record.entityId)
    return { record, enteredBy: own[0]?.actorUserId ?? null, lastChangedBy: own.at(-1)?.actorUserId ?? null }
  })
}

/** A record's history, newest first, limited to the council that owns it. */
export async function historyOf(
  db: Executor,
  scope: { councilId: string; entityType: string; entityId: string },
): Promise<HistoryEntry[]> {
  const rows = await db
    .select({
      id: auditEntries.id,
      at: auditEntries.at,
      action: auditEntries.action,
      actorLabel: auditEntries.actorLabel,
      actorEmail: users.email,
      before: auditEntries.before,
      after: auditEntries.after,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(
      and(
        eq(auditEntries.councilId, scope.councilId),
        eq(auditEntries.entityType, scope.entityType),
        eq(auditEntries.entityId, scope.entityId),
      ),
    )
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
  return rows as HistoryEntry[]
}

/** Dates become ISO strings and bigints strings, so that any record can be stored as JSON. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
}

/** The fields that differ between two versions of a record, for a readable history. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; before: unknown; after: unknown }[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const ignored = new Set(['updatedAt', 'createdAt', 'id', 'councilId', 'nameKey'])
  return [...keys]
    .filter((key) => !ignored.has(key))
    .filter((key) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null))
    .map((key) => ({ field: key, before: before?.[key] ?? null, after: after?.[key] ?? null }))
}

/** Many entries in a few set-wise statements: what a bulk import records, one entry per record it changed. */
export async function recordAudits(tx: Executor, entries: AuditEntryInput[]): Promise<void> {
  await insertRows(tx, auditEntries, entries.map(auditRow))
}
