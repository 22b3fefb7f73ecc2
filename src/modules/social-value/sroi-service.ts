/**
 * SROI models kept per project or contract: the inputs and their source, each outcome with its quantity, proxy,
 * duration and deductions and where each came from. The arithmetic is src/rules/social-value/sroi.ts; the discount
 * rate is the model's own or, when it has none, the council's setting.
 */
import { and, asc, desc, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { calculateSroi, sensitivity, type SroiModel, type SroiResult, type SensitivityRow } from '../../rules/social-value/sroi.ts'
import { contracts } from '../contracts/schema.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { svSroiModels, svSroiOutcomes } from './schema.ts'
import { socialValueSettings } from './settings.ts'

export type SroiModelRow = typeof svSroiModels.$inferSelect
export type SroiOutcomeRow = typeof svSroiOutcomes.$inferSelect

export async function sroiModelsOf(db: Executor, councilId: string) {
  return db
    .select({ model: svSroiModels, projectTitle: commissioningProjects.title, contractTitle: contracts.title, contractReference: contracts.reference })
    .from(svSroiModels)
    .leftJoin(commissioningProjects, eq(commissioningProjects.id, svSroiModels.projectId))
    .leftJoin(contracts, eq(contracts.id, svSroiModels.contractId))
    .where(eq(svSroiModels.councilId, councilId))
    .orderBy(desc(svSroiModels.createdAt))
}

export async function sroiModelsFor(db: Executor, councilId: string, target: { contractId: string } | { projectId: string }) {
  return db
    .select({ id: svSroiModels.id, title: svSroiModels.title })
    .from(svSroiModels)
    .where(and(eq(svSroiModels.councilId, councilId), 'contractId' in target ? eq(svSroiModels.contractId, target.contractId) : eq(svSroiModels.projectId, target.projectId)))
    .orderBy(asc(svSroiModels.title))
}

export interface SroiDetail {
  model: SroiModelRow
  outcomes: SroiOutcomeRow[]
  projectTitle: string | null
  contractTitle: string | null
  discountRate: number
  discountRateFromSettings: boolean
  result: SroiResult
  sensitivity: SensitivityRow[]
  steps: { sharePoints: number; relative: number }
}

export async function sroiDetail(db: Executor, councilId: string, id: string): Promise<SroiDetail | undefined> {
  const [row] = await db
    .select({ model: svSroiModels, projectTitle: commissioningProjects.title, contractTitle: contracts.title })
    .from(svSroiModels)
    .leftJoin(commissioningProjects, eq(commissioningProjects.id, svSroiModels.projectId))
    .leftJoin(contracts, eq(contracts.id, svSroiModels.contractId))
    .where(and(eq(svSroiModels.councilId, councilId), eq(svSroiModels.id, id)))
  if (!row) return undefined
  const [outcomes, settings] = await Promise.all([
    db.select().from(svSroiOutcomes).where(eq(svSroiOutcomes.modelId, id)).orderBy(asc(svSroiOutcomes.position)),
    readSettings(db, councilId, socialValueSettings),
  ])
  const discountRate = row.model.discountRate ?? settings.discountRatePercent / 100
  const model: SroiModel = {
    inputsPence: row.model.inputsPence,
    discountRate,
    outcomes: outcomes.map((o) => ({ name: o.name, quantity: o.quantity, proxyPence: o.proxyPence, durationYears: o.durationYears, deadweight: o.deadweight, displacement: o.displacement, attribution: o.attribution, dropOff: o.dropOff })),
  }
  const steps = { sharePoints: settings.sensitivitySharePoints / 100, relative: settings.sensitivityRelativePercent / 100, years: 1, ratePoints: 0.01 }
  return {
    model: row.model,
    outcomes,
    projectTitle: row.projectTitle,
    contractTitle: row.contractTitle,
    discountRate,
    discountRateFromSettings: row.model.discountRate === null,
    result: calculateSroi(model),
    sensitivity: outcomes.length ? sensitivity(model, steps) : [],
    steps,
  }
}

export interface SroiModelInput {
  title: string
  projectId: string | null
  contractId: string | null
  inputsPence: number
  inputsSource: string
  discountRate: number | null
}

export async function createSroiModel(tx: Executor, input: { councilId: string; values: SroiModelInput; actor: Actor; now: Date }): Promise<string> {
  const [row] = await tx.insert(svSroiModels).values({ councilId: input.councilId, ...input.values, createdBy: input.actor.label, createdAt: input.now }).returning({ id: svSroiModels.id })
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'sv-sroi', entityId: row!.id, after: input.values, at: input.now })
  return row!.id
}

export interface SroiOutcomeInput {
  name: string
  measureId: string | null
  quantity: number
  proxyPence: number
  durationYears: number
  deadweight: number
  displacement: number
  attribution: number
  dropOff: number
  sources: string
}

export async function addSroiOutcome(tx: Executor, input: { councilId: string; modelId: string; values: SroiOutcomeInput; actor: Actor; now: Date }): Promise<void> {
  const existing = await tx.select({ position: svSroiOutcomes.position }).from(svSroiOutcomes).where(eq(svSroiOutcomes.modelId, input.modelId))
  const position = Math.max(0, ...existing.map((e) => e.position)) + 1
  const [row] = await tx.insert(svSroiOutcomes).values({ modelId: input.modelId, position, ...input.values }).returning({ id: svSroiOutcomes.id })
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'add-outcome', entityType: 'sv-sroi', entityId: input.modelId, after: { outcomeId: row!.id, ...input.values }, at: input.now })
}
