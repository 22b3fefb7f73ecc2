/**
 * Rate limits on the JSON API (ADR 0044), sized in settings: a valid token is counted on its own, whatever address
 * it comes from; a request without a valid token is counted by its client address, so guessing tokens cannot
 * dodge the limit by sending a new one each time. Pages are not limited here (sign-in has its own throttle).
 * Counts live in each process's memory: with several processes each allows the limit, which is stated in the ADR.
 */
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import { isApiRequest } from './problem.ts'

const keyOf = (request: FastifyRequest) =>
  request.principal?.via === 'token' && request.principal.tokenId ? `token:${request.principal.tokenId}` : `address:${request.ip}`

export async function registerApiRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    // A route's onRequest hooks run after the app's, so authentication has already found the token; and before
    // any route guard answers 401, so refused requests are counted too.
    hook: 'onRequest',
    timeWindow: 60_000,
    keyGenerator: keyOf,
    max: (_request, key) => (key.startsWith('token:') ? config.apiRateLimit.perToken : config.apiRateLimit.perAddress),
    allowList: (request) => !isApiRequest(request.url),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`This allows ${context.max} requests a minute; try again in ${Math.ceil(context.ttl / 1000)} seconds.`), { statusCode: 429 }),
  })
}
