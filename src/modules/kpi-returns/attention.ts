/**
 * KPI returns on a home page. The contract manager (registers:write): returns waiting for a decision and returns
 * late. A provider: its returns due, late or queried.
 */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { overview } from './service.ts'

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

export const kpiReturnsAttention: AttentionSource[] = [
  {
    permission: 'registers:write',
    async items({ db, principal, now }) {
      const o = await overview(db, principal.councilId, londonDate(now))
      const list = paths.kpiReturns.list.href()
      return [
        { count: o.awaiting.length, text: `KPI ${plural(o.awaiting.length, 'return', 'returns')} to accept or query`, href: `${list}#awaiting`, stage: 'review' as const },
        { count: o.late.length, text: `KPI ${plural(o.late.length, 'return', 'returns')} late from providers`, href: `${list}#late`, stage: 'review' as const },
      ]
    },
  },
  {
    permission: 'kpi-returns:submit-own',
    async items({ db, principal, now }) {
      if (!principal.providerId) return []
      const o = await overview(db, principal.councilId, londonDate(now), { providerId: principal.providerId })
      const href = paths.kpiReturns.provider.href({ id: principal.providerId })
      return [
        { count: o.late.length, text: `KPI ${plural(o.late.length, 'return', 'returns')} late`, href, stage: 'review' as const },
        { count: o.due.length, text: `KPI ${plural(o.due.length, 'return', 'returns')} due`, href, stage: 'review' as const },
        { count: o.queried.length, text: `KPI ${plural(o.queried.length, 'return', 'returns')} queried by the council`, href, stage: 'review' as const },
      ]
    },
  },
]
