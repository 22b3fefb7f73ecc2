/**
 * The pieces every module's OpenAPI fragment is built from (ADR 0044): paths as OpenAPI writes them, references to
 * shared schemas, problem responses, the ETag and If-None-Match of conditional reads, and the cursor paging of lists.
 * One copy here, so that each module's description says the same thing the same way.
 */
import { API_MAX_LIMIT } from './api-paging.ts'

/** "/api/v1/contracts/:id" as OpenAPI writes it: "/api/v1/contracts/{id}". */
export const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, '{$1}')

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** A response that is an RFC 9457 problem document (the platform's Problem schema). */
export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: schemaRef('Problem') } } })

export const nullableText = { type: ['string', 'null'] }
export const nullablePence = { type: ['integer', 'null'], description: 'Pence' }
export const nullableIsoDate = { type: ['string', 'null'], format: 'date' }
export const isoDate = { type: 'string', format: 'date' }
export const dateTime = { type: 'string', format: 'date-time' }
export const uuid = { type: 'string', format: 'uuid' }

/** The ETag header of a read, and the If-None-Match parameter that sends it back. */
export const etagHeaders = { ETag: { schema: { type: 'string' }, description: 'Send it back as If-None-Match to get 304 when nothing changed' } }
export const ifNoneMatch = { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }

export const idParameter = { name: 'id', in: 'path', required: true, schema: uuid }

/** The cursor and limit every paged list takes, and the conditional-request header. */
export const pagingParameters = [
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'links.next of the page before carries it.' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT, default: 50 } },
  ifNoneMatch,
]

/** A page of items of the named schema, with the link to the next page (null on the last). */
export const pageSchema = (itemSchema: string) => ({
  type: 'object',
  required: ['items', 'links'],
  properties: {
    items: { type: 'array', items: schemaRef(itemSchema) },
    links: { type: 'object', required: ['next'], properties: { next: { type: ['string', 'null'], description: 'The next page, or null on the last' } } },
  },
})

/** The links every record carries: itself in the API, and its page for people. */
export const recordLinks = { type: 'object', required: ['self', 'html'], properties: { self: { type: 'string' }, html: { type: 'string' } } }

/**
 * A documented GET: 200 with an ETag and the named schema, 304, and the problems every read can answer. `module`
 * names what the token's role or scopes may not read, for the 403's description.
 */
export function readOperation(options: {
  operationId: string
  summary: string
  tag: string
  module: string
  schema: string
  parameters?: object[]
  /** 400 for a list's bad query, 404 for a record not in the council. */
  notFound?: string
  invalid?: string
}) {
  return {
    operationId: options.operationId,
    summary: options.summary,
    tags: [options.tag],
    parameters: options.parameters ?? [ifNoneMatch],
    responses: {
      200: { description: options.summary, headers: etagHeaders, content: { 'application/json': { schema: schemaRef(options.schema) } } },
      304: { description: 'Not modified since the ETag sent' },
      ...(options.invalid ? { 400: problemResponse(options.invalid) } : {}),
      401: problemResponse('No valid bearer token'),
      403: problemResponse(`The token’s role or scopes cannot read ${options.module}`),
      ...(options.notFound ? { 404: problemResponse(options.notFound) } : {}),
      429: problemResponse('Too many requests'),
    },
  }
}
