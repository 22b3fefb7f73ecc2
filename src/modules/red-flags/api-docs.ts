/** The OpenAPI 3.1 description of /api/v1/red-flags; the platform assembles the whole document (openapi.ts). */
import { dateTime, openApiPath, pageSchema, pagingParameters, readOperation } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { FLAG_STATES } from './api.ts'

const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', required, properties })
const string = { type: 'string' }

export const redFlagsOpenApi = {
  paths: {
    [openApiPath(paths.api.redFlags.pattern)]: {
      get: readOperation({
        operationId: 'listRedFlags',
        summary: 'List the red flags the rules raise for your council today, a page at a time in key order',
        tag: 'red-flags',
        module: 'red flags',
        schema: 'RedFlagPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'rule', in: 'query', schema: string, description: 'One rule’s id, such as RF-DIRECT.' },
          { name: 'status', in: 'query', schema: { type: 'string', enum: FLAG_STATES, default: 'open' }, description: 'Open flags, dismissed ones, or both.' },
          ...pagingParameters,
        ],
      }),
    },
  },
  components: {
    schemas: {
      RedFlag: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'status', 'rule', 'summary', 'evidence', 'about', 'dismissal', 'links'],
        properties: {
          key: { type: 'string', description: 'The rule’s id and the flag’s subject, stable while the facts behind it last' },
          status: { type: 'string', enum: ['open', 'dismissed'] },
          rule: object({
            id: string,
            name: string,
            why: string,
            legalBasis: object({ cites: { type: 'array', items: string }, text: string }),
          }),
          summary: string,
          evidence: { type: 'array', items: object({ label: string, value: string }) },
          about: { type: 'array', description: 'The pages of the records the flag is about', items: object({ text: string, href: string }) },
          dismissal: { ...object({ reason: string, dismissedBy: string, dismissedAt: dateTime }), type: ['object', 'null'] },
          links: object({ html: string }),
        },
      },
      RedFlagPage: pageSchema('RedFlag'),
    },
  },
} as const
