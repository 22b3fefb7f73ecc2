/**
 * Route-to-market advice: which regime a council's purchase falls under, what the Procurement Act 2023 allows and
 * requires for it, and the notices to publish, each with the provision it rests on. Pure and dated: the same
 * answers on the same input, whatever day it runs, because the date that decides the thresholds is an input.
 *
 * Checked input comes from route-advice-request.ts; this file trusts it (no contradictions, a date the Act covers).
 */
import { mergeCitations, type Citation } from './citations.ts'
import { lightTouchFromCpv } from './cpv.ts'
import { exemptionOf } from './exemptions.ts'
import { adviseOnModification } from './modification.ts'
import {
  DIRECT_AWARD_GROUNDS,
  REGIME_NAMES,
  type Category,
  type Duty,
  type ModificationAdvice,
  type Notice,
  type Procedure,
  type Regime,
  type RouteAdvice,
  type RouteAdviceInput,
  type TimeLimit,
} from './route-advice-types.ts'
import { councilThresholdFor, NOTIFIABLE_BELOW_THRESHOLD_CITES, NOTIFIABLE_BELOW_THRESHOLD_PENCE } from './thresholds.ts'
import { contractTransparencyDuties, spendDataDuty, vcseGrantsDuty } from './transparency-code.ts'
import { estimateValue, STANDARD_VAT_RATE_PERCENT, withVat } from './value.ts'

const FIVE_MILLION_PENCE = 500_000_000
const PIPELINE_SPEND_PENCE = 10_000_000_000 // £100m
const MUTUAL_MAX_TERM_MONTHS = 60
const MUTUAL_BAR_YEARS = 3
/** s.47: a framework's maximum term is 4 years (the 8 years for defence and utilities frameworks never apply to a council). */
const FRAMEWORK_MAX_TERM_MONTHS = 48
/** s.49: an open framework runs for 8 years at most in all. */
const OPEN_FRAMEWORK_MAX_TERM_MONTHS = 96
/** s.93: a pipeline notice lists the public contracts over £2m it expects to advertise or award directly. */
const PIPELINE_CONTRACT_PENCE = 200_000_000
/** s.4 and Schedule 3: the estimated value, and the rules for working it out or treating it as above threshold. */
const VALUATION_CITES: Citation[] = ['s.4', 'Sch 3']

/**
 * The value including VAT the advice works on, and, when Catalyst worked it out rather than being given it, how:
 * VAT added, a year's cost over the term and extensions, or the modified contract's new value. A worked-out value
 * rests on s.4 and Schedule 3 (the most the council could expect to pay, VAT, options and extensions included).
 */
function estimatedValue(input: RouteAdviceInput): { pence: number | null; working: string | null } {
  if (input.valuePence !== undefined) return { pence: input.valuePence, working: null }
  if (input.valueExVatPence !== undefined) {
    const rate = input.vatRatePercent ?? STANDARD_VAT_RATE_PERCENT
    return {
      pence: withVat(input.valueExVatPence, rate),
      working:
        input.vatRatePercent === undefined
          ? `The value was given without VAT; Catalyst added VAT at the standard rate of ${STANDARD_VAT_RATE_PERCENT}% because the estimated value includes VAT (s.4, Sch 3). If the supply is zero-rated or exempt, give vatRatePercent: 0.`
          : `The value was given without VAT; Catalyst added VAT at the ${rate}% you gave, because the estimated value includes VAT (s.4, Sch 3).`,
    }
  }
  const annual = input.annualValuePence ?? input.annualValueExVatPence
  if (annual !== undefined) {
    if (input.termMonths === undefined) throw new Error('a value from a year’s cost needs termMonths: the request schema requires it')
    const estimate = estimateValue({
      annualValuePence: annual,
      includesVat: input.annualValuePence !== undefined,
      ...(input.vatRatePercent !== undefined ? { vatRatePercent: input.vatRatePercent } : {}),
      termMonths: input.termMonths,
      extensionMonths: input.extensionMonths ?? 0,
    })
    return {
      pence: estimate.valuePence,
      working: `The estimated value is the most the council could expect to pay over the whole term, every extension and VAT included (s.4, Sch 3): ${estimate.working}, ${estimate.months} months in all.`,
    }
  }
  if (input.modification && !input.valueUnknown) {
    return { pence: input.modification.newValuePence, working: "No value was given for the contract, so the regime is assessed on the modified contract's new value, as its estimated value (s.4, Sch 3)." }
  }
  return { pence: null, working: null }
}

