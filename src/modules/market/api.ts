/**
 * The market's JSON API (/api/v1/market, ADR 0061): what the market module holds of its own, providers' capacity and
 * the council's market position statements (drafts and published), with market:read as on the pages. The market
 * view's figures (shares, concentration, dependency) are worked out from the registers and spend, which have their
 * own APIs. Read only; its scope is `market`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import * as service from './service.ts'

const category = z.enum(SERVICE_CATEGORY_CODES, { error: 'Use a service category code, such as adult-social-care' })

const capacityQuery = z.object({
  provider: z.string().refine(isUuid, 'Use the id of a provider in your register').optional(),
  serviceCategory: category.optional(),
  ...pagingQuery,
})

const statementQuery = z.object({
  serviceCategory: category.optional(),
  published: z.enum(['true', 'false'], { error: 'Use true or false' }).transform((v) => v === 'true').optional(),
  ...pagingQuery,
})

function capacityJson({ capacity: c, providerName }: { capacity: service.CapacityRow; providerName: string }) {
  return {
    id: c.id,
    provider: { providerId: c.providerId, name: providerName, links: { self: paths.api.provider.href({ id: c.providerId }) } },
    serviceCategory: c.serviceCategory,
    amount: c.amount,
    unit: c.unit,
    usedByCouncil: c.usedByCouncil,
    asAt: c.asAt,
    notes: c.notes,
    updatedAt: c.updatedAt.toISOString(),
    links: { self: paths.api.marketCapacityRecord.href({ id: c.id }), html: paths.market.capacity.href({ id: c.providerId }) },
  }
}

function statementJson(s: service.StatementRow) {
  const sections = s.sections as service.Sections
  return {
    id: s.id,
    serviceCategory: s.serviceCategory,
    title: s.title,
    sections: Object.fromEntries(service.STATEMENT_SECTIONS.map((section) => [section.key, sections[section.key] ?? null])),
    published: s.published,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt.toISOString(),
    links: { self: paths.api.marketStatement.href({ id: s.id }), html: paths.market.statement.href({ category: s.serviceCategory }) },
  }
}

export function registerMarketApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('market:read')] }

  app.get(paths.api.marketCapacity.pattern, read, async (request, reply) => {
    const parsed = capacityQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, provider, ...filters } = parsed.data
    const page = await service.capacityAfter(db, principalOf(request).councilId, { ...filters, providerId: provider }, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(capacityJson), links: { next: nextLink(request, page.items.at(-1)?.capacity.id, page.more) } })
  })

  app.get(paths.api.marketCapacityRecord.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await service.capacityById(db, principalOf(request).councilId, id)
    if (!found) throw new NotFoundError('Capacity')
    return sendWithEtag(request, reply, capacityJson(found))
  })

  app.get(paths.api.marketStatements.pattern, read, async (request, reply) => {
    const parsed = statementQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, ...filters } = parsed.data
    const page = await service.statementsAfter(db, principalOf(request).councilId, filters, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(statementJson), links: { next: nextLink(request, page.items.at(-1)?.id, page.more) } })
  })

  app.get(paths.api.marketStatement.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await service.statementById(db, principalOf(request).councilId, id)
    if (!found) throw new NotFoundError('Market position statement')
    return sendWithEtag(request, reply, statementJson(found))
  })
}
