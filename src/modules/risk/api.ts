/**
 * Supplier risk assessments (/api/v1/risk/assessments, ADR 0061): the council's assessments of providers' financial
 * standing, each with the metrics, thresholds and result as assessed (stored with it, so a later change of settings
 * does not rewrite it), the mitigations relied on and the decision. risk:read as on the pages; read only, since an
 * assessment is made on the page beside the figures it reads. Its scope is `risk`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { RISK_LEVELS } from '../../rules/risk/types.ts'
import { paths } from '../../paths.ts'
import { DECISIONS } from './forms.ts'
import * as service from './service.ts'

export const DECISION_CODES = Object.keys(DECISIONS) as [string, ...string[]]

const listQuery = z.object({
  provider: z.string().refine(isUuid, 'Use the id of a provider in your register').optional(),
  contract: z.string().refine(isUuid, 'Use the id of a contract in your register').optional(),
  result: z.enum(RISK_LEVELS as [string, ...string[]], { error: `Use one of ${RISK_LEVELS.join(', ')}` }).optional(),
  decision: z.enum([...DECISION_CODES, 'undecided'], { error: `Use one of ${[...DECISION_CODES, 'undecided'].join(', ')}` }).optional(),
  ...pagingQuery,
})

function assessmentJson({ assessment: a, providerName }: { assessment: service.AssessmentRow; providerName: string }) {
  return {
    id: a.id,
    provider: { providerId: a.providerId, name: providerName, links: { self: paths.api.provider.href({ id: a.providerId }) } },
    contract: a.contractId ? { contractId: a.contractId, links: { self: paths.api.contract.href({ id: a.contractId }) } } : null,
    proposedTitle: a.proposedTitle,
    annualValuePence: a.annualValuePence,
    tier: a.tier,
    financialsId: a.financialsId,
    thresholds: a.thresholds,
    metrics: a.metrics,
    result: a.result,
    explanation: a.explanation,
    mitigations: a.mitigations,
    residualRisk: a.residualRisk,
    decision: a.decision,
    decisionReason: a.decisionReason,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    evidenceRequestedAt: a.evidenceRequestedAt?.toISOString() ?? null,
    assessedBy: a.assessedBy,
    createdAt: a.createdAt.toISOString(),
    links: { self: paths.api.riskAssessment.href({ id: a.id }), html: paths.risk.assessment.href({ id: a.providerId, assessment: a.id }) },
  }
}

export function registerRiskApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('risk:read')] }

  app.get(paths.api.riskAssessments.pattern, read, async (request, reply) => {
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, provider, contract, ...filters } = parsed.data
    const page = await service.assessmentsAfter(db, principalOf(request).councilId, { ...filters, providerId: provider, contractId: contract }, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(assessmentJson), links: { next: nextLink(request, page.items.at(-1)?.assessment.id, page.more) } })
  })

  app.get(paths.api.riskAssessment.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await service.assessmentById(db, principalOf(request).councilId, id)
    if (!found) throw new NotFoundError('Risk assessment')
    return sendWithEtag(request, reply, assessmentJson(found))
  })
}
