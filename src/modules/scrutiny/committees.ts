/**
 * Scrutiny committees, their members, and their recommendations to the executive: the response is due a number of
 * months after the recommendation is made (the council's setting, two months by default: LGA 2000 s.9FE), and is
 * worked out and stored when the recommendation is made, so a later change of setting does not move a deadline
 * already given (ADR 0046).
 */
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { users } from '../../platform/auth/schema.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { addMonths } from '../../rules/scrutiny/calendar.ts'
import { committeeMembers, committees, decisions, recommendations } from './schema.ts'
import { scrutinySettings } from './settings.ts'

export type CommitteeRow = typeof committees.$inferSelect
export type RecommendationRow = typeof recommendations.$inferSelect

const audit = (tx: Executor, councilId: string, entityType: string, entityId: string, action: string, actor: Actor, now: Date, after: unknown, before?: unknown) =>
  recordAudit(tx, { actor, councilId, action, entityType, entityId, before, after, at: now })

export function listCommittees(db: Executor, councilId: string) {
  return db.select().from(committees).where(eq(committees.councilId, councilId)).orderBy(asc(committees.name))
}

export async function findCommittee(db: Executor, councilId: string, id: string): Promise<CommitteeRow | undefined> {
  const [row] = await db.select().from(committees).where(and(eq(committees.councilId, councilId), eq(committees.id, id)))
  return row
}

export async function createCommittee(tx: Executor, councilId: string, input: { name: string; remit: string | null; workProgramme: string[] }, actor: Actor, now: Date) {
  const clash = (await listCommittees(tx, councilId)).some((c) => c.name.toLowerCase() === input.name.toLowerCase())
  if (clash) return { outcome: 'duplicate' as const }
  const [row] = await tx.insert(committees).values({ councilId, ...input, createdAt: now, updatedAt: now }).returning()
  await audit(tx, councilId, 'committee', row!.id, 'create', actor, now, row)
  return { outcome: 'created' as const, committee: row! }
}

export function membersOf(db: Executor, councilId: string, committeeId: string) {
  return db
    .select({ userId: committeeMembers.userId, role: committeeMembers.role, displayName: users.displayName })
    .from(committeeMembers)
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(and(eq(committeeMembers.councilId, councilId), eq(committeeMembers.committeeId, committeeId)))
    .orderBy(asc(users.displayName))
}

/** Adds a councillor to a committee, or changes their role on it. The caller checks they are a councillor of the council. */
export async function setMember(tx: Executor, committee: CommitteeRow, userId: string, role: string, actor: Actor, now: Date) {
  await tx
    .insert(committeeMembers)
    .values({ committeeId: committee.id, councilId: committee.councilId, userId, role, createdAt: now })
    .onConflictDoUpdate({ target: [committeeMembers.committeeId, committeeMembers.userId], set: { role } })
  await audit(tx, committee.councilId, 'committee', committee.id, 'member', actor, now, { userId, role })
}

export function committeesOf(db: Executor, councilId: string, userId: string) {
  return db
    .select({ id: committees.id, name: committees.name, role: committeeMembers.role })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(and(eq(committeeMembers.councilId, councilId), eq(committeeMembers.userId, userId)))
    .orderBy(asc(committees.name))
}

const recommendationColumns = { recommendation: recommendations, committeeName: committees.name }

export function listRecommendations(db: Executor, councilId: string, where: { committeeId?: string; committeeIds?: string[]; decisionId?: string } = {}) {
  const conditions = [eq(recommendations.councilId, councilId)]
  if (where.committeeId) conditions.push(eq(recommendations.committeeId, where.committeeId))
  if (where.decisionId) conditions.push(eq(recommendations.decisionId, where.decisionId))
  return db
    .select(recommendationColumns)
    .from(recommendations)
    .innerJoin(committees, eq(committees.id, recommendations.committeeId))
    .where(and(...conditions))
    .orderBy(desc(recommendations.madeOn), asc(recommendations.title))
    .then((rows) => (where.committeeIds ? rows.filter((r) => where.committeeIds!.includes(r.recommendation.committeeId)) : rows))
}

export async function findRecommendation(db: Executor, councilId: string, id: string) {
  const [row] = await db
    .select(recommendationColumns)
    .from(recommendations)
    .innerJoin(committees, eq(committees.id, recommendations.committeeId))
    .where(and(eq(recommendations.councilId, councilId), eq(recommendations.id, id)))
  return row
}

export async function makeRecommendation(tx: Executor, committee: CommitteeRow, input: { title: string; body: string; madeOn: string; decisionId: string | null }, actor: Actor, now: Date) {
  if (input.decisionId) {
    const [decision] = await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.councilId, committee.councilId), eq(decisions.id, input.decisionId)))
    if (!decision) return { outcome: 'unknown-decision' as const }
  }
  const settings = await readSettings(tx, committee.councilId, scrutinySettings)
  const [row] = await tx
    .insert(recommendations)
    .values({ councilId: committee.councilId, committeeId: committee.id, ...input, responseDueOn: addMonths(input.madeOn, settings.responseMonths), createdAt: now, updatedAt: now })
    .returning()
  await audit(tx, committee.councilId, 'recommendation', row!.id, 'create', actor, now, row)
  return { outcome: 'made' as const, recommendation: row! }
}

export async function respond(tx: Executor, rec: RecommendationRow, input: { response: string; responseReasons: string; respondedOn: string; respondedByName: string }, actor: Actor, now: Date) {
  if (rec.response) return { outcome: 'already' as const }
  if (input.respondedOn < rec.madeOn) return { outcome: 'before-made' as const }
  const implementation = input.response === 'rejected' ? null : 'not-started'
  const [row] = await tx.update(recommendations).set({ ...input, implementation, updatedAt: now }).where(and(eq(recommendations.id, rec.id), isNull(recommendations.response))).returning()
  if (!row) return { outcome: 'already' as const }
  await audit(tx, rec.councilId, 'recommendation', rec.id, 'respond', actor, now, { ...input, implementation })
  return { outcome: 'responded' as const, recommendation: row }
}

export async function setImplementation(tx: Executor, rec: RecommendationRow, input: { implementation: string; implementationNote: string | null }, actor: Actor, now: Date) {
  if (!rec.response || rec.response === 'rejected') return false
  await tx.update(recommendations).set({ ...input, updatedAt: now }).where(eq(recommendations.id, rec.id))
  await audit(tx, rec.councilId, 'recommendation', rec.id, 'implementation', actor, now, input, { implementation: rec.implementation, implementationNote: rec.implementationNote })
  return true
}

/** Recommendations the executive has not answered by their due date: overdue from the day after it. */
export function overdueRecommendations(db: Executor, councilId: string, today: string) {
  return db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.councilId, councilId), isNull(recommendations.response), lt(recommendations.responseDueOn, today)))
}

/** A recommendation's state in words, with whether it is overdue on `today`. */
export function recommendationState(rec: RecommendationRow, today: string): { text: string; overdue: boolean } {
  if (!rec.response) return rec.responseDueOn < today ? { text: 'Response overdue', overdue: true } : { text: 'Awaiting the executive’s response', overdue: false }
  if (rec.response === 'rejected') return { text: 'Rejected', overdue: false }
  const accepted = rec.response === 'accepted' ? 'Accepted' : 'Partly accepted'
  const progress = rec.implementation === 'implemented' ? 'implemented' : rec.implementation === 'in-progress' ? 'in progress' : 'not started'
  return { text: `${accepted}, ${progress}`, overdue: false }
}
