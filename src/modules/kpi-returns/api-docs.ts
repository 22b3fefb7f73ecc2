/** The OpenAPI 3.1 description of POST /api/v1/kpi-returns (ADR 0061). */
import { dateTime, isoDate, nullableText, openApiPath, problemResponse, schemaRef, uuid } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { MAX_NOTE } from './submission.ts'

const returnProperties = {
  id: uuid,
  kpiId: uuid,
  contractId: uuid,
  providerId: uuid,
  periodStart: { ...isoDate, description: 'The first day of the financial-year quarter' },
  periodEnd: isoDate,
  figure: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,4})?$', description: 'The figure exactly as stored, as a decimal' },
  note: nullableText,
  status: { type: 'string', enum: ['submitted', 'accepted', 'queried'] },
  submittedBy: { type: 'string' },
  submittedAt: dateTime,
  query: { ...nullableText, description: 'The contract manager’s question, when the return was queried' },
  decidedAt: { type: ['string', 'null'], format: 'date-time' },
  links: { type: 'object', required: ['html'], properties: { html: { type: 'string', description: 'The provider’s returns page' } } },
}

const returned = (description: string) => ({ description, content: { 'application/json': { schema: schemaRef('KpiReturn') } } })

export const kpiReturnsOpenApi = {
  paths: {
    [openApiPath(paths.api.kpiReturns.pattern)]: {
      post: {
        operationId: 'sendKpiReturn',
        summary: 'Send a quarter’s figure for a KPI of one of your contracts',
        description:
          'For a provider’s user, as on its returns page: a KPI of a contract the provider supplies, a quarter of the contract’s term that has ended, ' +
          'a figure up to 4 decimal places. Sending again corrects a return the council has not decided, or answers its query; an accepted return is final. ' +
          'Needs the kpi-returns:write scope. Audited.',
        tags: ['kpi-returns'],
        requestBody: { required: true, content: { 'application/json': { schema: schemaRef('KpiReturnInput') } } },
        responses: {
          200: returned('The return, corrected or sent again in answer to the council’s query'),
          201: returned('The new return'),
          400: problemResponse('The return is not valid: `errors` names each field by JSON pointer and says why'),
          401: problemResponse('No valid bearer token'),
          403: problemResponse('The token’s role or scopes cannot send KPI returns'),
          409: problemResponse('The council has already accepted this return'),
          429: problemResponse('Too many requests'),
        },
      },
    },
  },
  components: {
    schemas: {
      KpiReturn: { type: 'object', required: Object.keys(returnProperties), properties: returnProperties, additionalProperties: false },
      KpiReturnInput: {
        type: 'object',
        additionalProperties: false,
        required: ['kpiId', 'periodStart', 'figure'],
        properties: {
          kpiId: { ...uuid, description: 'A KPI of a contract your provider supplies' },
          periodStart: { ...isoDate, description: 'The first day of an ended quarter of the contract’s term (1 April, 1 July, 1 October or 1 January)' },
          figure: {
            oneOf: [{ type: 'number' }, { type: 'string', maxLength: 40 }],
            description: 'In the unit the target uses: 96.5 for 96.5%. As text, "1,200" and "97%" are read as the page reads them',
          },
          note: { type: ['string', 'null'], maxLength: MAX_NOTE },
        },
      },
    },
  },
} as const
