/**
 * Preliminary market engagement (ADR 0053): opening it on a pipeline entry, providers' interest and answers, and
 * what the commissioner reads back. Reaches the pipeline and the provider register only through their services;
 * every change is audited in its transaction.
 */
import { randomUUID } from 'node:crypto'
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { getProvider, type ProviderRecord } from '../providers/service.ts'
import { isOpen } from './rules.ts'
import { engagementResponses, marketEngagements, type EngagementQuestion } from './schema.ts'

export type Engagement = typeof marketEngagements.$inferSelect
export type EngagementResponse = typeof engagementResponses.$inferSelect

export class EngagementClosedError extends Error {}

export interface OpenInput {
  councilId: string
  subject: { kind: string; id: string; title: string }
  purpose: string
  questions: { text: string; choices: string[] }[]
  closesOn: string
  actor: Actor
  now: Date
}

export async function openEngagement(tx: Executor, input: OpenInput): Promise<Engagement> {
  const questions: EngagementQuestion[] = input.questions.map((q) => ({ id: randomUUID(), text: q.text, choices: q.choices }))
  const [row] = await tx
    .insert(marketEngagements)
    .values({
      councilId: input.councilId,
      subjectKind: input.subject.kind,
      subjectId: input.subject.id,
      title: input.subject.title,
      purpose: input.purpose,
      questions,
      closesOn: input.closesOn,
      status: 'open',
      openedBy: input.actor.label,
      openedAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'open market engagement', entityType: 'market-engagement', entityId: row!.id, after: row, at: input.now })
  return row!
}

export async function closeEngagement(tx: Executor, councilId: string, engagement: Engagement, actor: Actor, now: Date): Promise<void> {
  await tx.update(marketEngagements).set({ status: 'closed', closedAt: now, updatedAt: now }).where(and(eq(marketEngagements.councilId, councilId), eq(marketEngagements.id, engagement.id)))
  await recordAudit(tx, { actor, councilId, action: 'close market engagement', entityType: 'market-engagement', entityId: engagement.id, before: { status: engagement.status }, after: { status: 'closed' }, at: now })
}

export async function engagementById(db: Executor, councilId: string, id: string): Promise<Engagement | undefined> {
  const [row] = await db.select().from(marketEngagements).where(and(eq(marketEngagements.councilId, councilId), eq(marketEngagements.id, id)))
  return row
}

export async function engagementForSubject(db: Executor, councilId: string, kind: string, subjectId: string): Promise<Engagement | undefined> {
  const [row] = await db
    .select()
    .from(marketEngagements)
    .where(and(eq(marketEngagements.councilId, councilId), eq(marketEngagements.subjectKind, kind), eq(marketEngagements.subjectId, subjectId)))
  return row
}

/** The council's engagements, newest first, each with how many providers have registered interest. */
export async function listEngagements(db: Executor, councilId: string): Promise<(Engagement & { responses: number })[]> {
  const rows = await db.select().from(marketEngagements).where(eq(marketEngagements.councilId, councilId)).orderBy(desc(marketEngagements.openedAt))
  if (rows.length === 0) return []
  const counts = await db
    .select({ id: engagementResponses.engagementId, n: count() })
    .from(engagementResponses)
    .where(and(eq(engagementResponses.councilId, councilId), inArray(engagementResponses.engagementId, rows.map((r) => r.id))))
    .groupBy(engagementResponses.engagementId)
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]))
  return rows.map((r) => ({ ...r, responses: byId.get(r.id) ?? 0 }))
}

/** Engagements open on `today`, keyed by the pipeline entry they are about: for the public pipeline page. */
export async function openEngagementsBySubject(db: Executor, councilId: string, today: string): Promise<Map<string, Engagement>> {
  const rows = await db.select().from(marketEngagements).where(and(eq(marketEngagements.councilId, councilId), eq(marketEngagements.status, 'open')))
  return new Map(rows.filter((r) => isOpen(r, today)).map((r) => [r.subjectId, r]))
}

/** Every response to an engagement with the provider's record from the register, by provider name. */
export async function responsesOf(db: Executor, councilId: string, engagementId: string): Promise<{ response: EngagementResponse; provider: ProviderRecord }[]> {
  const rows = await db
    .select()
    .from(engagementResponses)
    .where(and(eq(engagementResponses.councilId, councilId), eq(engagementResponses.engagementId, engagementId)))
    .orderBy(asc(engagementResponses.submittedAt))
  const withProviders = await Promise.all(rows.map(async (response) => ({ response, provider: await getProvider(db, councilId, response.providerId) })))
  return withProviders
    .filter((r): r is { response: EngagementResponse; provider: ProviderRecord } => r.provider !== undefined)
    .sort((a, b) => a.provider.name.localeCompare(b.provider.name))
}

export async function responseOf(db: Executor, councilId: string, engagementId: string, providerId: string): Promise<EngagementResponse | undefined> {
  const [row] = await db
    .select()
    .from(engagementResponses)
    .where(and(eq(engagementResponses.councilId, councilId), eq(engagementResponses.engagementId, engagementId), eq(engagementResponses.providerId, providerId)))
  return row
}

/** A provider's responses, keyed by engagement: for its own page. */
export async function responsesOfProvider(db: Executor, councilId: string, providerId: string): Promise<Map<string, EngagementResponse>> {
  const rows = await db.select().from(engagementResponses).where(and(eq(engagementResponses.councilId, councilId), eq(engagementResponses.providerId, providerId)))
  return new Map(rows.map((r) => [r.engagementId, r]))
}

export interface RespondInput {
  councilId: string
  engagement: Engagement
  providerId: string
  capacity: string
  answers: Record<string, string>
  actor: Actor
  now: Date
  today: string
}

/** Registers a provider's interest, or replaces its answers while engagement is open. */
export async function respond(tx: Executor, input: RespondInput): Promise<EngagementResponse> {
  // Read again inside the transaction: a commissioner may have closed it since the form was shown.
  const current = await engagementById(tx, input.councilId, input.engagement.id)
  if (!current || !isOpen(current, input.today)) throw new EngagementClosedError('Market engagement has closed')
  const before = await responseOf(tx, input.councilId, current.id, input.providerId)
  const values = { capacity: input.capacity, answers: input.answers, submittedBy: input.actor.label, submittedAt: input.now, updatedAt: input.now }
  const [row] = before
    ? await tx.update(engagementResponses).set(values).where(eq(engagementResponses.id, before.id)).returning()
    : await tx.insert(engagementResponses).values({ ...values, engagementId: current.id, councilId: input.councilId, providerId: input.providerId, createdAt: input.now }).returning()
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: before ? 'update market engagement response' : 'register interest',
    entityType: 'market-engagement-response',
    entityId: row!.id,
    before: before ? { capacity: before.capacity, answers: before.answers } : undefined,
    after: { engagementId: current.id, providerId: input.providerId, capacity: row!.capacity, answers: row!.answers },
    at: input.now,
  })
  return row!
}