const competitiveProcedures = (reserved: RouteAdviceInput['reserve'] | null): Procedure[] =>
  reserved
    ? [{ id: 'competitive-flexible', name: 'Competitive flexible procedure (a reserved contract must use it)', cites: ['s.20(2)(b)', reserved === 'public-service-mutual' ? 's.33(2)' : 's.32'] }]
    : [
        { id: 'open', name: 'Open procedure: a single stage, anyone may submit a tender', cites: ['s.20(2)(a)'] },
        { id: 'competitive-flexible', name: 'Competitive flexible procedure: a procedure the council designs, proportionate to the contract', cites: ['s.20(2)(b)', 's.20(3)'] },
      ]

/**
 * Whether the contract is light touch, and on what basis: goods and works never are; otherwise the officer's answer,
 * else what the CPV codes say, else not light touch (the stricter rules) with the basis "not-known".
 */
function lightTouchOf(
  input: RouteAdviceInput,
  category: Category | undefined,
  fromCpv: boolean | null,
): { lightTouch: boolean; lightTouchBasis: RouteAdvice['lightTouchBasis'] } {
  if (category && category !== 'services') return { lightTouch: false, lightTouchBasis: 'category' }
  if (input.lightTouch !== undefined) return { lightTouch: input.lightTouch, lightTouchBasis: 'answer' }
  if (input.modification?.lightTouch !== undefined && fromCpv === null) return { lightTouch: input.modification.lightTouch, lightTouchBasis: 'answer' }
  if (fromCpv !== null) return { lightTouch: fromCpv, lightTouchBasis: 'cpv' }
  return { lightTouch: false, lightTouchBasis: 'not-known' }
}

