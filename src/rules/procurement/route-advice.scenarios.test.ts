/**
 * Held-out scenarios for route advice: questions a council asks, each with the provisions the answer must cite
 * (Procurement Act 2023 unless marked "reg" or "LGTC"), written from domain-rules.md sections 1 and 2 and not from
 * the rules' code. Rows are grouped by the kind of answer they check; the groups after "General" are the classes
 * of miss the issue found: valuation (s.4, Sch 3), the pipeline notice asked on its own (s.93), reservation for
 * mutuals and the light touch relief from KPIs (s.33, s.52(6)(d)), term extensions (s.74(3)(a)), framework terms
 * (s.47, s.49), VCSE grants (LGTC 2015 Part 2 (c)) and contracts of £5,000 or less (LGTC 2015 Part 2 (b)).
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { routeAdvice } from './route-advice-request.ts'
import type { RouteAdvice } from './route-advice-types.ts'

const TODAY = '2026-06-01'
const pounds = (amount: number) => Math.round(amount * 100)
const START = '2026-04-01'
/** Office cleaning: services, not light touch. */
const cleaning = (value: number) => ({ category: 'services', cpv: ['90911200'], lightTouch: false, valuePence: pounds(value), startDate: START })
/** Home care: light touch and reservable for a mutual ("R" in reg 42 Table 1). */
const homeCare = { category: 'services', cpv: ['85311200'], startDate: START } as const
const company = { kind: 'controlled-company', parentUndertaking: true, decisiveInfluenceByOthers: false, activityForControllersPercent: 95, privateShareholding: false } as const

interface Expect {
  regime?: RouteAdvice['regime']
  valuePence?: number
  duties?: string[]
  noDuties?: string[]
  notices?: string[]
  noNotices?: string[]
  reservationAllowed?: boolean
  warning?: RegExp
  noWarning?: RegExp
}

/** [what the council asks, the request, the provisions the answer must cite, anything else it must say] */
type Scenario = [name: string, request: Record<string, unknown>, mustCite: string[], expect: Expect]

