/** The OpenAPI 3.1 description of /api/v1/contracts; the platform assembles the whole document (openapi.ts). */
import { API_MAX_LIMIT } from '../../platform/http/api-paging.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import { CONTRACT_STATUS_CODES } from './api.ts'

const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, '{$1}')
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const text = { type: ['string', 'null'] }
const pence = { type: ['integer', 'null'], description: 'Pence' }
const isoDate = { type: ['string', 'null'], format: 'date' }
const etagged = { ETag: { schema: { type: 'string' }, description: 'Send it back as If-None-Match to get 304 when nothing changed' } }
const conditional = { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }

const contractProperties = {
  id: { type: 'string', format: 'uuid' },
  reference: { type: 'string' },
  title: { type: 'string' },
  description: text,
  department: text,
  status: { type: 'string', enum: CONTRACT_STATUS_CODES },
  mainCategory: { type: 'string', enum: ['goods', 'services', 'works'] },
  awardProcedure: { type: 'string' },
  serviceCategory: { type: ['string', 'null'], enum: [...SERVICE_CATEGORY_CODES, null] },
  cpvCodes: { type: 'array', items: { type: 'string' } },
  totalValuePence: pence,
  estimatedAnnualValuePence: pence,
  valuesIncludeVat: { type: 'boolean' },
  startDate: isoDate,
  endDate: isoDate,
  reviewDate: isoDate,
  awardDate: isoDate,
  extensionOptions: { type: 'integer', minimum: 0 },
  extensionsTaken: { type: 'integer', minimum: 0 },
  ocid: text,
  published: { type: 'boolean' },
  suppliers: {
    type: 'array',
    items: {
      type: 'object',
      required: ['providerId', 'name'],
      properties: { providerId: { type: 'string', format: 'uuid' }, name: { type: 'string' }, links: { type: 'object' } },
    },
  },
  notices: {
    type: 'array',
    items: { type: 'object', required: ['type', 'publishedOn'], properties: { type: { type: 'string' }, publishedOn: { type: 'string', format: 'date' } } },
  },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  links: { type: 'object', required: ['self', 'html'], properties: { self: { type: 'string' }, html: { type: 'string' } } },
}
const contractRequired = ['id', 'reference', 'title', 'status', 'mainCategory', 'awardProcedure', 'suppliers', 'published', 'createdAt', 'updatedAt', 'links']

export const contractsOpenApi = {
  paths: {
    [openApiPath(paths.api.contracts.pattern)]: {
      get: {
        operationId: 'listContracts',
        summary: 'List your council’s contracts, a page at a time',
        tags: ['contracts'],
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words of the title, reference or description.' },
          { name: 'supplier', in: 'query', schema: { type: 'string' }, description: 'Words of a supplier’s name.' },
          { name: 'status', in: 'query', schema: { type: 'string', enum: CONTRACT_STATUS_CODES } },
          { name: 'category', in: 'query', schema: { type: 'string', enum: SERVICE_CATEGORY_CODES } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'links.next of the page before carries it.' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT, default: 50 } },
          conditional,
        ],
        responses: {
          200: { description: 'A page of contracts, in a stable order', headers: etagged, content: { 'application/json': { schema: ref('ContractPage') } } },
          304: { description: 'Not modified since the ETag sent' },
          400: problem('A query parameter is not valid'),
          401: problem('No valid bearer token'),
          403: problem('The token’s role or scopes cannot read contracts'),
          429: problem('Too many requests'),
        },
      },
    },
    [openApiPath(paths.api.contract.pattern)]: {
      get: {
        operationId: 'getContract',
        summary: 'Read one contract with its KPIs, performance assessments and modifications',
        tags: ['contracts'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, conditional],
        responses: {
          200: { description: 'The contract', headers: etagged, content: { 'application/json': { schema: ref('ContractDetail') } } },
          304: { description: 'Not modified since the ETag sent' },
          401: problem('No valid bearer token'),
          403: problem('The token’s role or scopes cannot read contracts'),
          404: problem('No such contract in your council'),
        },
      },
    },
  },
  components: {
    schemas: {
      Contract: { type: 'object', required: contractRequired, properties: contractProperties, additionalProperties: false },
      ContractDetail: {
        type: 'object',
        required: [...contractRequired, 'kpis', 'assessments', 'modifications'],
        additionalProperties: false,
        properties: {
          ...contractProperties,
          kpis: { type: 'array', items: { type: 'object', required: ['id', 'name', 'target'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, target: { type: 'string' } } } },
          assessments: {
            type: 'array',
            description: 'Procurement Act 2023 s.71: KPI performance assessed at least every 12 months.',
            items: { type: 'object', required: ['id', 'assessedOn', 'rating'], properties: { id: { type: 'string', format: 'uuid' }, assessedOn: { type: 'string', format: 'date' }, rating: { type: 'string' }, notes: text } },
          },
          modifications: {
            type: 'array',
            description: 'Procurement Act 2023 ss.74–77 and Schedule 8.',
            items: {
              type: 'object',
              required: ['id', 'modifiedOn', 'description', 'valueBeforePence', 'valueAfterPence', 'termBeforeMonths', 'termAfterMonths'],
              properties: {
                id: { type: 'string', format: 'uuid' },
                modifiedOn: { type: 'string', format: 'date' },
                description: { type: 'string' },
                valueBeforePence: { type: 'integer' },
                valueAfterPence: { type: 'integer' },
                termBeforeMonths: { type: 'integer' },
                termAfterMonths: { type: 'integer' },
                schedule8Ground: text,
              },
            },
          },
        },
      },
      ContractPage: {
        type: 'object',
        required: ['items', 'links'],
        properties: {
          items: { type: 'array', items: ref('Contract') },
          links: { type: 'object', required: ['next'], properties: { next: { type: ['string', 'null'], description: 'The next page, or null on the last' } } },
        },
      },
    },
  },
} as const
