/**
 * Commissioning projects on a home page: for each project, the milestones (decisions, go-lives) due in the next 30
 * days or already past and not yet in Review, linking to the project's timeline.
 */
import { and, asc, eq, lte, ne } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate, addMonths } from '../contracts/dates.ts'
import { commissioningProjects, projectMilestones } from './schema.ts'

export const projectsAttention: AttentionSource = {
  permission: 'projects:read',
  async items({ db, principal, now }) {
    const horizon = addMonths(londonDate(now), 1)
    const rows = await db
      .select({ projectId: commissioningProjects.id, title: commissioningProjects.title })
      .from(projectMilestones)
      .innerJoin(commissioningProjects, eq(commissioningProjects.id, projectMilestones.projectId))
      .where(and(eq(projectMilestones.councilId, principal.councilId), lte(projectMilestones.dueDate, horizon), ne(commissioningProjects.stage, 'review')))
      .orderBy(asc(commissioningProjects.title))
    const byProject = new Map<string, { title: string; n: number }>()
    for (const row of rows) {
      const entry = byProject.get(row.projectId) ?? { title: row.title, n: 0 }
      entry.n++
      byProject.set(row.projectId, entry)
    }
    return [...byProject].map(([id, { title, n }]) => ({
      count: n,
      text: `${n === 1 ? 'milestone' : 'milestones'} due within a month or past: ${title}`,
      href: `${paths.projects.show.href({ id })}#timeline`,
      stage: 'plan' as const,
    }))
  },
}
