/**
 * Commissioning projects: every read and write scoped to the principal's council (a project of another council is
 * simply not found), every change audited against the project so its history tells the whole story.
 */
import { and, asc, count, desc, eq, gt, ilike, inArray, or } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { historyOf, recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { memberships, users } from '../../platform/auth/schema.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Regime, RouteAdvice } from '../../rules/procurement/route-advice-types.ts'
import { isUuid } from '../../platform/ids.ts'
import type { RouteAdviceRequest } from '../../rules/procurement/route-advice-request.ts'
import { councils } from '../councils/schema.ts'
import { contractSuppliers, contracts } from '../contracts/schema.ts'
import { spendWithProviders, type ProviderSpend } from '../spend/provider-spend.ts'
import { grants } from '../grants/schema.ts'
import { DEFAULT_CRITERIA } from './appraisal.ts'
import type { Stage } from './forms.ts'
import {
  appraisalCriteria,
  appraisalOptions,
  appraisalScores,
  commissioningProjects,
  projectDecisions,
  projectLinks,
  projectMilestones,
  projectNeeds,
  projectOutcomes,
  projectPartners,
  projectRouteAdvice,
} from './schema.ts'

export const ENTITY = 'commissioning-project'
export type ProjectRow = typeof commissioningProjects.$inferSelect

export interface ProjectInput {
  title: string
  serviceArea: string
  summary: string | null
  leadCommissionerId?: string | undefined
  budget: number | null
}

export class ProjectInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

const audit = (tx: Executor, councilId: string, projectId: string, actor: Actor, now: Date, action: string, after: unknown, before?: unknown) =>
  recordAudit(tx, { actor, councilId, action, entityType: ENTITY, entityId: projectId, after, before, at: now })

export interface ProjectFilters {
  /** Words in the title, service area or summary. */
  q?: string | undefined
  stage?: string | undefined
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function projectConditions(councilId: string, filters: ProjectFilters) {
  const conditions = [eq(commissioningProjects.councilId, councilId)]
  const q = filters.q?.trim()
  if (q) conditions.push(or(ilike(commissioningProjects.title, likePattern(q)), ilike(commissioningProjects.serviceArea, likePattern(q)), ilike(commissioningProjects.summary, likePattern(q)))!)
  if (filters.stage) conditions.push(eq(commissioningProjects.stage, filters.stage))
  return and(...conditions)
}

/** A page of the council's projects, most recently changed first, with how many match. */
export async function listProjects(db: Executor, councilId: string, filters: ProjectFilters = {}, page = { limit: 1000, offset: 0 }) {
  const where = projectConditions(councilId, filters)
  const [rows, [total]] = await Promise.all([
    db
      .select({ project: commissioningProjects, lead: users.displayName })
      .from(commissioningProjects)
      .leftJoin(users, eq(users.id, commissioningProjects.leadCommissionerId))
      .where(where)
      .orderBy(desc(commissioningProjects.updatedAt), asc(commissioningProjects.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(commissioningProjects).where(where),
  ])
  return { rows, total: Number(total?.n ?? 0) }
}

/** The page after `afterId` in id order (keyset paging for the API, ADR 0044), with the lead's name and whether more follow. */
export async function listProjectsAfter(db: Executor, councilId: string, filters: ProjectFilters, afterId: string | null, limit: number) {
  const where = afterId ? and(projectConditions(councilId, filters), gt(commissioningProjects.id, afterId)) : projectConditions(councilId, filters)
  const rows = await db
    .select({ project: commissioningProjects, lead: users.displayName })
    .from(commissioningProjects)
    .leftJoin(users, eq(users.id, commissioningProjects.leadCommissionerId))
    .where(where)
    .orderBy(asc(commissioningProjects.id))
    .limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

export async function getProject(db: Executor, councilId: string, id: string): Promise<ProjectRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db
    .select()
    .from(commissioningProjects)
    .where(and(eq(commissioningProjects.councilId, councilId), eq(commissioningProjects.id, id)))
  return row
}

/** The council's people who may lead a project: its commissioners and administrators. */
export async function leadChoices(db: Executor, councilId: string) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.councilId, councilId), inArray(memberships.role, ['commissioner', 'admin'])))
    .orderBy(asc(users.displayName))
}