export function adviseRoute(input: RouteAdviceInput): RouteAdvice {
  const warnings: string[] = []
  const duties: Duty[] = []
  const notices: Notice[] = []
  const timeLimits: TimeLimit[] = []
  let procedures: Procedure[] = []
  const cites: Citation[][] = []
  const date = input.startDate

  // ---- Light touch and reservable services (s.9, reg 42, s.33) ----
  const codes = input.cpv ?? []
  const category: Category | undefined = input.category ?? input.modification?.category
  const fromCpv = lightTouchFromCpv(codes)
  const { lightTouch, lightTouchBasis } = lightTouchOf(input, category, fromCpv.lightTouch)
  const reservableForMutual = lightTouch && fromCpv.reservable
  if (lightTouch) cites.push(['s.9', 'reg 42'])

  const base = {
    startDate: date,
    lightTouch,
    lightTouchBasis,
    reservableForMutual,
  }

  // ---- The pipeline notice on its own: a duty of the council for a financial year, not of one contract (s.93) ----
  if (pipelineOnly(input)) return pipelineAnswer(input, base)

  // ---- Outside the Act altogether: the Provider Selection Regime, grants ----
  if (input.healthCareUnderPSR) {
    return finish(input, {
      ...base,
      regime: 'outside-act-psr',
      summary: 'Health care services under the Provider Selection Regime are not procured under the Procurement Act 2023: follow the Provider Selection Regime instead.',
      valuePence: valueOrNull(input),
      thresholdPence: null,
      thresholdName: null,
      reservationAllowed: null,
      exemption: null,
      procedures: [{ id: 'provider-selection-regime', name: 'Follow the Provider Selection Regime for relevant health care services', cites: ['reg 43'] }],
      notices: [],
      timeLimits: [],
      duties: contractTransparencyDuties(valueOrNull(input)).duties,
      warnings: [
        'The Provider Selection Regime covers relevant health care services bought by a relevant authority. Anything else in the same purchase (goods, non-health services) may still be under the Act.',
      ],
      cites: ['reg 43'],
    })
  }

  if (input.arrangement === 'grant') {
    return finish(input, {
      ...base,
      regime: 'not-procurement',
      summary:
        "A grant funds the recipient's own activity; it is not a contract for the supply of goods, services or works to the council for pecuniary interest, so the Procurement Act 2023 does not apply.",
      valuePence: valueOrNull(input),
      thresholdPence: null,
      thresholdName: null,
      reservationAllowed: null,
      exemption: null,
      procedures: [{ id: 'grant', name: "Award under the council's grant arrangements, not a procurement procedure", cites: ['s.3(2)'] }],
      notices: [],
      timeLimits: [],
      duties: [vcseGrantsDuty(), spendDataDuty()],
      warnings: [
        'If the council specifies the service and receives it for its own functions, paying for delivery, it is a contract, not a grant: ask again without "arrangement": "grant".',
        'Subsidy control (Subsidy Control Act 2022) may apply to a grant; Catalyst does not advise on it.',
      ],
      cites: ['s.3(2)'],
    })
  }

  // ---- Exempted contracts: Schedule 2 ----
  const exemption = exemptionOf(input)
  if (exemption && !exemption.applies) {
    const failed = exemption.tests.filter((t) => !t.met)
    warnings.push(
      `Not exempt under ${exemption.kind === 'vertical' ? 'Sch 2 para 2 (vertical arrangements)' : 'Sch 2 para 3 (horizontal arrangements)'}: ${failed
        .map((t) => `${t.text} is not met (${t.cite})`)
        .join('; ')}. The contract is advised on as any other.`,
    )
    cites.push(failed.map((t) => t.cite))
  }
  if (exemption?.applies) {
    // Employment contracts are staff, whom the Code leaves out; any other exempt agreement is still a contract to publish.
    const code = exemption.kind === 'employment' ? { duties: [], warnings: [], cites: [] } : contractTransparencyDuties(valueOrNull(input))
    const exemptDuties: Duty[] = [...code.duties]
    const exemptWarnings: string[] = [...code.warnings]
    cites.push(code.cites)
    if (exemption.kind === 'vertical') {
      exemptDuties.push({
        id: 'controlled-company-subcontracts',
        text: 'A controlled company that operates commercially and is awarded a contract under this exemption is treated as a public authority when it lets the relevant sub-contracts.',
        cites: ['s.2(10)'],
      })
      exemptWarnings.push('Keep the control tests under review: if private capital comes in, or the 80% activity test stops being met, the exemption is lost for new contracts.')
    }
    if (exemption.kind === 'horizontal') exemptWarnings.push('The contract must be between contracting authorities only; public undertakings and private utilities do not count (Sch 2 para 3(4)).')
    return finish(input, {
      ...base,
      regime: 'exempt',
      summary: `An exempted contract under ${exemption.decidedBy}: the Act's procedures and notices do not apply.`,
      valuePence: valueOrNull(input),
      thresholdPence: null,
      thresholdName: null,
      reservationAllowed: null,
      exemption,
      procedures: [{ id: 'exempt', name: 'No procurement procedure is needed: the contract is exempt', cites: [exemption.decidedBy] }],
      notices: [],
      timeLimits: [],
      duties: exemptDuties,
      warnings: [...warnings, ...exemptWarnings],
      cites: mergeCitations(...cites, exemption.tests.map((t) => t.cite)),
    })
  }

  // ---- By value: covered, regulated below threshold, or below £30,000 ----
  if (!category) throw new Error('route advice needs a category: the request schema requires one')
  const threshold = councilThresholdFor(category, lightTouch, date)
  cites.push(threshold.cites)
  const estimated = estimatedValue(input)
  const valuePence = estimated.pence
  if (estimated.working) {
    warnings.push(estimated.working)
    cites.push(VALUATION_CITES)
  }
  if (input.valueUnknown) {
    warnings.push('The value cannot be estimated, so the contract is treated as above the threshold (s.4 and Schedule 3).')
    cites.push(VALUATION_CITES)
  }
  if (lightTouchBasis === 'not-known' && category === 'services') {
    warnings.push(
      codes.length === 0
        ? 'Catalyst cannot tell whether these services are light touch without CPV codes. It advised as if they are not (the lower threshold and stricter rules). Answer lightTouch to be sure.'
        : 'Catalyst cannot tell from these CPV codes whether the services are wholly or mainly light touch services (s.9). It advised as if they are not (the lower threshold and stricter rules). Answer lightTouch to be sure.',
    )
  }
  if (lightTouch && lightTouchBasis === 'answer' && codes.length === 0) {
    warnings.push('You said the services are light touch. Give their CPV codes so Catalyst can check whether they are reservable for a public service mutual.')
  }
  const above = input.valueUnknown === true || (valuePence !== null && valuePence >= threshold.pence)
  const notifiable = !above && valuePence !== null && valuePence >= NOTIFIABLE_BELOW_THRESHOLD_PENCE
  const regime: Regime = above ? 'covered-above-threshold' : notifiable ? 'regulated-below-threshold' : 'below-threshold-not-notifiable'
  const overFiveMillion = input.valueUnknown === true || (valuePence ?? 0) > FIVE_MILLION_PENCE

  // ---- Reserved contracts: s.32 and s.33 ----
  let reservationAllowed: boolean | null = null
  if (input.reserve === 'supported-employment') {
    reservationAllowed = true
    duties.push({
      id: 'supported-employment',
      text: 'Reserve the contract for supported employment providers: organisations whose workforce is at least 30% disabled or disadvantaged people. Use the competitive flexible procedure and disregard tenders from anyone else.',
      cites: ['s.32'],
    })
    cites.push(['s.32'])
  }
  if (input.reserve === 'public-service-mutual') {
    const reasons: string[] = []
    if (!lightTouch) reasons.push('only light touch services can be reserved for a public service mutual (s.33(1))')
    else if (!reservableForMutual) {
      reasons.push(
        codes.length === 0
          ? 'give CPV codes to show the services are reservable ("R" in the light touch table, reg 42(2))'
          : 'not every CPV code is a reservable light touch service ("R" in the light touch table, reg 42(2))',
      )
    }
    if (input.termMonths === undefined) reasons.push('give the maximum term: a reserved contract may run for five years at most (s.33(1))')
    else if (input.termMonths > MUTUAL_MAX_TERM_MONTHS) reasons.push(`the maximum term is ${input.termMonths} months, longer than the five years s.33(1) allows`)
    if (input.mutualComparableContractYearsAgo !== undefined && input.mutualComparableContractYearsAgo < MUTUAL_BAR_YEARS) {
      reasons.push(
        `the mutual was awarded a comparable contract by the council under s.33 ${input.mutualComparableContractYearsAgo} years ago; it does not qualify until 3 years have passed (s.33(5))`,
      )
    }
    reservationAllowed = reasons.length === 0
    if (reservationAllowed) {
      duties.push({
        id: 'public-service-mutual',
        text: 'Reserve the contract for qualifying public service mutuals through the competitive flexible procedure, disregarding tenders from anyone else. The term may be five years at most. A public service mutual delivers public services, mainly reservable light touch services; is run not for profit or shares its profits only among its members; and is managed and controlled by its employees. One that won a comparable contract (the same kind of services, from the council, under s.33) in the last 3 years does not qualify.',
        cites: ['s.33(1)', 's.33(2)', 's.33(5)', 's.33(6)'],
      })
    } else {
      warnings.push(`The contract cannot be reserved for a public service mutual: ${reasons.join('; ')}.`)
    }
    cites.push(['s.33(1)', 's.33(5)'])
    if (regime !== 'covered-above-threshold') warnings.push('Section 33 is about public contracts above the threshold; below it the Act has no reservation rule for mutuals.')
  }
  const reserved = reservationAllowed === true && regime === 'covered-above-threshold' ? input.reserve! : null
  // The option the council has without asking: reservable light touch services above the threshold (s.33(1)).
  if (input.reserve === undefined && reservableForMutual && regime === 'covered-above-threshold') {
    warnings.push(
      input.termMonths !== undefined && input.termMonths > MUTUAL_MAX_TERM_MONTHS
        ? `These are reservable light touch services, but a contract can be reserved for a public service mutual only if its maximum term is five years or less (s.33(1)); this one is ${input.termMonths} months.`
        : `These are reservable light touch services: the council may reserve the contract for qualifying public service mutuals, through the competitive flexible procedure, if its maximum term is five years or less (s.33(1), s.33(2)).`,
    )
    cites.push(['s.33(1)'])
  }

  // ---- Procedures and direct award ----
  const ground = input.directAwardGround ? DIRECT_AWARD_GROUNDS[input.directAwardGround] : undefined
  let directAward = false
  let userChoice = false
  if (regime === 'covered-above-threshold') {
    cites.push(['s.3(2)'])
    if (input.framework) {
      procedures = [{ id: 'framework-call-off', name: "Call off under the framework's own terms (a further competition or direct award as the framework allows)", cites: [] }]
      warnings.push("The notices, standstill and time limits for a call-off depend on the framework's terms; Catalyst does not list them.")
    } else if (ground && input.directAwardGround === 'user-choice' && !lightTouch) {
      warnings.push('A user choice direct award is only for light touch services (Sch 5 para 15). Use a competitive procedure, or another ground.')
      procedures = competitiveProcedures(reserved)
      cites.push(['Sch 5 para 15'])
    } else if (ground) {
      directAward = true
      userChoice = input.directAwardGround === 'user-choice'
      procedures = [{ id: 'direct-award', name: `Direct award: ${ground.text}`, cites: ['s.41', ...ground.cites] }]
      cites.push(['s.41', ...ground.cites])
      if (input.directAwardGround === 'urgency') warnings.push('"Unavoidable" urgency means it was not caused by the council and could not have been foreseen (Sch 5 para 14); keep a record of why.')
      if (input.directAwardGround === 'repeat-supply') warnings.push('The original tender notice or documents must have said that repeat supply might be awarded this way (Sch 5 para 8).')
    } else {
      procedures = competitiveProcedures(reserved)
      cites.push(procedures.flatMap((p) => p.cites))
      if (input.advertised === false) {
        warnings.push('A covered procurement must be advertised through a competitive tendering procedure (s.20) unless a direct award ground applies (s.41 and Schedule 5).')
      }
    }
  } else {
    procedures = [
      {
        id: 'below-threshold',
        name: 'Any proportionate way to buy: ask for quotes, or invite tenders',
        cites: regime === 'regulated-below-threshold' ? ['s.84', 's.87(4)'] : ['s.84'],
      },
    ]
    cites.push(['s.84'])
    if (ground) warnings.push('Below the threshold no Schedule 5 ground is needed to award directly; record why the route gives value for money.')
  }

  // ---- A new framework's term: s.47 (4 years), s.47(5)(c) (light touch not capped), s.49 (open frameworks) ----
  if (input.newFramework && regime === 'covered-above-threshold') {
    const term = frameworkTerm(input.newFramework, lightTouch, input.termMonths)
    if (term.warning) warnings.push(term.warning)
    if (term.duty) duties.push(term.duty)
    cites.push(term.cites)
  }

  // ---- Notices, in the order they are published ----
  const pipeline = pipelineDuty(input)
  if (pipeline) {
    if (pipeline.notice) notices.push(pipeline.notice)
    if (pipeline.duty) duties.push(pipeline.duty)
    if (pipeline.notice && (input.valueUnknown || (valuePence ?? 0) > PIPELINE_CONTRACT_PENCE) && (regime === 'covered-above-threshold')) {
      warnings.push(
        `A contract over £2 million goes in the pipeline notice if the council expects to publish its tender or transparency notice in the 18 months from 1 April ${input.financialYearStart?.slice(0, 4) ?? ''} (s.93).`,
      )
    }
    warnings.push(...pipeline.warnings)
    cites.push(['s.93'])
  }
  if (regime === 'covered-above-threshold' && !input.framework) {
    if (directAward) {
      notices.push({ code: 'UK5', name: 'Transparency notice', timing: 'Before the contract is awarded directly', cites: ['s.44'] })
    } else {
      notices.push({
        code: 'UK2',
        name: 'Preliminary market engagement notice',
        timing: 'Before the tender notice, if you engaged the market; if you did not, give your reasons in the tender notice',
        cites: ['s.16', 's.17'],
      })
      if (!lightTouch) {
        notices.push({
          code: 'UK3',
          name: 'Planned procurement notice (optional)',
          timing: 'Optional: published 40 days to 12 months before the tender notice, it lets the tendering period be as short as 10 days',
          cites: ['s.15'],
        })
      }
      notices.push({ code: 'UK4', name: 'Tender notice', timing: 'Starts the procedure: publish it when you invite tenders or requests to participate', cites: ['s.21'] })
    }
    if (!userChoice) {
      notices.push({
        code: 'UK6',
        name: 'Contract award notice',
        timing: lightTouch
          ? 'Before entering into the contract. No mandatory standstill applies to a light touch contract; you may set a voluntary standstill of at least 8 working days'
          : 'Before entering into the contract, after sending assessment summaries to the tenderers. It starts a standstill period of 8 working days',
        cites: lightTouch ? ['s.50', 's.51(3)(f)', 's.51(5)'] : ['s.50', 's.51'],
      })
      notices.push({
        code: 'UK7',
        name: 'Contract details notice',
        timing:
          (lightTouch ? 'Within 120 days of entering into the contract' : 'Within 30 days of entering into the contract') +
          (overFiveMillion ? `; publish a copy of the contract within ${lightTouch ? 180 : 90} days` : ''),
        cites: overFiveMillion ? ['s.53(1)(a)', 's.53(3)(a)'] : ['s.53(1)(a)'],
      })
    } else {
      warnings.push('A user choice contract needs no contract award notice or contract details notice (s.50(6)(b), s.53(6)(b)).')
      cites.push(['s.50(6)(b)', 's.53(6)(b)'])
    }
    if (overFiveMillion && !lightTouch) {
      notices.push({
        code: 'UK9',
        name: 'Contract performance notice',
        timing: 'At least every 12 months while the contract runs, and when it ends, reporting against its key performance indicators',
        cites: ['s.71(2)'],
      })
      warnings.push('Check the date s.71 (contract performance notices) came into force before relying on the UK9 timing; sources differ.')
    }
    if (!userChoice) {
      timeLimits.push(
        ...(lightTouch
          ? [
              { period: 'Participation and tendering periods', minimum: 'No minimum for a light touch contract', cites: ['s.54(3)', 's.54(4)'] },
              { period: 'Standstill', minimum: 'None required; a voluntary standstill must be at least 8 working days', cites: ['s.51(3)(f)', 's.51(5)'] },
            ]
          : [
              ...(directAward
                ? []
                : [
                    { period: 'Participation period', minimum: '25 days (10 days in a case of urgency)', cites: ['s.54'] },
                    {
                      period: 'Tendering period',
                      minimum: '25 days if electronic with all documents at once; 30 days otherwise; 10 days after a qualifying planned procurement notice',
                      cites: ['s.54', 's.15(3)'],
                    },
                  ]),
              { period: 'Standstill', minimum: '8 working days after the contract award notice', cites: ['s.51'] },
            ]),
      )
    }
  }
  if (regime === 'regulated-below-threshold') {
    if (input.advertised !== false) {
      notices.push({
        code: 'UK4',
        name: 'Below-threshold tender notice',
        timing:
          input.advertised === true
            ? 'Before inviting tenders: you are advertising the opportunity'
            : 'Before inviting tenders, if you advertise the opportunity; not needed when you invite particular suppliers only',
        cites: input.advertised === true ? ['s.87(1)'] : ['s.87(1)', 's.87(2)'],
      })
    }
    if (input.advertised === false) cites.push(['s.87(2)'])
    notices.push({ code: 'UK7', name: 'Contract details notice', timing: 'As soon as reasonably practicable after entering into the contract', cites: ['s.87(3)'] })
    cites.push(NOTIFIABLE_BELOW_THRESHOLD_CITES)
  }
  if (regime === 'below-threshold-not-notifiable') {
    warnings.push('Below £30,000 including VAT, no notice is needed on the Central Digital Platform (s.87(4)).')
    cites.push(NOTIFIABLE_BELOW_THRESHOLD_CITES)
  }
  // ---- Duties ----
  if (regime === 'covered-above-threshold') {
    duties.push({
      id: 'procurement-objectives',
      text: 'Have regard to value for money, public benefit, sharing information and acting with integrity.',
      cites: ['s.12(1)'],
    })
    duties.push({
      id: 'sme-barriers',
      text: 'Have regard to the barriers small and medium-sized enterprises face, and consider whether they can be removed or reduced.',
      cites: ['s.12(4)'],
    })
    if (!input.framework) {
      duties.push({ id: 'npps', text: 'Have regard to the National Procurement Policy Statement.', cites: ['s.13(9)'] })
    }
    if (!directAward && !input.framework) {
      duties.push({
        id: 'lots',
        text: 'Before the tender notice, consider whether the contract could be divided into lots; if it could but will not be, give reasons.',
        cites: ['s.18'],
      })
    }
    duties.push({
      id: 'payment-30-days',
      text: 'Pay valid invoices within 30 days; the same term is implied into sub-contracts down the supply chain.',
      cites: ['s.68', 's.73'],
    })
    if (overFiveMillion && !lightTouch) {
      duties.push({ id: 'kpis', text: 'Set at least three key performance indicators for a contract worth over £5 million, and publish them.', cites: ['s.52'] })
    }
    if (overFiveMillion && lightTouch && !userChoice) {
      warnings.push(
        'A light touch contract needs no key performance indicators, even over £5 million (s.52(6)(d)), and no notice of breach or poor performance (s.71(6)); the council may still set KPIs to manage it.',
      )
      cites.push(['s.52(6)(d)', 's.71(6)'])
    }
    if (lightTouch) {
      duties.push({
        id: 'light-touch-award-criteria',
        text: 'Award criteria may include the views of the people who will use the service or their carers, their different needs, and how close the supplier is to them.',
        cites: ['s.23(6)'],
      })
    }
    duties.push({ id: 'records', text: 'Keep records that explain the material decisions, and keep communications with suppliers for 3 years.', cites: ['s.98'] })
  } else {
    if (!input.framework) {
      duties.push({
        id: 'no-prequalification',
        text: 'If you invite tenders, do not restrict who may tender by a suitability assessment (no pre-qualification questionnaire).',
        cites: ['s.85'],
      })
    }
    // s.85(3) lets a works contract above an amount (the sub-central goods and services figure in the Act's text) be
    // assessed for suitability below threshold; the amount in force after amendment is not confirmed, so it is a warning.
    const worksException = councilThresholdFor('goods', false, date)
    if (category === 'works' && (valuePence ?? 0) >= worksException.pence) {
      warnings.push(
        `A works contract of ${poundsText(worksException.pence)} or more may fall under the exception in s.85(3) that allows suitability to be assessed below threshold; check the amount in force on the start date.`,
      )
    }
    duties.push({
      id: 'sme-barriers',
      text: 'Before inviting tenders, have regard to the barriers small and medium-sized enterprises face and consider whether they can be removed or reduced.',
      cites: ['s.86'],
    })
    duties.push({
      id: 'payment-30-days',
      text: 'Pay valid invoices within 30 days; a valid invoice needs only the supplier’s name, what was supplied, the sum and a unique number. The term is implied into sub-contracts.',
      cites: ['s.88'],
    })
  }
  const code = contractTransparencyDuties(input.valueUnknown ? null : valuePence)
  duties.push(...code.duties)
  warnings.push(...code.warnings)
  cites.push(code.cites, duties.flatMap((d) => d.cites), notices.flatMap((n) => n.cites), timeLimits.flatMap((t) => t.cites))

  const summary = {
    'covered-above-threshold': `Covered procurement: ${input.valueUnknown ? 'the value is not known, so it is treated as' : 'the estimated value is'} at or above the ${threshold.name} threshold of ${poundsText(threshold.pence)} in force on ${date}.`,
    'regulated-below-threshold': `A regulated below-threshold contract: under the ${threshold.name} threshold of ${poundsText(threshold.pence)}, but at least £30,000, so notices are needed.`,
    'below-threshold-not-notifiable': `Below the ${threshold.name} threshold of ${poundsText(threshold.pence)} and below £30,000: Part 6 of the Act applies, but no notice is needed.`,
  }[regime as 'covered-above-threshold']

  return finish(input, {
    ...base,
    regime,
    summary,
    valuePence,
    thresholdPence: threshold.pence,
    thresholdName: threshold.name,
    reservationAllowed,
    exemption,
    procedures,
    notices,
    timeLimits,
    duties,
    warnings,
    cites: mergeCitations(...cites),
  })
}

