/**
 * Financial standing: the figures, events and assessments of a council's providers. Every function takes the council
 * from its caller and filters by it, so another council's record is never found; every change is audited.
 */
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { memberships, users } from '../../platform/auth/schema.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { formatPence } from '../../platform/money.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { assessFinancialStanding, naiveRule, residualOf, type Assessment, type MitigationCode, type NaiveOutcome } from '../../rules/risk/assess.ts'
import type { FinancialFigures, Metric, RiskLevel, Tier, TrackRecord } from '../../rules/risk/types.ts'
import { contractAssessments, contracts, contractSuppliers } from '../contracts/schema.ts'
import { annualValueOf } from '../contracts/annual-value.ts'
import { providers } from '../providers/schema.ts'
import { providerEvents, providerFinancials, riskAssessments } from './schema.ts'
import { DECISIONS, type Decision } from './forms.ts'
import { riskSettings, thresholdsOf } from './settings.ts'

export type FinancialsRow = typeof providerFinancials.$inferSelect
export type EventRow = typeof providerEvents.$inferSelect
export type AssessmentRow = typeof riskAssessments.$inferSelect

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

/** The figure fields of a year of accounts, in the order forms and tables show them. */
export const FIGURE_FIELDS = [
  { key: 'turnoverPence', name: 'Turnover', signed: false },
  { key: 'operatingProfitPence', name: 'Operating profit (or loss)', signed: true },
  { key: 'netAssetsPence', name: 'Net assets (or liabilities)', signed: true },
  { key: 'cashPence', name: 'Cash', signed: false },
  { key: 'currentAssetsPence', name: 'Current assets', signed: false },
  { key: 'currentLiabilitiesPence', name: 'Current liabilities', signed: false },
] as const
export type FigureKey = (typeof FIGURE_FIELDS)[number]['key']

export interface FinancialsInput {
  periodEnd: string
  turnoverPence: number | null
  operatingProfitPence: number | null
  netAssetsPence: number | null
  cashPence: number | null
  currentAssetsPence: number | null
  currentLiabilitiesPence: number | null
  tradingSince: string | null
  employees: number | null
  accountsAudited: boolean
  auditRequired: boolean | null
  parentCompany: string | null
  parentGuarantee: boolean
  /** Where each figure came from, by field name. */
  evidence: Record<string, string>
}

export function figuresOf(row: FinancialsRow): FinancialFigures {
  return {
    periodEnd: row.periodEnd,
    turnoverPence: row.turnoverPence,
    operatingProfitPence: row.operatingProfitPence,
    netAssetsPence: row.netAssetsPence,
    cashPence: row.cashPence,
    currentAssetsPence: row.currentAssetsPence,
    currentLiabilitiesPence: row.currentLiabilitiesPence,
    tradingSince: row.tradingSince,
    employees: row.employees,
    accountsAudited: row.accountsAudited,
    auditRequired: row.auditRequired,
    parentCompany: row.parentCompany,
    parentGuarantee: row.parentGuarantee,
  }
}

export async function providerOf(db: Executor, councilId: string, id: string) {
  if (!isUuid(id)) return undefined
  const [row] = await db.select({ id: providers.id, name: providers.name }).from(providers).where(and(eq(providers.councilId, councilId), eq(providers.id, id)))
  return row
}

export function financialsOf(db: Executor, councilId: string, providerId: string): Promise<FinancialsRow[]> {
  return db.select().from(providerFinancials).where(and(eq(providerFinancials.councilId, councilId), eq(providerFinancials.providerId, providerId))).orderBy(desc(providerFinancials.periodEnd))
}

export async function financialsFor(db: Executor, councilId: string, providerId: string, periodEnd: string): Promise<FinancialsRow | undefined> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(periodEnd)) return undefined
  const [row] = await db
    .select()
    .from(providerFinancials)
    .where(and(eq(providerFinancials.councilId, councilId), eq(providerFinancials.providerId, providerId), eq(providerFinancials.periodEnd, periodEnd)))
  return row
}

