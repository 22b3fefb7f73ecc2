/**
 * KPI returns (ADR 0047): providers send a quarter's figure for each KPI of their contracts; the contract manager
 * accepts it or queries it; accepted figures sit beside the targets on the contract's page for the s.71 assessment.
 * Reaches the register only through the contracts service; every change is audited in its transaction.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { kpisWithSuppliers } from '../contracts/service.ts'
import { askedQuarters, type Quarter, reportableQuarters, returnState, type ReturnState } from './rules.ts'
import { kpiReturns } from './schema.ts'

export type KpiReturn = typeof kpiReturns.$inferSelect
export type KpiRow = Awaited<ReturnType<typeof kpisWithSuppliers>>[number]

export class ReturnNotAllowedError extends Error {}

/** A KPI with its contract and every supplier that may report on it. */
export interface KpiOfContract {
  kpiId: string
  kpiName: string
  target: string
  contractId: string
  reference: string
  title: string
  status: string
  startDate: string | null
  endDate: string | null
  suppliers: { id: string; name: string }[]
}

function groupKpis(rows: KpiRow[]): KpiOfContract[] {
  const byKpi = new Map<string, KpiOfContract>()
  for (const row of rows) {
    const kpi = byKpi.get(row.kpiId) ?? { ...row, suppliers: [] }
    kpi.suppliers.push({ id: row.providerId, name: row.providerName })
    byKpi.set(row.kpiId, kpi)
  }
  return [...byKpi.values()]
}

export async function kpisOf(db: Executor, councilId: string, filter: { providerId?: string; contractId?: string; kpiId?: string } = {}): Promise<KpiOfContract[]> {
  return groupKpis(await kpisWithSuppliers(db, councilId, filter))
}

/** Live contracts ask for returns; a contract that has ended or not begun asks for none (its earlier returns stay). */
export const isLive = (kpi: { status: string }) => kpi.status === 'active' || kpi.status === 'extended'

export async function returnsFor(db: Executor, councilId: string, kpiIds: string[]): Promise<KpiReturn[]> {
  if (kpiIds.length === 0) return []
  return db
    .select()
    .from(kpiReturns)
    .where(and(eq(kpiReturns.councilId, councilId), inArray(kpiReturns.kpiId, kpiIds)))
    .orderBy(desc(kpiReturns.periodStart))
}

export async function returnById(db: Executor, councilId: string, id: string): Promise<KpiReturn | undefined> {
  const [row] = await db.select().from(kpiReturns).where(and(eq(kpiReturns.councilId, councilId), eq(kpiReturns.id, id)))
  return row
}

export interface QuarterLine {
  quarter: Quarter
  state: ReturnState
  asked: boolean
  ret?: KpiReturn | undefined
}

/** One KPI's quarters, newest first: each reportable quarter with its return and state. */
export function quarterLines(kpi: KpiOfContract, returns: KpiReturn[], today: string): QuarterLine[] {
  const mine = new Map(returns.filter((r) => r.kpiId === kpi.kpiId).map((r) => [r.periodStart, r]))
  const asked = new Set(isLive(kpi) ? askedQuarters(kpi, today).map((q) => q.start) : [])
  return reportableQuarters(kpi, today).map((quarter) => {
    const ret = mine.get(quarter.start)
    const state = returnState(quarter, ret?.status, today)
    // A quarter the council does not ask for is never late: it is simply not reported.
    return { quarter, ret, asked: asked.has(quarter.start), state: state === 'late' && !asked.has(quarter.start) ? 'not-due' : state }
  })
}

export interface Overview {
  awaiting: { ret: KpiReturn; kpi: KpiOfContract }[]
  late: { kpi: KpiOfContract; quarter: Quarter }[]
  queried: { ret: KpiReturn; kpi: KpiOfContract }[]
  due: { kpi: KpiOfContract; quarter: Quarter }[]
}

