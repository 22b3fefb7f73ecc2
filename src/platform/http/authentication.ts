/**
 * Works out who is asking: a session cookie for pages, a bearer token for the JSON API. Never both: a page
 * ignores Authorization headers and the API ignores cookies, which keeps the API free of CSRF risk.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Permission } from '../auth/roles.ts'
import { can } from '../auth/roles.ts'
import { principalForApiToken, principalForSession } from '../auth/service.ts'
import type { AppContext } from '../modules.ts'
import { paths } from '../../paths.ts'
import { isApiRequest, sendProblem } from './problem.ts'

export const SESSION_COOKIE = 'catalyst_session'

export function registerAuthentication(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz') return
    if (isApiRequest(request.url)) {
      const header = request.headers.authorization
      const match = header?.match(/^Bearer\s+(\S+)$/i)
      if (match?.[1]) request.principal = (await principalForApiToken(context.db, match[1], context.clock())) ?? null
      return
    }
    const token = request.cookies[SESSION_COOKIE]
    if (token) request.principal = (await principalForSession(context.db, token, context.clock())) ?? null
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
        reply.header('www-authenticate', 'Bearer')
        return sendProblem(reply, {
          status: 401,
          title: 'Authentication required',
          detail: 'Send a personal API token as "Authorization: Bearer <token>". Create one with `catalyst tokens create`.',
        })
      }
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
      return reply.redirect(`${paths.signIn.href()}${returnTo}`, 303)
    }
    if (permissions.length > 0 && !permissions.some((permission) => can(principal.role, permission))) {
      throw new ForbiddenError()
    }
  }
}

/** The signed-in principal, for handlers behind requirePermission (which guarantees one). */
export function principalOf(request: FastifyRequest) {
  if (!request.principal) throw new ForbiddenError()
  return request.principal
}
