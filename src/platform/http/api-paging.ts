/**
 * What every module's read API shares (ADR 0044): opaque cursors for keyset paging, and ETags for conditional
 * requests. A cursor is the last id of the page before, base64url-encoded so that clients treat it as opaque and
 * the order can change later without breaking them; an ETag is a digest of the JSON sent, so it changes whenever
 * anything a client could see changes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { sha256 } from '../auth/tokens.ts'
import { isUuid } from '../ids.ts'

export const API_MAX_LIMIT = 200
export const encodeCursor = (lastId: string) => Buffer.from(lastId, 'utf8').toString('base64url')

/**
 * The query parameters a paged list takes, for records keyed by something `isKey` accepts: a uuid for rows in a
 * table, or another stable key for what is computed, such as a red flag's key.
 */
export const pagingQueryFor = (isKey: (key: string) => boolean) => ({
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return null
      const id = Buffer.from(value, 'base64url').toString('utf8')
      if (!isKey(id)) {
        ctx.addIssue({ code: 'custom', message: 'Use the nextCursor of the page before, as it was given' })
        return z.NEVER
      }
      return id
    }),
  limit: z.coerce
    .number({ error: `Use a whole number from 1 to ${API_MAX_LIMIT}` })
    .int(`Use a whole number from 1 to ${API_MAX_LIMIT}`)
    .min(1, `Use a whole number from 1 to ${API_MAX_LIMIT}`)
    .max(API_MAX_LIMIT, `Use a whole number from 1 to ${API_MAX_LIMIT}`)
    .default(50),
})

/** The query parameters every paged list of table rows takes: the cursor is the last row's id. */
export const pagingQuery = pagingQueryFor(isUuid)

/**
 * One page of a list computed in memory (not read a page at a time from a table), in key order after the cursor:
 * the same paging contract as a keyset query, so a client pages both kinds of list alike.
 */
export function pageInMemory<T>(items: readonly T[], keyOf: (item: T) => string, cursor: string | null, limit: number): { items: T[]; more: boolean } {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
  const after = cursor === null ? sorted : sorted.filter((item) => keyOf(item) > cursor)
  return { items: after.slice(0, limit), more: after.length > limit }
}

/** The page's links: the next page keeps the filters the client sent and moves the cursor on. */
export function nextLink(request: FastifyRequest, lastId: string | undefined, more: boolean): string | null {
  if (!more || !lastId) return null
  const [path, query = ''] = request.url.split('?')
  const params = new URLSearchParams(query)
  params.set('cursor', encodeCursor(lastId))
  return `${path}?${params}`
}

/** Sends JSON with a weak ETag, or 304 Not Modified when the client's If-None-Match already names it. */
export function sendWithEtag(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const json = JSON.stringify(body)
  const etag = `W/"${sha256(json).slice(0, 32)}"`
  reply.header('etag', etag).header('cache-control', 'private, no-cache')
  const match = request.headers['if-none-match']
  const sent = typeof match === 'string' ? match.split(',').map((tag) => tag.trim()) : []
  if (sent.includes(etag) || sent.includes('*')) return reply.code(304).send()
  return reply.type('application/json').send(json)
}