/** For the council (or one provider): returns waiting for a decision, returns late, queried, and due now. */
export async function overview(db: Executor, councilId: string, today: string, filter: { providerId?: string } = {}): Promise<Overview> {
  const kpis = await kpisOf(db, councilId, filter)
  const returns = await returnsFor(db, councilId, kpis.map((k) => k.kpiId))
  const result: Overview = { awaiting: [], late: [], queried: [], due: [] }
  for (const kpi of kpis) {
    for (const line of quarterLines(kpi, returns, today)) {
      if (line.state === 'submitted' && line.ret) result.awaiting.push({ ret: line.ret, kpi })
      else if (line.state === 'queried' && line.ret) result.queried.push({ ret: line.ret, kpi })
      else if (line.state === 'late') result.late.push({ kpi, quarter: line.quarter })
      else if (line.state === 'due') result.due.push({ kpi, quarter: line.quarter })
    }
  }
  return result
}

export interface Submission {
  councilId: string
  kpi: KpiOfContract
  providerId: string
  quarter: Quarter
  figure: string
  note: string | null
  actor: Actor
  now: Date
}

/**
 * Sends a quarter's figure. A return not yet decided may be corrected; a queried one is answered by sending it again;
 * an accepted one is final (the council would query it first).
 */
export async function submitReturn(tx: Executor, s: Submission): Promise<KpiReturn> {
  if (!s.kpi.suppliers.some((p) => p.id === s.providerId)) throw new ReturnNotAllowedError('Only a supplier of the contract can send its KPI returns')
  const [existing] = await tx.select().from(kpiReturns).where(and(eq(kpiReturns.kpiId, s.kpi.kpiId), eq(kpiReturns.periodStart, s.quarter.start))).for('update')
  if (existing?.status === 'accepted') throw new ReturnNotAllowedError('The council has already accepted this return')
  const values = { figure: s.figure, note: s.note, providerId: s.providerId, status: 'submitted', submittedBy: s.actor.label, submittedAt: s.now, updatedAt: s.now }
  if (existing) {
    const [row] = await tx.update(kpiReturns).set(values).where(eq(kpiReturns.id, existing.id)).returning()
    await recordAudit(tx, { actor: s.actor, councilId: s.councilId, action: existing.status === 'queried' ? 'answer-query' : 'correct', entityType: 'kpi-return', entityId: existing.id, before: existing, after: row, at: s.now })
    return row!
  }
  const [row] = await tx
    .insert(kpiReturns)
    .values({ ...values, councilId: s.councilId, contractId: s.kpi.contractId, kpiId: s.kpi.kpiId, periodStart: s.quarter.start, periodEnd: s.quarter.end, createdAt: s.now })
    .returning()
  await recordAudit(tx, { actor: s.actor, councilId: s.councilId, action: 'create', entityType: 'kpi-return', entityId: row!.id, after: row, at: s.now })
  return row!
}

export type Decision = { decision: 'accept' } | { decision: 'query'; query: string }

/** The contract manager's answer to a return waiting for one. False if it is no longer waiting. */
export async function decideReturn(tx: Executor, d: { councilId: string; id: string; decision: Decision; actor: Actor; now: Date }): Promise<boolean> {
  const [before] = await tx.select().from(kpiReturns).where(and(eq(kpiReturns.councilId, d.councilId), eq(kpiReturns.id, d.id))).for('update')
  if (!before || before.status !== 'submitted') return false
  const [after] = await tx
    .update(kpiReturns)
    .set({ status: d.decision.decision === 'accept' ? 'accepted' : 'queried', query: d.decision.decision === 'query' ? d.decision.query : before.query, decidedBy: d.actor.label, decidedAt: d.now, updatedAt: d.now })
    .where(eq(kpiReturns.id, d.id))
    .returning()
  await recordAudit(tx, { actor: d.actor, councilId: d.councilId, action: d.decision.decision, entityType: 'kpi-return', entityId: d.id, before, after, at: d.now })
  return true
}

/** Accepted figures of a contract's KPIs, oldest first: its performance as the provider reported it and the council accepted. */
export async function acceptedFigures(db: Executor, councilId: string, contractId: string): Promise<KpiReturn[]> {
  return db
    .select()
    .from(kpiReturns)
    .where(and(eq(kpiReturns.councilId, councilId), eq(kpiReturns.contractId, contractId), eq(kpiReturns.status, 'accepted')))
    .orderBy(asc(kpiReturns.periodStart))
}