const SCENARIOS: Scenario[] = [
  // ---- General: answers that were already right, kept so that fixing the misses breaks none of them ----
  ['£250,000 of cleaning in April 2026 is covered (Sch 1 row 12 from 1 January 2026)', cleaning(250_000), ['Sch 1 row 12', 's.20(2)(a)', 's.20(2)(b)'], { regime: 'covered-above-threshold', notices: ['UK2', 'UK3', 'UK4', 'UK6', 'UK7'] }],
  ['£45,000 of cleaning is a notifiable below-threshold contract', cleaning(45_000), ['s.87(4)', 's.87(3)', 's.85', 's.86', 's.88'], { regime: 'regulated-below-threshold', notices: ['UK4', 'UK7'] }],
  ['£12,000 of cleaning needs no notice', cleaning(12_000), ['s.87(4)', 's.84'], { regime: 'below-threshold-not-notifiable', notices: [] }],
  ['£6m of road works are covered and need KPIs', { category: 'works', cpv: ['45233140'], valuePence: pounds(6_000_000), startDate: START }, ['Sch 1 row 10', 's.52', 's.71(2)'], { regime: 'covered-above-threshold', duties: ['kpis'] }],
  ['£700,000 of home care is a covered light touch contract', { ...homeCare, valuePence: pounds(700_000) }, ['Sch 1 row 8', 's.9', 'reg 42', 's.53(1)(a)', 's.23(6)'], { regime: 'covered-above-threshold' }],
  ['a direct award for extreme urgency needs a transparency notice', { ...cleaning(300_000), directAwardGround: 'urgency' }, ['s.41', 'Sch 5 para 13', 's.44'], { notices: ['UK5', 'UK6', 'UK7'] }],
  ['a council-owned company passing every control test is exempt', { ...cleaning(900_000), counterparty: company }, ['Sch 2 para 2', 's.2(10)'], { regime: 'exempt', notices: [] }],
  ['health care under the Provider Selection Regime is outside the Act', { healthCareUnderPSR: true, startDate: START }, ['reg 43'], { regime: 'outside-act-psr' }],
  ['a contract for supported employment providers', { category: 'goods', valuePence: pounds(300_000), startDate: START, reserve: 'supported-employment' }, ['s.32'], { reservationAllowed: true }],
  ['a user choice award of care needs no award or details notice', { ...homeCare, valuePence: pounds(800_000), directAwardGround: 'user-choice' }, ['Sch 5 para 15', 's.50(6)(b)', 's.53(6)(b)'], { noNotices: ['UK6', 'UK7'] }],
  ['a 5% price rise on a £1m cleaning contract needs no change notice', { ...cleaning(1_000_000), modification: { originalValuePence: pounds(1_000_000), newValuePence: pounds(1_050_000), originalTermMonths: 36, newTermMonths: 36 } }, ['s.74(1)(c)', 's.74(4)(a)(ii)', 's.75(5)'], {}],
  ['a 5% price rise on a light touch contract: modified freely', { ...homeCare, valuePence: pounds(900_000), modification: { originalValuePence: pounds(900_000), newValuePence: pounds(950_000), originalTermMonths: 36, newTermMonths: 36 } }, ['s.74(2)', 's.75(6)(b)'], {}],

  // ---- Valuation: a value worked out, or one that cannot be estimated, rests on s.4 and Schedule 3 ----
  ['a value that cannot be estimated is treated as above threshold', { category: 'services', cpv: ['90911200'], valueUnknown: true, startDate: START }, ['s.4', 'Sch 3'], { regime: 'covered-above-threshold' }],
  ['works whose value cannot be estimated', { category: 'works', valueUnknown: true, startDate: START }, ['s.4', 'Sch 3'], { regime: 'covered-above-threshold' }],
  ['light touch services whose value cannot be estimated', { ...homeCare, valueUnknown: true }, ['s.4', 'Sch 3'], { regime: 'covered-above-threshold' }],
  ['a value given without VAT has VAT added', { category: 'services', cpv: ['90911200'], valueExVatPence: pounds(180_000), startDate: START }, ['s.4', 'Sch 3'], { regime: 'covered-above-threshold', valuePence: pounds(216_000) }],
  ['a value worked out from a year’s cost, the term and the extensions', { category: 'services', cpv: ['90911200'], annualValuePence: pounds(60_000), termMonths: 36, extensionMonths: 12, startDate: START }, ['s.4', 'Sch 3'], { regime: 'covered-above-threshold', valuePence: pounds(240_000), warning: /48 months/ }],
  ['a year’s cost without VAT, over a term with extensions', { category: 'goods', annualValueExVatPence: pounds(50_000), termMonths: 24, extensionMonths: 12, startDate: START }, ['s.4', 'Sch 3'], { regime: 'regulated-below-threshold', valuePence: pounds(180_000) }],
  ['a modification alone is assessed on the modified contract’s value', { startDate: START, modification: { category: 'services', originalValuePence: pounds(150_000), newValuePence: pounds(160_000), originalTermMonths: 24, newTermMonths: 24 } }, ['s.4', 'Sch 3'], { regime: 'regulated-below-threshold' }],

  // ---- The pipeline notice can be asked about on its own: it is a duty of the council, not of one contract ----
  ['a council spending £150m a year asks only about its pipeline notice', { annualSpendPence: pounds(150_000_000), financialYearStart: '2026-04-01' }, ['s.93'], { notices: ['UK1'], duties: ['pipeline'] }],
  ['a council spending exactly £100m needs no pipeline notice', { annualSpendPence: pounds(100_000_000), financialYearStart: '2026-04-01' }, ['s.93'], { notices: [], noDuties: ['pipeline'] }],
  ['a council spending £40m needs no pipeline notice', { annualSpendPence: pounds(40_000_000), financialYearStart: '2027-04-01', startDate: '2027-03-01' }, ['s.93'], { notices: [], warning: /£100 million/ }],
  ['a £3m contract of a council over £100m belongs in its pipeline notice', { ...cleaning(3_000_000), annualSpendPence: pounds(180_000_000), financialYearStart: '2026-04-01' }, ['s.93'], { duties: ['pipeline'], warning: /£2 million/ }],

  // ---- Reservation for public service mutuals (s.33) and the light touch relief from KPIs (s.52(6)(d)) ----
  ['reservable home care over the threshold: the council may reserve it for a mutual', { ...homeCare, valuePence: pounds(900_000), termMonths: 48 }, ['s.33(1)'], { warning: /public service mutual/ }],
  ['reserving home care for a mutual: competitive flexible procedure, and who qualifies', { ...homeCare, valuePence: pounds(900_000), termMonths: 60, reserve: 'public-service-mutual' }, ['s.33(1)', 's.33(2)', 's.33(5)', 's.33(6)'], { reservationAllowed: true, duties: ['public-service-mutual'] }],
  ['reserving for a mutual without saying the term', { ...homeCare, valuePence: pounds(900_000), reserve: 'public-service-mutual' }, ['s.33(1)'], { reservationAllowed: false, warning: /five years/ }],
  ['reservable services for seven years cannot be reserved', { ...homeCare, valuePence: pounds(900_000), termMonths: 84 }, ['s.33(1)'], { warning: /five years/ }],
  ['£6m of light touch care: no KPI duty', { ...homeCare, valuePence: pounds(6_000_000) }, ['s.52(6)(d)'], { noDuties: ['kpis'], noNotices: ['UK9'] }],
  ['light touch care whose value cannot be estimated: no KPI duty either', { ...homeCare, valueUnknown: true }, ['s.52(6)(d)'], { noDuties: ['kpis'] }],
  ['£8m of light touch legal services: no KPI duty', { category: 'services', lightTouch: true, valuePence: pounds(8_000_000), startDate: START }, ['s.52(6)(d)'], { noDuties: ['kpis'] }],

  // ---- Extending a contract's term is judged against s.74(3)(a) ----
  ['cleaning extended from 36 to 39 months with 5% more value', { ...cleaning(1_000_000), modification: { originalValuePence: pounds(1_000_000), newValuePence: pounds(1_050_000), originalTermMonths: 36, newTermMonths: 39 } }, ['s.74(3)(a)'], { noNotices: ['UK10'] }],
  ['cleaning extended by a year with 8% more value', { ...cleaning(1_000_000), modification: { originalValuePence: pounds(1_000_000), newValuePence: pounds(1_080_000), originalTermMonths: 36, newTermMonths: 48 } }, ['s.74(3)(a)', 's.75(1)'], { notices: ['UK2', 'UK3', 'UK4', 'UK6', 'UK7', 'UK10'] }],
  ['works extended, with 30% more value, for unforeseeable reasons', { category: 'works', valuePence: pounds(6_000_000), startDate: START, modification: { category: 'works', originalValuePence: pounds(6_000_000), newValuePence: pounds(7_800_000), originalTermMonths: 24, newTermMonths: 30, ground: 'unforeseeable' } }, ['s.74(3)(a)', 'Sch 8 para 4'], {}],
  ['goods extended by two months at no extra cost', { category: 'goods', valuePence: pounds(400_000), startDate: START, modification: { category: 'goods', originalValuePence: pounds(400_000), newValuePence: pounds(400_000), originalTermMonths: 24, newTermMonths: 26 } }, ['s.74(3)(a)'], {}],

  // ---- Framework terms: four years at most (s.47), eight for an open framework (s.49), none for light touch ----
  ['a five-year framework for IT equipment is over the maximum term', { category: 'goods', cpv: ['30200000'], valuePence: pounds(4_000_000), termMonths: 60, newFramework: 'framework', startDate: START }, ['s.47'], { warning: /4 years/ }],
  ['a four-year framework is within the maximum term', { category: 'goods', cpv: ['30200000'], valuePence: pounds(4_000_000), termMonths: 48, newFramework: 'framework', startDate: START }, ['s.47'], { noWarning: /longer than the 4 years/ }],
  ['a framework with no term given', { category: 'works', valuePence: pounds(9_000_000), newFramework: 'framework', startDate: START }, ['s.47'], { warning: /term/ }],
  ['a six-year light touch framework for care is not capped', { ...homeCare, valuePence: pounds(3_000_000), termMonths: 72, newFramework: 'framework' }, ['s.47(5)(c)'], { noWarning: /longer than the 4 years/ }],
  ['a ten-year open framework is over the eight years', { ...cleaning(5_000_000), termMonths: 120, newFramework: 'open-framework' }, ['s.49'], { warning: /8 years/ }],

  // ---- VCSE grants: published every year under the Transparency Code (c) ----
  ['a £50,000 grant to a community group', { arrangement: 'grant', valuePence: pounds(50_000), startDate: START }, ['s.3(2)', 'LGTC 2015 Part 2 (c)'], { regime: 'not-procurement', duties: ['transparency-code-grants'] }],
  ['a grant with no value given', { arrangement: 'grant', startDate: START }, ['LGTC 2015 Part 2 (c)'], { duties: ['transparency-code-grants'] }],
  ['a £2m grant to a charity: grants list and the spending data', { arrangement: 'grant', category: 'services', valuePence: pounds(2_000_000), startDate: START }, ['LGTC 2015 Part 2 (c)', 'LGTC 2015 Part 2 (a)'], { duties: ['transparency-code-grants', 'transparency-code-spend'] }],

  // ---- Contracts of £5,000 or less do not go on the Transparency Code contracts list (b) ----
  ['£4,000 of cleaning is not published as a contract', cleaning(4_000), ['LGTC 2015 Part 2 (a)'], { noDuties: ['transparency-code'], duties: ['transparency-code-spend'] }],
  ['exactly £5,000 of goods does not exceed £5,000', { category: 'goods', valuePence: pounds(5_000), startDate: START }, ['LGTC 2015 Part 2 (a)'], { noDuties: ['transparency-code'] }],
  ['£5,000.01 of goods is published as a contract', { category: 'goods', valuePence: pounds(5_000.01), startDate: START }, ['LGTC 2015 Part 2 (b)'], { duties: ['transparency-code'] }],
  ['£3,000 with a council-owned company: exempt, and not on the contracts list', { ...cleaning(3_000), counterparty: company }, ['Sch 2 para 2'], { regime: 'exempt', noDuties: ['transparency-code'] }],
  ['£40,000 of cleaning goes on the contracts list', cleaning(40_000), ['LGTC 2015 Part 2 (b)', 'LGTC 2015 Part 2 (a)'], { duties: ['transparency-code', 'transparency-code-spend'] }],
]

