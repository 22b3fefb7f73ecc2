/** The provider register's pages for council users and providers: parse, call one service function, render. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/audit/audit.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { formErrors, type FormErrors } from '../../platform/http/form-errors.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listCouncils } from '../councils/service.ts'
import { providersCsv } from './csv.ts'
import { providerRecords } from './joined.ts'
import { formIssuesOf, issuesError, parseProviderForm, type FormBody } from './forms.ts'
import { formValuesOf, providerFormModel } from './form-view-model.ts'
import { filtersOf, parseListQuery, queryString } from './list-query.ts'
import { SERVICE_CATEGORIES } from './service-categories.ts'
import * as service from './service.ts'
import type { Duplicate } from './service.ts'
import { SUPPLIER_FLAGS } from './vocabulary.ts'
import * as vm from './view-models.ts'

const CSV_LIMIT = 100_000

export const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({
  userId: principal.userId,
  label: principal.displayName,
  requestId: request.id,
})

/** A provider user may reach only the record they speak for; anyone else's is "not found", never "forbidden". */
export function assertCanReach(principal: Principal, id: string, permission: 'providers:read' | 'providers:write') {
  if (can(principal, permission)) return
  if (principal.providerId !== id) throw new NotFoundError('Provider')
}

/** The council's provider with this id, if the principal may reach it; otherwise a 404. */
export async function reachableProvider(
  db: AppContext['db'],
  principal: Principal,
  id: string,
  permission: 'providers:read' | 'providers:write',
) {
  assertCanReach(principal, id, permission)
  const provider = await service.getProvider(db, principal.councilId, id)
  if (!provider) throw new NotFoundError('Provider')
  return provider
}

async function areaChoices(context: AppContext) {
  const councils = await listCouncils(context.db)
  return councils.filter((c) => c.gssCode).map((c) => ({ gssCode: c.gssCode!, name: c.name }))
}

/**
 * The provider form page. Another module may show it for its own purpose (the spend payee review adds a payee to the
 * register with it): its own template extending the form, its own address to post to and way back.
 */
export async function renderProviderForm(
  context: AppContext,
  reply: FastifyReply,
  status: number,
  options: {
    values: FormBody
    errors?: FormErrors
    provider?: service.ProviderRecord
    duplicates?: Duplicate[]
    councilFields: boolean
    view?: { template: string; action: string; backHref: string; pageTitle: string; data?: Record<string, unknown> }
  },
) {
  const editing = options.provider
  const view = options.view
  return reply.code(status).view(view?.template ?? 'providers/views/form.njk', {
    pageTitle: view?.pageTitle ?? (editing ? `Change ${editing.name}` : 'Add a provider'),
    provider: editing,
    action: view?.action ?? (editing ? paths.providers.show.href({ id: editing.id }) : paths.providers.list.href()),
    backHref: view?.backHref ?? (editing ? paths.providers.show.href({ id: editing.id }) : paths.providers.list.href()),
    form: providerFormModel(options.values, await areaChoices(context)),
    councilFields: options.councilFields,
    duplicates: options.duplicates?.map((d) => ({
      name: d.provider.name,
      href: paths.providers.show.href({ id: d.provider.id }),
      reason: d.reason === 'name' ? 'same name' : `same identifier ${d.identifier?.scheme}-${d.identifier?.identifier}`,
    })),
    errorList: options.errors?.errorList ?? [],
    fieldErrors: options.errors?.fieldErrors ?? {},
    ...view?.data,
  })
}

