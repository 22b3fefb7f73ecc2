/**
 * Grant rounds: making and publishing a round, applications, assessors' declarations and scores, moderation,
 * decisions, and turning awards into grants in the grants register. Tenancy: every query takes the council.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { areaSettings, isInDistricts, postcodeDistrictOf } from '../councils/area.ts'
import { findCouncilById } from '../councils/service.ts'
import { openDataIdentity } from '../contracts/settings.ts'
import { createGrant } from '../grants/service.ts'
import { providers } from '../providers/schema.ts'
import { combinedScore, formFor, grantRoundSettings, ineligibleReasons, sizeBand, submitWindow, weightedScore, type ScoreState, type SizeBand } from './rules.ts'
import { grantApplications, grantApplicationScores, grantRoundCriteria, grantRoundDeclarations, grantRoundInvitees, grantRounds } from './schema.ts'

export type RoundRow = typeof grantRounds.$inferSelect
export type ApplicationRow = typeof grantApplications.$inferSelect
export type CriterionRow = typeof grantRoundCriteria.$inferSelect
export interface Done { actor: Actor; now: Date }

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

export const settingsOf = (db: Executor, councilId: string) => readSettings(db, councilId, grantRoundSettings)

// ---------- Rounds ----------

export interface RoundInput {
  title: string
  purpose: string
  kind: 'open' | 'invited'
  budgetPence: number
  vcseOnly: boolean
  localOnly: boolean
  maxIncomePence: number | null
  opensAt: Date
  closesAt: Date
  criteria: { name: string; weight: number }[]
  invitedProviderIds: string[]
}

export async function createRound(tx: Executor, councilId: string, input: RoundInput, done: Done): Promise<RoundRow> {
  const settings = await settingsOf(tx, councilId)
  const { criteria, invitedProviderIds, ...fields } = input
  const [round] = await tx
    .insert(grantRounds)
    .values({ ...fields, councilId, shortFormUpToPence: settings.shortFormUpToPence, moderationGap: settings.moderationGap, status: 'draft', createdAt: done.now, updatedAt: done.now })
    .returning()
  if (criteria.length) await tx.insert(grantRoundCriteria).values(criteria.map((c, i) => ({ ...c, roundId: round!.id, councilId, position: i + 1 })))
  const invited = invitedProviderIds.length
    ? await tx.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, councilId), inArray(providers.id, invitedProviderIds)))
    : []
  if (invited.length) await tx.insert(grantRoundInvitees).values(invited.map((p) => ({ roundId: round!.id, providerId: p.id, councilId })))
  await recordAudit(tx, { actor: done.actor, councilId, action: 'create', entityType: 'grant-round', entityId: round!.id, after: { ...round, criteria, invitedProviderIds }, at: done.now })
  return round!
}

export async function getRound(db: Executor, councilId: string, id: string): Promise<RoundRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(grantRounds).where(and(eq(grantRounds.councilId, councilId), eq(grantRounds.id, id)))
  return row
}

export const criteriaOf = (db: Executor, roundId: string) => db.select().from(grantRoundCriteria).where(eq(grantRoundCriteria.roundId, roundId)).orderBy(asc(grantRoundCriteria.position))

export async function inviteesOf(db: Executor, roundId: string) {
  return db.select({ id: providers.id, name: providers.name }).from(grantRoundInvitees).innerJoin(providers, eq(providers.id, grantRoundInvitees.providerId)).where(eq(grantRoundInvitees.roundId, roundId)).orderBy(asc(providers.name))
}

export async function listRounds(db: Executor, councilId: string) {
  const rows = await db.select().from(grantRounds).where(eq(grantRounds.councilId, councilId)).orderBy(desc(grantRounds.closesAt), asc(grantRounds.id))
  const counts = await db
    .select({ roundId: grantApplications.roundId, n: sql<number>`count(*) filter (where ${grantApplications.status} = 'submitted')` })
    .from(grantApplications)
    .where(eq(grantApplications.councilId, councilId))
    .groupBy(grantApplications.roundId)
  const byRound = new Map(counts.map((c) => [c.roundId, Number(c.n)]))
  return rows.map((r) => ({ ...r, submitted: byRound.get(r.id) ?? 0 }))
}

/** Published rounds a provider may see: open calls, and invited rounds it is invited to. */
export async function roundsForProvider(db: Executor, councilId: string, providerId: string) {
  const invited = db.select({ roundId: grantRoundInvitees.roundId }).from(grantRoundInvitees).where(eq(grantRoundInvitees.providerId, providerId))
  return db
    .select()
    .from(grantRounds)
    .where(and(eq(grantRounds.councilId, councilId), ne(grantRounds.status, 'draft'), sql`(${grantRounds.kind} = 'open' or ${grantRounds.id} in (${invited}))`))
    .orderBy(desc(grantRounds.closesAt))
}

