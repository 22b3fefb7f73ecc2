/** What Catalyst adds to Fastify's request: the signed-in user (if any) and the form token to embed. */
import type { Principal } from '../auth/service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and their role in one council, or null for a visitor. */
    principal: Principal | null
    /** The CSRF token for forms on the page being rendered. */
    csrfToken: string
  }
  interface FastifyInstance {
    /** Every route registered, for the tenancy walk and the API description. */
    catalystRoutes: { method: string; url: string }[]
  }
  interface FastifyContextConfig {
    /** For upload routes: the largest request body accepted, refused from its Content-Length before reading. */
    uploadLimitBytes?: number
  }
  interface FastifyReply {
    /** What every page template sees besides its own data (merged by @fastify/view). */
    locals: Record<string, unknown> | null
  }
}

export {}
