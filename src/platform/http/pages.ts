/** The pages every Catalyst has whatever its modules: home, accessibility statement, cookies, health checks. */
import type { FastifyInstance } from 'fastify'
import { sql } from 'drizzle-orm'
import { paths } from '../../paths.ts'
import type { AppContext, CatalystModule } from '../modules.ts'
import { can } from '../auth/roles.ts'
import { safeReturnTo } from '../auth/forms.ts'

export const COOKIE_NOTICE_COOKIE = 'catalyst_cookie_notice'

export function registerPlatformPages(app: FastifyInstance, context: AppContext, modules: CatalystModule[]): void {
  app.get(paths.healthz.pattern, async () => ({ status: 'ok' }))

  app.get(paths.readyz.pattern, async (request, reply) => {
    const started = performance.now()
    try {
      await context.db.execute(sql`select 1`)
      return { status: 'ok', database: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 }
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready')
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })

  app.get(paths.home.pattern, async (request, reply) => {
    const principal = request.principal
    const cards = principal
      ? modules
          .flatMap((module) => module.navigation ?? [])
          .filter((entry) => !entry.permission || can(principal.role, entry.permission))
      : []
    return reply.view('home.njk', { pageTitle: principal ? `${principal.councilName}` : 'Commissioning local services', cards })
  })

  app.get(paths.accessibility.pattern, async (_request, reply) =>
    reply.view('accessibility.njk', { pageTitle: 'Accessibility statement for Catalyst' }),
  )

  app.get(paths.cookies.pattern, async (_request, reply) => reply.view('cookies.njk', { pageTitle: 'Cookies' }))

  app.post(paths.cookies.pattern, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    reply.setCookie(COOKIE_NOTICE_COOKIE, 'hidden', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: context.config.environment === 'production',
      maxAge: 365 * 24 * 60 * 60,
    })
    return reply.redirect(safeReturnTo(body.returnTo) ?? paths.home.href(), 303)
  })
}
