/**
 * The grants register's JSON API (/api/v1/grants): read with the same permission (registers:read) and tenancy as
 * the pages, filters as the list has and more, cursor paging and ETags (ADR 0044). Its scope is `grants`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import * as service from './service.ts'

const isoDate = z.iso.date({ error: 'Use a date as YYYY-MM-DD' })

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  recipient: z.string().refine(isUuid, 'Use the id of a provider in your register').optional(),
  programme: z.string().trim().max(200).optional(),
  awardedFrom: isoDate.optional(),
  awardedTo: isoDate.optional(),
  ...pagingQuery,
})

/** A grant as the API shows it; money in pence, dates as ISO dates, 360Giving's fields by their meaning. */
export function grantJson(g: service.GrantRecord) {
  return {
    id: g.id,
    identifier: g.identifier,
    title: g.title,
    description: g.description,
    amountAwardedPence: g.amountAwardedPence,
    awardDate: g.awardDate,
    plannedStartDate: g.plannedStartDate,
    plannedEndDate: g.plannedEndDate,
    plannedDurationMonths: g.plannedDurationMonths,
    recipient: g.recipient
      ? { providerId: g.recipient.id, name: g.recipient.name, isVcse: g.recipient.isVcse, links: { self: paths.api.provider.href({ id: g.recipient.id }) } }
      : null,
    programme: g.programme,
    fromOpenCall: g.fromOpenCall,
    beneficiaryLocations: g.beneficiaryLocations,
    department: g.department,
    published: g.published,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    links: { self: paths.api.grant.href({ id: g.id }), html: paths.grants.show.href({ id: g.id }) },
  }
}

export function registerGrantApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('registers:read')] }

  app.get(paths.api.grants.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, recipient, ...filters } = parsed.data
    const page = await service.listGrantsAfter(db, principal.councilId, { ...filters, recipientProviderId: recipient }, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(grantJson), links: { next: nextLink(request, page.items.at(-1)?.id, page.more) } })
  })

  app.get(paths.api.grant.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const grant = await service.getGrant(db, principalOf(request).councilId, id)
    if (!grant) throw new NotFoundError('Grant')
    return sendWithEtag(request, reply, grantJson(grant))
  })
}