export async function financialsById(db: Executor, councilId: string, providerId: string, id: string): Promise<FinancialsRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(providerFinancials).where(and(eq(providerFinancials.councilId, councilId), eq(providerFinancials.providerId, providerId), eq(providerFinancials.id, id)))
  return row
}

/**
 * Adds a year of figures, or replaces the year with the same period end (a provider giving better evidence for a
 * year replaces the officer's entry, and the audit trail keeps both). `enteredBy` says who: an officer or the provider.
 */
export async function saveFinancials(tx: Executor, input: { councilId: string; providerId: string; values: FinancialsInput; enteredBy: string; actor: Actor; now: Date; replacing?: string }) {
  const existing = await financialsFor(tx, input.councilId, input.providerId, input.replacing ?? input.values.periodEnd)
  const clash = input.replacing && input.replacing !== input.values.periodEnd ? await financialsFor(tx, input.councilId, input.providerId, input.values.periodEnd) : undefined
  if (clash) return { outcome: 'clash' as const }
  const values = { ...input.values, enteredBy: input.enteredBy, updatedAt: input.now }
  if (existing) {
    const [row] = await tx.update(providerFinancials).set(values).where(eq(providerFinancials.id, existing.id)).returning()
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'update', entityType: 'provider-financials', entityId: existing.id, before: existing, after: row, at: input.now })
    return { outcome: 'updated' as const, row: row! }
  }
  const [row] = await tx.insert(providerFinancials).values({ ...values, councilId: input.councilId, providerId: input.providerId, createdAt: input.now }).returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'provider-financials', entityId: row!.id, after: row, at: input.now })
  return { outcome: 'created' as const, row: row! }
}

export function eventsOf(db: Executor, councilId: string, providerId: string): Promise<EventRow[]> {
  return db.select().from(providerEvents).where(and(eq(providerEvents.councilId, councilId), eq(providerEvents.providerId, providerId))).orderBy(desc(providerEvents.knownOn))
}

export async function recordEvent(
  tx: Executor,
  input: { councilId: string; providerId: string; values: { kind: string; occurredOn: string; knownOn: string; description: string; source: string | null }; actor: Actor; now: Date },
) {
  const [row] = await tx
    .insert(providerEvents)
    .values({ ...input.values, councilId: input.councilId, providerId: input.providerId, recordedBy: input.actor.label, createdAt: input.now })
    .returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'provider-event', entityId: row!.id, after: row, at: input.now })
  return row!
}

/** The provider's performance ratings on this council's contracts, and its recorded events. */
export async function trackRecordOf(db: Executor, councilId: string, providerId: string): Promise<TrackRecord> {
  const [ratings, events] = await Promise.all([
    db
      .select({ assessedOn: contractAssessments.assessedOn, rating: contractAssessments.rating })
      .from(contractAssessments)
      .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contractAssessments.contractId))
      .where(and(eq(contractAssessments.councilId, councilId), eq(contractSuppliers.councilId, councilId), eq(contractSuppliers.providerId, providerId))),
    eventsOf(db, councilId, providerId),
  ])
  return { assessments: ratings, events: events.map((e) => ({ kind: e.kind, occurredOn: e.occurredOn, knownOn: e.knownOn, description: e.description })) }
}

export interface ContractChoice {
  id: string
  reference: string
  title: string
  status: string
  annualValuePence: number | null
}

export async function contractsOf(db: Executor, councilId: string, providerId: string): Promise<ContractChoice[]> {
  const rows = await db
    .select({ id: contracts.id, reference: contracts.reference, title: contracts.title, status: contracts.status, estimatedAnnualValuePence: contracts.estimatedAnnualValuePence, totalValuePence: contracts.totalValuePence, startDate: contracts.startDate, endDate: contracts.endDate })
    .from(contracts)
    .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contracts.id))
    .where(and(eq(contracts.councilId, councilId), eq(contractSuppliers.providerId, providerId)))
    .orderBy(asc(contracts.reference))
  return rows.map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status, annualValuePence: annualValueOf(r) }))
}

