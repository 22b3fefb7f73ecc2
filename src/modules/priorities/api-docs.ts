/** The OpenAPI 3.1 description of /api/v1/priorities (ADR 0061). */
import { dateTime, idParameter, ifNoneMatch, nullableIsoDate, nullablePence, nullableText, openApiPath, pageSchema, pagingParameters, readOperation, recordLinks, uuid } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { DELIVERY_STATUSES, PHASES, VOTING_METHODS } from './phases.ts'

const PHASE_CODES = PHASES.map((p) => p.code)

const roundProperties = {
  id: uuid,
  title: { type: 'string' },
  description: { type: 'string' },
  phase: { type: 'string', enum: PHASE_CODES },
  votingMethod: { type: 'string', enum: Object.keys(VOTING_METHODS) },
  budgetPence: { type: 'integer', description: 'Pence' },
  votingClosesOn: nullableIsoDate,
  resultsPublished: { type: 'boolean', description: 'True in the results and delivery phases: votes and winners are then given' },
  createdAt: dateTime,
  updatedAt: dateTime,
  links: recordLinks,
}

const linked = { type: ['object', 'null'], required: ['id', 'links'], properties: { id: uuid, links: { type: 'object' } } }

const ideaProperties = {
  id: uuid,
  title: { type: 'string' },
  description: { type: 'string' },
  feasibility: { type: ['string', 'null'], enum: ['feasible', 'not-feasible', null], description: 'The officers’ review; null until reviewed' },
  costPence: nullablePence,
  reviewNote: nullableText,
  votes: { type: ['integer', 'null'], description: 'Null until the results are published, or for an idea not on the ballot' },
  rank: { type: ['integer', 'null'] },
  winner: { type: ['boolean', 'null'], description: 'By the count, with any officer’s published override; null until the results are published' },
  override: { type: ['object', 'null'], required: ['winner', 'reason'], properties: { winner: { type: 'boolean' }, reason: nullableText } },
  deliveryStatus: { type: 'string', enum: Object.keys(DELIVERY_STATUSES) },
  deliveryNote: nullableText,
  deliveredBy: { type: 'object', required: ['project', 'grant'], properties: { project: linked, grant: linked } },
}

const roundDetailProperties = {
  ...roundProperties,
  ballots: { type: ['integer', 'null'], description: 'Ballots counted; null until the results are published' },
  ideas: { type: 'array', items: { type: 'object', required: Object.keys(ideaProperties), properties: ideaProperties, additionalProperties: false } },
}

export const prioritiesOpenApi = {
  paths: {
    [openApiPath(paths.api.priorities.pattern)]: {
      get: readOperation({
        operationId: 'listPriorityRounds',
        summary: 'List your council’s priorities rounds, where residents propose ideas and vote',
        tag: 'priorities',
        module: 'priorities',
        schema: 'PriorityRoundPage',
        invalid: 'A query parameter is not valid',
        parameters: [{ name: 'phase', in: 'query', schema: { type: 'string', enum: PHASE_CODES } }, ...pagingParameters],
      }),
    },
    [openApiPath(paths.api.priorityRound.pattern)]: {
      get: readOperation({
        operationId: 'getPriorityRound',
        summary: 'Read one round with its ideas, and its results once published',
        tag: 'priorities',
        module: 'priorities',
        schema: 'PriorityRound',
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such round in your council',
      }),
    },
  },
  components: {
    schemas: {
      PriorityRoundSummary: { type: 'object', required: Object.keys(roundProperties), properties: roundProperties, additionalProperties: false },
      PriorityRoundPage: pageSchema('PriorityRoundSummary'),
      PriorityRound: { type: 'object', required: Object.keys(roundDetailProperties), properties: roundDetailProperties, additionalProperties: false },
    },
  },
} as const