export async function mayApply(db: Executor, round: RoundRow, providerId: string): Promise<boolean> {
  if (round.status === 'draft') return false
  if (round.kind === 'open') return true
  const [row] = await db.select().from(grantRoundInvitees).where(and(eq(grantRoundInvitees.roundId, round.id), eq(grantRoundInvitees.providerId, providerId)))
  return row !== undefined
}

export type PublishOutcome = 'published' | 'no-criteria' | 'not-draft'

export async function publishRound(tx: Executor, round: RoundRow, done: Done): Promise<PublishOutcome> {
  if (round.status !== 'draft') return 'not-draft'
  if ((await criteriaOf(tx, round.id)).length === 0) return 'no-criteria'
  const [after] = await tx.update(grantRounds).set({ status: 'published', publishedAt: done.now, updatedAt: done.now }).where(eq(grantRounds.id, round.id)).returning()
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'publish', entityType: 'grant-round', entityId: round.id, before: round, after, at: done.now })
  return 'published'
}

// ---------- Applications ----------

export interface ApplicationInput {
  projectTitle: string
  amountRequestedPence: number
  annualIncomePence: number | null
  summary: string | null
  whoBenefits: string | null
  outcomes: string | null
  budgetBreakdown: string | null
  delivery: string | null
}

export async function applicationOf(db: Executor, councilId: string, roundId: string, providerId: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(grantApplications).where(and(eq(grantApplications.councilId, councilId), eq(grantApplications.roundId, roundId), eq(grantApplications.providerId, providerId)))
  return row
}

export async function getApplication(db: Executor, councilId: string, roundId: string, id: string): Promise<ApplicationRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(grantApplications).where(and(eq(grantApplications.councilId, councilId), eq(grantApplications.roundId, roundId), eq(grantApplications.id, id)))
  return row
}

/** What a submitted application lacks, field by field: the short form's questions, and the full form's above the band. */
export function missingForSubmission(round: RoundRow, input: ApplicationInput): { field: string; message: string }[] {
  const missing: { field: string; message: string }[] = []
  if (input.annualIncomePence === null) missing.push({ field: 'annualIncome', message: 'Enter your organisation’s annual income' })
  if (!input.summary) missing.push({ field: 'summary', message: 'Say what you will do with the grant' })
  if (!input.whoBenefits) missing.push({ field: 'whoBenefits', message: 'Say who will benefit' })
  if (formFor(input.amountRequestedPence, round.shortFormUpToPence) === 'full') {
    if (!input.outcomes) missing.push({ field: 'outcomes', message: 'Say what difference the grant will make' })
    if (!input.budgetBreakdown) missing.push({ field: 'budgetBreakdown', message: 'Say how the money will be spent' })
    if (!input.delivery) missing.push({ field: 'delivery', message: 'Say how and when you will deliver it' })
  }
  return missing
}

async function applicantFacts(db: Executor, councilId: string, providerId: string) {
  const [provider] = await db.select().from(providers).where(and(eq(providers.councilId, councilId), eq(providers.id, providerId)))
  if (!provider) throw new Error('The applicant is not in the council’s provider register')
  const area = await readSettings(db, councilId, areaSettings)
  return { provider, isLocal: isInDistricts(provider.postcode, area.postcodeDistricts) }
}

export type SaveOutcome =
  | { outcome: 'saved'; application: ApplicationRow }
  | { outcome: 'submitted'; application: ApplicationRow }
  | { outcome: 'closed' | 'not-open' | 'already-submitted' | 'not-invited' }
  | { outcome: 'incomplete'; missing: { field: string; message: string }[] }
  | { outcome: 'ineligible'; reasons: string[] }

/**
 * Saves the provider's application to a round as a draft, or submits it. A submission is checked against the
 * deadline at the instant it is made (`now`, the app's clock): one second after the closing time is too late.
 */
