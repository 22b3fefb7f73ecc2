/**
 * The registers' demo: about ten DEMO contracts (some over £5m, some light touch, some ending soon, KPIs and
 * assessments on some, one modification) and a few grants, and a contract and a grant for OTHER. Dates are set
 * from the demo's clock so that "ending soon" stays true; a contract or grant the council already has (by
 * reference or identifier) is left alone, so loading the demo twice changes nothing.
 */
import type { DemoSeed } from '../../platform/modules.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { findCouncilById } from '../councils/service.ts'
import { createGrant, findGrantByIdentifier } from '../grants/service.ts'
import { addMonths, londonDate } from './dates.ts'
import { addAssessment, addKpi, createContract, findContractByReference, recordModification } from './service.ts'
import { openDataIdentity } from './settings.ts'
import type { ContractInput } from './types.ts'

type DemoContract = Partial<ContractInput> & Pick<ContractInput, 'reference' | 'title'> & {
  supplier: number
  valuePounds: number
  startMonthsAgo: number
  termMonths: number
  kpis?: [string, string][]
  assessmentsMonthsAgo?: [number, ContractInput['status'] | 'good' | 'approaching-target' | 'requires-improvement' | 'inadequate' | 'other'][]
}

const DEMO_CONTRACTS: DemoContract[] = [
  { reference: 'DBC-ASC-001', serviceCategory: 'adult-social-care', title: 'Home care for older people (north)', supplier: 0, valuePounds: 12_400_000, startMonthsAgo: 30, termMonths: 60, lightTouch: true, cpvCodes: ['85312000'], department: 'Adult Social Care', awardProcedure: 'competitive-flexible', invitation: 'invitation-to-tender', kpis: [['Visits on time', '95% within 15 minutes']], assessmentsMonthsAgo: [[4, 'good']] },
  { reference: 'DBC-ENV-002', serviceCategory: 'waste-recycling', title: 'Household waste collection and recycling', supplier: 1, valuePounds: 48_000_000, startMonthsAgo: 40, termMonths: 96, cpvCodes: ['90511000', '90514000'], department: 'Environment', mainCategory: 'services', awardProcedure: 'open', invitation: 'invitation-to-tender', extensionOptions: 2, extensionMonths: 24, kpis: [['Missed bins per 100,000 collections', 'Fewer than 50'], ['Recycling rate', 'At least 50%'], ['Complaints answered within 10 days', '98%']], assessmentsMonthsAgo: [[15, 'approaching-target']], notices: [] },
  { reference: 'DBC-FM-003', serviceCategory: 'facilities-management', title: 'Facilities management for council buildings', supplier: 7, valuePounds: 7_200_000, startMonthsAgo: 20, termMonths: 48, cpvCodes: ['79993000'], department: 'Resources', awardProcedure: 'framework-call-off', kpis: [['Reactive repairs fixed within 24 hours', '90%']], modification: true },
  { reference: 'DBC-ADV-004', serviceCategory: 'advice-advocacy', title: 'Independent advice and advocacy', supplier: 2, valuePounds: 450_000, startMonthsAgo: 33, termMonths: 36, lightTouch: true, cpvCodes: ['85312300'], department: 'Communities', awardProcedure: 'open', invitation: 'invitation-to-tender', reviewMonthsAgo: 1 },
  { reference: 'DBC-YTH-005', serviceCategory: 'childrens-social-care', title: 'Youth work in the town centre', supplier: 3, valuePounds: 180_000, startMonthsAgo: 20, termMonths: 24, lightTouch: true, cpvCodes: ['85312320'], department: 'Children’s Services', awardProcedure: 'reserved-s33', extensionOptions: 1, extensionMonths: 12 },
  { reference: 'DBC-FOOD-006', serviceCategory: 'public-health', title: 'Community food hubs', supplier: 4, valuePounds: 95_000, startMonthsAgo: 8, termMonths: 12, cpvCodes: ['15800000'], department: 'Communities', mainCategory: 'goods', awardProcedure: 'below-threshold-quotes', invitation: 'invitation-to-quote' },
  { reference: 'DBC-ASC-007', serviceCategory: 'adult-social-care', title: 'Reablement service', supplier: 5, valuePounds: 6_100_000, startMonthsAgo: 14, termMonths: 60, cpvCodes: ['85311000'], department: 'Adult Social Care', awardProcedure: 'competitive-flexible', invitation: 'invitation-to-tender', kpis: [], assessmentsMonthsAgo: [] },
  { reference: 'DBC-EMP-008', serviceCategory: 'employment-skills', title: 'Supported employment placements', supplier: 6, valuePounds: 320_000, startMonthsAgo: 10, termMonths: 36, cpvCodes: ['79611000'], department: 'Economy', awardProcedure: 'reserved-s32' },
  { reference: 'DBC-IT-009', serviceCategory: 'it-digital', title: 'Case management software licences', supplier: 9, valuePounds: 240_000, startMonthsAgo: 22, termMonths: 24, cpvCodes: ['48000000'], department: 'Resources', mainCategory: 'goods', awardProcedure: 'direct-award', directAwardGround: 'sch5-5' },
  { reference: 'DBC-LEG-010', serviceCategory: 'legal-professional', title: 'Specialist legal advice on housing', supplier: 10, valuePounds: 60_000, startMonthsAgo: 50, termMonths: 36, cpvCodes: ['79110000'], department: 'Legal', awardProcedure: 'below-threshold-quotes', status: 'expired' },
] as (DemoContract & { modification?: boolean; reviewMonthsAgo?: number })[]

