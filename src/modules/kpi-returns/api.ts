/**
 * A provider sends a quarter's KPI figure through the API (POST /api/v1/kpi-returns, ADR 0061), as it would on its
 * returns page: the same permission (kpi-returns:submit-own, so only a provider's user, for its own contracts), the
 * same rules (submission.ts), the same service (which audits). The JSON is typed by Zod first; every refusal is an
 * RFC 9457 problem naming each field by JSON pointer. A KPI of another provider or council is refused as unknown,
 * never told apart from one that does not exist. Its scope is `kpi-returns`, so a token needs kpi-returns:write.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { jsonPointer, sendInvalid, sendProblem } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { actorOf } from '../providers/routes.ts'
import * as service from './service.ts'
import { checkReturn, MAX_NOTE, reportableQuarter } from './submission.ts'

const createBody = z.strictObject({
  kpiId: z.string().refine(isUuid, 'Use the id of a KPI of one of your contracts'),
  periodStart: z.iso.date({ error: 'Use the first day of the quarter as YYYY-MM-DD' }),
  // A number, or the figure as text ("96.5", "1,200", "97%"), read as the page reads it.
  figure: z.union([z.number(), z.string().max(40)], { error: 'Give the figure as a number, such as 96.5' }),
  note: z.string().max(MAX_NOTE, 'Keep the note to 2,000 characters or fewer').nullable().optional(),
})

/** A return as the API shows it: the figure exactly as stored, as a decimal string (96.5 stays 96.5, never 96.49999). */
export function kpiReturnJson(r: service.KpiReturn) {
  return {
    id: r.id,
    kpiId: r.kpiId,
    contractId: r.contractId,
    providerId: r.providerId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    figure: r.figure.includes('.') ? r.figure.replace(/\.?0+$/, '') : r.figure,
    note: r.note,
    status: r.status,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    query: r.query,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    links: { html: paths.kpiReturns.provider.href({ id: r.providerId }) },
  }
}

export function registerKpiReturnApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.post(paths.api.kpiReturns.pattern, { preHandler: [requirePermission('api:use'), requirePermission('kpi-returns:submit-own')] }, async (request, reply) => {
    const principal = principalOf(request)
    const body = createBody.safeParse(request.body ?? {})
    if (!body.success) return sendInvalid(reply, body.error)
    const input = body.data
    // A provider's user speaks for its provider; a user with no provider has no returns to send.
    const providerId = principal.providerId
    const found = providerId ? await reportableQuarter(db, principal.councilId, providerId, input.kpiId, input.periodStart, londonDate(context.clock())) : undefined
    if (!providerId || !found) {
      const [kpi] = providerId ? await service.kpisOf(db, principal.councilId, { providerId, kpiId: input.kpiId }) : []
      return sendProblem(reply, {
        status: 400,
        title: 'The request is not valid',
        errors: [kpi ? { field: '/periodStart', message: 'Use the first day of a quarter of the contract’s term that has ended' } : { field: '/kpiId', message: 'No KPI of your contracts has this id' }],
      })
    }
    const checked = checkReturn({ figure: String(input.figure), note: input.note ?? '' }, found.existing)
    if (!checked.ok) {
      return sendProblem(reply, {
        status: checked.conflict ? 409 : 400,
        title: checked.conflict ? 'The council has already accepted this return' : 'The request is not valid',
        errors: checked.issues.map((i) => ({ field: jsonPointer([i.field]), message: i.message })),
      })
    }
    try {
      const row = await db.transaction((tx) =>
        service.submitReturn(tx, { councilId: principal.councilId, kpi: found.kpi, providerId, quarter: found.quarter, figure: checked.figure, note: checked.note, actor: actorOf(request, principal), now: context.clock() }),
      )
      // 201 for a new return; 200 when it corrects one not yet decided or answers the council's query.
      return reply.code(found.existing ? 200 : 201).send(kpiReturnJson(row))
    } catch (error) {
      if (!(error instanceof service.ReturnNotAllowedError)) throw error
      return sendProblem(reply, { status: 409, title: error.message, errors: [{ field: '/figure', message: error.message }] })
    }
  })
}
