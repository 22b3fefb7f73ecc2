/** Participatory budgeting on a home page: each round whose ballot is open, with the ballots cast so far. */
import { and, asc, count, eq } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { priorityBallots, priorityRounds } from './schema.ts'

export const prioritiesAttention: AttentionSource = {
  permission: 'priorities:manage',
  async items({ db, principal }) {
    const rounds = await db
      .select({ id: priorityRounds.id, title: priorityRounds.title })
      .from(priorityRounds)
      .where(and(eq(priorityRounds.councilId, principal.councilId), eq(priorityRounds.phase, 'voting')))
      .orderBy(asc(priorityRounds.createdAt))
    const items = []
    for (const round of rounds) {
      const [row] = await db.select({ n: count() }).from(priorityBallots).where(and(eq(priorityBallots.roundId, round.id), eq(priorityBallots.status, 'counted')))
      const n = Number(row?.n ?? 0)
      items.push({ count: n, text: `${n === 1 ? 'ballot' : 'ballots'} so far, voting open: ${round.title}`, href: paths.priorities.manage.href({ id: round.id }) })
    }
    return items
  },
}
