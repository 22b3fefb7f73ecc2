/** The councils list: every local authority Catalyst knows, with its codes, dates and successor. */
import type { FastifyInstance } from 'fastify'
import { requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listCouncils, searchCouncils } from './service.ts'
import { councilTable } from './view-models.ts'

export function registerCouncilRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(paths.councils.list.pattern, { preHandler: requirePermission() }, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).name
    const name = typeof raw === 'string' ? raw.trim().slice(0, 200) : ''
    const [councils, all] = await Promise.all([searchCouncils(context.db, name), listCouncils(context.db)])
    const byId = new Map(all.map((c) => [c.id, c]))
    return reply.view('councils/views/list.njk', {
      pageTitle: 'Councils',
      name,
      count: councils.length,
      table: councilTable(councils, byId),
    })
  })
}
