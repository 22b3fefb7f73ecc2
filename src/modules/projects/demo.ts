/**
 * Demo commissioning projects, made through the module's own service so they are audited like any other: in Demo
 * Borough Council, home care for older people part-way through Plan (needs, outcomes, a partly scored appraisal)
 * and a carers' support project in Analyse; in the other council, one project so tenancy can be walked.
 * Running it again changes nothing: a council that already has a project of the same title is left alone.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { users } from '../../platform/auth/schema.ts'
import type { Executor } from '../../platform/db/database.ts'
import { contracts } from '../contracts/schema.ts'
import { DEFAULT_OPTIONS } from './appraisal.ts'
import * as service from './service.ts'
import { commissioningProjects } from './schema.ts'

async function exists(tx: Executor, councilId: string, title: string) {
  const [row] = await tx.select({ id: commissioningProjects.id }).from(commissioningProjects).where(and(eq(commissioningProjects.councilId, councilId), eq(commissioningProjects.title, title)))
  return Boolean(row)
}

async function userId(tx: Executor, email: string) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email))
  return row?.id
}

export const HOME_CARE_TITLE = 'Home care for older people'

/** Scores for the first few options: a partly scored appraisal, as it would be midway through Plan. */
const HOME_CARE_SCORES: Record<string, number[]> = {
  'In-house': [2, 4, 3, 4, 4, 2, 2, 4],
  'Open contract': [4, 3, 2, 2, 2, 4, 4, 3],
  'Contract divided into lots': [3, 4, 4, 4, 4, 4, 3, 3],
  'Contract reserved for a public service mutual': [3, 4, 4, 4, 3, 2, 3, 2],
}

export const seedDemoProjects: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  if (!(await exists(tx, context.demoCouncilId, HOME_CARE_TITLE))) {
    const lead = await userId(tx, 'commissioner@demo.catalyst.test')
    const project = await service.createProject(
      tx,
      context.demoCouncilId,
      {
        title: HOME_CARE_TITLE,
        serviceArea: 'Adult social care',
        summary: 'Help older people live well at home for longer, with care that is reliable, local and shaped by what they want.',
        leadCommissionerId: lead,
        budget: 1_250_000_000,
      },
      actor,
      now,
    )
    const c = context.demoCouncilId
    await service.addNeed(tx, c, project.id, { need: 'More older people need help to stay at home', evidence: 'Joint strategic needs assessment 2025: residents aged 80 and over up 18% by 2030' }, actor, now)
    await service.addNeed(tx, c, project.id, { need: 'Care visits are missed or late in the east of the borough', evidence: 'Complaints and provider returns, 2024–25' }, actor, now)
    await service.addOutcome(tx, c, project.id, { outcome: 'Older people stay independent at home', indicator: 'Share still at home 91 days after leaving hospital', baseline: '78%', target: '85%' }, actor, now)
    await service.addOutcome(tx, c, project.id, { outcome: 'Care arrives when promised', indicator: 'Visits on time', baseline: '82%', target: '95%' }, actor, now)
    await service.addPartner(tx, c, project.id, { nhsBody: 'Demo Integrated Care Board' }, actor, now)
    await service.addMilestone(tx, c, project.id, { title: 'Options appraisal to the commissioning board', dueDate: '2026-09-30' }, actor, now)
    // What is in place now: the demo register's home care contract, when the registers' demo has loaded it.
    const [homeCare] = await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.councilId, c), eq(contracts.reference, 'DBC-ASC-001')))
    if (homeCare) await service.addLink(tx, c, project.id, { role: 'current', contractId: homeCare.id, tenderReference: null }, actor, now)
    await service.setStage(tx, c, project, 'plan', actor, now)
    await service.chooseOptions(tx, c, project.id, DEFAULT_OPTIONS, actor, now)
    const { options, criteria } = await service.appraisalOf(tx, c, project.id)
    for (const option of options) {
      const values = HOME_CARE_SCORES[option.name]
      if (!values) continue
      const scores = new Map(criteria.map((criterion, i) => [criterion.id, { score: values[i]!, rationale: `Demo judgement for ${criterion.name.toLowerCase()}` }]))
      await service.setScores(tx, c, project.id, option.id, scores, actor, now)
    }
  }
  if (!(await exists(tx, context.demoCouncilId, 'Support for unpaid carers'))) {
    await service.createProject(tx, context.demoCouncilId, { title: 'Support for unpaid carers', serviceArea: 'Adult social care', summary: null, budget: null }, actor, now)
  }
  if (!(await exists(tx, context.otherCouncilId, 'Library services review'))) {
    await service.createProject(tx, context.otherCouncilId, { title: 'Library services review', serviceArea: 'Culture and libraries', summary: null, budget: 400_000_000 }, actor, now)
  }
}
