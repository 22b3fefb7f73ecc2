/**
 * What of a council's scrutiny the public may see (ADR 0050): committees with their members and work programmes
 * always; recommendations with the executive's responses when the council publishes them (its setting, on by
 * default); councillors' questions when the council publishes them (off by default), and then only once answered and
 * not marked not for publication by an officer. One place decides, so the public pages, their CSVs and the signed-in
 * pages' links to the public view cannot disagree.
 */
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import type { QuestionRow } from './questions.ts'
import { councillorQuestions } from './schema.ts'
import { scrutinySettings } from './settings.ts'

export interface Publication {
  recommendations: boolean
  questions: boolean
}

export async function publicationOf(db: Executor, councilId: string): Promise<Publication> {
  const settings = await readSettings(db, councilId, scrutinySettings)
  return { recommendations: settings.publishRecommendations, questions: settings.publishQuestions }
}

/** Why a question is not on the public pages, in words for the officer's page; null when it is public. */
export function questionWithheldBecause(q: Pick<QuestionRow, 'answeredOn' | 'notForPublication' | 'notForPublicationReason'>, publication: Publication): string | null {
  if (!publication.questions) return 'The council does not publish councillors’ questions (scrutiny settings).'
  if (q.notForPublication) return `Marked not for publication: ${q.notForPublicationReason ?? 'no reason given'}`
  if (!q.answeredOn) return 'Questions are published once answered.'
  return null
}

/** A council's public questions: answered and not marked not for publication, newest answer first. */
export function publicQuestions(db: Executor, councilId: string) {
  return db
    .select()
    .from(councillorQuestions)
    .where(and(eq(councillorQuestions.councilId, councilId), isNotNull(councillorQuestions.answeredOn), eq(councillorQuestions.notForPublication, false)))
    .orderBy(desc(councillorQuestions.answeredOn), asc(councillorQuestions.askedOn))
}

export const publicationForm = z
  .object({
    publication: z.enum(['publish', 'withhold'], { message: 'Select whether the question may be published' }),
    notForPublicationReason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(500, 'The reason must be 500 characters or fewer')),
  })
  .superRefine((v, ctx) => {
    if (v.publication === 'withhold' && v.notForPublicationReason === '') ctx.addIssue({ code: 'custom', path: ['notForPublicationReason'], message: 'Enter why the question is not for publication' })
  })

/** Marks a question not for publication, with the reason, or publishable again; audited. */
export async function setQuestionPublication(tx: Executor, q: QuestionRow, input: z.output<typeof publicationForm>, actor: Actor, now: Date) {
  const after = input.publication === 'withhold' ? { notForPublication: true, notForPublicationReason: input.notForPublicationReason } : { notForPublication: false, notForPublicationReason: null }
  await tx.update(councillorQuestions).set({ ...after, updatedAt: now }).where(and(eq(councillorQuestions.councilId, q.councilId), eq(councillorQuestions.id, q.id)))
  await recordAudit(tx, {
    actor,
    councilId: q.councilId,
    action: 'publication',
    entityType: 'question',
    entityId: q.id,
    before: { notForPublication: q.notForPublication, notForPublicationReason: q.notForPublicationReason },
    after,
    at: now,
  })
}