async function assertLead(db: Executor, councilId: string, userId: string | undefined) {
  if (!userId) return
  if (!(await leadChoices(db, councilId)).some((u) => u.id === userId)) throw new ProjectInputError('leadCommissionerId', 'Select the lead commissioner from the list')
}

export async function createProject(tx: Executor, councilId: string, input: ProjectInput, actor: Actor, now: Date): Promise<ProjectRow> {
  await assertLead(tx, councilId, input.leadCommissionerId)
  const [project] = await tx
    .insert(commissioningProjects)
    .values({
      councilId,
      title: input.title,
      serviceArea: input.serviceArea,
      summary: input.summary,
      leadCommissionerId: input.leadCommissionerId ?? null,
      budgetPence: input.budget,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  // No delivery models yet: the commissioner chooses which to compare when the appraisal starts.
  await tx.insert(appraisalCriteria).values(DEFAULT_CRITERIA.map((c, position) => ({ projectId: project!.id, councilId, name: c.name, weight: c.weight, position })))
  await audit(tx, councilId, project!.id, actor, now, 'create', project)
  return project!
}

export async function updateProject(tx: Executor, councilId: string, project: ProjectRow, input: ProjectInput, actor: Actor, now: Date) {
  await assertLead(tx, councilId, input.leadCommissionerId)
  const [after] = await tx
    .update(commissioningProjects)
    .set({
      title: input.title,
      serviceArea: input.serviceArea,
      summary: input.summary,
      leadCommissionerId: input.leadCommissionerId ?? null,
      budgetPence: input.budget,
      updatedAt: now,
    })
    .where(and(eq(commissioningProjects.councilId, councilId), eq(commissioningProjects.id, project.id)))
    .returning()
  await audit(tx, councilId, project.id, actor, now, 'update', after, project)
}

const touch = (tx: Executor, projectId: string, now: Date) =>
  tx.update(commissioningProjects).set({ updatedAt: now }).where(eq(commissioningProjects.id, projectId))

export async function setStage(tx: Executor, councilId: string, project: ProjectRow, stage: Stage, actor: Actor, now: Date) {
  await tx.update(commissioningProjects).set({ stage, updatedAt: now }).where(eq(commissioningProjects.id, project.id))
  await audit(tx, councilId, project.id, actor, now, 'change stage', { stage }, { stage: project.stage })
}

export async function addNeed(tx: Executor, councilId: string, projectId: string, v: { need: string; evidence: string | null }, actor: Actor, now: Date) {
  await tx.insert(projectNeeds).values({ projectId, councilId, ...v, createdAt: now })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'add need', v)
}

export async function addOutcome(
  tx: Executor,
  councilId: string,
  projectId: string,
  v: { outcome: string; indicator: string; baseline: string | null; target: string | null },
  actor: Actor,
  now: Date,
) {
  await tx.insert(projectOutcomes).values({ projectId, councilId, ...v, createdAt: now })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'add outcome', v)
}

export async function recordLatest(tx: Executor, councilId: string, projectId: string, v: { outcomeId: string; latest: string }, actor: Actor, now: Date) {
  const [row] = await tx
    .update(projectOutcomes)
    .set({ latest: v.latest })
    .where(and(eq(projectOutcomes.councilId, councilId), eq(projectOutcomes.projectId, projectId), eq(projectOutcomes.id, v.outcomeId)))
    .returning()
  if (!row) throw new ProjectInputError('outcomeId', 'Select an outcome of this project')
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'review outcome', { outcome: row.outcome, latest: v.latest, target: row.target })
}

