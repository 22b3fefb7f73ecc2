/** The public register: published providers of every council, for anyone, with no private fields. */
import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../platform/http/authentication.ts'
import { publicCache, publicScope } from '../../platform/http/public-cache.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listCouncils } from '../councils/service.ts'
import { publicProviderRecords } from './joined.ts'
import { parseListQuery, queryString } from './list-query.ts'
import * as service from './service.ts'
import * as vm from './view-models.ts'

export function registerPublicRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const cached = publicCache(context, { kind: 'page' })

  const councilNames = async () => {
    const councils = await listCouncils(db)
    return {
      byId: new Map(councils.map((c) => [c.id, c.name])),
      byGss: new Map(councils.filter((c) => c.gssCode).map((c) => [c.gssCode!, c.name])),
    }
  }

  app.get(paths.publicRegister.list.pattern, cached, async (request, reply) => {
    // Only the text search and page apply here: the other filters are for council staff.
    const query = { ...parseListQuery(request.query), flags: [], category: '', area: '', sort: 'name' as const, order: 'asc' as const }
    const page = await service.listPublishedProviders(db, { q: query.q || undefined }, { page: query.page, pageSize: service.PAGE_SIZE })
    const names = await councilNames()
    const listPath = paths.publicRegister.list.href()
    return reply.view('providers/views/public-list.njk', {
      pageTitle: 'Public provider register',
      query,
      resultCount: vm.resultCount(page.total),
      table: vm.publicTable(page.items, names.byId),
      empty: page.items.length === 0,
      pagination: vm.pagination(page.page, page.pageCount, (n) => listPath + queryString(query, { page: n })),
    })
  })

  app.get(paths.publicRegister.show.pattern, cached, async (request, reply) => {
    const { id } = request.params as { id: string }
    const provider = await service.getPublishedProvider(db, id)
    if (!provider) throw new NotFoundError('Provider')
    publicScope(request, provider.councilId)
    const [names, records] = await Promise.all([councilNames(), publicProviderRecords(db, provider.councilId, provider.id, context.clock())])
    return reply.view('providers/views/public-show.njk', {
      records,
      pageTitle: provider.name,
      provider,
      councilName: names.byId.get(provider.councilId) ?? '',
      rows: vm.summaryRows(provider, names.byGss, { showPrivate: false, showNotes: false }),
      identifierRows: vm.identifierRows(provider),
      flagTags: vm.flagTags(provider),
    })
  })
}
