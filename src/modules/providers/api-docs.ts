/**
 * The OpenAPI 3.1 description of /api/v1/providers: paths and schemas only. The platform assembles the whole
 * document at /api/v1/openapi.json from each module's fragment; the Problem schema is the platform's.
 */
import { paths } from '../../paths.ts'
import { API_MAX_PAGE_SIZE } from './api.ts'
import { MAX_IDENTIFIERS } from './forms.ts'
import { SCHEME_CODES } from './identifiers.ts'
import { SERVICE_CATEGORY_CODES } from './service-categories.ts'
import { FLAG_CODES, LEGAL_FORM_CODES } from './vocabulary.ts'

/** "/api/v1/providers/:id" as OpenAPI writes it: "/api/v1/providers/{id}". */
const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, '{$1}')

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength })

const writableProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  legalForm: { type: 'string', enum: LEGAL_FORM_CODES },
  identifiers: { type: 'array', maxItems: MAX_IDENTIFIERS, items: ref('IdentifierInput') },
  flags: {
    type: 'array',
    items: { type: 'string', enum: FLAG_CODES },
    description: 'Procurement Regulations 2024 reg 9(3)(k): SME, VCSE, supported employment provider, public service mutual.',
  },
  addressLine1: nullableText(200),
  addressLine2: nullableText(200),
  town: nullableText(100),
  postcode: { ...nullableText(10), description: 'A UK postcode; stored in normal form, like SW1A 2AA.' },
  website: { ...nullableText(500), description: 'An http or https address.' },
  serviceCategories: { type: 'array', items: { type: 'string', enum: SERVICE_CATEGORY_CODES } },
  areasServed: { type: 'array', items: { type: 'string', pattern: '^[EWSN][0-9]{8}$' }, description: 'ONS GSS codes of council areas.' },
  published: { type: 'boolean', description: 'Shown on the public register.' },
  privateNotes: { ...nullableText(5000), description: 'Seen only by the council’s staff; never published.' },
}

export const providersOpenApi = {
  paths: {
    [openApiPath(paths.api.providers.pattern)]: {
      get: {
        operationId: 'listProviders',
        summary: 'List the providers on your council’s register',
        tags: ['providers'],
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words of the name, or an identifier such as GB-COH-04336774.' },
          { name: 'flag', in: 'query', schema: { type: 'array', items: { type: 'string', enum: FLAG_CODES } }, style: 'form', explode: true },
          { name: 'category', in: 'query', schema: { type: 'string', enum: SERVICE_CATEGORY_CODES } },
          { name: 'area', in: 'query', schema: { type: 'string' }, description: 'GSS code of an area served.' },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: ['name', 'updated'], default: 'name' } },
          { name: 'order', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'], default: 'asc' } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: API_MAX_PAGE_SIZE, default: 50 } },
        ],
        responses: {
          200: { description: 'A page of providers', content: { 'application/json': { schema: ref('ProviderPage') } } },
          400: problem('A query parameter is not valid'),
          401: problem('No valid bearer token'),
          403: problem('The token’s role cannot list providers'),
        },
      },
      post: {
        operationId: 'createProvider',
        summary: 'Add a provider to your council’s register',
        tags: ['providers'],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ProviderCreate') } } },
        responses: {
          201: {
            description: 'Created',
            headers: { Location: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: ref('Provider') } },
          },
          400: problem('The provider is not valid; `errors` points to each field'),
          409: problem('An identifier is already in use, or a provider with the same name exists (send confirmDuplicate)'),
        },
      },
    },
    [openApiPath(paths.api.provider.pattern)]: {
      get: {
        operationId: 'getProvider',
        summary: 'Read one provider',
        tags: ['providers'],
        parameters: [idParameter],
        responses: {
          200: { description: 'The provider', content: { 'application/json': { schema: ref('Provider') } } },
          404: problem('No such provider in your council'),
        },
      },
      patch: {
        operationId: 'updateProvider',
        summary: 'Change some fields of a provider',
        tags: ['providers'],
        parameters: [idParameter],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ProviderPatch') } } },
        responses: {
          200: { description: 'The provider after the change', content: { 'application/json': { schema: ref('Provider') } } },
          400: problem('A field is not valid'),
          403: problem('A provider’s own token cannot change published or privateNotes'),
          404: problem('No such provider in your council'),
          409: problem('An identifier is already in use by another provider'),
        },
      },
    },
  },
  components: {
    schemas: {
      IdentifierInput: {
        type: 'object',
        required: ['scheme', 'id'],
        properties: {
          scheme: { type: 'string', enum: SCHEME_CODES, description: 'An org-id list code. GB-PPON is used by Find a Tender but not yet listed in org-id.guide; GB-VAT (a VAT registration number) is not listed there either.' },
          id: { type: 'string', description: 'Normalised by scheme, for example company numbers padded to 8 characters.' },
        },
        additionalProperties: false,
      },
      Identifier: {
        type: 'object',
        required: ['scheme', 'id', 'orgId'],
        properties: { scheme: { type: 'string' }, id: { type: 'string' }, orgId: { type: 'string', examples: ['GB-COH-04336774'] } },
      },
      ProviderCreate: {
        type: 'object',
        required: ['name', 'legalForm'],
        properties: { ...writableProperties, confirmDuplicate: { type: 'boolean', description: 'Add even though a provider with the same name exists.' } },
        additionalProperties: false,
      },
      ProviderPatch: { type: 'object', properties: writableProperties, additionalProperties: false },
      Provider: {
        type: 'object',
        required: ['id', 'name', 'legalForm', 'identifiers', 'flags', 'published', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          ...writableProperties,
          identifiers: { type: 'array', items: ref('Identifier') },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          links: { type: 'object', properties: { self: { type: 'string' }, html: { type: 'string' } } },
        },
      },
      ProviderPage: {
        type: 'object',
        required: ['items', 'page', 'pageSize', 'total'],
        properties: {
          items: { type: 'array', items: ref('Provider') },
          page: { type: 'integer' },
          pageSize: { type: 'integer' },
          total: { type: 'integer' },
        },
      },
    },
  },
} as const
