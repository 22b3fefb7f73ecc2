/** The OpenAPI 3.1 description of /api/v1/risk/assessments (ADR 0061). */
import { dateTime, idParameter, ifNoneMatch, nullableText, openApiPath, pageSchema, pagingParameters, readOperation, recordLinks, uuid } from '../../platform/http/api-docs.ts'
import { MITIGATIONS } from '../../rules/risk/assess.ts'
import { RISK_LEVELS } from '../../rules/risk/types.ts'
import { paths } from '../../paths.ts'
import { DECISIONS } from './forms.ts'

const level = { type: 'string', enum: [...RISK_LEVELS] }
const metric = {
  type: 'object',
  required: ['code', 'name', 'value', 'valueText', 'thresholdText', 'effect', 'explanation'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    value: { type: ['number', 'null'] },
    valueText: { type: 'string', description: 'The value in words, such as "1.25 times"' },
    thresholdText: { type: 'string' },
    effect: { type: 'string', enum: ['meets', 'concern', 'not-given'] },
    explanation: { type: 'string' },
    grave: { type: 'boolean', description: 'An insolvency or ceasing to trade inside the look-back window' },
  },
}

const assessmentProperties = {
  id: uuid,
  provider: { type: 'object', required: ['providerId', 'name', 'links'], properties: { providerId: uuid, name: { type: 'string' }, links: { type: 'object' } } },
  contract: { type: ['object', 'null'], required: ['contractId', 'links'], properties: { contractId: uuid, links: { type: 'object' } }, description: 'Null for a proposed contract' },
  proposedTitle: nullableText,
  annualValuePence: { type: 'integer', description: 'Pence: the annual value the metrics are measured against' },
  tier: { type: 'integer', enum: [1, 2, 3], description: 'How critical the contract is: 1 standard to 3 critical' },
  financialsId: { type: ['string', 'null'], format: 'uuid', description: 'The year of accounts assessed' },
  thresholds: { type: 'object', description: 'The council’s thresholds used, as they were at the time' },
  metrics: { type: 'array', items: metric },
  result: level,
  explanation: { type: 'string' },
  mitigations: { type: 'array', items: { type: 'string', enum: Object.keys(MITIGATIONS) } },
  residualRisk: level,
  decision: { type: ['string', 'null'], enum: [...Object.keys(DECISIONS), null] },
  decisionReason: nullableText,
  decidedBy: nullableText,
  decidedAt: { type: ['string', 'null'], format: 'date-time' },
  evidenceRequestedAt: { type: ['string', 'null'], format: 'date-time' },
  assessedBy: { type: 'string' },
  createdAt: dateTime,
  links: recordLinks,
}

export const riskOpenApi = {
  paths: {
    [openApiPath(paths.api.riskAssessments.pattern)]: {
      get: readOperation({
        operationId: 'listRiskAssessments',
        summary: 'List your council’s assessments of providers’ financial standing',
        tag: 'risk',
        module: 'risk',
        schema: 'RiskAssessmentPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'provider', in: 'query', schema: uuid },
          { name: 'contract', in: 'query', schema: uuid },
          { name: 'result', in: 'query', schema: level },
          { name: 'decision', in: 'query', schema: { type: 'string', enum: [...Object.keys(DECISIONS), 'undecided'] }, description: '`undecided` for assessments still waiting for a decision.' },
          ...pagingParameters,
        ],
      }),
    },
    [openApiPath(paths.api.riskAssessment.pattern)]: {
      get: readOperation({ operationId: 'getRiskAssessment', summary: 'Read one assessment', tag: 'risk', module: 'risk', schema: 'RiskAssessment', parameters: [idParameter, ifNoneMatch], notFound: 'No such assessment in your council' }),
    },
  },
  components: {
    schemas: {
      RiskAssessment: { type: 'object', required: Object.keys(assessmentProperties), properties: assessmentProperties, additionalProperties: false },
      RiskAssessmentPage: pageSchema('RiskAssessment'),
    },
  },
} as const
