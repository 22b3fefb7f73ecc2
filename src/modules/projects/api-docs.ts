/** The OpenAPI 3.1 description of /api/v1/projects; the platform assembles the whole document (openapi.ts). */
import {
  dateTime,
  idParameter,
  ifNoneMatch,
  isoDate,
  nullablePence,
  nullableText,
  openApiPath,
  pageSchema,
  pagingParameters,
  readOperation,
  recordLinks,
  uuid,
} from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { STAGES } from './forms.ts'

const projectProperties = {
  id: uuid,
  title: { type: 'string' },
  serviceArea: { type: 'string' },
  stage: { type: 'string', enum: STAGES, description: 'The commissioning cycle’s stage: analyse, plan, do or review' },
  summary: nullableText,
  budgetPence: nullablePence,
  lead: { type: ['string', 'null'], description: 'The lead commissioner’s name' },
  createdAt: dateTime,
  updatedAt: dateTime,
  links: recordLinks,
}
const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', required, properties })

export const projectsOpenApi = {
  paths: {
    [openApiPath(paths.api.projects.pattern)]: {
      get: readOperation({
        operationId: 'listProjects',
        summary: 'List your council’s commissioning projects, a page at a time',
        tag: 'projects',
        module: 'projects',
        schema: 'ProjectPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words of the title, service area or summary.' },
          { name: 'stage', in: 'query', schema: { type: 'string', enum: STAGES } },
          ...pagingParameters,
        ],
      }),
    },
    [openApiPath(paths.api.project.pattern)]: {
      get: readOperation({
        operationId: 'getProject',
        summary: 'Read one project with its needs, outcomes, milestones, decisions and options appraisal',
        tag: 'projects',
        module: 'projects',
        schema: 'ProjectDetail',
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such project in your council',
      }),
    },
  },
  components: {
    schemas: {
      Project: { type: 'object', required: Object.keys(projectProperties), properties: projectProperties, additionalProperties: false },
      ProjectPage: pageSchema('Project'),
      ProjectDetail: {
        type: 'object',
        required: [...Object.keys(projectProperties), 'needs', 'outcomes', 'milestones', 'decisions', 'appraisal'],
        additionalProperties: false,
        properties: {
          ...projectProperties,
          needs: { type: 'array', items: object({ id: uuid, need: { type: 'string' }, evidence: nullableText }) },
          outcomes: {
            type: 'array',
            items: object({ id: uuid, outcome: { type: 'string' }, indicator: { type: 'string' }, baseline: nullableText, target: nullableText, latest: nullableText }),
          },
          milestones: { type: 'array', items: object({ id: uuid, title: { type: 'string' }, dueDate: isoDate }) },
          decisions: {
            type: 'array',
            items: object({ id: uuid, stage: { type: 'string' }, decision: { type: 'string' }, reason: { type: 'string' }, decidedBy: { type: 'string' }, decidedAt: dateTime }),
          },
          appraisal: {
            type: 'object',
            description: 'Candidate delivery models scored 0 to maxScore against weighted criteria, ranked by weighted score (highest first; equal scores share a rank).',
            required: ['maxScore', 'totalWeight', 'complete', 'criteria', 'options'],
            properties: {
              maxScore: { type: 'integer' },
              totalWeight: { type: 'integer' },
              complete: { type: 'boolean', description: 'Every option is scored against every criterion' },
              criteria: {
                type: 'array',
                items: object({ id: uuid, name: { type: 'string' }, weight: { type: 'integer' }, weightPercent: { type: 'number', description: 'The weight’s share of the total' } }),
              },
              options: {
                type: 'array',
                items: object({
                  id: uuid,
                  name: { type: 'string' },
                  rank: { type: 'integer', minimum: 1 },
                  weightedScore: { type: 'number', description: 'Out of maxScore: the sum of score × weight ÷ the sum of weights; a missing score counts as 0' },
                  percent: { type: 'number' },
                  scored: { type: 'integer', description: 'How many criteria the option has a score for' },
                  scores: { type: 'array', items: object({ criterionId: uuid, score: { type: 'integer' }, rationale: nullableText }) },
                }),
              },
            },
          },
        },
      },
    },
  },
} as const
