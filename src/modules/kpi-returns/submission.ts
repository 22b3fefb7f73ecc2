/**
 * What a provider may send as a quarter's KPI figure, in one place for the returns page and the API (ADR 0061), so
 * the two cannot drift: the KPI must be of a contract the provider supplies in the council, the quarter one that
 * has ended within the contract's term, the figure a number as the page reads it, the note short, and a return
 * the council has accepted is final.
 */
import type { Executor } from '../../platform/db/database.ts'
import { quarterStartingOn, readFigure, reportableQuarters, type Quarter } from './rules.ts'
import * as service from './service.ts'

export const MAX_NOTE = 2000

export interface ReportableQuarter {
  kpi: service.KpiOfContract
  quarter: Quarter
  existing: service.KpiReturn | undefined
}

/** The provider's KPI and an ended quarter of its term, with the return already sent for it; undefined if either is not theirs to report. */
export async function reportableQuarter(db: Executor, councilId: string, providerId: string, kpiId: string, periodStart: string, today: string): Promise<ReportableQuarter | undefined> {
  const [kpi] = await service.kpisOf(db, councilId, { providerId, kpiId })
  const quarter = quarterStartingOn(periodStart)
  if (!kpi || !quarter || !reportableQuarters(kpi, today).some((q) => q.start === quarter.start)) return undefined
  const [existing] = (await service.returnsFor(db, councilId, [kpi.kpiId])).filter((r) => r.periodStart === quarter.start)
  return { kpi, quarter, existing }
}

export type CheckedReturn =
  | { ok: true; figure: string; note: string | null }
  | { ok: false; conflict: boolean; issues: { field: 'figure' | 'note'; message: string }[] }

/** The figure and note as the provider typed them, against the rules; `conflict` when the council has already accepted the return. */
export function checkReturn(input: { figure: string; note: string }, existing: service.KpiReturn | undefined): CheckedReturn {
  const figure = readFigure(input.figure)
  const issues: { field: 'figure' | 'note'; message: string }[] = []
  if (!figure.ok) issues.push({ field: 'figure', message: figure.message })
  if (input.note.length > MAX_NOTE) issues.push({ field: 'note', message: 'Keep the note to 2,000 characters or fewer' })
  const conflict = existing?.status === 'accepted'
  if (conflict) issues.push({ field: 'figure', message: 'The council has already accepted this return' })
  if (issues.length || !figure.ok) return { ok: false, conflict, issues }
  return { ok: true, figure: figure.value, note: input.note || null }
}
