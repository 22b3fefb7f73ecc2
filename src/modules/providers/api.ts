/**
 * The provider register's JSON API (/api/v1/providers): the same rules as the pages, bearer tokens instead of
 * sessions, and problem documents (RFC 9457) with a pointer to each field that was wrong.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { can } from '../../platform/auth/roles.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { sendInvalid, sendProblem, type FieldProblem } from '../../platform/http/problem.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { apiCreateSchema, apiPatchSchema, type ProviderInput } from './forms.ts'
import { orgId } from './identifiers.ts'
import { actorOf, assertCanReach, reachableProvider } from './routes.ts'
import * as service from './service.ts'
import { FLAG_CODES } from './vocabulary.ts'

export const API_MAX_PAGE_SIZE = 200

const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value])

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  flag: z.preprocess(list, z.array(z.enum(FLAG_CODES, { error: `Use one of ${FLAG_CODES.join(', ')}` }))),
  category: z.string().trim().max(60).optional(),
  area: z.string().trim().toUpperCase().max(12).optional(),
  sort: z.enum(['name', 'updated'], { error: 'Use name or updated' }).default('name'),
  order: z.enum(['asc', 'desc'], { error: 'Use asc or desc' }).default('asc'),
  page: z.coerce.number({ error: 'Use a whole number from 1' }).int('Use a whole number from 1').min(1, 'Use a whole number from 1').default(1),
  pageSize: z.coerce
    .number({ error: `Use a whole number from 1 to ${API_MAX_PAGE_SIZE}` })
    .int(`Use a whole number from 1 to ${API_MAX_PAGE_SIZE}`)
    .min(1, `Use a whole number from 1 to ${API_MAX_PAGE_SIZE}`)
    .max(API_MAX_PAGE_SIZE, `Use a whole number from 1 to ${API_MAX_PAGE_SIZE}`)
    .default(50),
})

/** A provider as the API shows it. Private notes only to those who may read them (providers:read-notes). */
export function providerJson(p: service.ProviderRecord, options: { includePrivate: boolean }) {
  return {
    id: p.id,
    name: p.name,
    legalForm: p.legalForm,
    identifiers: p.identifiers.map((i) => ({ scheme: i.scheme, id: i.identifier, orgId: orgId(i) })),
    flags: service.flagsOf(p),
    addressLine1: p.addressLine1,
    addressLine2: p.addressLine2,
    town: p.town,
    postcode: p.postcode,
    website: p.website,
    serviceCategories: p.serviceCategories,
    areasServed: p.areasServed,
    published: p.published,
    ...(options.includePrivate ? { privateNotes: p.privateNotes } : {}),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    links: { self: paths.api.provider.href({ id: p.id }), html: paths.providers.show.href({ id: p.id }) },
  }
}

/** Problems only the register can see; an identifier another provider holds is a conflict. */
function inputProblem(reply: FastifyReply, error: service.ProviderInputError, input: Partial<ProviderInput>) {
  const errors: FieldProblem[] = error.issues.map((issue) => {
    const index = issue.identifier
      ? (input.identifiers ?? []).findIndex((i) => i.scheme === issue.identifier!.scheme && i.identifier === issue.identifier!.identifier)
      : -1
    return { field: index >= 0 ? `/identifiers/${index}/id` : `/${issue.field}`, message: issue.message }
  })
  const conflict = error.issues.some((i) => i.field === 'identifiers')
  return sendProblem(reply, { status: conflict ? 409 : 400, title: conflict ? 'An identifier is already in use' : 'The request is not valid', errors })
}

export function registerProviderApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const guard = (...permissions: Parameters<typeof requirePermission>) => ({
    preHandler: [requirePermission('api:use'), requirePermission(...permissions)],
  })

  app.get(paths.api.providers.pattern, guard('providers:read'), async (request, reply) => {
    const principal = principalOf(request)
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const q = parsed.data
    const page = await service.listProviders(
      db,
      principal.councilId,
      { q: q.q, flags: q.flag, category: q.category, area: q.area },
      { page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order },
    )
    // Private notes only to those who may read them: the council's settings decide for some roles (ADR 0062).
    const notes = can(principal, 'providers:read-notes')
    return reply.send({
      items: page.items.map((p) => providerJson(p, { includePrivate: notes })),
      page: page.page,
      pageSize: page.pageSize,
      total: page.total,
    })
  })

  app.get(paths.api.provider.pattern, guard('providers:read', 'providers:read-own'), async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableProvider(db, principal, id, 'providers:read')
    return reply.send(providerJson(provider, { includePrivate: can(principal, 'providers:read-notes') }))
  })

  app.post(paths.api.providers.pattern, guard('providers:write'), async (request, reply) => {
    const principal = principalOf(request)
    const parsed = apiCreateSchema.safeParse(request.body ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { confirmDuplicate, ...input } = parsed.data
    try {
      const result = await db.transaction((tx) =>
        service.createProvider(tx, principal.councilId, input, actorOf(request, principal), context.clock(), { confirmDuplicate }),
      )
      if (result.outcome === 'possible-duplicate') {
        return sendProblem(reply, {
          status: 409,
          title: 'This may be a provider the register already has',
          detail: 'Check the providers listed; send "confirmDuplicate": true to add this one anyway.',
          errors: result.duplicates.map((d) => ({
            field: d.reason === 'name' ? '/name' : '/identifiers',
            message: `Matches ${d.provider.name} (${paths.api.provider.href({ id: d.provider.id })})`,
          })),
        })
      }
      return reply
        .code(201)
        .header('location', paths.api.provider.href({ id: result.provider.id }))
        .send(providerJson(result.provider, { includePrivate: can(principal, 'providers:read-notes') }))
    } catch (error) {
      if (error instanceof service.ProviderInputError) return inputProblem(reply, error, input)
      throw error
    }
  })

  app.patch(paths.api.provider.pattern, guard('providers:write', 'providers:write-own'), async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    assertCanReach(principal, id, 'providers:write')
    const parsed = apiPatchSchema.safeParse(request.body ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const changes = parsed.data
    const councilStaff = can(principal, 'providers:write')
    if (!councilStaff && (changes.published !== undefined || changes.privateNotes !== undefined)) {
      return sendProblem(reply, {
        status: 403,
        title: 'Only the council can change these fields',
        errors: [changes.published !== undefined ? '/published' : undefined, changes.privateNotes !== undefined ? '/privateNotes' : undefined]
          .filter((f): f is string => !!f)
          .map((field) => ({ field, message: 'Only the council’s staff can change this' })),
      })
    }
    try {
      const updated = await db.transaction((tx) =>
        service.updateProvider(tx, principal.councilId, id, changes, actorOf(request, principal), context.clock()),
      )
      if (!updated) throw new NotFoundError('Provider')
      return reply.send(providerJson(updated, { includePrivate: can(principal, 'providers:read-notes') }))
    } catch (error) {
      if (error instanceof service.ProviderInputError) return inputProblem(reply, error, changes)
      throw error
    }
  })
}