/** The value as given or worked out, without the working: for answers the value does not decide. */
function valueOrNull(input: RouteAdviceInput): number | null {
  return input.modification && input.valuePence === undefined && input.valueExVatPence === undefined && input.annualValuePence === undefined && input.annualValueExVatPence === undefined
    ? null
    : estimatedValue(input).pence
}

/** A question about the pipeline notice alone: the council's spend for a year, and nothing about a contract. */
function pipelineOnly(input: RouteAdviceInput): boolean {
  return (
    input.annualSpendPence !== undefined &&
    input.category === undefined &&
    input.modification === undefined &&
    input.counterparty === undefined &&
    input.arrangement === undefined &&
    !input.healthCareUnderPSR &&
    !input.valueUnknown &&
    estimatedValue(input).pence === null
  )
}

function pipelineAnswer(input: RouteAdviceInput, base: Pick<RouteAdvice, 'startDate' | 'lightTouch' | 'lightTouchBasis' | 'reservableForMutual'>): RouteAdvice {
  const pipeline = pipelineDuty(input)!
  const year = input.financialYearStart?.slice(0, 4) ?? ''
  return finish(input, {
    ...base,
    regime: 'pipeline-notice-only',
    summary: pipeline.notice
      ? `The council expects to pay more than £100 million under relevant contracts in the financial year from 1 April ${year}, so it must publish a pipeline notice within 56 days of 1 April (s.93).`
      : `The council expects to pay no more than £100 million under relevant contracts in the financial year from 1 April ${year}, so it need not publish a pipeline notice (s.93).`,
    valuePence: null,
    thresholdPence: null,
    thresholdName: null,
    reservationAllowed: null,
    exemption: null,
    procedures: [],
    notices: pipeline.notice ? [pipeline.notice] : [],
    timeLimits: [],
    duties: pipeline.duty ? [pipeline.duty] : [],
    warnings: [...pipeline.warnings, 'Ask again with a category and a value for advice on a particular contract.'],
    cites: ['s.93'],
  })
}

