/**
 * Demo wards and decisions. The demo councils are fictional, so their ward codes are too: E0599xxxx, a range the
 * ONS has not used. DEMO's wards carry the names its residents' stories give. DEMO's project gets a key decision,
 * on the forward plan with full notice, taken and published a day ago, so its call-in is open. Each council has a
 * scrutiny committee with a recommendation and a councillor's question; DEMO's councillor chairs its committee, one
 * recommendation's response is overdue and one question is answered. Safe to rerun.
 */
import { eq } from 'drizzle-orm'
import { membershipFor } from '../../platform/auth/accounts.ts'
import type { DemoSeed } from '../../platform/modules.ts'
import { addDays, addMonths, addWorkingDays } from '../../rules/scrutiny/calendar.ts'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../rules/scrutiny/bank-holidays.ts'
import { londonDate } from '../contracts/dates.ts'
import { linkChoices, listProjects } from '../projects/service.ts'
import * as repo from './repository.ts'
import { writeSettings } from '../../platform/settings/settings.ts'
import { scrutinySettings } from './settings.ts'
import { committeeMembers, committees, councillorQuestions, decisions, recommendations } from './schema.ts'

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
  await seedDemoCommittees(tx, context)
}

/** A committee, two recommendations and two questions per council, once. */
export async function seedDemoCommittees(tx: Parameters<DemoSeed>[0], context: Parameters<DemoSeed>[1]) {
  const { now } = context
  const today = londonDate(now)
  const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date))
  for (const councilId of [context.demoCouncilId, context.otherCouncilId]) {
    const [existing] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.councilId, councilId)).limit(1)
    if (existing) continue
    const isDemo = councilId === context.demoCouncilId
    const [committee] = await tx
      .insert(committees)
      .values({
        councilId,
        name: isDemo ? 'Adults, Health and Housing Scrutiny Committee' : 'Overview and Scrutiny Committee',
        remit: 'Adult social care, public health and housing, and the commissioning of services for them.',
        workProgramme: ['Home care recommissioning: options and market', 'Better Care Fund quarterly report', 'Residents’ stories about discharge from hospital'],
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    const councillor = isDemo ? await membershipFor(tx, 'councillor@demo.catalyst.test', councilId) : undefined
    if (councillor) await tx.insert(committeeMembers).values({ committeeId: committee!.id, councilId, userId: councillor.userId, role: 'chair', createdAt: now })
    const [decision] = await tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.councilId, councilId)).limit(1)
    const overdueMade = addMonths(today, -3)
    const acceptedMade = addDays(today, -30)
    await tx.insert(recommendations).values([
      {
        councilId,
        committeeId: committee!.id,
        decisionId: decision?.id ?? null,
        title: 'Publish the home care market sustainability plan before the award',
        body: 'That the executive publishes the market sustainability plan and its cost of care figures before awarding the contract.',
        madeOn: overdueMade,
        responseDueOn: addMonths(overdueMade, 2),
        createdAt: now,
        updatedAt: now,
      },
      {
        councilId,
        committeeId: committee!.id,
        title: 'Report residents’ stories to the committee each quarter',
        body: 'That officers report the residents’ stories about adult social care to the committee each quarter, with the changes made.',
        madeOn: acceptedMade,
        responseDueOn: addMonths(acceptedMade, 2),
        response: 'accepted',
        responseReasons: 'A quarterly report fits the committee’s cycle and the stories are already moderated.',
        respondedOn: addDays(today, -7),
        respondedByName: 'Cabinet member for adult social care',
        implementation: 'in-progress',
        createdAt: now,
        updatedAt: now,
      },
    ])
    const askedBy = councillor ? { askedById: councillor.userId, askedByName: 'Cllr Priya Shah' } : { askedById: null, askedByName: 'Cllr Sam Okafor' }
    const answeredOn = addDays(today, -20)
    const waitingOn = addDays(today, -3)
    await tx.insert(councillorQuestions).values([
      {
        councilId,
        ...askedBy,
        addressedTo: 'Director of Adult Social Care',
        question: 'How many people waited more than a week for a home care package last quarter, and in which wards?',
        askedOn: addDays(answeredOn, -10),
        dueOn: addWorkingDays(addDays(answeredOn, -10), 10, holidays),
        answer: 'Forty-two people waited more than a week; most lived in the two wards furthest from the town centre.',
        answeredOn,
        answeredByName: 'Director of Adult Social Care',
        createdAt: now,
        updatedAt: now,
      },
      {
        councilId,
        ...askedBy,
        addressedTo: 'Cabinet member for adult social care',
        question: 'What did the options appraisal say about bringing home care in-house, and why was it not chosen?',
        decisionId: decision?.id ?? null,
        askedOn: waitingOn,
        dueOn: addWorkingDays(waitingOn, 10, holidays),
        createdAt: now,
        updatedAt: now,
      },
    ])
    // DEMO publishes its councillors' answered questions, one of which an officer has kept off the public pages.
    if (isDemo) {
      const exemptAsked = addDays(today, -25)
      await tx.insert(councillorQuestions).values({
        councilId,
        ...askedBy,
        addressedTo: 'Director of Adult Social Care',
        question: 'Why was the care package for the resident I wrote to you about on Riverside ended without a review?',
        askedOn: exemptAsked,
        dueOn: addWorkingDays(exemptAsked, 10, holidays),
        answer: 'The package ended after a hospital admission; a review is booked with the resident and their family.',
        answeredOn: addDays(today, -12),
        answeredByName: 'Director of Adult Social Care',
        notForPublication: true,
        notForPublicationReason: 'It is about one resident’s care and names them.',
        createdAt: now,
        updatedAt: now,
      })
      await writeSettings(tx, { actor: context.actor, councilId, section: scrutinySettings, values: { publishQuestions: true }, now })
    }
  }
}
