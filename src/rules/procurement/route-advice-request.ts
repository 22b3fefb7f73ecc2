/**
 * What a request for route advice may say, as the API (`POST /api/v1/route-advice`), the command
 * (`catalyst route-advice --json`) and the page all take it. Every field's problem is reported, contradictions
 * included; nothing is guessed silently — where Catalyst fills a gap (today's date) the answer says so.
 */
import { z } from 'zod'
import { ACT_COMMENCEMENT } from './citations.ts'
import { checkCpv, cpvCategory, lightTouchOfCpv } from './cpv.ts'
import { SCHEDULE_8_GROUNDS, type Schedule8Ground } from './modification.ts'
import { lightTouchFromCpv } from './cpv.ts'
import { exemptionOf } from './exemptions.ts'
import { adviseRoute } from './route-advice.ts'
import { DIRECT_AWARD_GROUND_CODES, type RouteAdvice, type RouteAdviceInput } from './route-advice-types.ts'

export interface FieldProblem {
  /** A JSON pointer to the field, for example "/termMonths". */
  field: string
  message: string
}

const pence = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of pence` })
    .int(`${label} must be a whole number of pence`)
    .min(0, `${label} cannot be negative`)
    .max(Number.MAX_SAFE_INTEGER, `${label} is too large`)

const months = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of months` })
    .int(`${label} must be a whole number of months`)
    .min(1, `${label} must be at least 1 month`)
    .max(1200, `${label} must be 1,200 months or fewer`)

const percent = (label: string) => z.number({ error: `${label} must be a number from 0 to 100` }).min(0, `${label} cannot be negative`).max(100, `${label} cannot be more than 100`)

