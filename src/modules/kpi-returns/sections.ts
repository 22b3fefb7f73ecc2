/**
 * The contract page's KPI returns section (contracts/views/show.njk includes kpi-returns/views/_contract-section.njk):
 * each KPI's returns by quarter with their state, accepted figures beside the target for the s.71 assessment.
 */
import { escapeHtml as escape } from '../../platform/http/html.ts'
import type { Executor } from '../../platform/db/database.ts'
import { paths } from '../../paths.ts'
import { quarterStartingOn, showFigure, STATE_WORDS, type ReturnState } from './rules.ts'
import { kpisOf, returnsFor } from './service.ts'

export async function contractKpiReturns(db: Executor, councilId: string, contractId: string) {
  const kpis = await kpisOf(db, councilId, { contractId })
  const returns = await returnsFor(db, councilId, kpis.map((k) => k.kpiId))
  const byKpi = new Map(kpis.map((k) => [k.kpiId, k]))
  const rows = returns.map((r) => {
    const kpi = byKpi.get(r.kpiId)!
    const state = STATE_WORDS[r.status as ReturnState]
    return [
      { text: kpi.kpiName },
      { text: kpi.target },
      { html: `<a class="govuk-link" href="${paths.kpiReturns.decision.href({ id: r.id })}">${escape(quarterStartingOn(r.periodStart)?.label ?? r.periodStart)}</a>` },
      { text: showFigure(r.figure), format: 'numeric' },
      { html: `<strong class="govuk-tag ${state.classes}">${state.text}</strong>` },
    ]
  })
  const suppliers = new Map(kpis.flatMap((k) => k.suppliers).map((s) => [s.id, s.name]))
  return {
    rows,
    table: { caption: 'KPI returns by quarter', captionClasses: 'govuk-visually-hidden', firstCellIsHeader: true, head: [{ text: 'KPI' }, { text: 'Target' }, { text: 'Quarter' }, { text: 'Figure', format: 'numeric' }, { text: 'Status' }], rows },
    suppliers: [...suppliers].map(([id, name]) => ({ name, href: paths.kpiReturns.provider.href({ id }) })),
    listHref: paths.kpiReturns.list.href(),
  }
}
