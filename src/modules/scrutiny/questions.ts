/**
 * Councillors' questions to officers and executive members: the answer is due a number of working days after the
 * day it is asked (the council's setting, skipping weekends and its bank holidays), and the due date is stored with
 * the question. Answered once; an unanswered question past its due date is a reminder on the officers' home page
 * (ADR 0046).
 */
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { addWorkingDays } from '../../rules/scrutiny/calendar.ts'
import { councillorQuestions, decisions } from './schema.ts'
import { scrutinySettings } from './settings.ts'

export type QuestionRow = typeof councillorQuestions.$inferSelect

export function listQuestions(db: Executor, councilId: string, where: { askedById?: string; decisionId?: string; unanswered?: boolean } = {}) {
  const conditions = [eq(councillorQuestions.councilId, councilId)]
  if (where.askedById) conditions.push(eq(councillorQuestions.askedById, where.askedById))
  if (where.decisionId) conditions.push(eq(councillorQuestions.decisionId, where.decisionId))
  if (where.unanswered) conditions.push(isNull(councillorQuestions.answeredOn))
  return db.select().from(councillorQuestions).where(and(...conditions)).orderBy(desc(councillorQuestions.askedOn), asc(councillorQuestions.dueOn))
}

export async function findQuestion(db: Executor, councilId: string, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(councillorQuestions).where(and(eq(councillorQuestions.councilId, councilId), eq(councillorQuestions.id, id)))
  return row
}

export async function askQuestion(
  tx: Executor,
  councilId: string,
  input: { addressedTo: string; question: string; decisionId: string | null },
  asker: Actor & { userId: string },
  today: string,
  now: Date,
) {
  if (input.decisionId) {
    const [decision] = await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.councilId, councilId), eq(decisions.id, input.decisionId)))
    if (!decision) return { outcome: 'unknown-decision' as const }
  }
  const settings = await readSettings(tx, councilId, scrutinySettings)
  const dueOn = addWorkingDays(today, settings.questionWorkingDays, new Set(settings.bankHolidays))
  const [row] = await tx
    .insert(councillorQuestions)
    .values({ councilId, askedById: asker.userId, askedByName: asker.label, ...input, askedOn: today, dueOn, createdAt: now, updatedAt: now })
    .returning()
  await recordAudit(tx, { actor: asker, councilId, action: 'ask', entityType: 'question', entityId: row!.id, after: row, at: now })
  return { outcome: 'asked' as const, question: row! }
}

export async function answerQuestion(tx: Executor, question: QuestionRow, input: { answer: string; answeredByName: string }, actor: Actor, today: string, now: Date) {
  const [row] = await tx
    .update(councillorQuestions)
    .set({ ...input, answeredOn: today, updatedAt: now })
    .where(and(eq(councillorQuestions.id, question.id), isNull(councillorQuestions.answeredOn)))
    .returning()
  if (!row) return false
  await recordAudit(tx, { actor, councilId: question.councilId, action: 'answer', entityType: 'question', entityId: question.id, after: { ...input, answeredOn: today }, at: now })
  return true
}

/** Unanswered questions whose due date has passed. */
export function overdueQuestions(db: Executor, councilId: string, today: string, askedById?: string) {
  const conditions = [eq(councillorQuestions.councilId, councilId), isNull(councillorQuestions.answeredOn), lt(councillorQuestions.dueOn, today)]
  if (askedById) conditions.push(eq(councillorQuestions.askedById, askedById))
  return db.select({ id: councillorQuestions.id }).from(councillorQuestions).where(and(...conditions))
}

export function questionState(q: QuestionRow, today: string): { text: string; overdue: boolean } {
  if (q.answeredOn) return { text: 'Answered', overdue: false }
  return q.dueOn < today ? { text: 'Answer overdue', overdue: true } : { text: 'Awaiting an answer', overdue: false }
}