const OTHER_CONTRACTS: DemoContract[] = [
  { reference: 'ODC-TRN-001', serviceCategory: 'highways-transport', title: 'Community transport for day services', supplier: 0, valuePounds: 210_000, startMonthsAgo: 6, termMonths: 36, lightTouch: true, cpvCodes: ['60130000'], department: 'Adult Services', awardProcedure: 'open' },
]

function inputFor(demo: DemoContract & { reviewMonthsAgo?: number }, today: string, providerIds: string[]): ContractInput {
  const startDate = addMonths(today, -demo.startMonthsAgo)
  const endDate = addMonths(startDate, demo.termMonths)
  const valuePence = demo.valuePounds * 100
  return {
    reference: demo.reference,
    title: demo.title,
    description: demo.description ?? `${demo.title}, for residents of the borough.`,
    department: demo.department ?? null,
    supplierIds: [providerIds[demo.supplier]!],
    cpvCodes: demo.cpvCodes ?? [],
    mainCategory: demo.mainCategory ?? 'services',
    awardProcedure: demo.awardProcedure ?? 'open',
    directAwardGround: demo.directAwardGround ?? null,
    invitation: demo.invitation ?? null,
    totalValuePence: valuePence,
    estimatedAnnualValuePence: Math.round(valuePence / Math.max(1, demo.termMonths / 12)),
    valuesIncludeVat: false,
    irrecoverableVatPence: null,
    awardDate: addMonths(startDate, -1),
    startDate,
    endDate,
    reviewDate: demo.reviewMonthsAgo !== undefined ? addMonths(today, -demo.reviewMonthsAgo) : null,
    extensionOptions: demo.extensionOptions ?? 0,
    extensionMonths: demo.extensionMonths ?? null,
    extensionsTaken: 0,
    extensionsTakenNote: null,
    lightTouch: demo.lightTouch ?? false,
    status: demo.status ?? 'active',
    notices: [
      { type: 'UK6', publishedOn: addMonths(startDate, -1) },
      { type: 'UK7', publishedOn: startDate },
    ],
    ocid: null,
    published: true,
    serviceCategory: demo.serviceCategory ?? null,
  }
}

