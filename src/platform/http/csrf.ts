/**
 * Cross-site request forgery protection for every form that changes something.
 *
 * The token is an HMAC of something only this browser has: its session id when signed in, else a random
 * `catalyst_csrf` cookie. Forms carry it in `_csrf`; a POST without the right one is refused with 403.
 * The JSON API is exempt: it takes bearer tokens, never cookies, so a browser cannot be tricked into sending one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { hmac, randomToken, safeEqual } from '../auth/tokens.ts'
import { isApiRequest } from './problem.ts'

export const CSRF_COOKIE = 'catalyst_csrf'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export class CsrfError extends Error {
  readonly statusCode = 403
  constructor() {
    super('The form could not be accepted because its security token was missing or out of date')
    this.name = 'CsrfError'
  }
}

export function registerCsrf(app: FastifyInstance, options: { secret: string; secureCookies: boolean }): void {
  app.decorateRequest('csrfToken', '')

  const binding = (request: FastifyRequest): string | undefined =>
    request.principal?.sessionId ?? request.cookies[CSRF_COOKIE]

  app.addHook('preHandler', async (request, reply) => {
    if (isApiRequest(request.url)) return
    let bound = binding(request)
    if (!bound && !UNSAFE.has(request.method)) {
      bound = randomToken(24)
      reply.setCookie(CSRF_COOKIE, bound, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
      })
    }
    if (UNSAFE.has(request.method)) {
      const sent = (request.body as Record<string, unknown> | undefined)?._csrf
      if (!bound || typeof sent !== 'string' || !safeEqual(sent, hmac(options.secret, `csrf:${bound}`))) {
        throw new CsrfError()
      }
    }
    request.csrfToken = bound ? hmac(options.secret, `csrf:${bound}`) : ''
  })
}