export async function addPartner(tx: Executor, councilId: string, projectId: string, v: { partnerCouncilId?: string | undefined; nhsBody: string | null }, actor: Actor, now: Date) {
  let values: typeof projectPartners.$inferInsert
  if (v.partnerCouncilId) {
    if (v.partnerCouncilId === councilId) throw new ProjectInputError('partnerCouncilId', 'Select another council: this project is already your council’s')
    const [partner] = await tx.select().from(councils).where(eq(councils.id, v.partnerCouncilId))
    if (!partner) throw new ProjectInputError('partnerCouncilId', 'Select a council from the list')
    values = { projectId, councilId, kind: 'council', partnerCouncilId: partner.id, name: partner.name, createdAt: now }
  } else {
    values = { projectId, councilId, kind: 'nhs', name: v.nhsBody!, createdAt: now }
  }
  await tx.insert(projectPartners).values(values)
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'add partner', { kind: values.kind, name: values.name })
}

/** Contracts and grants of the council that a project can link to. */
export async function linkChoices(db: Executor, councilId: string) {
  const [contractRows, grantRows] = await Promise.all([
    db.select({ id: contracts.id, title: contracts.title, reference: contracts.reference }).from(contracts).where(eq(contracts.councilId, councilId)).orderBy(asc(contracts.title)),
    db.select({ id: grants.id, title: grants.title, reference: grants.identifier }).from(grants).where(eq(grants.councilId, councilId)).orderBy(asc(grants.title)),
  ])
  return { contracts: contractRows, grants: grantRows }
}

export async function addLink(
  tx: Executor,
  councilId: string,
  projectId: string,
  v: { role: 'current' | 'result'; contractId?: string | undefined; grantId?: string | undefined; tenderReference: string | null },
  actor: Actor,
  now: Date,
) {
  let label: string
  if (v.contractId) {
    const [c] = await tx.select().from(contracts).where(and(eq(contracts.councilId, councilId), eq(contracts.id, v.contractId)))
    if (!c) throw new ProjectInputError('contractId', 'Select a contract of your council from the list')
    label = c.title
  } else if (v.grantId) {
    const [g] = await tx.select().from(grants).where(and(eq(grants.councilId, councilId), eq(grants.id, v.grantId)))
    if (!g) throw new ProjectInputError('grantId', 'Select a grant of your council from the list')
    label = g.title
  } else {
    label = v.tenderReference!
  }
  const kind = v.contractId ? 'contract' : v.grantId ? 'grant' : 'tender'
  await tx.insert(projectLinks).values({ projectId, councilId, role: v.role, kind, contractId: v.contractId ?? null, grantId: v.grantId ?? null, reference: v.tenderReference, createdAt: now })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, v.role === 'current' ? 'link what is in place' : 'link the result', { kind, label })
}

export async function addMilestone(tx: Executor, councilId: string, projectId: string, v: { title: string; dueDate: string }, actor: Actor, now: Date) {
  await tx.insert(projectMilestones).values({ projectId, councilId, ...v, createdAt: now })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'add milestone', v)
}

export async function recordDecision(tx: Executor, councilId: string, project: ProjectRow, v: { decision: string; reason: string }, actor: Actor, now: Date) {
  const values = { projectId: project.id, councilId, stage: project.stage, decision: v.decision, reason: v.reason, decidedById: actor.userId, decidedByName: actor.label, decidedAt: now }
  await tx.insert(projectDecisions).values(values)
  await touch(tx, project.id, now)
  await audit(tx, councilId, project.id, actor, now, 'decision', { stage: project.stage, decision: v.decision, reason: v.reason })
}

export async function saveRouteAdvice(tx: Executor, councilId: string, projectId: string, request: RouteAdviceRequest, advice: RouteAdvice, actor: Actor, now: Date) {
  await tx.insert(projectRouteAdvice).values({ projectId, councilId, request, advice, regime: advice.regime, createdById: actor.userId, createdAt: now })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'route advice', { regime: advice.regime, valuePence: advice.valuePence, startDate: advice.startDate })
}

// ---------- The appraisal ----------

