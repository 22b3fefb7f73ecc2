/**
 * Grant rounds on a home page. A provider: rounds open to it, drafts to submit, decisions to read. An assessor:
 * applications waiting for a score. A manager: applications to moderate, closed rounds waiting for a decision.
 */
import { and, eq } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { submitWindow } from './rules.ts'
import { grantRounds } from './schema.ts'
import * as service from './service.ts'

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

export const grantRoundsAttention: AttentionSource[] = [
  {
    permission: 'grant-rounds:apply-own',
    async items({ db, principal, now }) {
      if (!principal.providerId) return []
      const [rounds, applications] = await Promise.all([service.roundsForProvider(db, principal.councilId, principal.providerId), service.applicationsOfProvider(db, principal.councilId, principal.providerId)])
      const applied = new Set(applications.map((a) => a.round.id))
      const open = rounds.filter((r) => r.status === 'published' && submitWindow(r, now) === 'open' && !applied.has(r.id)).length
      const drafts = applications.filter((a) => a.application.status === 'draft' && submitWindow(a.round, now) === 'open').length
      const decided = applications.filter((a) => a.round.status === 'decided' && a.application.decision).length
      const list = paths.grantRounds.list.href()
      return [
        { count: open, text: `grant ${plural(open, 'round', 'rounds')} open for you to apply to`, href: `${list}#open`, stage: 'do' as const },
        { count: drafts, text: `draft grant ${plural(drafts, 'application', 'applications')} to submit`, href: `${list}#applications`, stage: 'do' as const },
        { count: decided, text: `grant ${plural(decided, 'decision', 'decisions')} with feedback to read`, href: `${list}#applications`, stage: 'do' as const },
      ]
    },
  },
  {
    permission: 'grant-rounds:assess',
    async items({ db, principal, now }) {
      const rounds = await db.select().from(grantRounds).where(and(eq(grantRounds.councilId, principal.councilId), eq(grantRounds.status, 'published')))
      let toScore = 0
      let toModerate = 0
      let toDecide = 0
      for (const round of rounds) {
        if (submitWindow(round, now) !== 'closed') continue
        const [applications, declaration] = await Promise.all([service.applicationsOfRound(db, round), service.declarationOf(db, round.id, principal.userId)])
        const submitted = applications.filter((a) => a.application.status === 'submitted')
        toScore += submitted.filter((a) => a.scores.length < 2 && !a.scores.some((s) => s.userId === principal.userId) && !declaration?.conflictProviderIds.includes(a.provider.id)).length
        toModerate += submitted.filter((a) => a.state.state === 'needs-moderation').length
        if (submitted.every((a) => a.application.decision)) toDecide++
      }
      const list = paths.grantRounds.list.href()
      const items = [{ count: toScore, text: `grant ${plural(toScore, 'application', 'applications')} waiting for your score`, href: list }]
      if (principal.role === 'admin' || principal.role === 'commissioner') {
        items.push({ count: toModerate, text: `grant ${plural(toModerate, 'application', 'applications')} whose scores need moderating`, href: list })
        items.push({ count: toDecide, text: `closed grant ${plural(toDecide, 'round', 'rounds')} ready to decide`, href: list })
      }
      return items
    },
  },
]