export function registerProviderRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.get(paths.providers.list.pattern, { preHandler: requirePermission('providers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = parseListQuery(request.query)
    const page = await service.listProviders(db, principal.councilId, filtersOf(query), { ...query, pageSize: service.PAGE_SIZE })
    const areas = await areaChoices(context)
    const listPath = paths.providers.list.href()
    return reply.view('providers/views/list.njk', {
      pageTitle: 'Providers',
      query,
      resultCount: vm.resultCount(page.total),
      table: vm.providerTable(page.items, query),
      empty: page.items.length === 0,
      pagination: vm.pagination(page.page, page.pageCount, (n) => listPath + queryString(query, { page: n })),
      csvHref: paths.providers.csv.href() + queryString(query, { page: 1 }),
      canCreate: can(principal, 'providers:write'),
      flagItems: SUPPLIER_FLAGS.map((f) => ({ value: f.code, text: f.name, checked: query.flags.includes(f.code) })),
      categoryItems: [{ value: '', text: 'Any service' }, ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: c.code === query.category }))],
      areaItems: [{ value: '', text: 'Any area' }, ...areas.map((a) => ({ value: a.gssCode, text: a.name, selected: a.gssCode === query.area }))],
    })
  })

  app.get(paths.providers.csv.pattern, { preHandler: requirePermission('providers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = parseListQuery(request.query)
    const page = await service.listProviders(db, principal.councilId, filtersOf(query), { ...query, page: 1, pageSize: CSV_LIMIT })
    const date = context.clock().toISOString().slice(0, 10)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="providers-${principal.councilCode.toLowerCase()}-${date}.csv"`)
      .send(providersCsv(page.items))
  })

  const renderForm = (
    reply: FastifyReply,
    status: number,
    options: { values: FormBody; errors?: FormErrors; provider?: service.ProviderRecord; duplicates?: Duplicate[]; councilFields: boolean },
  ) => renderProviderForm(context, reply, status, options)

  app.get(paths.providers.create.pattern, { preHandler: requirePermission('providers:write') }, async (_request, reply) =>
    renderForm(reply, 200, { values: {}, councilFields: true }),
  )

  app.post(paths.providers.list.pattern, { preHandler: requirePermission('providers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseProviderForm(body, { councilFields: true })
    if (!parsed.success) return renderForm(reply, 400, { values: body, errors: formErrors(parsed.error), councilFields: true })
    try {
      const result = await db.transaction((tx) =>
        service.createProvider(tx, principal.councilId, parsed.input, actorOf(request, principal), context.clock(), {
          confirmDuplicate: parsed.confirmDuplicate,
        }),
      )
      if (result.outcome === 'possible-duplicate') {
        return renderForm(reply, 200, { values: body, duplicates: result.duplicates, councilFields: true })
      }
      return reply.redirect(`${paths.providers.show.href({ id: result.provider.id })}?saved=created`, 303)
    } catch (error) {
      if (!(error instanceof service.ProviderInputError)) throw error
      return renderForm(reply, 400, { values: body, errors: formErrors(issuesError(formIssuesOf(error.issues, body))), councilFields: true })
    }
  })

  app.get(paths.providers.show.pattern, { preHandler: requirePermission('providers:read', 'providers:read-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableProvider(db, principal, id, 'providers:read')
    const councilView = can(principal, 'providers:read')
    const [otherCouncils, history, areas, records] = await Promise.all([
      service.otherCouncilsKnowing(db, principal.councilId, id),
      can(principal, 'audit:read') ? service.providerHistory(db, principal.councilId, id) : undefined,
      areaChoices(context),
      providerRecords(db, principal.councilId, id, principal, context.clock()),
    ])
    const saved = (request.query as Record<string, unknown>).saved
    return reply.view('providers/views/show.njk', {
      pageTitle: provider.name,
      provider,
      rows: vm.summaryRows(provider, new Map(areas.map((a) => [a.gssCode, a.name])), { showPrivate: councilView, showNotes: can(principal, 'providers:read-notes') }),
      identifierRows: vm.identifierRows(provider),
      flagTags: vm.flagTags(provider),
      otherCouncils,
      records,
      history: history ? vm.historyItems(history) : undefined,
      editHref: can(principal, 'providers:write') || principal.providerId === id ? paths.providers.edit.href({ id }) : undefined,
      capacityHref: can(principal, 'market:read') ? paths.market.capacity.href({ id }) : undefined,
      riskHref: can(principal, 'risk:read') ? paths.risk.provider.href({ id }) : undefined,
      evidenceHref: can(principal, 'risk:evidence-own') && principal.providerId === id ? paths.risk.evidence.href({ id }) : undefined,
      backHref: councilView ? paths.providers.list.href() : undefined,
      saved: saved === 'created' ? 'Provider added to the register' : saved === 'updated' ? 'Provider record updated' : undefined,
    })
  })

  app.get(paths.providers.edit.pattern, { preHandler: requirePermission('providers:write', 'providers:write-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableProvider(db, principal, id, 'providers:write')
    return renderForm(reply, 200, { values: formValuesOf(provider), provider, councilFields: can(principal, 'providers:write') })
  })

  app.post(paths.providers.show.pattern, { preHandler: requirePermission('providers:write', 'providers:write-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableProvider(db, principal, id, 'providers:write')
    const councilFields = can(principal, 'providers:write')
    const body = (request.body ?? {}) as FormBody
    const parsed = parseProviderForm(body, { councilFields })
    if (!parsed.success) return renderForm(reply, 400, { values: body, errors: formErrors(parsed.error), provider, councilFields })
    // A provider editing its own record cannot publish it or read or change the council's private notes.
    const { published: _published, privateNotes: _privateNotes, ...ownFields } = parsed.input
    const changes = councilFields ? parsed.input : ownFields
    try {
      await db.transaction((tx) => service.updateProvider(tx, principal.councilId, id, changes, actorOf(request, principal), context.clock()))
    } catch (error) {
      if (!(error instanceof service.ProviderInputError)) throw error
      return renderForm(reply, 400, { values: body, errors: formErrors(issuesError(formIssuesOf(error.issues, body))), provider, councilFields })
    }
    return reply.redirect(`${paths.providers.show.href({ id })}?saved=updated`, 303)
  })
}
