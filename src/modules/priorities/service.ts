/**
 * Priorities: the rules of a round. Residents propose ideas and vote (one ballot per verified resident: the unique
 * (round, voter key) in the database is the final guard); officers move the phase, review ideas, override a
 * result only with a published reason, and link winners to the project or grant that delivers them.
 */
import { and, asc, desc, eq, gt, inArray, isNull, ne } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { randomToken, sha256 } from '../../platform/auth/tokens.ts'
import type { Executor } from '../../platform/db/database.ts'
import { formatDate } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { overAnyLimit, recordUse, type Limit } from '../../platform/notify/rate-limit.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { areaSettings, isInDistricts } from '../councils/area.ts'
import { councils } from '../councils/schema.ts'
import { grants } from '../grants/schema.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { nextPhase, type DeliveryStatus, type VotingMethod } from './phases.ts'
import { priorityBallots, priorityCodes, priorityIdeas, priorityRounds } from './schema.ts'
import { ballotCost, tally, type Tally } from './tally.ts'

export type RoundRow = typeof priorityRounds.$inferSelect
export type IdeaRow = typeof priorityIdeas.$inferSelect

const DAY = 24 * 60 * 60 * 1000
export const CONFIRM_LINK_DAYS = 7
export const IDEAS_PER_EMAIL_PER_DAY = 5
export const IDEAS_PER_ADDRESS_PER_DAY = 20
export const BALLOTS_PER_ADDRESS_PER_DAY = 50

export interface Links {
  confirm(token: string): string
  round(id: string): string
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

export function listRounds(db: Executor) {
  return db
    .select({ id: priorityRounds.id, title: priorityRounds.title, phase: priorityRounds.phase, councilId: priorityRounds.councilId, councilName: councils.name, budgetPence: priorityRounds.budgetPence, votingClosesOn: priorityRounds.votingClosesOn })
    .from(priorityRounds)
    .innerJoin(councils, eq(councils.id, priorityRounds.councilId))
    .orderBy(desc(priorityRounds.createdAt))
}

/** Any council's round: rounds are public. */
export async function getRound(db: Executor, id: string): Promise<(RoundRow & { councilName: string }) | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select({ round: priorityRounds, councilName: councils.name }).from(priorityRounds).innerJoin(councils, eq(councils.id, priorityRounds.councilId)).where(eq(priorityRounds.id, id))
  return row ? { ...row.round, councilName: row.councilName } : undefined
}

/** The council's own round, for officers; another council's is "not found". */
export async function getRoundForCouncil(db: Executor, councilId: string, id: string): Promise<RoundRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(priorityRounds).where(and(eq(priorityRounds.id, id), eq(priorityRounds.councilId, councilId)))
  return row
}

export async function createRound(
  tx: Executor,
  councilId: string,
  input: { title: string; description: string; votingMethod: VotingMethod; budget: number; votingClosesOn?: string | null },
  options: { actor: Actor; now: Date },
): Promise<string> {
  const [round] = await tx
    .insert(priorityRounds)
    .values({ councilId, title: input.title, description: input.description, votingMethod: input.votingMethod, budgetPence: input.budget, votingClosesOn: input.votingClosesOn ?? null, salt: randomToken(16), createdAt: options.now, updatedAt: options.now })
    .returning()
  const { salt: _salt, ...shown } = round!
  await recordAudit(tx, { actor: options.actor, councilId, action: 'create', entityType: 'priority-round', entityId: round!.id, after: shown, at: options.now })
  return round!.id
}

export async function moveToNextPhase(tx: Executor, round: RoundRow, options: { actor: Actor; now: Date }): Promise<string | undefined> {
  const next = nextPhase(round.phase)
  if (!next) return undefined
  await tx.update(priorityRounds).set({ phase: next, updatedAt: options.now }).where(and(eq(priorityRounds.id, round.id), eq(priorityRounds.phase, round.phase)))
  await recordAudit(tx, { actor: options.actor, councilId: round.councilId, action: 'phase', entityType: 'priority-round', entityId: round.id, before: { phase: round.phase }, after: { phase: next }, at: options.now })
  return next
}

