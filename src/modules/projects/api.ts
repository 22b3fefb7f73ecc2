/**
 * Commissioning projects' JSON API (/api/v1/projects): the list with the page's filters, and one project with its
 * needs, outcomes, milestones, decisions and options appraisal (ranked as the appraisal page ranks it). Read only,
 * with the pages' permission (projects:read) and tenancy, cursor paging and ETags (ADR 0044).
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { MAX_SCORE, rankOptions } from './appraisal.ts'
import { STAGES } from './forms.ts'
import * as service from './service.ts'

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  stage: z.enum(STAGES, { error: `Use one of ${STAGES.join(', ')}` }).optional(),
  ...pagingQuery,
})

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places

function projectJson(p: service.ProjectRow, lead: string | null) {
  return {
    id: p.id,
    title: p.title,
    serviceArea: p.serviceArea,
    stage: p.stage,
    summary: p.summary,
    budgetPence: p.budgetPence,
    lead,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    links: { self: paths.api.project.href({ id: p.id }), html: paths.projects.show.href({ id: p.id }) },
  }
}

export function registerProjectApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('projects:read')] }

  app.get(paths.api.projects.pattern, read, async (request, reply) => {
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, ...filters } = parsed.data
    const page = await service.listProjectsAfter(db, principalOf(request).councilId, filters, cursor, limit)
    return sendWithEtag(request, reply, {
      items: page.items.map((r) => projectJson(r.project, r.lead)),
      links: { next: nextLink(request, page.items.at(-1)?.project.id, page.more) },
    })
  })

  app.get(paths.api.project.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const councilId = principalOf(request).councilId
    const project = await service.getProject(db, councilId, id)
    if (!project) throw new NotFoundError('Project')
    const [detail, appraisal] = await Promise.all([service.projectDetail(db, councilId, project), service.appraisalOf(db, councilId, project.id)])
    const ranking = rankOptions(appraisal.options, appraisal.criteria, appraisal.scores)
    return sendWithEtag(request, reply, {
      ...projectJson(project, detail.lead),
      needs: detail.needs.map((n) => ({ id: n.id, need: n.need, evidence: n.evidence })),
      outcomes: detail.outcomes.map((o) => ({ id: o.id, outcome: o.outcome, indicator: o.indicator, baseline: o.baseline, target: o.target, latest: o.latest })),
      milestones: detail.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate })),
      decisions: detail.decisions.map((d) => ({ id: d.id, stage: d.stage, decision: d.decision, reason: d.reason, decidedBy: d.decidedByName, decidedAt: d.decidedAt.toISOString() })),
      appraisal: {
        maxScore: MAX_SCORE,
        totalWeight: ranking.totalWeight,
        complete: ranking.complete,
        criteria: appraisal.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, weightPercent: round(ranking.normalisedWeights.get(c.id) ?? 0, 1) })),
        options: ranking.ranked.map((r) => ({
          id: r.option.id,
          name: r.option.name,
          rank: r.rank,
          weightedScore: round(r.weightedScore),
          percent: round(r.percent, 1),
          scored: r.scored,
          scores: appraisal.criteria.flatMap((c) => {
            const score = appraisal.scores.get(r.option.id)?.get(c.id)
            return score === undefined ? [] : [{ criterionId: c.id, score, rationale: appraisal.rationales.get(`${r.option.id}:${c.id}`) ?? null }]
          }),
        })),
      },
    })
  })
}