export async function saveApplication(tx: Executor, round: RoundRow, providerId: string, input: ApplicationInput, submit: boolean, done: Done): Promise<SaveOutcome> {
  if (!(await mayApply(tx, round, providerId))) return { outcome: 'not-invited' }
  const window = submitWindow(round, done.now)
  if (window !== 'open') return { outcome: window }
  const existing = await applicationOf(tx, round.councilId, round.id, providerId)
  if (existing && existing.status !== 'draft') return { outcome: 'already-submitted' }
  if (submit) {
    const missing = missingForSubmission(round, input)
    if (missing.length) return { outcome: 'incomplete', missing }
    const { provider, isLocal } = await applicantFacts(tx, round.councilId, providerId)
    const reasons = ineligibleReasons(round, { isVcse: provider.isVcse, isLocal, annualIncomePence: input.annualIncomePence })
    if (reasons.length) return { outcome: 'ineligible', reasons }
  }
  // The full form's answers are kept only when the request is above the band, so a short application stays short.
  const full = formFor(input.amountRequestedPence, round.shortFormUpToPence) === 'full'
  const values = { ...input, outcomes: full ? input.outcomes : null, budgetBreakdown: full ? input.budgetBreakdown : null, delivery: full ? input.delivery : null, status: submit ? 'submitted' : 'draft', submittedAt: submit ? done.now : null, updatedAt: done.now }
  const [row] = existing
    ? await tx.update(grantApplications).set(values).where(eq(grantApplications.id, existing.id)).returning()
    : await tx.insert(grantApplications).values({ ...values, roundId: round.id, councilId: round.councilId, providerId, createdAt: done.now }).returning()
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: submit ? 'submit' : existing ? 'update' : 'create', entityType: 'grant-application', entityId: row!.id, before: existing ?? null, after: row, at: done.now })
  return { outcome: submit ? 'submitted' : 'saved', application: row! }
}

/** Every application a provider has made to the council's rounds, with the round. */
export async function applicationsOfProvider(db: Executor, councilId: string, providerId: string) {
  return db
    .select({ application: grantApplications, round: grantRounds })
    .from(grantApplications)
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .where(and(eq(grantApplications.councilId, councilId), eq(grantApplications.providerId, providerId)))
    .orderBy(desc(grantRounds.closesAt))
}

// ---------- Assessment ----------

export async function declarationOf(db: Executor, roundId: string, userId: string) {
  const [row] = await db.select().from(grantRoundDeclarations).where(and(eq(grantRoundDeclarations.roundId, roundId), eq(grantRoundDeclarations.userId, userId)))
  return row
}

export async function declarationsOf(db: Executor, roundId: string) {
  return db.select().from(grantRoundDeclarations).where(eq(grantRoundDeclarations.roundId, roundId))
}

/** An assessor's declaration of interests for the round; declaring again replaces it (and is audited). */
export async function declare(tx: Executor, round: RoundRow, userId: string, conflictProviderIds: string[], note: string | null, done: Done) {
  const valid = conflictProviderIds.length
    ? (await tx.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, round.councilId), inArray(providers.id, conflictProviderIds)))).map((p) => p.id)
    : []
  const before = await declarationOf(tx, round.id, userId)
  const values = { roundId: round.id, userId, councilId: round.councilId, conflictProviderIds: valid, note, declaredAt: done.now }
  await tx.insert(grantRoundDeclarations).values(values).onConflictDoUpdate({ target: [grantRoundDeclarations.roundId, grantRoundDeclarations.userId], set: { conflictProviderIds: valid, note, declaredAt: done.now } })
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'declare-interests', entityType: 'grant-round', entityId: round.id, before: before ?? null, after: values, at: done.now })
}

export async function scoresOf(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return []
  return db.select().from(grantApplicationScores).where(inArray(grantApplicationScores.applicationId, applicationIds)).orderBy(asc(grantApplicationScores.scoredAt))
}

export type ScoreOutcome = 'scored' | 'undeclared' | 'conflicted' | 'two-already' | 'not-submitted' | 'decided' | 'incomplete'

/**
 * One assessor's scores. An assessor must have declared their interests for the round, may not score an applicant
 * they declared a conflict with, and is one of at most two assessors of an application.
 */