/** Ideas the public sees: confirmed by their proposer (or entered by an officer). */
export function submittedIdeas(db: Executor, roundId: string): Promise<IdeaRow[]> {
  return db.select().from(priorityIdeas).where(and(eq(priorityIdeas.roundId, roundId), eq(priorityIdeas.status, 'submitted'))).orderBy(asc(priorityIdeas.createdAt), asc(priorityIdeas.id))
}

/** Ideas on the ballot: submitted, reviewed as feasible, with a cost. */
export async function ballotIdeas(db: Executor, roundId: string): Promise<(IdeaRow & { costPence: number })[]> {
  const ideas = await submittedIdeas(db, roundId)
  return ideas.filter((idea): idea is IdeaRow & { costPence: number } => idea.feasibility === 'feasible' && idea.costPence !== null)
}

export type ProposeResult = { outcome: 'proposed' } | { outcome: 'wrong-phase' } | { outcome: 'rate-limited' }

export async function proposeIdea(
  tx: Executor,
  round: RoundRow,
  input: { title: string; description: string; email: string },
  options: { now: Date; clientAddress: string; notifier: Notifier; links: Links },
): Promise<ProposeResult> {
  if (round.phase !== 'ideas') return { outcome: 'wrong-phase' }
  const limits: Limit[] = [
    { bucket: 'idea:address', key: options.clientAddress, max: IDEAS_PER_ADDRESS_PER_DAY, windowMs: DAY },
    { bucket: 'idea:email', key: input.email, max: IDEAS_PER_EMAIL_PER_DAY, windowMs: DAY },
  ]
  if (await overAnyLimit(tx, limits, options.now)) return { outcome: 'rate-limited' }
  await recordUse(tx, limits, options.now)
  const token = randomToken()
  const [idea] = await tx
    .insert(priorityIdeas)
    .values({ roundId: round.id, councilId: round.councilId, title: input.title, description: input.description, proposerEmail: input.email, status: 'awaiting-confirmation', confirmTokenHash: sha256(token), confirmExpiresAt: new Date(options.now.getTime() + CONFIRM_LINK_DAYS * DAY), createdAt: options.now, updatedAt: options.now })
    .returning({ id: priorityIdeas.id })
  await options.notifier.send(
    tx,
    { councilId: round.councilId, to: input.email, subject: 'Confirm your idea', body: [`Thank you for your idea, “${input.title}”, for ${round.title}.`, '', `Confirm your email address within ${CONFIRM_LINK_DAYS} days to add it to the round:`, options.links.confirm(token), '', 'If you did not propose an idea, ignore this email.'].join('\n') },
    options.now,
  )
  await recordAudit(tx, { actor: { userId: null, label: 'resident' }, councilId: round.councilId, action: 'create', entityType: 'priority-idea', entityId: idea!.id, after: { title: input.title, status: 'awaiting-confirmation' }, at: options.now })
  return { outcome: 'proposed' }
}

export type ConfirmResult =
  | { outcome: 'idea-confirmed' | 'ballot-counted' | 'already-confirmed'; roundId: string }
  | { outcome: 'invalid' | 'expired' | 'voting-closed' }

/** What a confirmation link is for (an idea or a ballot), without using it. */
export async function findConfirmation(db: Executor, token: string) {
  if (!token || token.length > 200) return undefined
  const hash = sha256(token)
  const [idea] = await db.select().from(priorityIdeas).where(eq(priorityIdeas.confirmTokenHash, hash))
  if (idea) return { kind: 'idea' as const, roundId: idea.roundId, done: idea.status !== 'awaiting-confirmation', expiresAt: idea.confirmExpiresAt, id: idea.id, councilId: idea.councilId }
  const [ballot] = await db.select().from(priorityBallots).where(eq(priorityBallots.confirmTokenHash, hash))
  if (ballot) return { kind: 'ballot' as const, roundId: ballot.roundId, done: ballot.status !== 'awaiting-confirmation', expiresAt: ballot.confirmExpiresAt, id: ballot.id, councilId: ballot.councilId }
  return undefined
}