export async function appraisalOf(db: Executor, councilId: string, projectId: string) {
  const scope = (t: { councilId: AnyPgColumn; projectId: AnyPgColumn }) => and(eq(t.councilId, councilId), eq(t.projectId, projectId))
  const [options, criteria, scoreRows] = await Promise.all([
    db.select().from(appraisalOptions).where(scope(appraisalOptions)).orderBy(asc(appraisalOptions.position)),
    db.select().from(appraisalCriteria).where(scope(appraisalCriteria)).orderBy(asc(appraisalCriteria.position)),
    db.select().from(appraisalScores).where(and(eq(appraisalScores.councilId, councilId), eq(appraisalScores.projectId, projectId))),
  ])
  const scores = new Map<string, Map<string, number>>()
  const rationales = new Map<string, string | null>()
  for (const s of scoreRows) {
    if (!scores.has(s.optionId)) scores.set(s.optionId, new Map())
    scores.get(s.optionId)!.set(s.criterionId, s.score)
    rationales.set(`${s.optionId}:${s.criterionId}`, s.rationale)
  }
  return { options, criteria, scores, rationales }
}

export async function addOption(tx: Executor, councilId: string, projectId: string, name: string, actor: Actor, now: Date) {
  const { options } = await appraisalOf(tx, councilId, projectId)
  await tx.insert(appraisalOptions).values({ projectId, councilId, name, position: Math.max(-1, ...options.map((o) => o.position)) + 1 })
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'add option', { name })
}

/** Adds the delivery models chosen to compare (names already in the appraisal are not added twice). */
export async function chooseOptions(tx: Executor, councilId: string, projectId: string, names: readonly string[], actor: Actor, now: Date) {
  const { options } = await appraisalOf(tx, councilId, projectId)
  const have = new Set(options.map((o) => o.name.toLowerCase()))
  const fresh = [...new Set(names.map((n) => n.trim()).filter((n) => n !== '' && !have.has(n.toLowerCase())))]
  if (fresh.length === 0) return
  const start = Math.max(-1, ...options.map((o) => o.position)) + 1
  await tx.insert(appraisalOptions).values(fresh.map((name, i) => ({ projectId, councilId, name, position: start + i })))
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'choose delivery models', { options: fresh })
}

/** The option of this project, for its removal to be confirmed; undefined when there is none. */
export const findOption = (db: Executor, councilId: string, projectId: string, optionId: string) => optionOf(db, councilId, projectId, optionId)

/**
 * The whole options × criteria matrix saved at once: a score per cell, or null for not scored. The reasons already
 * given for a cell are kept. The audit names each changed cell "criterion for option".
 */
export async function setMatrix(tx: Executor, councilId: string, projectId: string, cells: readonly { optionId: string; criterionId: string; score: number | null }[], actor: Actor, now: Date) {
  const { options, criteria, scores, rationales } = await appraisalOf(tx, councilId, projectId)
  const optionName = new Map(options.map((o) => [o.id, o.name]))
  const criterionName = new Map(criteria.map((c) => [c.id, c.name]))
  const before: Record<string, number | null> = {}
  const after: Record<string, number | null> = {}
  for (const cell of cells) {
    if (!optionName.has(cell.optionId) || !criterionName.has(cell.criterionId)) continue
    const old = scores.get(cell.optionId)?.get(cell.criterionId) ?? null
    if (old === cell.score) continue
    const key = `${criterionName.get(cell.criterionId)} for ${optionName.get(cell.optionId)}`
    before[key] = old
    after[key] = cell.score
    await tx.delete(appraisalScores).where(and(eq(appraisalScores.optionId, cell.optionId), eq(appraisalScores.criterionId, cell.criterionId)))
    if (cell.score !== null) {
      const rationale = rationales.get(`${cell.optionId}:${cell.criterionId}`) ?? null
      await tx.insert(appraisalScores).values({ optionId: cell.optionId, criterionId: cell.criterionId, projectId, councilId, score: cell.score, rationale })
    }
  }
  if (Object.keys(after).length === 0) return
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'score options', after, before)
}

async function optionOf(tx: Executor, councilId: string, projectId: string, optionId: string) {
  if (!isUuid(optionId)) return undefined
  const [option] = await tx
    .select()
    .from(appraisalOptions)
    .where(and(eq(appraisalOptions.councilId, councilId), eq(appraisalOptions.projectId, projectId), eq(appraisalOptions.id, optionId)))
  return option
}

