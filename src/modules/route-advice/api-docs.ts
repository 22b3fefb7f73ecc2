/** The OpenAPI description of POST /api/v1/route-advice. */
import { paths } from '../../paths.ts'
import { DIRECT_AWARD_GROUND_CODES, REGIMES } from '../../rules/procurement/route-advice-types.ts'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const pence = { type: 'integer', minimum: 0 }
const cited = (properties: Record<string, unknown>) => ({ type: 'object', properties: { ...properties, cites: { type: 'array', items: { type: 'string' } } } })

export const routeAdviceOpenApi = {
  paths: {
    [paths.api.routeAdvice.pattern]: {
      post: {
        operationId: 'adviseRoute',
        summary: 'Route-to-market advice under the Procurement Act 2023, with the provisions relied on',
        tags: ['route-advice'],
        requestBody: { required: true, content: { 'application/json': { schema: ref('RouteAdviceRequest') } } },
        responses: {
          200: { description: 'The advice', content: { 'application/json': { schema: ref('RouteAdvice') } } },
          400: problem('The request is not valid: each field’s problem is listed'),
          401: problem('No valid bearer token'),
          403: problem('Your role may not use route advice'),
        },
      },
    },
  },
  components: {
    schemas: {
      RouteAdviceRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          valuePence: { ...pence, description: 'Estimated value including VAT, over the whole term with extensions.' },
          valueExVatPence: { ...pence, description: 'The value without VAT; VAT is added at vatRatePercent (20% if not given).' },
          vatRatePercent: { type: 'number', minimum: 0, maximum: 100 },
          valueUnknown: { type: 'boolean' },
          annualValuePence: { ...pence, description: 'What one year costs, VAT included; the value is worked out over termMonths plus extensionMonths (s.4, Sch 3).' },
          annualValueExVatPence: { ...pence, description: 'What one year costs without VAT; VAT is added at vatRatePercent.' },
          extensionMonths: { type: 'integer', minimum: 0, description: 'Every optional extension added together, with an annual value.' },
          category: { type: 'string', enum: ['goods', 'services', 'works'] },
          cpv: { type: 'array', items: { type: 'string', pattern: '^[0-9]{8}(-[0-9])?$' } },
          lightTouch: { type: 'boolean', description: 'Whether the services are wholly or mainly light touch; needed when the CPV codes do not say.' },
          startDate: { type: 'string', format: 'date', description: 'When the procurement commences; today if not given.' },
          termMonths: { type: 'integer', minimum: 1 },
          advertised: { type: 'boolean' },
          framework: { type: 'boolean', description: 'A call-off under a framework.' },
          newFramework: { type: 'string', enum: ['framework', 'open-framework'], description: 'The council is setting up a framework (4 years at most, s.47; light touch not capped, s.47(5)(c)) or an open framework (8 years at most, s.49); its term is termMonths.' },
          reserve: { type: 'string', enum: ['public-service-mutual', 'supported-employment'] },
          mutualComparableContractYearsAgo: { type: 'number', minimum: 0 },
          counterparty: { type: 'object', description: 'kind controlled-company (parentUndertaking, decisiveInfluenceByOthers, activityForControllersPercent, privateShareholding) or contracting-authority (commonObjectives, solelyPublicInterest, activityOutsidePublicFunctionsPercent).' },
          arrangement: { type: 'string', enum: ['grant', 'employment', 'land'] },
          directAwardGround: { type: 'string', enum: DIRECT_AWARD_GROUND_CODES },
          healthCareUnderPSR: { type: 'boolean' },
          annualSpendPence: { ...pence, description: 'What the council expects to pay under relevant contracts in the financial year from financialYearStart; on its own (no category, no value) it asks only about the pipeline notice (s.93).' },
          financialYearStart: { type: 'string', format: 'date' },
          modification: {
            type: 'object',
            required: ['originalValuePence', 'newValuePence', 'originalTermMonths', 'newTermMonths'],
            properties: {
              originalValuePence: pence,
              newValuePence: pence,
              category: { type: 'string', enum: ['goods', 'services', 'works'] },
              originalTermMonths: { type: 'integer', minimum: 1 },
              newTermMonths: { type: 'integer', minimum: 1 },
              lightTouch: { type: 'boolean' },
              ground: { type: 'string' },
            },
          },
        },
      },
      RouteAdvice: {
        type: 'object',
        properties: {
          regime: { type: 'string', enum: REGIMES },
          valuePence: { type: ['integer', 'null'] },
          thresholdPence: { type: ['integer', 'null'] },
          lightTouch: { type: 'boolean' },
          reservableForMutual: { type: 'boolean' },
          reservationAllowed: { type: ['boolean', 'null'] },
          exemption: { type: ['object', 'null'] },
          procedures: { type: 'array', items: cited({ id: { type: 'string' }, name: { type: 'string' } }) },
          notices: { type: 'array', items: cited({ code: { type: 'string' }, name: { type: 'string' }, timing: { type: 'string' } }) },
          duties: { type: 'array', items: cited({ id: { type: 'string' }, text: { type: 'string' } }) },
          modification: { type: ['object', 'null'] },
          warnings: { type: 'array', items: { type: 'string' } },
          cites: { type: 'array', items: { type: 'string' }, description: 'Every provision relied on, as the Act writes it: s.87(4), Sch 2 para 2(2)(c), reg 43.' },
        },
      },
    },
  },
}