/** Each demo contract's service category by reference, for databases seeded before contracts had one. */
export const DEMO_CONTRACT_CATEGORIES: { council: 'demo' | 'other'; reference: string; serviceCategory: string }[] = [
  ...DEMO_CONTRACTS.map((c) => ({ council: 'demo' as const, reference: c.reference, serviceCategory: c.serviceCategory ?? '' })),
  ...OTHER_CONTRACTS.map((c) => ({ council: 'other' as const, reference: c.reference, serviceCategory: c.serviceCategory ?? '' })),
].filter((c) => c.serviceCategory !== '')

async function seedContracts(tx: Executor, councilId: string, list: DemoContract[], providerIds: string[], actor: Actor, now: Date) {
  const today = londonDate(now)
  for (const demo of list as (DemoContract & { modification?: boolean })[]) {
    if (await findContractByReference(tx, councilId, demo.reference)) continue
    const contract = await createContract(tx, councilId, inputFor(demo, today, providerIds), actor, now)
    for (const [name, target] of demo.kpis ?? []) await addKpi(tx, councilId, contract.id, { name, target }, actor, now)
    for (const [monthsAgo, rating] of demo.assessmentsMonthsAgo ?? []) {
      await addAssessment(tx, councilId, contract.id, { assessedOn: addMonths(today, -monthsAgo), rating: rating as 'good', notes: 'Reviewed at the quarterly contract meeting.' }, actor, now)
    }
    if (demo.modification) {
      await recordModification(
        tx,
        councilId,
        contract.id,
        {
          modifiedOn: addMonths(today, -2),
          description: 'Cleaning of the new customer service centre added to the building list.',
          newValuePence: Math.round(contract.totalValuePence! * 1.05),
          newEndDate: contract.endDate!,
          materialScopeChange: false,
          economicBalanceToSupplier: false,
          ground: null,
        },
        actor,
        now,
      )
    }
  }
}

async function seedGrants(tx: Executor, councilId: string, providerIds: string[], grants: { ref: string; title: string; recipient: number; pounds: number; monthsAgo: number; programme: string; openCall: boolean }[], actor: Actor, now: Date) {
  const council = (await findCouncilById(tx, councilId))!
  const prefix = (await openDataIdentity(tx, council)).grantsPrefix
  const today = londonDate(now)
  for (const g of grants) {
    const identifier = `${prefix}-${g.ref}`
    if (await findGrantByIdentifier(tx, councilId, identifier)) continue
    const awardDate = addMonths(today, -g.monthsAgo)
    await createGrant(
      tx,
      councilId,
      {
        identifier,
        title: g.title,
        description: `${g.title}: a grant towards the organisation’s own work in the area.`,
        amountAwardedPence: g.pounds * 100,
        awardDate,
        plannedStartDate: awardDate,
        plannedEndDate: addMonths(awardDate, 12),
        recipientProviderId: providerIds[g.recipient]!,
        programme: g.programme,
        fromOpenCall: g.openCall,
        beneficiaryLocations: [],
        department: 'Communities',
        published: true,
      },
      actor,
      now,
    )
  }
}

export const seedRegistersDemo: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  await seedContracts(tx, context.demoCouncilId, DEMO_CONTRACTS, context.demoProviderIds, actor, now)
  await seedContracts(tx, context.otherCouncilId, OTHER_CONTRACTS, context.otherProviderIds, actor, now)
  await seedGrants(tx, context.demoCouncilId, context.demoProviderIds, [
    { ref: 'G001', title: 'Warm spaces this winter', recipient: 12, pounds: 4_500, monthsAgo: 3, programme: 'Community Chest', openCall: true },
    { ref: 'G002', title: 'Food bank running costs', recipient: 4, pounds: 12_000, monthsAgo: 5, programme: 'Cost of Living Fund', openCall: true },
    { ref: 'G003', title: 'Youth club summer programme', recipient: 3, pounds: 8_000, monthsAgo: 7, programme: 'Community Chest', openCall: false },
  ], actor, now)
  await seedGrants(tx, context.otherCouncilId, context.otherProviderIds, [
    { ref: 'G001', title: 'Befriending older residents', recipient: 3, pounds: 6_000, monthsAgo: 2, programme: 'Neighbourhood Grants', openCall: true },
  ], actor, now)
}