export async function readThresholds(db: Executor, councilId: string) {
  return thresholdsOf((await readSettings(db, councilId, riskSettings)) as Record<string, number>)
}

export interface AssessmentRequest {
  councilId: string
  providerId: string
  contractId: string | null
  proposedTitle: string | null
  annualValuePence: number
  tier: Tier
  financials: FinancialsRow | null
  mitigations: MitigationCode[]
  on: string
  actor: Actor
  now: Date
  /** The tier the contract's value and the officer's answers suggested, kept with the record. */
  tierSuggestion?: { tier: Tier; reasons: string[]; answers?: Record<string, boolean> }
}

const LEVEL_WORDS: Record<RiskLevel, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' }

/** The stored explanation: the result, then each reason on its own line. */
export const explanationLines = (explanation: string) => explanation.split('\n').filter((l) => l.trim() !== '')

/** Assesses a provider for a contract with the council's current thresholds and stores the result, audited. */
export async function createAssessment(tx: Executor, input: AssessmentRequest): Promise<{ row: AssessmentRow; assessment: Assessment }> {
  const thresholds = await readThresholds(tx, input.councilId)
  const trackRecord = await trackRecordOf(tx, input.councilId, input.providerId)
  const assessment = assessFinancialStanding({
    figures: input.financials ? figuresOf(input.financials) : null,
    annualValuePence: input.annualValuePence,
    tier: input.tier,
    thresholds,
    trackRecord,
    on: input.on,
    mitigations: input.mitigations,
  })
  const [row] = await tx
    .insert(riskAssessments)
    .values({
      councilId: input.councilId,
      providerId: input.providerId,
      contractId: input.contractId,
      proposedTitle: input.proposedTitle,
      annualValuePence: input.annualValuePence,
      tier: input.tier,
      financialsId: input.financials?.id ?? null,
      thresholds: { ...thresholds.tiers[input.tier], naiveMultiple: thresholds.naiveMultiple, assessedOn: input.on, ...(input.tierSuggestion ? { tierSuggestion: input.tierSuggestion } : {}) },
      metrics: assessment.metrics,
      result: assessment.result,
      explanation: [`${LEVEL_WORDS[assessment.result]}.`, ...assessment.reasons].join('\n'),
      mitigations: assessment.mitigations,
      residualRisk: assessment.residualRisk,
      assessedBy: input.actor.label,
      createdAt: input.now,
    })
    .returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'risk-assessment', entityId: row!.id, after: row, at: input.now })
  return { row: row!, assessment }
}

export function assessmentsOf(db: Executor, councilId: string, providerId: string): Promise<AssessmentRow[]> {
  return db.select().from(riskAssessments).where(and(eq(riskAssessments.councilId, councilId), eq(riskAssessments.providerId, providerId))).orderBy(desc(riskAssessments.createdAt))
}

export async function assessmentFor(db: Executor, councilId: string, providerId: string, id: string): Promise<AssessmentRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(riskAssessments).where(and(eq(riskAssessments.councilId, councilId), eq(riskAssessments.providerId, providerId), eq(riskAssessments.id, id)))
  return row
}

/**
 * Recomputes the residual risk with the mitigations ticked, from the metrics stored with the assessment (so a later
 * change of settings or figures does not rewrite a past assessment), and records the decision if one is given.
 */
export async function decide(
  tx: Executor,
  input: { row: AssessmentRow; mitigations: MitigationCode[]; decision: string | null; reason: string | null; actor: Actor; now: Date },
): Promise<AssessmentRow> {
  const residual = residualFor(input.row, input.mitigations)
  const changes = {
    mitigations: residual.mitigations,
    residualRisk: residual.residualRisk,
    ...(input.decision ? { decision: input.decision, decisionReason: input.reason, decidedBy: input.actor.label, decidedAt: input.now } : {}),
  }
  const [after] = await tx.update(riskAssessments).set(changes).where(and(eq(riskAssessments.id, input.row.id), eq(riskAssessments.councilId, input.row.councilId))).returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.row.councilId, action: input.decision ? 'decide' : 'update', entityType: 'risk-assessment', entityId: input.row.id, before: input.row, after, at: input.now })
  return after!
}

