/**
 * Schedule 2 exemptions: contracts of employment and for land, and the vertical (controlled company) and horizontal
 * (cooperation between authorities) arrangements, each test named by the paragraph that sets it.
 */
import type { ContractingAuthorityCounterparty, ControlledCompany, Exemption, ExemptionTest, RouteAdviceInput } from './route-advice-types.ts'

function verticalTests(c: ControlledCompany): ExemptionTest[] {
  const tests: ExemptionTest[] = [
    { cite: 'Sch 2 para 2(2)(a)', text: 'the council is its parent undertaking (Companies Act 2006 s.1162)', met: c.parentUndertaking },
    { cite: 'Sch 2 para 2(2)(b)', text: 'no other person exerts a decisive influence on its activities', met: !c.decisiveInfluenceByOthers },
    {
      cite: 'Sch 2 para 2(2)(c)',
      text: `more than 80% of its activities are for the controlling authorities (${c.activityForControllersPercent}%)`,
      met: c.activityForControllersPercent > 80,
    },
    { cite: 'Sch 2 para 2(3)', text: 'no person that is not a public authority holds shares in it', met: !c.privateShareholding },
  ]
  if (c.jointControl) {
    tests.push({ cite: 'Sch 2 para 2(2)(d)', text: 'every controlling authority is represented on its board', met: c.everyControllerOnBoard === true })
  }
  return tests
}

function horizontalTests(c: ContractingAuthorityCounterparty): ExemptionTest[] {
  return [
    { cite: 'Sch 2 para 3(a)(i)', text: 'the arrangement aims at objectives the authorities have in common in their public functions', met: c.commonObjectives },
    { cite: 'Sch 2 para 3(a)(ii)', text: 'it is entered into solely in the public interest', met: c.solelyPublicInterest },
    {
      cite: 'Sch 2 para 3(b)',
      text: `no more than 20% of the activities are other than for the authorities' public functions (${c.activityOutsidePublicFunctionsPercent}%)`,
      met: c.activityOutsidePublicFunctionsPercent <= 20,
    },
  ]
}

/** Whether a Schedule 2 exemption applies, and which test decided it. */
export function exemptionOf(input: Pick<RouteAdviceInput, 'arrangement' | 'counterparty'>): Exemption | null {
  if (input.arrangement === 'employment') {
    return { applies: true, kind: 'employment', decidedBy: 'Sch 2 para 18', tests: [{ cite: 'Sch 2 para 18', text: 'a contract of employment', met: true }] }
  }
  if (input.arrangement === 'land') {
    return {
      applies: true,
      kind: 'land',
      decidedBy: 'Sch 2 para 8',
      tests: [{ cite: 'Sch 2 para 8', text: 'the acquisition of land or buildings, or interests in or rights over them', met: true }],
    }
  }
  const c = input.counterparty
  if (!c) return null
  const [kind, paragraph, tests] =
    c.kind === 'controlled-company' ? (['vertical', 'Sch 2 para 2', verticalTests(c)] as const) : (['horizontal', 'Sch 2 para 3', horizontalTests(c)] as const)
  const failed = tests.find((t) => !t.met)
  return { applies: !failed, kind, decidedBy: failed ? failed.cite : paragraph, tests }
}