export async function renameOption(tx: Executor, councilId: string, projectId: string, optionId: string, name: string, actor: Actor, now: Date) {
  const option = await optionOf(tx, councilId, projectId, optionId)
  if (!option) throw new ProjectInputError('optionId', 'Select an option of this project')
  await tx.update(appraisalOptions).set({ name }).where(eq(appraisalOptions.id, option.id))
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'rename option', { name }, { name: option.name })
}

export async function removeOption(tx: Executor, councilId: string, projectId: string, optionId: string, actor: Actor, now: Date) {
  const option = await optionOf(tx, councilId, projectId, optionId)
  if (!option) throw new ProjectInputError('optionId', 'Select an option of this project')
  await tx.delete(appraisalOptions).where(eq(appraisalOptions.id, option.id))
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'remove option', undefined, { name: option.name })
}

/** New weights; the scores stay as they are, so the ranking simply changes. */
export async function setWeights(tx: Executor, councilId: string, projectId: string, weights: Map<string, number>, actor: Actor, now: Date) {
  const { criteria } = await appraisalOf(tx, councilId, projectId)
  const before: Record<string, number> = {}
  const after: Record<string, number> = {}
  for (const c of criteria) {
    const weight = weights.get(c.id)
    if (weight === undefined || weight === c.weight) continue
    before[c.name] = c.weight
    after[c.name] = weight
    await tx.update(appraisalCriteria).set({ weight }).where(eq(appraisalCriteria.id, c.id))
  }
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'change weights', after, before)
}

export async function setScores(
  tx: Executor,
  councilId: string,
  projectId: string,
  optionId: string,
  scores: Map<string, { score: number; rationale: string | null } | null>,
  actor: Actor,
  now: Date,
) {
  const option = await optionOf(tx, councilId, projectId, optionId)
  if (!option) throw new ProjectInputError('optionId', 'Select an option of this project')
  const { criteria } = await appraisalOf(tx, councilId, projectId)
  const recorded: Record<string, number | null> = {}
  for (const c of criteria) {
    if (!scores.has(c.id)) continue
    const value = scores.get(c.id)
    await tx.delete(appraisalScores).where(and(eq(appraisalScores.optionId, option.id), eq(appraisalScores.criterionId, c.id)))
    if (value) await tx.insert(appraisalScores).values({ optionId: option.id, criterionId: c.id, projectId, councilId, score: value.score, rationale: value.rationale })
    recorded[c.name] = value?.score ?? null
  }
  await touch(tx, projectId, now)
  await audit(tx, councilId, projectId, actor, now, 'score option', { option: option.name, scores: recorded })
}

// ---------- Everything on the project page ----------

/** What the council pays the suppliers of the contracts and the recipients of the grants in place now. */
export async function spendInPlace(db: Executor, councilId: string, links: { link: { role: string; contractId: string | null; grantId: string | null } }[]): Promise<ProviderSpend[]> {
  const current = links.filter((l) => l.link.role === 'current')
  const contractIds = current.map((l) => l.link.contractId).filter((id): id is string => id !== null)
  const grantIds = current.map((l) => l.link.grantId).filter((id): id is string => id !== null)
  const [suppliers, recipients] = await Promise.all([
    contractIds.length
      ? db.select({ providerId: contractSuppliers.providerId }).from(contractSuppliers).where(and(eq(contractSuppliers.councilId, councilId), inArray(contractSuppliers.contractId, contractIds)))
      : Promise.resolve([]),
    grantIds.length
      ? db.select({ providerId: grants.recipientProviderId }).from(grants).where(and(eq(grants.councilId, councilId), inArray(grants.id, grantIds)))
      : Promise.resolve([]),
  ])
  const providerIds = [...new Set([...suppliers, ...recipients].map((r) => r.providerId).filter((id): id is string => id !== null))]
  return spendWithProviders(db, councilId, providerIds)
}

