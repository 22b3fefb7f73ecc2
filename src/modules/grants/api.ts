/**
 * The grants register's JSON API (/api/v1/grants): read with the same permission (registers:read) and tenancy as
 * the pages, filters as the list has and more, cursor paging and ETags (ADR 0044). Its scope is `grants`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { jsonPointer, sendInvalid, sendProblem } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { openDataIdentity } from '../contracts/settings.ts'
import type { FormBody } from '../contracts/form-fields.ts'
import { parseGrantForm } from './forms.ts'
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

const optionalText = z.string().max(2000).nullable().optional()
const optionalDate = isoDate.nullable().optional()

/** A new grant as JSON: the types here, then the page's own checks (parseGrantForm), so both refuse the same input. */
const createBody = z.strictObject({
  identifier: z.string().max(200),
  title: z.string().max(500),
  description: optionalText,
  amountAwardedPence: z.number().int('Give the amount in whole pence'),
  awardDate: isoDate,
  plannedStartDate: optionalDate,
  plannedEndDate: optionalDate,
  recipientProviderId: z.string(),
  programme: optionalText,
  fromOpenCall: z.boolean().nullable().optional(),
  beneficiaryLocations: z.array(z.string().max(20)).max(500).optional(),
  department: optionalText,
  published: z.boolean().default(true),
})

/** The form's fields as the page posts them, for parseGrantForm. */
function formBodyOf(input: z.output<typeof createBody>): FormBody {
  const date = (name: string, iso: string | null | undefined) => {
    if (!iso) return {}
    const [year, month, day] = iso.split('-')
    return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year }
  }
  return {
    identifier: input.identifier,
    title: input.title,
    description: input.description ?? '',
    amount: (input.amountAwardedPence / 100).toFixed(2),
    ...date('awardDate', input.awardDate),
    ...date('plannedStartDate', input.plannedStartDate),
    ...date('plannedEndDate', input.plannedEndDate),
    recipientProviderId: input.recipientProviderId,
    programme: input.programme ?? '',
    fromOpenCall: input.fromOpenCall === undefined || input.fromOpenCall === null ? 'unknown' : input.fromOpenCall ? 'yes' : 'no',
    beneficiaryLocations: (input.beneficiaryLocations ?? []).join(','),
    department: input.department ?? '',
    published: input.published ? 'yes' : 'no',
  }
}
/** The form's field names as the JSON names them. */
const FIELD_OF: Record<string, string> = { amount: 'amountAwardedPence' }
const fieldProblems = (issues: { field: string; message: string }[]) => issues.map((i) => ({ field: jsonPointer([FIELD_OF[i.field] ?? i.field]), message: i.message }))

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

  // Adding a grant: registers:write as on the page, the grants:write scope, the page's checks, audited by the service.
  app.post(paths.api.grants.pattern, { preHandler: [requirePermission('api:use'), requirePermission('registers:write')] }, async (request, reply) => {
    const principal = principalOf(request)
    const body = createBody.safeParse(request.body ?? {})
    if (!body.success) return sendInvalid(reply, body.error)
    const prefix = (await openDataIdentity(db, (await findCouncilById(db, principal.councilId))!)).grantsPrefix
    const parsed = parseGrantForm(formBodyOf(body.data), prefix)
    if (!parsed.ok) return sendProblem(reply, { status: 400, title: 'The request is not valid', errors: fieldProblems(parsed.issues) })
    try {
      const actor = { userId: principal.userId, label: principal.displayName, requestId: request.id }
      const row = await db.transaction((tx) => service.createGrant(tx, principal.councilId, parsed.value, actor, context.clock()))
      const grant = (await service.getGrant(db, principal.councilId, row.id))!
      return reply.code(201).header('location', paths.api.grant.href({ id: grant.id })).send(grantJson(grant))
    } catch (error) {
      if (!(error instanceof service.GrantInputError)) throw error
      const conflict = error.issues.some((i) => i.field === 'identifier')
      return sendProblem(reply, { status: conflict ? 409 : 400, title: conflict ? 'The identifier is already in use' : 'The request is not valid', errors: fieldProblems(error.issues) })
    }
  })

  app.get(paths.api.grant.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const grant = await service.getGrant(db, principalOf(request).councilId, id)
    if (!grant) throw new NotFoundError('Grant')
    return sendWithEtag(request, reply, grantJson(grant))
  })
}
