/**
 * buildApp(config, deps): the whole web application, built in-process. The server and every integration test
 * call this one factory: platform plugins first, then each module's manifest, then the error pages.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'
import { modules as allModules } from './modules/index.ts'
import { registerAuthRoutes } from './platform/auth/routes.ts'
import { systemClock, type Clock } from './platform/clock.ts'
import type { Database } from './platform/db/database.ts'
import { registerAuthentication } from './platform/http/authentication.ts'
import { registerCsrf } from './platform/http/csrf.ts'
import { registerErrorHandlers } from './platform/http/errors.ts'
import { registerNulByteGuard } from './platform/http/nul-bytes.ts'
import { registerApiRateLimit } from './platform/http/rate-limit.ts'
import './platform/http/fastify-types.ts'
import { COOKIE_NOTICE_COOKIE, registerPlatformPages } from './platform/http/pages.ts'
import { registerSecurityHeaders } from './platform/http/security.ts'
import { registerViews, templateDirs } from './platform/http/views.ts'
import { instanceSecret } from './platform/instance-secret.ts'
import { loggerOptions, RequestLog } from './platform/logger.ts'
import type { AppContext, CatalystModule } from './platform/modules.ts'
import { navigationFor } from './platform/navigation.ts'

export interface AppDeps {
  db: Database
  clock?: Clock
  /** A logger instance or options; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance']
  modules?: CatalystModule[]
}

const assetDirs = [
  path.join(templateDirs[2]!, 'govuk/assets'),
  path.join(templateDirs[2]!, 'govuk'),
  fileURLToPath(new URL('./platform/assets', import.meta.url)),
]

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const production = config.environment === 'production'
  const modules = deps.modules ?? allModules
  const context: AppContext = { config, db: deps.db, clock: deps.clock ?? systemClock }

  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config),
    logController: new RequestLog(),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID()
    },
    bodyLimit: 1024 * 1024,
    // Fastify accepts a hop count at run time (its types omit it).
    trustProxy: config.trustProxy as boolean | string[],
    forceCloseConnections: false,
    return503OnClosing: true,
  })

  const routes: { method: string; url: string; checksBeforeBody: boolean }[] = []
  app.decorate('catalystRoutes', routes)
  app.addHook('onRoute', (route) => {
    // A route with its own onRequest hook (an upload) decides who may send it before any of the body is read.
    const checksBeforeBody = route.onRequest !== undefined
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && !route.url.startsWith('/assets/')) routes.push({ method, url: route.url, checksBeforeBody })
    }
  })

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // A route that sets its own (public pages, see public-cache.ts) keeps it; every other answer is never stored.
    if (!request.url.startsWith('/assets/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })

  registerNulByteGuard(app)
  await app.register(fastifyCookie)
  await app.register(fastifyFormbody)
  await app.register(fastifyStatic, {
    root: assetDirs,
    prefix: '/assets/',
    allowedPath: (pathName) => /\.(css|js|mjs|map|woff2?|svg|png|ico|json)$/.test(pathName),
    maxAge: production ? '1d' : 0,
    index: false,
  })
  await registerViews(app)
  await registerSecurityHeaders(app, { production })
  registerAuthentication(app, context)
  await registerApiRateLimit(app, config)
  registerCsrf(app, { secret: await instanceSecret(deps.db, config.sessionSecret), secureCookies: production })

  // What every page's layout needs: who is signed in, the form token, the navigation by the cycle and the CSP nonce.
  app.addHook('preHandler', async (request, reply) => {
    const principal = request.principal
    const currentPath = request.url.split('?')[0] ?? '/'
    const model = principal ? navigationFor(modules, principal, currentPath) : undefined
    reply.locals = {
      principal,
      csrfToken: request.csrfToken,
      navigation: model?.stages ?? [],
      subNavigation: model?.subNavigation ?? [],
      subNavigationLabel: model?.subNavigationLabel,
      breadcrumbs: model?.breadcrumbs ?? [],
      currentUrl: request.url,
      cookieNoticeHidden: request.cookies[COOKIE_NOTICE_COOKIE] === 'hidden',
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
    }
  })

  registerErrorHandlers(app)
  registerPlatformPages(app, context, modules)
  registerAuthRoutes(app, context)
  for (const module of modules) await module.register(app, context)
  return app
}