/** The residual risk of a stored assessment under a set of mitigations, from the metrics stored with it. */
export function residualFor(row: AssessmentRow, mitigations: MitigationCode[]) {
  return residualOf(row.metrics as Metric[], mitigations)
}

/** Records that the provider was invited to give more evidence, audited, and tells its users by email (the outbox). */
export async function requestEvidence(
  tx: Executor,
  input: { row: AssessmentRow; providerName: string; councilName: string; actor: Actor; now: Date; notifier: Notifier; evidenceUrl: string },
): Promise<{ notified: number }> {
  const [after] = await tx.update(riskAssessments).set({ evidenceRequestedAt: input.now }).where(and(eq(riskAssessments.id, input.row.id), eq(riskAssessments.councilId, input.row.councilId))).returning()
  await recordAudit(tx, { actor: input.actor, councilId: input.row.councilId, action: 'request-evidence', entityType: 'risk-assessment', entityId: input.row.id, before: input.row, after, at: input.now })
  const people = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.councilId, input.row.councilId), eq(memberships.providerId, input.row.providerId), eq(memberships.role, 'provider'), eq(users.disabled, false)))
  for (const person of people) {
    await input.notifier.send(
      tx,
      {
        councilId: input.row.councilId,
        to: person.email,
        subject: `${input.councilName} invites you to give more evidence of your financial standing`,
        body: [
          `${input.councilName} has looked at ${input.providerName}'s financial standing for a contract worth ${formatPence(input.row.annualValuePence, { whole: true })} a year and would like more evidence before deciding.`,
          'You can give figures from your accounts, or other information that shows the same thing if your accounts need not be audited (Procurement Act 2023 s.22(3)).',
          '',
          input.evidenceUrl,
        ].join('\n'),
      },
      input.now,
    )
  }
  return { notified: people.length }
}

// ---------- the naive-rule report ----------

export interface NaiveReportRow {
  providerId: string
  providerName: string
  contractId: string
  reference: string
  title: string
  annualValuePence: number
  periodEnd: string | null
  turnoverPence: number | null
  naive: NaiveOutcome
  tier: Tier
  proportionate: RiskLevel | null
  reasons: string[]
}

/**
 * For each live contract (active or extended) and each supplier on it: what the naive rule says, and what the
 * proportionate assessment says with the supplier's latest figures at the tier the contract's value suggests.
 */
export async function naiveRuleReport(db: Executor, councilId: string, on: string): Promise<{ rows: NaiveReportRow[]; multiple: number }> {
  const thresholds = await readThresholds(db, councilId)
  const live = await db
    .select({ id: contracts.id, reference: contracts.reference, title: contracts.title, estimatedAnnualValuePence: contracts.estimatedAnnualValuePence, totalValuePence: contracts.totalValuePence, startDate: contracts.startDate, endDate: contracts.endDate, providerId: contractSuppliers.providerId, providerName: providers.name })
    .from(contracts)
    .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contracts.id))
    .innerJoin(providers, eq(providers.id, contractSuppliers.providerId))
    .where(and(eq(contracts.councilId, councilId), inArray(contracts.status, ['active', 'extended'])))
    .orderBy(asc(providers.name), asc(contracts.reference))
  const providerIds = [...new Set(live.map((c) => c.providerId))]
  const years = providerIds.length === 0 ? [] : await db.select().from(providerFinancials).where(and(eq(providerFinancials.councilId, councilId), inArray(providerFinancials.providerId, providerIds))).orderBy(desc(providerFinancials.periodEnd))
  const latest = new Map<string, FinancialsRow>()
  for (const y of years) if (!latest.has(y.providerId)) latest.set(y.providerId, y)
  const records = new Map<string, TrackRecord>()
  for (const id of providerIds) if (latest.has(id)) records.set(id, await trackRecordOf(db, councilId, id))
  const rows: NaiveReportRow[] = []
  for (const c of live) {
    const annual = annualValueOf(c)
    const figures = latest.get(c.providerId)
    if (annual === null) continue
    const tier = annual >= thresholds.tier3AnnualValuePence ? 3 : annual >= thresholds.tier2AnnualValuePence ? 2 : 1
    const assessment = figures ? assessFinancialStanding({ figures: figuresOf(figures), annualValuePence: annual, tier, thresholds, trackRecord: records.get(c.providerId)!, on }) : null
    rows.push({
      providerId: c.providerId,
      providerName: c.providerName,
      contractId: c.id,
      reference: c.reference,
      title: c.title,
      annualValuePence: annual,
      periodEnd: figures?.periodEnd ?? null,
      turnoverPence: figures?.turnoverPence ?? null,
      naive: naiveRule(figures?.turnoverPence ?? null, annual, thresholds.naiveMultiple),
      tier,
      proportionate: assessment?.result ?? null,
      reasons: assessment?.reasons ?? ['No figures recorded for this supplier.'],
    })
  }
  return { rows, multiple: thresholds.naiveMultiple }
}