/** The term rule for a framework the council sets up. */
function frameworkTerm(kind: 'framework' | 'open-framework', lightTouch: boolean, termMonths: number | undefined): { warning?: string; duty?: Duty; cites: Citation[] } {
  if (kind === 'open-framework') {
    if (termMonths === undefined) return { warning: 'Give the open framework’s term: an open framework may run for 8 years at most in all (s.49).', cites: ['s.49'] }
    if (termMonths > OPEN_FRAMEWORK_MAX_TERM_MONTHS) {
      return { warning: `The open framework would run for ${termMonths} months, longer than the 8 years an open framework may run in all (s.49): shorten it, or let a new one when it ends.`, cites: ['s.49'] }
    }
    return { duty: { id: 'framework-term', text: 'The open framework may run for 8 years at most in all, reopened to new suppliers as it goes.', cites: ['s.49'] }, cites: ['s.49'] }
  }
  if (lightTouch) {
    return { warning: 'A framework for light touch services is not limited to a maximum term of 4 years (s.47(5)(c)); set a term proportionate to the services.', cites: ['s.47(5)(c)'] }
  }
  if (termMonths === undefined) {
    return { warning: 'Give the framework’s term: a framework may run for 4 years at most, unless a longer term is justified and the reasons are published (s.47).', cites: ['s.47'] }
  }
  if (termMonths > FRAMEWORK_MAX_TERM_MONTHS) {
    return {
      warning: `The framework would run for ${termMonths} months, longer than the 4 years s.47 allows: a longer term is lawful only if the council can justify it and publishes its reasons (s.47).`,
      cites: ['s.47'],
    }
  }
  return { duty: { id: 'framework-term', text: 'The framework may run for 4 years at most; this one is within that.', cites: ['s.47'] }, cites: ['s.47'] }
}

