/** What Catalyst adds to Fastify's request: the signed-in user (if any) and the form token to embed. */
import type { Principal } from '../auth/service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and their role in one council, or null for a visitor. */
    principal: Principal | null
    /** The CSRF token for forms on the page being rendered. */
    csrfToken: string
    /** When the bearer token sent had expired: when it did (the 401 says so). */
    apiTokenExpiredAt: Date | null
  }
  interface FastifyInstance {
    /** Every route registered, for the tenancy walk and the API description. */
    catalystRoutes: { method: string; url: string; checksBeforeBody: boolean }[]
  }
  interface FastifyContextConfig {
    /** For upload routes: the largest request body accepted, refused from its Content-Length before reading. */
    uploadLimitBytes?: number
    /** For API routes that change nothing although not a GET (route advice): the token scope they need is read. */
    apiAccess?: 'read' | 'write'
  }
  interface FastifyReply {
    /** What every page template sees besides its own data (merged by @fastify/view). */
    locals: Record<string, unknown> | null
  }
}

export {}