export async function confirm(tx: Executor, token: string, now: Date): Promise<ConfirmResult> {
  const found = await findConfirmation(tx, token)
  if (!found) return { outcome: 'invalid' }
  if (found.done) return { outcome: 'already-confirmed', roundId: found.roundId }
  if (found.expiresAt && found.expiresAt < now) return { outcome: 'expired' }
  const actor = { userId: null, label: 'resident' }
  if (found.kind === 'idea') {
    await tx.update(priorityIdeas).set({ status: 'submitted', updatedAt: now }).where(and(eq(priorityIdeas.id, found.id), eq(priorityIdeas.status, 'awaiting-confirmation')))
    await recordAudit(tx, { actor, councilId: found.councilId, action: 'confirm', entityType: 'priority-idea', entityId: found.id, after: { status: 'submitted' }, at: now })
    return { outcome: 'idea-confirmed', roundId: found.roundId }
  }
  // A ballot counts only if it is confirmed while voting is open.
  const [round] = await tx.select({ phase: priorityRounds.phase }).from(priorityRounds).where(eq(priorityRounds.id, found.roundId))
  if (round?.phase !== 'voting') return { outcome: 'voting-closed' }
  await tx.update(priorityBallots).set({ status: 'counted', countedAt: now }).where(and(eq(priorityBallots.id, found.id), eq(priorityBallots.status, 'awaiting-confirmation')))
  await recordAudit(tx, { actor, councilId: found.councilId, action: 'count', entityType: 'priority-ballot', entityId: found.id, at: now })
  return { outcome: 'ballot-counted', roundId: found.roundId }
}

export async function reviewIdea(
  tx: Executor,
  round: RoundRow,
  input: { ideaId: string; feasibility: 'feasible' | 'not-feasible'; cost: number | null; note: string | null },
  options: { actor: Actor; now: Date },
): Promise<'reviewed' | 'not-found' | 'wrong-phase'> {
  if (round.phase !== 'ideas' && round.phase !== 'review') return 'wrong-phase'
  const [idea] = await tx.select().from(priorityIdeas).where(and(eq(priorityIdeas.id, input.ideaId), eq(priorityIdeas.roundId, round.id), eq(priorityIdeas.status, 'submitted')))
  if (!idea) return 'not-found'
  const after = { feasibility: input.feasibility, costPence: input.cost, reviewNote: input.note }
  await tx.update(priorityIdeas).set({ ...after, updatedAt: options.now }).where(eq(priorityIdeas.id, idea.id))
  await recordAudit(tx, { actor: options.actor, councilId: round.councilId, action: 'review', entityType: 'priority-idea', entityId: idea.id, before: { feasibility: idea.feasibility, costPence: idea.costPence, reviewNote: idea.reviewNote }, after, at: options.now })
  return 'reviewed'
}

