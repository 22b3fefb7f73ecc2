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
  problemResponse,
  readOperation,
  recordLinks,
  schemaRef,
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
      post: {
        operationId: 'createGrant',
        summary: 'Add a grant to your council’s register',
        description: 'Checked as the Add a grant page checks it; needs a role that may change the registers and the grants:write scope. Audited.',
        tags: ['grants'],
        requestBody: { required: true, content: { 'application/json': { schema: schemaRef('GrantInput') } } },
        responses: {
          201: {
            description: 'The grant, as GET /api/v1/grants/{id} answers it',
            headers: { Location: { schema: { type: 'string' }, description: 'The new grant’s address in the API' } },
            content: { 'application/json': { schema: schemaRef('Grant') } },
          },
          400: problemResponse('The grant is not valid: `errors` names each field and why'),
          401: problemResponse('No valid bearer token'),
          403: problemResponse('The token’s role or scopes cannot add grants'),
          409: problemResponse('The identifier is already used by another grant of the council'),
          429: problemResponse('Too many requests'),
        },
      },
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
      GrantInput: {
        type: 'object',
        additionalProperties: false,
        required: ['identifier', 'title', 'amountAwardedPence', 'awardDate', 'recipientProviderId'],
        properties: {
          identifier: { type: 'string', maxLength: 200, description: 'The 360Giving identifier; the council’s 360G- prefix is added when it does not start with 360G-' },
          title: { type: 'string', minLength: 1, maxLength: 500 },
          description: { type: ['string', 'null'], maxLength: 2000 },
          amountAwardedPence: { type: 'integer', minimum: 0, description: 'Pence' },
          awardDate: isoDate,
          plannedStartDate: nullableIsoDate,
          plannedEndDate: { ...nullableIsoDate, description: 'On or after the planned start' },
          recipientProviderId: { ...uuid, description: 'A provider in your council’s register' },
          programme: { type: ['string', 'null'], maxLength: 2000 },
          fromOpenCall: { type: ['boolean', 'null'] },
          beneficiaryLocations: { type: 'array', items: { type: 'string', pattern: '^[EWSN][0-9]{8}$' }, description: 'GSS codes, such as E06000002' },
          department: { type: ['string', 'null'], maxLength: 2000 },
          published: { type: 'boolean', default: true },
        },
      },
    },
  },
} as const
