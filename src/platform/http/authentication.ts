/**
 * Works out who is asking: a session cookie for pages, a bearer token for the JSON API. Never both: a page
 * ignores Authorization headers and the API ignores cookies, which keeps the API free of CSRF risk.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Permission } from '../auth/roles.ts'
import { can } from '../auth/roles.ts'
import { accessOf, allows, moduleOfApiRoute } from '../auth/scopes.ts'
import { checkApiToken, principalForSession } from '../auth/service.ts'
import { TokenUsage } from '../auth/token-usage.ts'
import type { AppContext } from '../modules.ts'
import { paths } from '../../paths.ts'
import { isApiRequest, sendProblem } from './problem.ts'

export const SESSION_COOKIE = 'catalyst_session'

export function registerAuthentication(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('apiTokenExpiredAt', null)
  const usage = new TokenUsage(context.db)
  // Counts not yet written are worth a try at shutdown, never worth stopping it.
  app.addHook('onClose', async () => {
    await usage.flush().catch((error: unknown) => app.log.warn({ err: error }, 'could not write API token use counts at shutdown'))
  })
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz') return
    if (isApiRequest(request.url)) {
      const header = request.headers.authorization
      const match = header?.match(/^Bearer\s+(\S+)$/i)
      if (!match?.[1]) return
      const now = context.clock()
      const check = await checkApiToken(context.db, match[1], now)
      if (check.outcome === 'valid') {
        request.principal = check.principal
        await usage.record(check.tokenId, now)
      } else if (check.outcome === 'expired') {
        request.apiTokenExpiredAt = check.expiredAt
      }
      return
    }
    const token = request.cookies[SESSION_COOKIE]
    if (token) request.principal = (await principalForSession(context.db, token, context.clock())) ?? null
  })
  // A token acts only within its scopes: the module is the route's first segment under /api/v1 (ADR 0044). This
  // runs before every route's own guards, so no API route can forget it.
  app.addHook('preHandler', async (request, reply) => {
    const principal = request.principal
    if (principal?.via !== 'token' || !principal.scopes) return
    const module = moduleOfApiRoute(request.routeOptions.url ?? '')
    if (!module) return
    const access = accessOf(request.method, request.routeOptions.config.apiAccess)
    if (allows(principal.scopes, module, access)) return
    return sendProblem(reply, {
      status: 403,
      title: 'The token does not have the scope this needs',
      detail: `This request needs the scope ${module}:${access}${access === 'read' ? ` (or ${module}:write)` : ''}; the token has ${principal.scopes.join(', ')}.`,
    })
  })
}

export class ForbiddenError extends Error {
  readonly statusCode = 403
  constructor() {
    super('You do not have permission to see this page')
    this.name = 'ForbiddenError'
  }
}

export class NotFoundError extends Error {
  readonly statusCode = 404
  constructor(what = 'Page') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/**
 * A preHandler that lets a request through only with one of the permissions given. A visitor is sent to sign in
 * (pages) or told 401 (API); a signed-in user without the permission gets 403.
 */
export function requirePermission(...permissions: Permission[]) {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    const principal = request.principal
    if (!principal) {
      if (isApiRequest(request.url)) {
        const expiredAt = request.apiTokenExpiredAt
        reply.header('www-authenticate', expiredAt ? 'Bearer error="invalid_token", error_description="The token has expired"' : 'Bearer')
        return sendProblem(reply, {
          status: 401,
          title: expiredAt ? 'The API token has expired' : 'Authentication required',
          detail: expiredAt
            ? `The token expired at ${expiredAt.toISOString()}. Create a new one with \`catalyst tokens create\`.`
            : 'Send a personal API token as "Authorization: Bearer <token>". Create one with `catalyst tokens create`.',
        })
      }
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
      return reply.redirect(`${paths.signIn.href()}${returnTo}`, 303)
    }
    if (permissions.length > 0 && !permissions.some((permission) => can(principal, permission))) {
      throw new ForbiddenError()
    }
  }
}

/** The signed-in principal, for handlers behind requirePermission (which guarantees one). */
export function principalOf(request: FastifyRequest) {
  if (!request.principal) throw new ForbiddenError()
  return request.principal
}
