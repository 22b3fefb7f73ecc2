/**
 * Cross-site request forgery protection for every form that changes something.
 *
 * The token is an HMAC of something only this browser has: its session id when signed in, else a random
 * `catalyst_csrf` cookie. Forms carry it in `_csrf`; a POST without the right one is refused with 403.
 * The JSON API is exempt: it takes bearer tokens, never cookies, so a browser cannot be tricked into sending one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { hmac, randomToken, safeEqual } from '../auth/tokens.ts'
import { ForbiddenError } from './authentication.ts'
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

export class UploadTooLargeError extends Error {
  readonly statusCode = 413
  constructor(limit: number) {
    super(`The file must be smaller than ${Math.round(limit / (1024 * 1024))} MB`)
    this.name = 'UploadTooLargeError'
  }
}

const isMultipart = (request: FastifyRequest) => /^multipart\//i.test(String(request.headers['content-type'] ?? ''))

export function registerCsrf(app: FastifyInstance, options: { secret: string; secureCookies: boolean }): void {
  app.decorateRequest('csrfToken', '')

  const binding = (request: FastifyRequest): string | undefined =>
    request.principal?.sessionId ?? request.cookies[CSRF_COOKIE]

  // Uploads (multipart forms) are checked before their body is read: a large file from a visitor or a forged
  // form is refused without reading a byte of it. Their form token travels in the form's action (?_csrf=).
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method) || isApiRequest(request.url) || !isMultipart(request)) return
    if (!request.principal) throw new ForbiddenError()
    const limit = request.routeOptions.config?.uploadLimitBytes
    const length = Number(request.headers['content-length'] ?? 0)
    if (limit !== undefined && length > limit) throw new UploadTooLargeError(limit)
    const bound = binding(request)
    const sent = (request.query as Record<string, unknown> | undefined)?._csrf
    if (!bound || typeof sent !== 'string' || !safeEqual(sent, hmac(options.secret, `csrf:${bound}`))) throw new CsrfError()
  })

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
      const sent = isMultipart(request)
        ? (request.query as Record<string, unknown> | undefined)?._csrf
        : (request.body as Record<string, unknown> | undefined)?._csrf
      if (!bound || typeof sent !== 'string' || !safeEqual(sent, hmac(options.secret, `csrf:${bound}`))) {
        throw new CsrfError()
      }
    }
    request.csrfToken = bound ? hmac(options.secret, `csrf:${bound}`) : ''
  })
}