describe('route advice: held-out scenarios', () => {
  test('the table has at least 40 scenarios', () => assert.ok(SCENARIOS.length >= 40, `${SCENARIOS.length} scenarios`))

  for (const [name, request, mustCite, expect] of SCENARIOS) {
    test(`${name} (${mustCite.join(', ')})`, () => {
      const result = routeAdvice(request, TODAY)
      assert.ok(result.ok, `the request is valid: ${JSON.stringify(!result.ok && result.errors)}`)
      const a = result.advice
      for (const cite of mustCite) assert.ok(a.cites.includes(cite), `cites ${cite}: ${a.cites.join(', ')}`)
      if (expect.regime) assert.equal(a.regime, expect.regime)
      if (expect.valuePence !== undefined) assert.equal(a.valuePence, expect.valuePence)
      if (expect.reservationAllowed !== undefined) assert.equal(a.reservationAllowed, expect.reservationAllowed)
      if (expect.notices) assert.deepEqual(a.notices.map((n) => n.code), expect.notices)
      for (const code of expect.noNotices ?? []) assert.ok(!a.notices.some((n) => n.code === code), `no ${code}`)
      for (const id of expect.duties ?? []) assert.ok(a.duties.some((d) => d.id === id), `duty ${id} in ${a.duties.map((d) => d.id).join(', ')}`)
      for (const id of expect.noDuties ?? []) assert.ok(!a.duties.some((d) => d.id === id), `no duty ${id} in ${a.duties.map((d) => d.id).join(', ')}`)
      if (expect.warning) assert.ok(a.warnings.some((w) => expect.warning!.test(w)), `a warning matching ${expect.warning}: ${a.warnings.join(' | ')}`)
      if (expect.noWarning) assert.ok(!a.warnings.some((w) => expect.noWarning!.test(w)), `no warning matching ${expect.noWarning}: ${a.warnings.join(' | ')}`)
      // Whatever else it says, every duty, notice and procedure in the answer names the provisions it rests on.
      for (const item of [...a.duties, ...a.notices]) assert.ok(item.cites.length > 0, `${JSON.stringify(item)} cites something`)
      for (const cite of [...a.duties, ...a.notices, ...a.procedures].flatMap((i) => i.cites)) assert.ok(a.cites.includes(cite), `${cite} is in cites`)
    })
  }
})
