/** The OpenAPI 3.1 description of /api/v1/contracts; the platform assembles the whole document (openapi.ts). */
import { dateTime, idParameter, ifNoneMatch, nullableIsoDate as isoDate, nullablePence as pence, nullableText as text, openApiPath, pageSchema, pagingParameters, readOperation, recordLinks, uuid } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import { CONTRACT_STATUS_CODES } from './api.ts'

const contractProperties = {
  id: uuid,
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
      properties: { providerId: uuid, name: { type: 'string' }, links: { type: 'object' } },
    },
  },
  notices: {
    type: 'array',
    items: { type: 'object', required: ['type', 'publishedOn'], properties: { type: { type: 'string' }, publishedOn: { type: 'string', format: 'date' } } },
  },
  createdAt: dateTime,
  updatedAt: dateTime,
  links: recordLinks,
}
const contractRequired = ['id', 'reference', 'title', 'status', 'mainCategory', 'awardProcedure', 'suppliers', 'published', 'createdAt', 'updatedAt', 'links']

export const contractsOpenApi = {
  paths: {
    [openApiPath(paths.api.contracts.pattern)]: {
      get: readOperation({
        operationId: 'listContracts',
        summary: 'List your council’s contracts, a page at a time',
        tag: 'contracts',
        module: 'contracts',
        schema: 'ContractPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words of the title, reference or description.' },
          { name: 'supplier', in: 'query', schema: { type: 'string' }, description: 'Words of a supplier’s name.' },
          { name: 'status', in: 'query', schema: { type: 'string', enum: CONTRACT_STATUS_CODES } },
          { name: 'category', in: 'query', schema: { type: 'string', enum: SERVICE_CATEGORY_CODES } },
          ...pagingParameters,
        ],
      }),
    },
    [openApiPath(paths.api.contract.pattern)]: {
      get: readOperation({
        operationId: 'getContract',
        summary: 'Read one contract with its KPIs, performance assessments and modifications',
        tag: 'contracts',
        module: 'contracts',
        schema: 'ContractDetail',
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such contract in your council',
      }),
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
          kpis: { type: 'array', items: { type: 'object', required: ['id', 'name', 'target'], properties: { id: uuid, name: { type: 'string' }, target: { type: 'string' } } } },
          assessments: {
            type: 'array',
            description: 'Procurement Act 2023 s.71: KPI performance assessed at least every 12 months.',
            items: { type: 'object', required: ['id', 'assessedOn', 'rating'], properties: { id: uuid, assessedOn: { type: 'string', format: 'date' }, rating: { type: 'string' }, notes: text } },
          },
          modifications: {
            type: 'array',
            description: 'Procurement Act 2023 ss.74–77 and Schedule 8.',
            items: {
              type: 'object',
              required: ['id', 'modifiedOn', 'description', 'valueBeforePence', 'valueAfterPence', 'termBeforeMonths', 'termAfterMonths'],
              properties: {
                id: uuid,
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
      ContractPage: pageSchema('Contract'),
    },
  },
} as const
