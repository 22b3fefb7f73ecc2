/**
 * Priorities residents set (/api/v1/priorities, ADR 0061): the council's rounds, and one round with its ideas as the
 * round's public pages show them (submitted ideas with the officers' review; votes, winners and delivery once the
 * results are published). Rounds are public, so any role with api:use may read its own council's; another council's
 * round is "not found" through the API, which is always one council's. Read only. Its scope is `priorities`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { PHASES } from './phases.ts'
import * as service from './service.ts'

const PHASE_CODES = PHASES.map((p) => p.code) as [string, ...string[]]

const listQuery = z.object({
  phase: z.enum(PHASE_CODES, { error: `Use one of ${PHASE_CODES.join(', ')}` }).optional(),
  ...pagingQuery,
})

const resultsPublished = (round: service.RoundRow) => round.phase === 'results' || round.phase === 'delivery'

function roundJson(r: service.RoundRow) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    phase: r.phase,
    votingMethod: r.votingMethod,
    budgetPence: r.budgetPence,
    votingClosesOn: r.votingClosesOn,
    resultsPublished: resultsPublished(r),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    links: { self: paths.api.priorityRound.href({ id: r.id }), html: paths.priorities.show.href({ id: r.id }) },
  }
}

export function registerPriorityApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('api:use') }

  app.get(paths.api.priorities.pattern, read, async (request, reply) => {
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, ...filters } = parsed.data
    const page = await service.roundsAfter(db, principalOf(request).councilId, filters, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(roundJson), links: { next: nextLink(request, page.items.at(-1)?.id, page.more) } })
  })

  app.get(paths.api.priorityRound.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const round = await service.getRoundForCouncil(db, principalOf(request).councilId, id)
    if (!round) throw new NotFoundError('Priorities round')
    const ideas = await service.submittedIdeas(db, round.id)
    // Votes and winners only once published, as on the results page: a count during voting would sway the vote.
    const result = resultsPublished(round) ? await service.results(db, round) : undefined
    const counted = new Map((result?.tally.rows ?? []).map((row) => [row.idea.id, row]))
    return sendWithEtag(request, reply, {
      ...roundJson(round),
      ballots: result ? result.tally.ballots : null,
      ideas: ideas.map((idea) => {
        const row = counted.get(idea.id)
        return {
          id: idea.id,
          title: idea.title,
          description: idea.description,
          feasibility: idea.feasibility,
          costPence: idea.costPence,
          reviewNote: idea.reviewNote,
          votes: result ? (row?.votes ?? null) : null,
          rank: row?.rank ?? null,
          winner: result ? result.winners.has(idea.id) : null,
          override: idea.winnerOverride === null ? null : { winner: idea.winnerOverride, reason: idea.overrideReason },
          deliveryStatus: idea.deliveryStatus,
          deliveryNote: idea.deliveryNote,
          deliveredBy: {
            project: idea.projectId ? { id: idea.projectId, links: { self: paths.api.project.href({ id: idea.projectId }) } } : null,
            grant: idea.grantId ? { id: idea.grantId, links: { self: paths.api.grant.href({ id: idea.grantId }) } } : null,
          },
        }
      }),
    })
  })
}
