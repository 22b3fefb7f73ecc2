/**
 * Demo wards and decisions. The demo councils are fictional, so their ward codes are too: E0599xxxx, a range the
 * ONS has not used. DEMO's wards carry the names its residents' stories give. DEMO's project gets a key decision,
 * on the forward plan with full notice, taken and published a day ago, so its call-in is open. Safe to rerun.
 */
import { eq } from 'drizzle-orm'
import { membershipFor } from '../../platform/auth/accounts.ts'
import type { DemoSeed } from '../../platform/modules.ts'
import { addDays } from '../../rules/scrutiny/calendar.ts'
import { londonDate } from '../contracts/dates.ts'
import { linkChoices, listProjects } from '../projects/service.ts'
import * as repo from './repository.ts'
import { decisions } from './schema.ts'

const DEMO_WARDS = [
  { code: 'E05990001', name: 'Central' },
  { code: 'E05990002', name: 'Northfield' },
  { code: 'E05990003', name: 'Market' },
  { code: 'E05990004', name: 'Riverside' },
]
const OTHER_WARDS = [
  { code: 'E05990101', name: 'Abbey' },
  { code: 'E05990102', name: 'Castle' },
]

export const seedDemoScrutiny: DemoSeed = async (tx, context) => {
  const { now } = context
  const today = londonDate(now)
  for (const [councilId, list] of [[context.demoCouncilId, DEMO_WARDS], [context.otherCouncilId, OTHER_WARDS]] as const) {
    await repo.upsertWards(tx, councilId, list.map((w) => ({ ...w, ladCode: null })), now)
    const wards = await repo.listWards(tx, councilId)
    const [existing] = await tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.councilId, councilId)).limit(1)
    if (existing) continue
    const project = (await listProjects(tx, councilId)).rows.at(-1)?.project
    const { contracts } = await linkChoices(tx, councilId)
    const isDemo = councilId === context.demoCouncilId
    const decision = await repo.insertDecision(tx, {
      councilId,
      projectId: project?.id ?? null,
      title: project ? `Award of ${project.title}` : 'Recommissioning of community transport',
      makerKind: 'cabinet',
      makerName: 'Cabinet: the Leader and six cabinet members',
      plannedOn: addDays(today, -1),
      noticePublishedOn: addDays(today, -40),
      valuePence: project?.budgetPence ?? 120_000_000,
      wardIds: wards.slice(0, 2).map((w) => w.id),
      keyReasons: ['two-or-more-wards'],
      optionsConsidered: 'In-house delivery, a grant to a voluntary organisation, and a contract let by competition: see the options appraisal.',
      documents: ['Cabinet report', 'Options appraisal report'],
      documentsRequest: 'Democratic Services, Town Hall, or democratic.services@example.gov.uk',
      outcome: isDemo ? 'To let the contract to the provider that scored highest in the options appraisal.' : null,
      reasons: isDemo ? 'It best meets the outcomes residents said matter, within budget.' : null,
      decidedOn: isDemo ? addDays(today, -1) : null,
      publishedOn: isDemo ? addDays(today, -1) : null,
      createdAt: now,
      updatedAt: now,
    })
    if (isDemo && contracts[0]) await repo.linkContract(tx, councilId, decision.id, contracts[0].id)
  }
  // DEMO's councillor represents Central, where a contract is delivered and a provider is based.
  const central = (await repo.listWards(tx, context.demoCouncilId)).find((w) => w.code === 'E05990001')!
  const councillor = await membershipFor(tx, 'councillor@demo.catalyst.test', context.demoCouncilId)
  if (councillor) await repo.setCouncillorWard(tx, context.demoCouncilId, councillor.userId, central.id, now)
  const { contracts } = await linkChoices(tx, context.demoCouncilId)
  if (contracts[0]) await repo.addWardLink(tx, context.demoCouncilId, central.id, 'contract', contracts[0].id, now)
  if (context.demoProviderIds[0]) await repo.addWardLink(tx, context.demoCouncilId, central.id, 'provider', context.demoProviderIds[0], now)
}