/** A code as people type it: case, spaces and dashes do not matter. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '')
const codeHash = (round: RoundRow, code: string) => sha256(`${round.salt}:code:${normaliseCode(code)}`)

/** Reads codes from a pasted list or a CSV (the first column of each line); returns how many were new. */
export async function addCodes(tx: Executor, round: RoundRow, text: string, options: { actor: Actor; now: Date }): Promise<{ added: number; total: number }> {
  const codes = [...new Set(text.split(/\r?\n/).map((line) => normaliseCode(line.split(',')[0]?.replace(/"/g, '') ?? '')).filter((code) => /^[A-Z0-9]{4,64}$/.test(code)))]
  let added = 0
  for (let i = 0; i < codes.length; i += 1000) {
    const batch = codes.slice(i, i + 1000)
    const inserted = await tx.insert(priorityCodes).values(batch.map((code) => ({ roundId: round.id, codeHash: codeHash(round, code) }))).onConflictDoNothing().returning({ id: priorityCodes.id })
    added += inserted.length
  }
  await recordAudit(tx, { actor: options.actor, councilId: round.councilId, action: 'add-codes', entityType: 'priority-round', entityId: round.id, after: { added, read: codes.length }, at: options.now })
  return { added, total: codes.length }
}

export type BallotResult =
  | { outcome: 'counted' | 'awaiting-confirmation' }
  | { outcome: 'wrong-phase' | 'already-voted' | 'unknown-ideas' | 'over-budget' | 'outside-area' | 'bad-code' | 'rate-limited' }

/**
 * What is wrong with a ballot that can be known before anything is stored: ideas not on the ballot, a choice over
 * the budget, a postcode outside the council's area. The page reports these with the form's own mistakes, all at
 * once; castBallot checks them again as it stores the ballot.
 */
export async function ballotProblems(
  db: Executor,
  round: RoundRow,
  input: { ideaIds: string[]; postcode?: string | undefined },
): Promise<('unknown-ideas' | 'over-budget' | 'outside-area')[]> {
  const problems: ('unknown-ideas' | 'over-budget' | 'outside-area')[] = []
  const ideas = await ballotIdeas(db, round.id)
  const costs = new Map(ideas.map((idea) => [idea.id, idea.costPence]))
  const chosen = [...new Set(input.ideaIds)]
  if (chosen.some((id) => !costs.has(id))) problems.push('unknown-ideas')
  else if (round.votingMethod === 'budget' && ballotCost(chosen, costs) > round.budgetPence) problems.push('over-budget')
  if (input.postcode !== undefined) {
    const { postcodeDistricts } = await readSettings(db, round.councilId, areaSettings)
    if (!isInDistricts(input.postcode, postcodeDistricts)) problems.push('outside-area')
  }
  return problems
}

export async function castBallot(
  tx: Executor,
  round: RoundRow,
  input: { ideaIds: string[]; method: 'email' | 'code'; email: string; postcode: string; code: string },
  options: { now: Date; clientAddress: string; notifier: Notifier; links: Links },
): Promise<BallotResult> {
  if (round.phase !== 'voting') return { outcome: 'wrong-phase' }
  const ideas = await ballotIdeas(tx, round.id)
  const costs = new Map(ideas.map((idea) => [idea.id, idea.costPence]))
  const chosen = [...new Set(input.ideaIds)]
  if (chosen.some((id) => !costs.has(id))) return { outcome: 'unknown-ideas' }
  if (round.votingMethod === 'budget' && ballotCost(chosen, costs) > round.budgetPence) return { outcome: 'over-budget' }
  const limits: Limit[] = [{ bucket: 'ballot:address', key: options.clientAddress, max: BALLOTS_PER_ADDRESS_PER_DAY, windowMs: DAY }]
  if (await overAnyLimit(tx, limits, options.now)) return { outcome: 'rate-limited' }

  if (input.method === 'code') {
    const [code] = await tx
      .update(priorityCodes)
      .set({ usedAt: options.now })
      .where(and(eq(priorityCodes.roundId, round.id), eq(priorityCodes.codeHash, codeHash(round, input.code)), isNull(priorityCodes.usedAt)))
      .returning({ id: priorityCodes.id, codeHash: priorityCodes.codeHash })
    if (!code) return { outcome: 'bad-code' }
    const [ballot] = await tx
      .insert(priorityBallots)
      .values({ roundId: round.id, councilId: round.councilId, voterKey: `code:${code.codeHash}`, verifiedBy: 'code', ideaIds: chosen, status: 'counted', createdAt: options.now, countedAt: options.now })
      .onConflictDoNothing()
      .returning({ id: priorityBallots.id })
    if (!ballot) return { outcome: 'already-voted' }
    await recordUse(tx, limits, options.now)
    await recordAudit(tx, { actor: { userId: null, label: 'resident' }, councilId: round.councilId, action: 'count', entityType: 'priority-ballot', entityId: ballot.id, after: { verifiedBy: 'code' }, at: options.now })
    return { outcome: 'counted' }
  }

  const { postcodeDistricts } = await readSettings(tx, round.councilId, areaSettings)
  if (!isInDistricts(input.postcode, postcodeDistricts)) return { outcome: 'outside-area' }
  const email = input.email.trim().toLowerCase()
  const token = randomToken()
  const [ballot] = await tx
    .insert(priorityBallots)
    .values({
      roundId: round.id,
      councilId: round.councilId,
      voterKey: sha256(`${round.salt}:email:${email}`),
      verifiedBy: 'email',
      ideaIds: chosen,
      status: 'awaiting-confirmation',
      confirmTokenHash: sha256(token),
      confirmExpiresAt: new Date(options.now.getTime() + CONFIRM_LINK_DAYS * DAY),
      createdAt: options.now,
    })
    .onConflictDoNothing()
    .returning({ id: priorityBallots.id })
  if (!ballot) return { outcome: 'already-voted' }
  await recordUse(tx, limits, options.now)
  await options.notifier.send(
    tx,
    {
      councilId: round.councilId,
      to: email,
      subject: 'Confirm your vote',
      body: [
        `Thank you for voting in ${round.title}. You chose:`,
        '',
        ...ideas.filter((idea) => chosen.includes(idea.id)).map((idea) => `- ${idea.title} (${formatPence(idea.costPence, { whole: true })})`),
        '',
        `Together they cost ${formatPence(ballotCost(chosen, costs), { whole: true })} of the ${formatPence(round.budgetPence, { whole: true })} budget.`,
        '',
        round.votingClosesOn
          ? `Your vote counts once you confirm your email address. Voting closes at the end of ${formatDate(round.votingClosesOn)}: confirm before then.`
          : 'Your vote counts once you confirm your email address, while voting is open:',
        options.links.confirm(token),
        '',
        'If you did not vote, ignore this email and nothing will be counted.',
      ].join('\n'),
    },
    options.now,
  )
  await recordAudit(tx, { actor: { userId: null, label: 'resident' }, councilId: round.councilId, action: 'create', entityType: 'priority-ballot', entityId: ballot.id, after: { verifiedBy: 'email', status: 'awaiting-confirmation' }, at: options.now })
  return { outcome: 'awaiting-confirmation' }
}

export async function countedBallots(db: Executor, roundId: string) {
  return db.select({ id: priorityBallots.id, ideaIds: priorityBallots.ideaIds, verifiedBy: priorityBallots.verifiedBy }).from(priorityBallots).where(and(eq(priorityBallots.roundId, roundId), eq(priorityBallots.status, 'counted'))).orderBy(asc(priorityBallots.id))
}

export interface Results {
  tally: Tally
  ideas: Map<string, IdeaRow>
  /** The tally's winners with officers' overrides applied. */
  winners: Set<string>
}

export async function results(db: Executor, round: RoundRow): Promise<Results> {
  const ideas = await ballotIdeas(db, round.id)
  const ballots = await countedBallots(db, round.id)
  const result = tally(ideas.map((idea, order) => ({ id: idea.id, title: idea.title, costPence: idea.costPence, order })), ballots.map((b) => b.ideaIds), round.budgetPence)
  const winners = new Set(result.rows.filter((row) => row.funded).map((row) => row.idea.id))
  for (const idea of ideas) {
    if (idea.winnerOverride === true) winners.add(idea.id)
    if (idea.winnerOverride === false) winners.delete(idea.id)
  }
  return { tally: result, ideas: new Map(ideas.map((idea) => [idea.id, idea])), winners }
}

export async function overrideWinner(
  tx: Executor,
  round: RoundRow,
  input: { ideaId: string; winner: 'yes' | 'no' | 'tally'; reason: string | null },
  options: { actor: Actor; now: Date },
): Promise<'saved' | 'not-found' | 'wrong-phase'> {
  if (round.phase !== 'results' && round.phase !== 'delivery') return 'wrong-phase'
  const idea = (await ballotIdeas(tx, round.id)).find((i) => i.id === input.ideaId)
  if (!idea) return 'not-found'
  const after = { winnerOverride: input.winner === 'tally' ? null : input.winner === 'yes', overrideReason: input.winner === 'tally' ? null : input.reason }
  await tx.update(priorityIdeas).set({ ...after, updatedAt: options.now }).where(eq(priorityIdeas.id, idea.id))
  await recordAudit(tx, { actor: options.actor, councilId: round.councilId, action: 'override', entityType: 'priority-idea', entityId: idea.id, before: { winnerOverride: idea.winnerOverride, overrideReason: idea.overrideReason }, after, at: options.now })
  return 'saved'
}

/** The council's commissioning projects and grants a winning idea can be linked to. */
export async function deliveryChoices(db: Executor, councilId: string) {
  const [projects, councilGrants] = await Promise.all([
    db.select({ id: commissioningProjects.id, title: commissioningProjects.title, stage: commissioningProjects.stage }).from(commissioningProjects).where(eq(commissioningProjects.councilId, councilId)).orderBy(asc(commissioningProjects.title)),
    db.select({ id: grants.id, title: grants.title }).from(grants).where(eq(grants.councilId, councilId)).orderBy(asc(grants.title)),
  ])
  return { projects, grants: councilGrants }
}

/** What the public sees of each linked project and grant: their titles (and a project's stage), read live. */
export async function linkedRecords(db: Executor, ideas: IdeaRow[]) {
  const projectIds = ideas.map((i) => i.projectId).filter((id): id is string => id !== null)
  const grantIds = ideas.map((i) => i.grantId).filter((id): id is string => id !== null)
  const [projects, linkedGrants] = await Promise.all([
    projectIds.length ? db.select({ id: commissioningProjects.id, title: commissioningProjects.title, stage: commissioningProjects.stage }).from(commissioningProjects).where(inArray(commissioningProjects.id, projectIds)) : [],
    grantIds.length ? db.select({ id: grants.id, title: grants.title, amountAwardedPence: grants.amountAwardedPence }).from(grants).where(inArray(grants.id, grantIds)) : [],
  ])
  return { projects: new Map(projects.map((p) => [p.id, p])), grants: new Map(linkedGrants.map((g) => [g.id, g])) }
}

export async function recordDelivery(
  tx: Executor,
  round: RoundRow,
  input: { ideaId: string; link: string; status: DeliveryStatus; note: string | null },
  options: { actor: Actor; now: Date },
): Promise<'saved' | 'not-found' | 'bad-link' | 'wrong-phase'> {
  if (round.phase !== 'results' && round.phase !== 'delivery') return 'wrong-phase'
  const idea = (await ballotIdeas(tx, round.id)).find((i) => i.id === input.ideaId)
  if (!idea) return 'not-found'
  let projectId: string | null = null
  let grantId: string | null = null
  const [kind, id] = input.link.split(':')
  if (input.link) {
    const choices = await deliveryChoices(tx, round.councilId)
    if (kind === 'project' && choices.projects.some((p) => p.id === id)) projectId = id!
    else if (kind === 'grant' && choices.grants.some((g) => g.id === id)) grantId = id!
    else return 'bad-link'
  }
  const after = { projectId, grantId, deliveryStatus: input.status, deliveryNote: input.note }
  await tx.update(priorityIdeas).set({ ...after, updatedAt: options.now }).where(eq(priorityIdeas.id, idea.id))
  await recordAudit(tx, { actor: options.actor, councilId: round.councilId, action: 'delivery', entityType: 'priority-idea', entityId: idea.id, before: { projectId: idea.projectId, grantId: idea.grantId, deliveryStatus: idea.deliveryStatus, deliveryNote: idea.deliveryNote }, after, at: options.now })
  return 'saved'
}

export async function codeCounts(db: Executor, roundId: string) {
  const rows = await db.select({ usedAt: priorityCodes.usedAt }).from(priorityCodes).where(eq(priorityCodes.roundId, roundId))
  return { total: rows.length, used: rows.filter((r) => r.usedAt !== null).length }
}

export async function allIdeas(db: Executor, roundId: string): Promise<IdeaRow[]> {
  return db.select().from(priorityIdeas).where(eq(priorityIdeas.roundId, roundId)).orderBy(asc(priorityIdeas.createdAt), asc(priorityIdeas.id))
}

/** A council's confirmed ideas across its rounds, for another module to choose from or show by id. */
export async function ideaChoices(db: Executor, councilId: string, ids?: readonly string[]) {
  const conditions = [eq(priorityRounds.councilId, councilId), ne(priorityIdeas.status, 'awaiting-confirmation')]
  if (ids) {
    if (ids.length === 0) return []
    conditions.push(inArray(priorityIdeas.id, [...ids]))
  }
  return db
    .select({ id: priorityIdeas.id, title: priorityIdeas.title, roundId: priorityRounds.id, roundTitle: priorityRounds.title })
    .from(priorityIdeas)
    .innerJoin(priorityRounds, eq(priorityRounds.id, priorityIdeas.roundId))
    .where(and(...conditions))
    .orderBy(asc(priorityRounds.title), asc(priorityIdeas.title))
}

/** A page of the council's rounds in id order, after `afterId` (the API's keyset paging, ADR 0061). */
export async function roundsAfter(db: Executor, councilId: string, filters: { phase?: string | undefined }, afterId: string | null, limit: number) {
  const conditions = [eq(priorityRounds.councilId, councilId)]
  if (filters.phase) conditions.push(eq(priorityRounds.phase, filters.phase))
  if (afterId) conditions.push(gt(priorityRounds.id, afterId))
  const rows = await db.select().from(priorityRounds).where(and(...conditions)).orderBy(asc(priorityRounds.id)).limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}