const isoDate = (label: string) =>
  z
    .string({ error: `${label} must be a date like 2026-04-01` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-04-01`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label} is not a real date`)

const bool = (label: string) => z.boolean({ error: `${label} must be true or false` })

const cpvCode = z.string({ error: 'Each CPV code must be text like "85311000-2"' }).superRefine((code, ctx) => {
  const check = checkCpv(code)
  if (check.ok) return
  ctx.addIssue({
    code: 'custom',
    message:
      check.problem === 'ill-formed'
        ? `"${code}" is not a CPV code: use eight digits and an optional check digit, like 85311000-2`
        : `"${code}" is not a CPV code: no CPV division starts ${code.slice(0, 2)}`,
  })
})

const category = z.enum(['goods', 'services', 'works'], { error: 'category must be goods, services or works' })

const controlledCompany = z
  .object({
    kind: z.literal('controlled-company'),
    parentUndertaking: bool('counterparty.parentUndertaking'),
    decisiveInfluenceByOthers: bool('counterparty.decisiveInfluenceByOthers'),
    activityForControllersPercent: percent('counterparty.activityForControllersPercent'),
    privateShareholding: bool('counterparty.privateShareholding'),
    jointControl: bool('counterparty.jointControl').optional(),
    everyControllerOnBoard: bool('counterparty.everyControllerOnBoard').optional(),
  })
  .strict()

const contractingAuthority = z
  .object({
    kind: z.literal('contracting-authority'),
    commonObjectives: bool('counterparty.commonObjectives'),
    solelyPublicInterest: bool('counterparty.solelyPublicInterest'),
    activityOutsidePublicFunctionsPercent: percent('counterparty.activityOutsidePublicFunctionsPercent'),
  })
  .strict()

const SCHEDULE_8_CODES = Object.keys(SCHEDULE_8_GROUNDS) as [Schedule8Ground, ...Schedule8Ground[]]

const modification = z
  .object({
    originalValuePence: pence('modification.originalValuePence').min(1, 'modification.originalValuePence must be more than 0'),
    newValuePence: pence('modification.newValuePence'),
    category: category.optional(),
    originalTermMonths: months('modification.originalTermMonths'),
    newTermMonths: months('modification.newTermMonths'),
    lightTouch: bool('modification.lightTouch').optional(),
    ground: z.enum(SCHEDULE_8_CODES, { error: `modification.ground must be one of ${SCHEDULE_8_CODES.join(', ')}` }).optional(),
    materialScopeChange: bool('modification.materialScopeChange').optional(),
    economicBalanceToSupplier: bool('modification.economicBalanceToSupplier').optional(),
    earlierBelowThresholdModificationsPence: pence('modification.earlierBelowThresholdModificationsPence').optional(),
  })
  .strict()

export const routeAdviceRequestSchema = z
  .object({
    valuePence: pence('valuePence').optional(),
    valueExVatPence: pence('valueExVatPence').optional(),
    vatRatePercent: percent('vatRatePercent').optional(),
    valueUnknown: bool('valueUnknown').optional(),
    annualValuePence: pence('annualValuePence').optional(),
    annualValueExVatPence: pence('annualValueExVatPence').optional(),
    extensionMonths: z
      .number({ error: 'extensionMonths must be a whole number of months' })
      .int('extensionMonths must be a whole number of months')
      .min(0, 'extensionMonths cannot be negative')
      .max(1200, 'extensionMonths must be 1,200 months or fewer')
      .optional(),
    category: category.optional(),
    cpv: z.array(cpvCode, { error: 'cpv must be a list of codes' }).max(50, 'Give 50 CPV codes or fewer').optional(),
    lightTouch: bool('lightTouch').optional(),
    startDate: isoDate('startDate').optional(),
    termMonths: months('termMonths').optional(),
    advertised: bool('advertised').optional(),
    framework: bool('framework').optional(),
    newFramework: z.enum(['framework', 'open-framework'], { error: 'newFramework must be framework or open-framework' }).optional(),
    reserve: z.enum(['public-service-mutual', 'supported-employment'], { error: 'reserve must be public-service-mutual or supported-employment' }).optional(),
    mutualComparableContractYearsAgo: z.number({ error: 'mutualComparableContractYearsAgo must be a number of years' }).min(0, 'mutualComparableContractYearsAgo cannot be negative').optional(),
    counterparty: z
      .discriminatedUnion('kind', [controlledCompany, contractingAuthority], { error: 'counterparty.kind must be controlled-company or contracting-authority' })
      .optional(),
    arrangement: z.enum(['grant', 'employment', 'land'], { error: 'arrangement must be grant, employment or land' }).optional(),
    directAwardGround: z.enum(DIRECT_AWARD_GROUND_CODES as [string, ...string[]], { error: `directAwardGround must be one of ${DIRECT_AWARD_GROUND_CODES.join(', ')}` }).optional(),
    healthCareUnderPSR: bool('healthCareUnderPSR').optional(),
    annualSpendPence: pence('annualSpendPence').optional(),
    financialYearStart: isoDate('financialYearStart').optional(),
    modification: modification.optional(),
  })
  .strict()

export type RouteAdviceRequest = z.infer<typeof routeAdviceRequestSchema>

const pointer = (path: PropertyKey[]) => `/${path.map(String).join('/')}`

/** Checks a request; a list of every field's problem, or input the rules can trust plus the gaps it filled. */
export function parseRouteAdviceRequest(
  body: unknown,
  today: string,
): { ok: true; input: RouteAdviceInput; notes: string[] } | { ok: false; errors: FieldProblem[] } {
  const parsed = routeAdviceRequestSchema.safeParse(body ?? {})
  const errors: FieldProblem[] = []
  let wrong = new Set<string>()
  let r: RouteAdviceRequest
  if (parsed.success) {
    r = parsed.data
  } else {
    errors.push(...parsed.error.issues.map((issue) => ({ field: pointer(issue.path), message: messageOf(issue) })))
    // Check the fields that were well formed for contradictions too, so that every problem is listed at once.
    wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))
    if (wrong.has('') || typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors }
    r = Object.fromEntries(Object.entries(body).filter(([key]) => !wrong.has(key))) as RouteAdviceRequest
  }
  const notes: string[] = []
  const problem = (field: string, message: string) => errors.push({ field: `/${field}`, message })

  // CPV codes, already checked, without their check digits.
  const codes = (r.cpv ?? []).flatMap((code) => {
    const check = checkCpv(code)
    return check.ok ? [check.code] : []
  })

  // Dates the Act covers.
  const startDate = r.startDate ?? today
  if (r.startDate === undefined) notes.push(`No startDate was given, so the thresholds in force today (${today}) were used.`)
  if (startDate < ACT_COMMENCEMENT) {
    problem('startDate', `startDate must be on or after 24 February 2025, when the Procurement Act 2023 came into force; earlier procurements are under the Public Contracts Regulations 2015`)
  }

  // Contradictions.
  const valueFields = (['valuePence', 'valueExVatPence', 'annualValuePence', 'annualValueExVatPence'] as const).filter((f) => r[f] !== undefined)
  const valueGiven = valueFields.length > 0
  if (valueFields.length > 1) problem(valueFields[1]!, `Give one of valuePence (VAT included), valueExVatPence, annualValuePence or annualValueExVatPence, not both ${valueFields.slice(0, 2).join(' and ')}`)
  if (r.valueUnknown === true && valueGiven) problem('valueUnknown', 'valueUnknown cannot be true when a value is given')
  if (r.vatRatePercent !== undefined && r.valueExVatPence === undefined && r.annualValueExVatPence === undefined) {
    problem('vatRatePercent', 'vatRatePercent is used only with valueExVatPence or annualValueExVatPence')
  }
  const annualGiven = r.annualValuePence !== undefined || r.annualValueExVatPence !== undefined
  if (annualGiven && r.termMonths === undefined && !wrong.has('termMonths')) problem('termMonths', 'Give termMonths to work out the value from a year’s cost')
  if (r.extensionMonths !== undefined && !annualGiven) {
    problem('extensionMonths', 'extensionMonths is used only with annualValuePence or annualValueExVatPence; a total value must already include every extension (s.4)')
  }
  if (r.framework && r.newFramework) problem('newFramework', 'A request is either a call-off under a framework (framework) or setting up a new one (newFramework), not both')
  if (r.arrangement && r.healthCareUnderPSR) problem('arrangement', 'A request cannot be both an arrangement (grant, employment, land) and health care under the Provider Selection Regime')
  if (r.arrangement && r.counterparty) problem('counterparty', `A counterparty test does not apply to an arrangement of type ${r.arrangement}`)
  if ((r.arrangement || r.healthCareUnderPSR) && r.directAwardGround) {
    problem('directAwardGround', 'A Schedule 5 direct award ground applies only to a procurement under the Procurement Act 2023')
  }
  if (r.framework && r.directAwardGround) problem('directAwardGround', 'A call-off under a framework needs no Schedule 5 direct award ground')
  if (r.lightTouch === true && r.category && r.category !== 'services') problem('lightTouch', 'Only services can be light touch; category is ' + r.category)
  if (r.reserve === 'public-service-mutual' && r.category && r.category !== 'services') problem('reserve', 'Only light touch services can be reserved for a public service mutual (s.33)')
  if (r.mutualComparableContractYearsAgo !== undefined && r.reserve !== 'public-service-mutual') {
    problem('mutualComparableContractYearsAgo', 'mutualComparableContractYearsAgo is used only with reserve: public-service-mutual')
  }
  if ((r.annualSpendPence === undefined) !== (r.financialYearStart === undefined)) {
    problem(r.annualSpendPence === undefined ? 'annualSpendPence' : 'financialYearStart', 'Give annualSpendPence and financialYearStart together')
  }
  if (r.financialYearStart !== undefined && !r.financialYearStart.endsWith('-04-01')) problem('financialYearStart', 'financialYearStart must be 1 April, like 2026-04-01')
  if (codes.length > 0) {
    const fromCpv = lightTouchFromCpv(codes)
    if (r.lightTouch === false && fromCpv.lightTouch === true) {
      problem('lightTouch', 'Every CPV code given is a light touch service, so the contract is a light touch contract (s.9): lightTouch cannot be false')
    }
    if (r.lightTouch === true && codes.every((c) => lightTouchOfCpv(c).lightTouch === false)) {
      problem('lightTouch', 'None of the CPV codes given is a service, so the contract cannot be light touch')
    }
    if (r.category && !codes.some((c) => cpvCategory(c) === r.category)) {
      notes.push(`None of the CPV codes is for ${r.category}; check the category (CPV division 45 is works, 03 to 44 and 48 are goods, the rest services).`)
    }
  }

  // What the regime needs to know. A question about the pipeline notice alone (s.93) is about the council's year,
  // not a contract, so it needs neither a category nor a value.
  const outsideTheAct = r.arrangement !== undefined || r.healthCareUnderPSR === true
  const exemptByCounterparty = r.counterparty !== undefined && exemptionOf({ counterparty: r.counterparty })?.applies === true
  const aboutAContract = [r.category, r.valueUnknown, r.modification, r.counterparty, r.directAwardGround, r.reserve, r.newFramework, r.framework, r.advertised, r.termMonths, r.lightTouch]
    .some((v) => v !== undefined) || valueGiven || codes.length > 0 || wrong.size > 0
  const pipelineOnly = r.annualSpendPence !== undefined && !outsideTheAct && !aboutAContract
  const byValue = !outsideTheAct && !exemptByCounterparty && !pipelineOnly
  if (byValue && !r.category && !wrong.has('category') && !r.modification?.category) problem('category', 'Enter the category: goods, services or works')
  const valueWrong = ['valuePence', 'valueExVatPence', 'annualValuePence', 'annualValueExVatPence', 'valueUnknown', 'modification'].some((f) => wrong.has(f))
  if (byValue && !valueGiven && !valueWrong && r.valueUnknown !== true && !r.modification) {
    problem('valuePence', 'Enter the estimated value including VAT (valuePence), the value without VAT (valueExVatPence), a year’s cost (annualValuePence or annualValueExVatPence) with termMonths, or say valueUnknown: true')
  }

  if (errors.length > 0) return { ok: false, errors }
  const input: RouteAdviceInput = {
    ...r,
    cpv: codes,
    startDate,
    directAwardGround: r.directAwardGround as RouteAdviceInput['directAwardGround'],
  }
  return { ok: true, input, notes }
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `Catalyst does not know the field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_union' || (issue.code === 'invalid_value' && issue.path.at(-1) === 'kind')) {
    return 'counterparty.kind must be controlled-company or contracting-authority'
  }
  return issue.message
}

/** The whole journey: check the request, then advise. */
export function routeAdvice(body: unknown, today: string): { ok: true; advice: RouteAdvice } | { ok: false; errors: FieldProblem[] } {
  const parsed = parseRouteAdviceRequest(body, today)
  if (!parsed.ok) return parsed
  const advice = adviseRoute(parsed.input)
  return { ok: true, advice: { ...advice, warnings: [...parsed.notes, ...advice.warnings] } }
}
