/**
 * The contracts register's JSON API (/api/v1/contracts): read, with the same permission (registers:read) and
 * tenancy as the pages, filters as the list page has, cursor paging and ETags (ADR 0044). Writes are not here yet.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import * as service from './service.ts'
import { CONTRACT_STATUSES } from './vocabulary.ts'

export const CONTRACT_STATUS_CODES = Object.keys(CONTRACT_STATUSES) as [string, ...string[]]

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  supplier: z.string().trim().max(200).optional(),
  status: z.enum(CONTRACT_STATUS_CODES, { error: `Use one of ${CONTRACT_STATUS_CODES.join(', ')}` }).optional(),
  category: z.enum(SERVICE_CATEGORY_CODES, { error: 'Use a service category code' }).optional(),
  ...pagingQuery,
})

/** A contract as the API shows it; money in pence, dates as ISO dates. */
export function contractJson(c: service.ContractRecord) {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    description: c.description,
    department: c.department,
    status: c.status,
    mainCategory: c.mainCategory,
    awardProcedure: c.awardProcedure,
    serviceCategory: c.serviceCategory,
    cpvCodes: c.cpvCodes,
    totalValuePence: c.totalValuePence,
    estimatedAnnualValuePence: c.estimatedAnnualValuePence,
    valuesIncludeVat: c.valuesIncludeVat,
    startDate: c.startDate,
    endDate: c.endDate,
    reviewDate: c.reviewDate,
    awardDate: c.awardDate,
    extensionOptions: c.extensionOptions,
    extensionsTaken: c.extensionsTaken,
    ocid: c.ocid,
    published: c.published,
    suppliers: c.suppliers.map((s) => ({ providerId: s.providerId, name: s.name, links: { self: paths.api.provider.href({ id: s.providerId }) } })),
    notices: c.notices,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    links: { self: paths.api.contract.href({ id: c.id }), html: paths.contracts.show.href({ id: c.id }) },
  }
}

export function registerContractApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const guard = { preHandler: [requirePermission('api:use'), requirePermission('registers:read')] }

  app.get(paths.api.contracts.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, category, ...filters } = parsed.data
    const page = await service.listContractsAfter(db, principal.councilId, { ...filters, serviceCategory: category }, cursor, limit)
    return sendWithEtag(request, reply, {
      items: page.items.map(contractJson),
      links: { next: nextLink(request, page.items.at(-1)?.id, page.more) },
    })
  })

  app.get(paths.api.contract.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const contract = await service.getContract(db, principal.councilId, id)
    if (!contract) throw new NotFoundError('Contract')
    const [kpis, assessments, modifications] = await Promise.all([
      service.kpisOf(db, principal.councilId, id),
      service.assessmentsOf(db, principal.councilId, id),
      service.modificationsOf(db, principal.councilId, id),
    ])
    return sendWithEtag(request, reply, {
      ...contractJson(contract),
      kpis: kpis.map((k) => ({ id: k.id, name: k.name, target: k.target })),
      assessments: assessments.map((a) => ({ id: a.id, assessedOn: a.assessedOn, rating: a.rating, notes: a.notes })),
      modifications: modifications.map((m) => ({
        id: m.id,
        modifiedOn: m.modifiedOn,
        description: m.description,
        valueBeforePence: m.valueBeforePence,
        valueAfterPence: m.valueAfterPence,
        termBeforeMonths: m.termBeforeMonths,
        termAfterMonths: m.termAfterMonths,
        schedule8Ground: m.schedule8Ground,
      })),
    })
  })
}
