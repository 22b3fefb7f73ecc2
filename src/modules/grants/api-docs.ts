/** The OpenAPI 3.1 description of /api/v1/grants; the contracts module's manifest carries it with the contracts'. */
import {
  dateTime,
  idParameter,
  ifNoneMatch,
  isoDate,
  nullableIsoDate,
  nullableText,
  openApiPath,
  pageSchema,
  pagingParameters,
  readOperation,
  recordLinks,
  uuid,
} from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'

const grantProperties = {
  id: uuid,
  identifier: { type: 'string', description: 'The 360Giving identifier, starting with the council’s 360G- prefix' },
  title: { type: 'string' },
  description: nullableText,
  amountAwardedPence: { type: 'integer', description: 'Pence' },
  awardDate: isoDate,
  plannedStartDate: nullableIsoDate,
  plannedEndDate: nullableIsoDate,
  plannedDurationMonths: { type: ['number', 'null'], description: 'As the source gave it; a start and a duration is as valid as a start and an end' },
  recipient: {
    type: ['object', 'null'],
    required: ['providerId', 'name', 'isVcse', 'links'],
    properties: { providerId: uuid, name: { type: 'string' }, isVcse: { type: 'boolean' }, links: { type: 'object' } },
  },
  programme: nullableText,
  fromOpenCall: { type: ['boolean', 'null'], description: 'Whether the grant came from an open call for applications; null when not known' },
  beneficiaryLocations: { type: 'array', items: { type: 'string' }, description: 'GSS codes of the areas that benefit' },
  department: nullableText,
  published: { type: 'boolean' },
  createdAt: dateTime,
  updatedAt: dateTime,
  links: recordLinks,
}

export const grantsOpenApi = {
  paths: {
    [openApiPath(paths.api.grants.pattern)]: {
      get: readOperation({
        operationId: 'listGrants',
        summary: 'List your council’s grants, a page at a time',
        tag: 'grants',
        module: 'grants',
        schema: 'GrantPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words of the title, identifier or programme.' },
          { name: 'recipient', in: 'query', schema: uuid, description: 'The recipient’s provider id.' },
          { name: 'programme', in: 'query', schema: { type: 'string' }, description: 'The grant programme’s name (any case).' },
          { name: 'awardedFrom', in: 'query', schema: isoDate, description: 'Awarded on or after this date.' },
          { name: 'awardedTo', in: 'query', schema: isoDate, description: 'Awarded on or before this date.' },
          ...pagingParameters,
        ],
      }),
    },
    [openApiPath(paths.api.grant.pattern)]: {
      get: readOperation({
        operationId: 'getGrant',
        summary: 'Read one grant',
        tag: 'grants',
        module: 'grants',
        schema: 'Grant',
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such grant in your council',
      }),
    },
  },
  components: {
    schemas: {
      Grant: { type: 'object', required: Object.keys(grantProperties), properties: grantProperties, additionalProperties: false },
      GrantPage: pageSchema('Grant'),
    },
  },
} as const
