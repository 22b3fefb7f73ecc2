/**
 * The JSON API's description: an OpenAPI 3.1 document assembled from the fragments modules export (for example
 * `providersOpenApi` from modules/providers/api-docs.ts, named by each module's manifest as `openApi`), with what every endpoint
 * shares: servers, bearer tokens and RFC 9457 problem documents. Served, with a small index, at
 * GET /api/v1/openapi.json and GET /api/v1, without signing in. The platform never imports a module itself.
 */
import type { FastifyInstance } from 'fastify'
import type { CatalystModule } from '../modules.ts'
import { paths } from '../../paths.ts'

export const API_VERSION = '1.0.0'

type JsonObject = Record<string, unknown>

/** What a module contributes: its paths, and the schemas they refer to as #/components/schemas/<Name>. */
export interface OpenApiFragment {
  /** The module's name, used as the tag and in error messages. */
  name: string
  paths: object
  components?: object
}

/** Schemas the platform defines for every module; a module may refer to them, and its own copy is ignored. */
const PLATFORM_SCHEMAS = new Set(['Problem', 'ApiIndex'])

const problemSchema = {
  type: 'object',
  description: 'An RFC 9457 problem document: what went wrong, for people and for programs.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'A URN naming the kind of problem', examples: ['urn:catalyst:problem:invalid-request'] },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path that was requested' },
    requestId: { type: 'string', description: 'Quote this when reporting a problem' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', description: 'A JSON pointer, such as /name' }, message: { type: 'string' } },
      },
    },
  },
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const platformPaths = {
  [paths.api.root.pattern]: {
    get: {
      operationId: 'getApiIndex',
      summary: 'Links to this API’s description',
      tags: ['API'],
      security: [],
      responses: {
        '200': {
          description: 'The API index',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiIndex' } } },
        },
      },
    },
  },
  [paths.api.openapi.pattern]: {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      tags: ['API'],
      security: [],
      responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': {} } } },
    },
  },
}

/** Builds the document. A path declared by two modules is a programming error, reported at start. */
export function buildOpenApiDocument(fragments: OpenApiFragment[], options: { serverUrl?: string } = {}): JsonObject {
  const mergedPaths: JsonObject = { ...platformPaths }
  const schemas: JsonObject = {
    Problem: problemSchema,
    ApiIndex: {
      type: 'object',
      required: ['name', 'version', 'links'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        links: { type: 'object', additionalProperties: { type: 'object', properties: { href: { type: 'string' } } } },
      },
    },
  }
  const otherComponents: Record<string, JsonObject> = {}
  const tags: { name: string; description?: string }[] = [{ name: 'API', description: 'About this API' }]

  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment.paths)) {
      if (path in mergedPaths) throw new Error(`OpenAPI: ${fragment.name} declares ${path}, which is already declared`)
      mergedPaths[path] = item
    }
    for (const [kind, entries] of Object.entries((fragment.components ?? {}) as Record<string, JsonObject>)) {
      const target = kind === 'schemas' ? schemas : (otherComponents[kind] ??= {})
      for (const [name, value] of Object.entries(entries)) {
        // The platform's own shared schemas (Problem) win over a module's copy of them.
        if (kind === 'schemas' && PLATFORM_SCHEMAS.has(name)) continue
        if (name in target && JSON.stringify(target[name]) === JSON.stringify(value)) continue
        if (name in target) throw new Error(`OpenAPI: ${fragment.name} declares components.${kind}.${name}, which is already declared`)
        target[name] = value
      }
    }
    tags.push({ name: fragment.name })
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Catalyst API',
      version: API_VERSION,
      summary: 'Strategic commissioning for English councils',
      description:
        'Read and change a council’s commissioning data. Every request except this document and its index needs a ' +
        'personal API token (create one with `catalyst tokens create`), sent as `Authorization: Bearer <token>`. ' +
        'A token acts as its user in one council, with that user’s role. Errors are RFC 9457 problem documents.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/', description: 'This Catalyst' }],
    security: [{ bearerAuth: [] }],
    tags,
    paths: mergedPaths,
    components: {
      ...otherComponents,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token, such as cat_… (created with `catalyst tokens create`)',
        },
      },
      schemas,
      responses: {
        Unauthorized: problemResponse('No valid API token was sent'),
        Forbidden: problemResponse('The token’s role does not allow this'),
        NotFound: problemResponse('There is nothing at this address that the token may see'),
        BadRequest: problemResponse('The request is not valid; `errors` says which fields and why'),
      },
    },
  }
}

/** The module that serves the document, built once from the fragments of the modules that have an API. */
export function openApiModule(modules: CatalystModule[]): CatalystModule {
  const fragments: OpenApiFragment[] = modules.flatMap((module) => (module.openApi ? [{ name: module.name, ...module.openApi }] : []))
  return {
    name: 'api',
    register(app: FastifyInstance) {
      const document = buildOpenApiDocument(fragments)
      const documentFor = () => document
      app.get(paths.api.openapi.pattern, async (_request, reply) => reply.type('application/json').send(documentFor()))
      app.get(paths.api.root.pattern, async () => ({
        name: 'Catalyst API',
        version: API_VERSION,
        links: {
          openapi: { href: paths.api.openapi.href(), type: 'application/vnd.oai.openapi+json;version=3.1' },
        },
      }))
    },
  }
}
