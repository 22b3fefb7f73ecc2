/**
 * Stories on a home page: for moderators, stories waiting for a decision and reports to look at; for a provider,
 * its stories that still wait for its reply; for council staff, stories published in the last 30 days.
 */
import { and, count, eq, gte, isNull, lte, notExists, sql } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { stories, storyReports, storyResponses } from './schema.ts'

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

export const storiesAttention: AttentionSource[] = [
  {
    permission: 'stories:moderate',
    async items({ db, principal }) {
      const [waiting] = await db.select({ n: count() }).from(stories).where(and(eq(stories.councilId, principal.councilId), eq(stories.status, 'awaiting-moderation')))
      const [reported] = await db
        .select({ n: sql<number>`count(distinct ${storyReports.storyId})::int` })
        .from(storyReports)
        .where(and(eq(storyReports.councilId, principal.councilId), isNull(storyReports.resolvedAt)))
      const w = Number(waiting?.n ?? 0)
      const r = Number(reported?.n ?? 0)
      return [
        { count: w, text: plural(w, 'story waiting for moderation', 'stories waiting for moderation'), href: paths.moderation.queue.href() },
        { count: r, text: plural(r, 'story reported by a reader', 'stories reported by readers'), href: paths.moderation.queue.href() },
      ]
    },
  },
  {
    permission: 'stories:respond-own',
    async items({ db, principal }) {
      if (!principal.providerId) return []
      const [row] = await db
        .select({ n: count() })
        .from(stories)
        .where(
          and(
            eq(stories.councilId, principal.councilId),
            eq(stories.providerId, principal.providerId),
            eq(stories.status, 'published'),
            notExists(db.select({ one: sql`1` }).from(storyResponses).where(eq(storyResponses.storyId, stories.id))),
          ),
        )
      const n = Number(row?.n ?? 0)
      return [{ count: n, text: plural(n, 'story about you waiting for your reply', 'stories about you waiting for your reply'), href: paths.stories.provider.href() }]
    },
  },
  {
    permission: 'stories:read-council',
    async items({ db, principal, now }) {
      const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)
      const [row] = await db
        .select({ n: count() })
        .from(stories)
        .where(and(eq(stories.councilId, principal.councilId), eq(stories.status, 'published'), gte(stories.publishedAt, since), lte(stories.publishedAt, now)))
      const n = Number(row?.n ?? 0)
      return [{ count: n, text: plural(n, 'story published in the last 30 days', 'stories published in the last 30 days'), href: paths.stories.council.href() }]
    },
  },
]