export async function score(tx: Executor, round: RoundRow, application: ApplicationRow, userId: string, scores: Record<string, number>, comment: string | null, done: Done): Promise<ScoreOutcome> {
  if (round.status === 'decided') return 'decided'
  if (application.status !== 'submitted') return 'not-submitted'
  const declaration = await declarationOf(tx, round.id, userId)
  if (!declaration) return 'undeclared'
  if (declaration.conflictProviderIds.includes(application.providerId)) return 'conflicted'
  const criteria = await criteriaOf(tx, round.id)
  if (criteria.some((c) => scores[c.id] === undefined)) return 'incomplete'
  const existing = await scoresOf(tx, [application.id])
  const mine = existing.find((s) => s.userId === userId)
  if (!mine && existing.length >= 2) return 'two-already'
  const weighted = weightedScore(criteria, scores)
  const values = { applicationId: application.id, userId, councilId: round.councilId, scores, weighted, comment, scoredAt: done.now }
  await tx.insert(grantApplicationScores).values(values).onConflictDoUpdate({ target: [grantApplicationScores.applicationId, grantApplicationScores.userId], set: { scores, weighted, comment, scoredAt: done.now } })
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'score', entityType: 'grant-application', entityId: application.id, before: mine ?? null, after: values, at: done.now })
  return 'scored'
}

export function stateOf(round: RoundRow, application: ApplicationRow, scores: { weighted: number }[]): ScoreState {
  return combinedScore(scores.map((s) => s.weighted), application.moderatedScore, round.moderationGap)
}

export async function moderate(tx: Executor, round: RoundRow, application: ApplicationRow, agreed: number, note: string, done: Done): Promise<'moderated' | 'not-needed'> {
  const state = stateOf(round, application, await scoresOf(tx, [application.id]))
  if (state.state === 'awaiting' || (state.state === 'agreed' && !state.moderated)) return 'not-needed'
  const [after] = await tx.update(grantApplications).set({ moderatedScore: agreed, moderationNote: note, updatedAt: done.now }).where(eq(grantApplications.id, application.id)).returning()
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'moderate', entityType: 'grant-application', entityId: application.id, before: application, after, at: done.now })
  return 'moderated'
}

export interface DecisionInput {
  decision: 'awarded' | 'declined'
  awardedPence: number | null
  reason: string
  feedback: string
}

export async function decide(tx: Executor, round: RoundRow, application: ApplicationRow, input: DecisionInput, done: Done): Promise<'decided' | 'not-scored' | 'round-decided'> {
  if (round.status === 'decided') return 'round-decided'
  const state = stateOf(round, application, await scoresOf(tx, [application.id]))
  if (state.state !== 'agreed') return 'not-scored'
  const [after] = await tx
    .update(grantApplications)
    .set({ decision: input.decision, awardedPence: input.decision === 'awarded' ? input.awardedPence : null, decisionReason: input.reason, feedback: input.feedback, updatedAt: done.now })
    .where(eq(grantApplications.id, application.id))
    .returning()
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'decide', entityType: 'grant-application', entityId: application.id, before: application, after, at: done.now })
  return 'decided'
}

export type RoundDecision = { outcome: 'decided'; grants: number } | { outcome: 'open' | 'undecided' | 'over-budget' | 'already'; detail?: string }

/**
 * Closes the round with its decisions: only after the deadline, when every submitted application has a decision and
 * the awards fit the budget. Each award becomes a grant in the register with the round as its programme, and every
 * applicant's feedback is released at the same moment.
 */
export async function decideRound(tx: Executor, round: RoundRow, done: Done): Promise<RoundDecision> {
  if (round.status === 'decided') return { outcome: 'already' }
  if (round.status !== 'published' || submitWindow(round, done.now) !== 'closed') return { outcome: 'open' }
  const submitted = await tx.select().from(grantApplications).where(and(eq(grantApplications.roundId, round.id), eq(grantApplications.status, 'submitted')))
  const undecided = submitted.filter((a) => !a.decision)
  if (undecided.length) return { outcome: 'undecided', detail: `${undecided.length}` }
  const awards = submitted.filter((a) => a.decision === 'awarded')
  const total = awards.reduce((sum, a) => sum + (a.awardedPence ?? 0), 0)
  if (total > round.budgetPence) return { outcome: 'over-budget', detail: `${total}` }
  const council = await findCouncilById(tx, round.councilId)
  const identity = await openDataIdentity(tx, { id: round.councilId, code: council!.code })
  const awardDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(done.now)
  for (const application of awards) {
    const grant = await createGrant(
      tx,
      round.councilId,
      {
        identifier: `${identity.grantsPrefix}-${application.id}`,
        title: application.projectTitle,
        description: application.summary,
        amountAwardedPence: application.awardedPence ?? 0,
        awardDate,
        plannedStartDate: null,
        plannedEndDate: null,
        recipientProviderId: application.providerId,
        programme: round.title,
        fromOpenCall: round.kind === 'open',
        beneficiaryLocations: council?.gssCode ? [council.gssCode] : [],
        department: null,
        published: true,
      },
      done.actor,
      done.now,
      'award-from-round',
    )
    await tx.update(grantApplications).set({ grantId: grant.id, decidedAt: done.now, updatedAt: done.now }).where(eq(grantApplications.id, application.id))
  }
  await tx.update(grantApplications).set({ decidedAt: done.now, updatedAt: done.now }).where(and(eq(grantApplications.roundId, round.id), eq(grantApplications.decision, 'declined')))
  const [after] = await tx.update(grantRounds).set({ status: 'decided', decidedAt: done.now, updatedAt: done.now }).where(eq(grantRounds.id, round.id)).returning()
  await recordAudit(tx, { actor: done.actor, councilId: round.councilId, action: 'decide', entityType: 'grant-round', entityId: round.id, before: round, after, at: done.now })
  return { outcome: 'decided', grants: awards.length }
}

