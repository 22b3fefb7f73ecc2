/**
 * A NUL byte has no place in a URL or a form field, and PostgreSQL refuses it in text ("invalid byte sequence"),
 * which surfaced as a 500 on more than thirty routes. Refusing it here, once, before any route reads its input,
 * answers every route with a 400 that says why (a GOV.UK error page, or a problem document for the API).
 * Uploaded files are not inspected: their bytes are the importers' to judge.
 */
import type { FastifyInstance } from 'fastify'

export class NulByteError extends Error {
  readonly statusCode = 400
  constructor(where: string) {
    super(`The ${where} contains a null character (\\0 or %00), which is not allowed. Remove it and try again.`)
    this.name = 'NulByteError'
  }
}

/** True when the value, or any string or key nested in it, holds a NUL byte. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (depth > 32 || value === null || typeof value !== 'object') return false
  if (Buffer.isBuffer(value)) return false
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1))
  return Object.entries(value).some(([key, item]) => key.includes('\0') || holdsNul(item, depth + 1))
}

export function registerNulByteGuard(app: FastifyInstance): void {
  // The raw URL, before routing: %00 in a path segment or the query (percent-encoded, or raw from a lax client).
  app.addHook('onRequest', async (request) => {
    const url = request.raw.url ?? ''
    if (url.includes('\0') || /%00/i.test(url)) throw new NulByteError('address')
  })
  // The parsed body (form or JSON), before validation and before any handler sees it.
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.body)) throw new NulByteError('form')
  })
}
