/** Record ids in addresses: anything that is not a UUID names no record, so it is "not found", never a database error. */
import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../../platform/http/authentication.ts'
import { isUuid } from '../../platform/ids.ts'

export function idOf(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, unknown>)[name]
  if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError()
  return value
}

/** A record id from the query string, or undefined when absent or not a UUID. */
export function queryId(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name]
  return typeof value === 'string' && isUuid(value) ? value : undefined
}