/** The round an award came from, for the grant's page. */
export async function roundOfGrant(db: Executor, councilId: string, grantId: string) {
  const [row] = await db
    .select({ roundId: grantRounds.id, title: grantRounds.title })
    .from(grantApplications)
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .where(and(eq(grantApplications.councilId, councilId), eq(grantApplications.grantId, grantId)))
  return row
}

// ---------- Equalities and reach ----------

export interface ReachRow {
  group: string
  label: string
  applications: number
  awards: number
}

/**
 * Who applied and who was awarded, by organisation size (annual income band), type (legal form, VCSE) and area
 * (inside the council's postcode districts or not): for this round, and for the council's earlier decided rounds.
 */
export async function reach(db: Executor, round: RoundRow) {
  const settings = await settingsOf(db, round.councilId)
  const area = await readSettings(db, round.councilId, areaSettings)
  const rows = await db
    .select({ roundId: grantApplications.roundId, income: grantApplications.annualIncomePence, decision: grantApplications.decision, legalForm: providers.legalForm, isVcse: providers.isVcse, postcode: providers.postcode, closesAt: grantRounds.closesAt, roundStatus: grantRounds.status })
    .from(grantApplications)
    .innerJoin(providers, eq(providers.id, grantApplications.providerId))
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .where(and(eq(grantApplications.councilId, round.councilId), eq(grantApplications.status, 'submitted')))
  const tally = (subset: typeof rows) => {
    const groups = new Map<string, ReachRow>()
    const add = (group: string, label: string, awarded: boolean) => {
      const key = `${group}|${label}`
      const row = groups.get(key) ?? { group, label, applications: 0, awards: 0 }
      row.applications++
      if (awarded) row.awards++
      groups.set(key, row)
    }
    for (const r of subset) {
      const awarded = r.decision === 'awarded'
      add('size', sizeBand(r.income, settings) satisfies SizeBand, awarded)
      add('type', r.isVcse ? 'vcse' : 'not-vcse', awarded)
      add('legal-form', r.legalForm, awarded)
      add('area', isInDistricts(r.postcode, area.postcodeDistricts) ? 'local' : postcodeDistrictOf(r.postcode) ? 'outside' : 'unknown', awarded)
    }
    return { total: subset.length, awarded: subset.filter((r) => r.decision === 'awarded').length, rows: [...groups.values()] }
  }
  const earlier = rows.filter((r) => r.roundId !== round.id && r.roundStatus === 'decided' && r.closesAt < round.closesAt)
  return { round: tally(rows.filter((r) => r.roundId === round.id)), earlier: tally(earlier), earlierRounds: new Set(earlier.map((r) => r.roundId)).size }
}

/** Submitted applications of a round with their scores and state, for the officers' page. */
export async function applicationsOfRound(db: Executor, round: RoundRow) {
  const rows = await db
    .select({ application: grantApplications, provider: { id: providers.id, name: providers.name, isVcse: providers.isVcse } })
    .from(grantApplications)
    .innerJoin(providers, eq(providers.id, grantApplications.providerId))
    .where(and(eq(grantApplications.roundId, round.id), eq(grantApplications.councilId, round.councilId)))
    .orderBy(asc(providers.name))
  const scores = await scoresOf(db, rows.map((r) => r.application.id))
  return rows.map((r) => {
    const own = scores.filter((s) => s.applicationId === r.application.id)
    return { ...r, scores: own, state: stateOf(round, r.application, own) }
  })
}