export async function projectDetail(db: Executor, councilId: string, project: ProjectRow) {
  const scoped = (t: { councilId: AnyPgColumn; projectId: AnyPgColumn }) =>
    and(eq(t.councilId, councilId), eq(t.projectId, project.id))
  const [lead, partners, needs, outcomes, links, advice, decisions, milestones, history] = await Promise.all([
    project.leadCommissionerId ? db.select({ name: users.displayName }).from(users).where(eq(users.id, project.leadCommissionerId)) : Promise.resolve([]),
    db.select().from(projectPartners).where(scoped(projectPartners)).orderBy(asc(projectPartners.createdAt)),
    db.select().from(projectNeeds).where(scoped(projectNeeds)).orderBy(asc(projectNeeds.createdAt)),
    db.select().from(projectOutcomes).where(scoped(projectOutcomes)).orderBy(asc(projectOutcomes.createdAt)),
    db
      .select({ link: projectLinks, contractTitle: contracts.title, contractReference: contracts.reference, grantTitle: grants.title, grantAmount: grants.amountAwardedPence })
      .from(projectLinks)
      .leftJoin(contracts, eq(contracts.id, projectLinks.contractId))
      .leftJoin(grants, eq(grants.id, projectLinks.grantId))
      .where(scoped(projectLinks))
      .orderBy(asc(projectLinks.createdAt)),
    db.select().from(projectRouteAdvice).where(scoped(projectRouteAdvice)).orderBy(desc(projectRouteAdvice.createdAt)),
    db.select().from(projectDecisions).where(scoped(projectDecisions)).orderBy(desc(projectDecisions.decidedAt)),
    db.select().from(projectMilestones).where(scoped(projectMilestones)).orderBy(asc(projectMilestones.dueDate)),
    historyOf(db, { councilId, entityType: ENTITY, entityId: project.id }),
  ])
  return {
    lead: lead[0]?.name ?? null,
    partners,
    needs,
    outcomes,
    links,
    advice: advice.map((a) => ({ ...a, advice: a.advice as RouteAdvice, request: a.request as RouteAdviceRequest })),
    decisions,
    milestones,
    history,
  }
}

/** The projects that link a contract or grant (as in place now or as what they put in place): its page links back. */
export async function projectsLinking(db: Executor, councilId: string, target: { contractId: string } | { grantId: string }) {
  const on = 'contractId' in target ? eq(projectLinks.contractId, target.contractId) : eq(projectLinks.grantId, target.grantId)
  return db
    .selectDistinct({ id: commissioningProjects.id, title: commissioningProjects.title, role: projectLinks.role })
    .from(projectLinks)
    .innerJoin(commissioningProjects, eq(commissioningProjects.id, projectLinks.projectId))
    .where(and(eq(projectLinks.councilId, councilId), on))
    .orderBy(asc(commissioningProjects.title))
}

/** Route advice regimes that mean the project plans a procurement (not a grant, an exemption or the PSR). */
const PROCUREMENT_REGIMES: readonly Regime[] = ['covered-above-threshold', 'regulated-below-threshold', 'below-threshold-not-notifiable']

/** Whether a project is in the council's pipeline (ADR 0053): at the Plan stage, its latest route advice a procurement. */
export function plansProcurement(stage: string, latestRegime: string | undefined): boolean {
  return stage === 'plan' && latestRegime !== undefined && (PROCUREMENT_REGIMES as readonly string[]).includes(latestRegime)
}

/**
 * The council's planned procurements from its own projects: each project at the Plan stage whose latest saved route
 * advice is a procurement, with that advice's request (value and start date). For the pipeline (ADR 0053), which
 * lists them from this record rather than from a copy.
 */
export async function plannedProcurements(db: Executor, councilId: string) {
  const rows = await db
    .select({ project: commissioningProjects, request: projectRouteAdvice.request, regime: projectRouteAdvice.regime, savedAt: projectRouteAdvice.createdAt })
    .from(commissioningProjects)
    .innerJoin(projectRouteAdvice, and(eq(projectRouteAdvice.projectId, commissioningProjects.id), eq(projectRouteAdvice.councilId, councilId)))
    .where(and(eq(commissioningProjects.councilId, councilId), eq(commissioningProjects.stage, 'plan')))
    .orderBy(desc(projectRouteAdvice.createdAt))
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.project.id)) latest.set(row.project.id, row)
  return [...latest.values()]
    .filter((r) => plansProcurement(r.project.stage, r.regime))
    .map((r) => ({ project: r.project, request: r.request as RouteAdviceRequest, savedAt: r.savedAt }))
}