/** Risk assessments made for a contract in the register, newest first: the contract page links them. */
export async function assessmentsOfContract(db: Executor, councilId: string, contractId: string) {
  const rows = await db.select().from(riskAssessments).where(and(eq(riskAssessments.councilId, councilId), eq(riskAssessments.contractId, contractId))).orderBy(desc(riskAssessments.createdAt))
  return rows.map((row) => ({ ...row, words: assessmentWords(row) }))
}


/** An assessment's result, residual risk and decision in words, for pages outside this module. */
export function assessmentWords(row: AssessmentRow) {
  return {
    result: LEVEL_WORDS[row.result as RiskLevel] ?? row.result,
    residual: LEVEL_WORDS[row.residualRisk as RiskLevel] ?? row.residualRisk,
    decision: row.decision ? (DECISIONS[row.decision as Decision] ?? row.decision) : 'Not decided yet',
  }
}

export interface AssessmentFilters {
  providerId?: string | undefined
  contractId?: string | undefined
  result?: string | undefined
  /** A decision's code, or "undecided" for those still waiting for one. */
  decision?: string | undefined
}

/** A page of the council's assessments in id order, after `afterId` (the API's keyset paging, ADR 0061), with each provider's name. */
export async function assessmentsAfter(db: Executor, councilId: string, filters: AssessmentFilters, afterId: string | null, limit: number) {
  const conditions = [eq(riskAssessments.councilId, councilId)]
  if (filters.providerId) conditions.push(eq(riskAssessments.providerId, filters.providerId))
  if (filters.contractId) conditions.push(eq(riskAssessments.contractId, filters.contractId))
  if (filters.result) conditions.push(eq(riskAssessments.result, filters.result))
  if (filters.decision) conditions.push(filters.decision === 'undecided' ? isNull(riskAssessments.decision) : eq(riskAssessments.decision, filters.decision))
  if (afterId) conditions.push(gt(riskAssessments.id, afterId))
  const rows = await db
    .select({ assessment: riskAssessments, providerName: providers.name })
    .from(riskAssessments)
    .innerJoin(providers, eq(providers.id, riskAssessments.providerId))
    .where(and(...conditions))
    .orderBy(asc(riskAssessments.id))
    .limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

/** One of the council's assessments by its id alone, with its provider's name. */
export async function assessmentById(db: Executor, councilId: string, id: string) {
  if (!isUuid(id)) return undefined
  const [row] = await db
    .select({ assessment: riskAssessments, providerName: providers.name })
    .from(riskAssessments)
    .innerJoin(providers, eq(providers.id, riskAssessments.providerId))
    .where(and(eq(riskAssessments.councilId, councilId), eq(riskAssessments.id, id)))
  return row
}
