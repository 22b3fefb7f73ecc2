/** The OpenAPI 3.1 description of /api/v1/market (ADR 0061). */
import { dateTime, idParameter, ifNoneMatch, isoDate, nullableText, openApiPath, pageSchema, pagingParameters, readOperation, recordLinks, uuid } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import { STATEMENT_SECTIONS } from './service.ts'

const categorySchema = { type: 'string', enum: SERVICE_CATEGORY_CODES }

const capacityProperties = {
  id: uuid,
  provider: { type: 'object', required: ['providerId', 'name', 'links'], properties: { providerId: uuid, name: { type: 'string' }, links: { type: 'object' } } },
  serviceCategory: categorySchema,
  amount: { type: 'integer', description: 'How much the provider can deliver, in `unit`' },
  unit: { type: 'string', description: 'Such as beds, hours a week or places' },
  usedByCouncil: { type: ['integer', 'null'], description: 'Of which the council buys, in the same unit, where known' },
  asAt: isoDate,
  notes: nullableText,
  updatedAt: dateTime,
  links: recordLinks,
}

const statementProperties = {
  id: uuid,
  serviceCategory: categorySchema,
  title: { type: 'string' },
  sections: {
    type: 'object',
    required: STATEMENT_SECTIONS.map((s) => s.key),
    properties: Object.fromEntries(STATEMENT_SECTIONS.map((s) => [s.key, { ...nullableText, description: s.name }])),
    additionalProperties: false,
  },
  published: { type: 'boolean' },
  publishedAt: { type: ['string', 'null'], format: 'date-time' },
  updatedBy: { type: 'string' },
  updatedAt: dateTime,
  links: recordLinks,
}

const categoryParameter = { name: 'serviceCategory', in: 'query', schema: categorySchema }

export const marketOpenApi = {
  paths: {
    [openApiPath(paths.api.marketCapacity.pattern)]: {
      get: readOperation({
        operationId: 'listMarketCapacity',
        summary: 'List what providers can deliver for your council, by service',
        tag: 'market',
        module: 'market',
        schema: 'MarketCapacityPage',
        invalid: 'A query parameter is not valid',
        parameters: [{ name: 'provider', in: 'query', schema: uuid }, categoryParameter, ...pagingParameters],
      }),
    },
    [openApiPath(paths.api.marketCapacityRecord.pattern)]: {
      get: readOperation({ operationId: 'getMarketCapacity', summary: 'Read one line of a provider’s capacity', tag: 'market', module: 'market', schema: 'MarketCapacity', parameters: [idParameter, ifNoneMatch], notFound: 'No such capacity in your council' }),
    },
    [openApiPath(paths.api.marketStatements.pattern)]: {
      get: readOperation({
        operationId: 'listMarketPositionStatements',
        summary: 'List your council’s market position statements, drafts and published',
        tag: 'market',
        module: 'market',
        schema: 'MarketPositionStatementPage',
        invalid: 'A query parameter is not valid',
        parameters: [categoryParameter, { name: 'published', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }, ...pagingParameters],
      }),
    },
    [openApiPath(paths.api.marketStatement.pattern)]: {
      get: readOperation({ operationId: 'getMarketPositionStatement', summary: 'Read one market position statement', tag: 'market', module: 'market', schema: 'MarketPositionStatement', parameters: [idParameter, ifNoneMatch], notFound: 'No such statement in your council' }),
    },
  },
  components: {
    schemas: {
      MarketCapacity: { type: 'object', required: Object.keys(capacityProperties), properties: capacityProperties, additionalProperties: false },
      MarketCapacityPage: pageSchema('MarketCapacity'),
      MarketPositionStatement: { type: 'object', required: Object.keys(statementProperties), properties: statementProperties, additionalProperties: false },
      MarketPositionStatementPage: pageSchema('MarketPositionStatement'),
    },
  },
} as const
