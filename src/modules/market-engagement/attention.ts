/**
 * Market engagement on a home page. A provider: engagements open now that it has not answered. A commissioner
 * (market:write): engagements whose last day has passed and that nobody has closed, so the record for the UK2 notice
 * is finished.
 */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { isOpen } from './rules.ts'
import { listEngagements, responsesOfProvider } from './service.ts'

const engagements = (n: number) => (n === 1 ? 'market engagement' : 'market engagements')

export const marketEngagementAttention: AttentionSource[] = [
  {
    permission: 'market:write',
    async items({ db, principal, now }) {
      const today = londonDate(now)
      const pastLastDay = (await listEngagements(db, principal.councilId)).filter((e) => e.status === 'open' && !isOpen(e, today))
      return [{ count: pastLastDay.length, text: `${engagements(pastLastDay.length)} past the last day, to close`, href: paths.marketEngagement.list.href(), stage: 'plan' as const }]
    },
  },
  {
    permission: 'market-engagement:respond-own',
    async items({ db, principal, now }) {
      if (!principal.providerId) return []
      const today = londonDate(now)
      const [all, answered] = await Promise.all([listEngagements(db, principal.councilId), responsesOfProvider(db, principal.councilId, principal.providerId)])
      const toAnswer = all.filter((e) => isOpen(e, today) && !answered.has(e.id))
      return [{ count: toAnswer.length, text: `${engagements(toAnswer.length)} open for your interest`, href: paths.marketEngagement.provider.href({ id: principal.providerId }), stage: 'plan' as const }]
    },
  },
]