/** s.93 for the year given: the notice and the duty when the council expects to pay more than £100m, else why not. */
function pipelineDuty(input: RouteAdviceInput): { notice?: Notice; duty?: Duty; warnings: string[] } | undefined {
  if (input.annualSpendPence === undefined) return undefined
  const year = input.financialYearStart?.slice(0, 4) ?? ''
  if (input.annualSpendPence <= PIPELINE_SPEND_PENCE) {
    return {
      warnings: [
        `A council that expects to pay more than £100 million under relevant contracts in a financial year must publish a pipeline notice (s.93); at ${poundsText(input.annualSpendPence)} in the year from 1 April ${year}, this council need not.`,
      ],
    }
  }
  return {
    warnings: [],
    notice: {
      code: 'UK1',
      name: 'Pipeline notice',
      timing: `Within 56 days of 1 April ${year}, listing public contracts over £2 million for which a tender or transparency notice is expected in the 18 months from 1 April`,
      cites: ['s.93'],
    },
    duty: {
      id: 'pipeline',
      text: `The council expects to spend more than £100 million under relevant contracts in the financial year from 1 April ${year}, so it must publish a pipeline notice.`,
      cites: ['s.93'],
    },
  }
}

function poundsText(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}`
}

type AdviceWithoutModification = Omit<RouteAdvice, 'modification' | 'regimeName'>

/** Adds the modification advice (ss.74–77), its change notice and its citations. */
function finish(input: RouteAdviceInput, advice: AdviceWithoutModification): RouteAdvice {
  let modification: ModificationAdvice | null = null
  const notices = [...advice.notices]
  const duties = [...advice.duties]
  const warnings = [...advice.warnings]
  let cites = mergeCitations(advice.cites, ...advice.procedures.map((p) => p.cites))
  if (input.modification) {
    const m = input.modification
    modification = adviseOnModification({
      category: m.category ?? input.category ?? 'services',
      lightTouch: m.lightTouch ?? advice.lightTouch,
      originalValuePence: m.originalValuePence,
      newValuePence: m.newValuePence,
      originalTermMonths: m.originalTermMonths,
      newTermMonths: m.newTermMonths,
      date: input.startDate,
      ...(m.materialScopeChange !== undefined ? { materialScopeChange: m.materialScopeChange } : {}),
      ...(m.economicBalanceToSupplier !== undefined ? { economicBalanceToSupplier: m.economicBalanceToSupplier } : {}),
      ...(m.earlierBelowThresholdModificationsPence !== undefined ? { earlierBelowThresholdModificationsPence: m.earlierBelowThresholdModificationsPence } : {}),
      ...(m.ground !== undefined ? { ground: m.ground } : {}),
    })
    if (modification.changeNoticeRequired) {
      notices.push({
        code: 'UK10',
        name: 'Contract change notice',
        timing: 'Before the modification is made; a voluntary standstill of at least 8 working days may follow',
        cites: ['s.75(1)', 's.76'],
      })
      warnings.push("Find a Tender's code for the contract change notice (UK10) is taken from its notice list as reported, not from the Act.")
    }
    if (modification.publishWithin90Days) {
      duties.push({ id: 'publish-modification', text: 'Publish the modified contract, or the modification, within 90 days of making it.', cites: ['s.77'] })
    }
    warnings.push(...modification.warnings)
    cites = mergeCitations(cites, modification.cites)
  }
  cites = mergeCitations(cites, ...notices.map((n) => n.cites), ...duties.map((d) => d.cites))
  return { ...advice, regimeName: REGIME_NAMES[advice.regime], modification, notices, duties, warnings, cites }
}
