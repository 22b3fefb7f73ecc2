/**
 * The route advice scenario table: each row is a council's question, the provision that decides the answer, and
 * what the answer must say. The decisive provision must appear in the answer's citations.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { routeAdvice, type RouteAdviceRequest } from './route-advice-request.ts'
import type { RouteAdvice } from './route-advice-types.ts'

const TODAY = '2026-06-01'
const pounds = (amount: number) => Math.round(amount * 100)
const services = (value: number, startDate = '2026-04-01'): RouteAdviceRequest => ({ category: 'services', valuePence: pounds(value), startDate, cpv: ['79410000'], lightTouch: false })
const homeCare: RouteAdviceRequest = { category: 'services', cpv: ['85311000-2'], startDate: '2026-04-01' }
const company = { kind: 'controlled-company', parentUndertaking: true, decisiveInfluenceByOthers: false, activityForControllersPercent: 90, privateShareholding: false } as const
const authority = { kind: 'contracting-authority', commonObjectives: true, solelyPublicInterest: true, activityOutsidePublicFunctionsPercent: 10 } as const
const mutual = { ...homeCare, valuePence: pounds(800_000), reserve: 'public-service-mutual', termMonths: 60 } as const

interface Expect {
  regime?: RouteAdvice['regime']
  thresholdPence?: number | null
  lightTouch?: boolean
  reservableForMutual?: boolean
  reservationAllowed?: boolean | null
  exemptionApplies?: boolean
  exemptionDecidedBy?: string
  procedures?: string[]
  notices?: string[]
  noNotices?: string[]
  someNotices?: string[]
  duties?: string[]
  noDuties?: string[]
  modification?: string
  changeNotice?: boolean
  warning?: RegExp
  timing?: [code: string, pattern: RegExp]
}

type Row = [name: string, decidedBy: string, request: RouteAdviceRequest, expect: Expect]

const SCENARIOS: Row[] = [
  // Thresholds: exactly on them, and both sides of 1 January 2026 (Sch 1, SI 2025/163 and SI 2025/1200).
  ['services exactly on the 2026 sub-central threshold are covered', 'Sch 1 row 12', services(207_720, '2026-01-01'), { regime: 'covered-above-threshold', thresholdPence: pounds(207_720) }],
  ['services a penny under the 2026 threshold are below it', 'Sch 1 row 12', services(207_719.99, '2026-01-01'), { regime: 'regulated-below-threshold' }],
  ['£210,000 of services on 31 December 2025 are under the £214,904 threshold', 'Sch 1 row 12', services(210_000, '2025-12-31'), { regime: 'regulated-below-threshold', thresholdPence: pounds(214_904) }],
  ['the same £210,000 on 1 January 2026 is over the £207,720 threshold', 'Sch 1 row 12', services(210_000, '2026-01-01'), { regime: 'covered-above-threshold', thresholdPence: pounds(207_720) }],
  ['services exactly on the 2025 threshold are covered', 'Sch 1 row 12', services(214_904, '2025-06-01'), { regime: 'covered-above-threshold' }],
  ['exactly £30,000 is a notifiable below-threshold contract', 's.87(4)', services(30_000), { regime: 'regulated-below-threshold', notices: ['UK4', 'UK7'] }],
  ['a penny under £30,000 is not notifiable', 's.87(4)', services(29_999.99), { regime: 'below-threshold-not-notifiable', notices: [], duties: ['no-prequalification', 'sme-barriers', 'payment-30-days'] }],
  ['works exactly on the 2026 works threshold are covered', 'Sch 1 row 10', { category: 'works', cpv: ['45210000'], valuePence: pounds(5_193_000), startDate: '2026-01-01' }, { regime: 'covered-above-threshold', thresholdPence: pounds(5_193_000), lightTouch: false }],
  ['works a penny under the 2026 works threshold are below it', 'Sch 1 row 10', { category: 'works', valuePence: pounds(5_192_999.99), startDate: '2026-01-01' }, { regime: 'regulated-below-threshold' }],
  ['£5.3m of works on 31 December 2025 are under the £5,372,609 threshold', 'Sch 1 row 10', { category: 'works', valuePence: pounds(5_300_000), startDate: '2025-12-31' }, { regime: 'regulated-below-threshold', thresholdPence: pounds(5_372_609), warning: /s\.85\(3\)/ }],
  ['£5.3m of works on 1 January 2026 are covered', 'Sch 1 row 10', { category: 'works', valuePence: pounds(5_300_000), startDate: '2026-01-01' }, { regime: 'covered-above-threshold', duties: ['kpis', 'lots'], notices: ['UK2', 'UK3', 'UK4', 'UK6', 'UK7', 'UK9'] }],
  ['goods over the threshold: open or competitive flexible procedure, lots considered', 's.20(2)(a)', { category: 'goods', cpv: ['30200000'], valuePence: pounds(250_000), startDate: '2026-04-01' }, { regime: 'covered-above-threshold', procedures: ['open', 'competitive-flexible'], duties: ['lots', 'sme-barriers', 'npps', 'payment-30-days'], noDuties: ['kpis'] }],

  // Light touch (s.9, reg 42, Sch 1 row 8 — unchanged across the two periods).
  ['home care exactly on the light touch threshold is covered', 'Sch 1 row 8', { ...homeCare, valuePence: pounds(663_540) }, { regime: 'covered-above-threshold', lightTouch: true, reservableForMutual: true, thresholdPence: pounds(663_540) }],
  ['home care a penny under the light touch threshold is below it', 'Sch 1 row 8', { ...homeCare, valuePence: pounds(663_539.99) }, { regime: 'regulated-below-threshold', lightTouch: true }],
  ['£500,000 of light touch services, over the ordinary threshold, are still below theirs', 'Sch 1 row 8', { ...homeCare, valuePence: pounds(500_000) }, { regime: 'regulated-below-threshold' }],
  ['covered light touch: contract details within 120 days, no mandatory standstill, no minimum periods', 's.53(1)(a)', { ...homeCare, valuePence: pounds(1_000_000) }, { regime: 'covered-above-threshold', notices: ['UK2', 'UK4', 'UK6', 'UK7'], timing: ['UK7', /120 days/], duties: ['light-touch-award-criteria'] }],
  ['light touch over £5m: a copy of the contract within 180 days, and no KPI duty', 's.53(3)(a)', { ...homeCare, valuePence: pounds(6_000_000) }, { timing: ['UK7', /180 days/], noDuties: ['kpis'], noNotices: ['UK9'] }],
  ['light touch on the officer’s answer, no CPV codes', 's.9', { category: 'services', lightTouch: true, valuePence: pounds(400_000), startDate: '2026-04-01' }, { regime: 'regulated-below-threshold', lightTouch: true, reservableForMutual: false, warning: /CPV codes/ }],
  ['an unknown services code is not guessed: advised as not light touch, with a warning', 'Sch 1 row 12', { category: 'services', cpv: ['72000000'], valuePence: pounds(300_000), startDate: '2026-04-01' }, { regime: 'covered-above-threshold', lightTouch: false, warning: /cannot tell/ }],
  ['meals-on-wheels are light touch but not reservable', 'reg 42', { category: 'services', cpv: ['55521100'], valuePence: pounds(700_000), startDate: '2026-04-01' }, { lightTouch: true, reservableForMutual: false }],

  // Value: unknown, and VAT added to a value quoted without it (s.4, Sch 3).
  ['a value that cannot be estimated is treated as above threshold', 's.4', { category: 'services', cpv: ['79410000'], valueUnknown: true, startDate: '2026-04-01' }, { regime: 'covered-above-threshold' }],
  ['£173,100 without VAT is £207,720 with it: covered', 'Sch 1 row 12', { category: 'services', cpv: ['79410000'], valueExVatPence: pounds(173_100), startDate: '2026-04-01' }, { regime: 'covered-above-threshold', warning: /standard rate of 20%/ }],
  ['a zero-rated supply adds no VAT', 'Sch 1 row 12', { category: 'goods', valueExVatPence: pounds(200_000), vatRatePercent: 0, startDate: '2026-04-01' }, { regime: 'regulated-below-threshold' }],

  // Exempt: vertical arrangements (Sch 2 para 2) and horizontal arrangements (Sch 2 para 3).
  ['a council-owned company meeting every control test is exempt', 'Sch 2 para 2', { ...services(2_000_000), counterparty: company }, { regime: 'exempt', exemptionApplies: true, duties: ['controlled-company-subcontracts'], notices: [] }],
  ['exactly 80% of activities is not more than 80%: not exempt', 'Sch 2 para 2(2)(c)', { ...services(2_000_000), counterparty: { ...company, activityForControllersPercent: 80 } }, { regime: 'covered-above-threshold', exemptionApplies: false, exemptionDecidedBy: 'Sch 2 para 2(2)(c)' }],
  ['any private shareholding loses control', 'Sch 2 para 2(3)', { ...services(2_000_000), counterparty: { ...company, privateShareholding: true } }, { exemptionApplies: false, exemptionDecidedBy: 'Sch 2 para 2(3)' }],
  ['a decisive influence by someone else loses control', 'Sch 2 para 2(2)(b)', { ...services(100_000), counterparty: { ...company, decisiveInfluenceByOthers: true } }, { regime: 'regulated-below-threshold', exemptionApplies: false }],
  ['not the parent undertaking: not controlled', 'Sch 2 para 2(2)(a)', { ...services(100_000), counterparty: { ...company, parentUndertaking: false } }, { exemptionApplies: false }],
  ['joint control needs every controlling authority on the board', 'Sch 2 para 2(2)(d)', { ...services(100_000), counterparty: { ...company, jointControl: true, everyControllerOnBoard: false } }, { exemptionApplies: false }],
  ['a shared service between councils meeting the cooperation tests is exempt', 'Sch 2 para 3', { ...services(900_000), counterparty: authority }, { regime: 'exempt', exemptionApplies: true }],
  ['exactly 20% of activities outside public functions is still exempt', 'Sch 2 para 3(b)', { ...services(900_000), counterparty: { ...authority, activityOutsidePublicFunctionsPercent: 20 } }, { regime: 'exempt' }],
  ['21% outside public functions is not exempt', 'Sch 2 para 3(b)', { ...services(900_000), counterparty: { ...authority, activityOutsidePublicFunctionsPercent: 21 } }, { regime: 'covered-above-threshold', exemptionApplies: false }],
  ['an arrangement not solely in the public interest is not exempt', 'Sch 2 para 3(a)(ii)', { ...services(900_000), counterparty: { ...authority, solelyPublicInterest: false } }, { exemptionApplies: false }],
  ['an exempt counterparty needs no value', 'Sch 2 para 2', { counterparty: company, startDate: '2026-04-01' }, { regime: 'exempt' }],
  ['employment contracts are exempt', 'Sch 2 para 18', { arrangement: 'employment', startDate: '2026-04-01' }, { regime: 'exempt', exemptionDecidedBy: 'Sch 2 para 18' }],
  ['land and buildings are exempt', 'Sch 2 para 8', { arrangement: 'land', valuePence: pounds(3_000_000), startDate: '2026-04-01' }, { regime: 'exempt' }],

  // Outside the Act: grants and the Provider Selection Regime.
  ['a grant to a VCSE organisation is not procurement', 's.3(2)', { arrangement: 'grant', category: 'services', valuePence: pounds(50_000), startDate: '2026-04-01' }, { regime: 'not-procurement', procedures: ['grant'], notices: [], duties: ['transparency-code-grants'] }],
  ['health care under the Provider Selection Regime is outside the Act', 'reg 43', { healthCareUnderPSR: true, category: 'services', valuePence: pounds(2_000_000), startDate: '2026-04-01' }, { regime: 'outside-act-psr', procedures: ['provider-selection-regime'], notices: [] }],

  // Reserved contracts: public service mutuals (s.33) and supported employment (s.32).
  ['home care for five years may be reserved for a mutual', 's.33(1)', mutual, { reservableForMutual: true, reservationAllowed: true, procedures: ['competitive-flexible'], duties: ['public-service-mutual'] }],
  ['61 months is over the five-year limit', 's.33(1)', { ...mutual, termMonths: 61 }, { reservationAllowed: false, warning: /five years/ }],
  ['a comparable contract 2 years ago bars the mutual', 's.33(5)', { ...mutual, mutualComparableContractYearsAgo: 2 }, { reservationAllowed: false, warning: /3 years/ }],
  ['a comparable contract 3 years ago no longer bars it', 's.33(5)', { ...mutual, mutualComparableContractYearsAgo: 3 }, { reservationAllowed: true }],
  ['meals-on-wheels cannot be reserved for a mutual', 's.33(1)', { ...mutual, cpv: ['55521100'] }, { reservableForMutual: false, reservationAllowed: false }],
  ['any goods contract may be reserved for supported employment providers', 's.32', { category: 'goods', valuePence: pounds(300_000), startDate: '2026-04-01', reserve: 'supported-employment' }, { reservationAllowed: true, procedures: ['competitive-flexible'], duties: ['supported-employment'] }],

  // Direct award (s.41, Schedule 5).
  ['extreme urgency: a transparency notice before a direct award', 'Sch 5 para 13', { ...services(400_000), directAwardGround: 'urgency' }, { procedures: ['direct-award'], notices: ['UK5', 'UK6', 'UK7'], noDuties: ['lots'], warning: /Sch 5 para 14/ }],
  ['user choice for one person’s care: no award or details notice', 'Sch 5 para 15', { ...homeCare, valuePence: pounds(700_000), directAwardGround: 'user-choice' }, { procedures: ['direct-award'], notices: ['UK5'], noNotices: ['UK6', 'UK7'] }],
  ['user choice is not available for services that are not light touch', 'Sch 5 para 15', { ...services(400_000), directAwardGround: 'user-choice' }, { procedures: ['open', 'competitive-flexible'], warning: /only for light touch/ }],
  ['a single supplier with exclusive rights', 'Sch 5 para 5', { ...services(400_000), directAwardGround: 'single-supplier' }, { procedures: ['direct-award'], notices: ['UK5', 'UK6', 'UK7'] }],
  ['no suitable tenders came back', 's.43', { ...services(400_000), directAwardGround: 'no-suitable-tenders' }, { procedures: ['direct-award'] }],
  ['below threshold a direct award needs no Schedule 5 ground', 's.84', { ...services(50_000), directAwardGround: 'urgency' }, { regime: 'regulated-below-threshold', noNotices: ['UK5'], warning: /no Schedule 5 ground/ }],

  // Below threshold notices (s.87), framework call-offs, and the pipeline notice (s.93).
  ['advertising below threshold needs a below-threshold tender notice', 's.87(1)', { ...services(60_000), advertised: true }, { notices: ['UK4', 'UK7'] }],
  ['inviting particular suppliers only needs no tender notice', 's.87(2)', { ...services(60_000), advertised: false }, { notices: ['UK7'] }],
  ['a call-off under a framework: no NPPS duty, no lots', 'Sch 1 row 12', { ...services(400_000), framework: true }, { procedures: ['framework-call-off'], noDuties: ['npps', 'lots'] }],
  ['spending over £100m a year: a pipeline notice', 's.93', { ...services(400_000), annualSpendPence: pounds(150_000_000), financialYearStart: '2026-04-01' }, { notices: ['UK1', 'UK2', 'UK3', 'UK4', 'UK6', 'UK7'], duties: ['pipeline'] }],
  ['exactly £100m is not more than £100m: no pipeline notice', 'Sch 1 row 12', { ...services(400_000), annualSpendPence: pounds(100_000_000), financialYearStart: '2026-04-01' }, { noNotices: ['UK1'] }],

  // Modification (ss.74–77, Schedule 8), through adviseOnModification.
  ['a light touch contract may be modified freely', 's.74(2)', { ...homeCare, valuePence: pounds(800_000), modification: { originalValuePence: pounds(800_000), newValuePence: pounds(1_200_000), originalTermMonths: 36, newTermMonths: 60 } }, { modification: 'light-touch', changeNotice: false, noNotices: ['UK10'] }],
  ['a 10% increase on services needs no change notice', 's.75(5)', { ...services(1_000_000), modification: { originalValuePence: pounds(1_000_000), newValuePence: pounds(1_100_000), originalTermMonths: 36, newTermMonths: 36 } }, { modification: 'below-threshold', changeNotice: false }],
  ['a term extended by a fifth is substantial and not permitted', 's.74(3)', { ...services(1_000_000), modification: { originalValuePence: pounds(1_000_000), newValuePence: pounds(1_300_000), originalTermMonths: 36, newTermMonths: 48 } }, { modification: 'not-permitted', changeNotice: true, someNotices: ['UK10'] }],
  ['unforeseeable circumstances allow up to 50% more, with a change notice', 'Sch 8 para 4', { category: 'works', valuePence: pounds(6_000_000), startDate: '2026-04-01', modification: { originalValuePence: pounds(6_000_000), newValuePence: pounds(8_000_000), originalTermMonths: 24, newTermMonths: 30, ground: 'unforeseeable' } }, { modification: 'schedule-8', changeNotice: true, someNotices: ['UK10'], duties: ['publish-modification'] }],
  ['a modification alone is assessed on the new value', 's.74(4)(a)(i)', { startDate: '2026-04-01', modification: { category: 'works', originalValuePence: pounds(1_000_000), newValuePence: pounds(1_150_000), originalTermMonths: 24, newTermMonths: 24 } }, { regime: 'regulated-below-threshold', modification: 'below-threshold', warning: /new value/ }],
]

describe('route advice scenario table', () => {
  test('has at least 40 scenarios', () => assert.ok(SCENARIOS.length >= 40, `${SCENARIOS.length} scenarios`))

  for (const [name, decidedBy, request, expect] of SCENARIOS) {
    test(`${name} (${decidedBy})`, () => {
      const result = routeAdvice(request, TODAY)
      assert.ok(result.ok, `the request is valid: ${JSON.stringify(!result.ok && result.errors)}`)
      const a = result.advice
      assert.ok(a.cites.includes(decidedBy), `cites ${decidedBy}: ${a.cites.join(', ')}`)
      if (expect.regime) assert.equal(a.regime, expect.regime)
      if (expect.thresholdPence !== undefined) assert.equal(a.thresholdPence, expect.thresholdPence)
      if (expect.lightTouch !== undefined) assert.equal(a.lightTouch, expect.lightTouch)
      if (expect.reservableForMutual !== undefined) assert.equal(a.reservableForMutual, expect.reservableForMutual)
      if (expect.reservationAllowed !== undefined) assert.equal(a.reservationAllowed, expect.reservationAllowed)
      if (expect.exemptionApplies !== undefined) assert.equal(a.exemption?.applies, expect.exemptionApplies)
      if (expect.exemptionDecidedBy) assert.equal(a.exemption?.decidedBy, expect.exemptionDecidedBy)
      if (expect.procedures) assert.deepEqual(a.procedures.map((p) => p.id), expect.procedures)
      if (expect.notices) assert.deepEqual(a.notices.map((n) => n.code), expect.notices)
      for (const code of expect.someNotices ?? []) assert.ok(a.notices.some((n) => n.code === code), `a ${code}`)
      for (const code of expect.noNotices ?? []) assert.ok(!a.notices.some((n) => n.code === code), `no ${code}`)
      for (const id of expect.duties ?? []) assert.ok(a.duties.some((d) => d.id === id), `duty ${id} in ${a.duties.map((d) => d.id).join(', ')}`)
      for (const id of expect.noDuties ?? []) assert.ok(!a.duties.some((d) => d.id === id), `no duty ${id}`)
      if (expect.modification) assert.equal(a.modification?.classification, expect.modification)
      if (expect.changeNotice !== undefined) assert.equal(a.modification?.changeNoticeRequired, expect.changeNotice)
      if (expect.warning) assert.ok(a.warnings.some((w) => expect.warning!.test(w)), `a warning matching ${expect.warning}: ${a.warnings.join(' | ')}`)
      if (expect.timing) {
        const notice = a.notices.find((n) => n.code === expect.timing![0])
        assert.match(notice?.timing ?? '', expect.timing[1])
      }
      // Every duty, notice and procedure carries its provisions, and each is in the answer's list.
      for (const item of [...a.duties, ...a.notices]) assert.ok(item.cites.length > 0, `${JSON.stringify(item)} cites something`)
      for (const cite of [...a.duties, ...a.notices, ...a.procedures].flatMap((i) => i.cites)) assert.ok(a.cites.includes(cite), `${cite} is in cites`)
    })
  }
})

type BadRow = [name: string, request: unknown, field: string, message: RegExp]

const BAD_INPUT: BadRow[] = [
  ['a negative value', { ...services(0), valuePence: -1 }, '/valuePence', /cannot be negative/],
  ['a term of zero months', { ...services(100_000), termMonths: 0 }, '/termMonths', /at least 1 month/],
  ['an ill-formed CPV code', { ...services(100_000), cpv: ['8531100'] }, '/cpv/0', /not a CPV code/],
  ['a CPV code in no division', { ...services(100_000), cpv: ['99000000'] }, '/cpv/0', /no CPV division/],
  ['a value and valueUnknown together', { ...services(100_000), valueUnknown: true }, '/valueUnknown', /cannot be true/],
  ['both value fields', { ...services(100_000), valueExVatPence: 100 }, '/valueExVatPence', /not both/],
  ['a date before the Act', services(100_000, '2025-02-23'), '/startDate', /24 February 2025/],
  ['a date that does not exist', services(100_000, '2026-02-30'), '/startDate', /not a real date/],
  ['no value at all', { category: 'services', startDate: '2026-04-01' }, '/valuePence', /estimated value/],
  ['no category', { valuePence: 100, startDate: '2026-04-01' }, '/category', /goods, services or works/],
  ['light touch goods', { category: 'goods', lightTouch: true, valuePence: 100 }, '/lightTouch', /Only services/],
  ['light touch codes said not to be light touch', { ...homeCare, valuePence: 100, lightTouch: false }, '/lightTouch', /cannot be false/],
  ['a grant by direct award ground', { arrangement: 'grant', directAwardGround: 'urgency' }, '/directAwardGround', /only to a procurement/],
  ['an unknown direct award ground', { ...services(100_000), directAwardGround: 'friendship' }, '/directAwardGround', /must be one of/],
  ['an unknown field', { ...services(100_000), valuePounds: 3 }, '/', /does not know the field valuePounds/],
  ['an unknown counterparty kind', { ...services(100_000), counterparty: { kind: 'charity' } }, '/counterparty/kind', /controlled-company or contracting-authority/],
  ['spend without its year', { ...services(100_000), annualSpendPence: 1 }, '/financialYearStart', /together/],
  ['a financial year not starting 1 April', { ...services(100_000), annualSpendPence: 1, financialYearStart: '2026-01-01' }, '/financialYearStart', /1 April/],
  ['a mutual bar without a mutual reservation', { ...services(100_000), mutualComparableContractYearsAgo: 1 }, '/mutualComparableContractYearsAgo', /only with/],
  ['a year’s cost with no term to multiply it by', { category: 'services', annualValuePence: 100 }, '/termMonths', /termMonths to work out the value/],
  ['extensions with a total value, which must already include them', { ...services(100_000), extensionMonths: 12 }, '/extensionMonths', /must already include every extension/],
  ['a value and a year’s cost together', { ...services(100_000), annualValuePence: 100, termMonths: 12 }, '/annualValuePence', /not both valuePence and annualValuePence/],
  ['a call-off and a new framework together', { ...services(100_000), framework: true, newFramework: 'framework' }, '/newFramework', /not both/],
  ['an unknown kind of framework', { ...services(100_000), newFramework: 'dynamic' }, '/newFramework', /framework or open-framework/],
  ['a pipeline question with a contract question half asked', { annualSpendPence: 1, financialYearStart: '2026-04-01', termMonths: 12 }, '/category', /goods, services or works/],
  ['a modification of a contract worth nothing', { ...services(100_000), modification: { originalValuePence: 0, newValuePence: 10, originalTermMonths: 12, newTermMonths: 12 } }, '/modification/originalValuePence', /more than 0/],
]

describe('bad input is refused, field by field', () => {
  for (const [name, request, field, message] of BAD_INPUT) {
    test(name, () => {
      const result = routeAdvice(request, TODAY)
      assert.equal(result.ok, false, 'refused')
      if (result.ok) return
      const problem = result.errors.find((e) => e.field === field)
      assert.ok(problem, `a problem for ${field}: ${JSON.stringify(result.errors)}`)
      assert.match(problem.message, message)
    })
  }

  test('every problem is listed at once', () => {
    const result = routeAdvice({ category: 'services', valuePence: -5, termMonths: 0, cpv: ['x'] }, TODAY)
    assert.equal(result.ok, false)
    if (!result.ok) assert.deepEqual(result.errors.map((e) => e.field).sort(), ['/cpv/0', '/termMonths', '/valuePence'].sort())
  })

  test('a missing start date uses today, and says so', () => {
    const result = routeAdvice({ category: 'services', cpv: ['79410000'], valuePence: pounds(210_000) }, '2025-12-31')
    assert.ok(result.ok)
    if (result.ok) {
      assert.equal(result.advice.startDate, '2025-12-31')
      assert.equal(result.advice.regime, 'regulated-below-threshold')
      assert.ok(result.advice.warnings.some((w) => /No startDate/.test(w)))
    }
  })
})
