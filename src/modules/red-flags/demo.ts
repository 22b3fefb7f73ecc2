/**
 * Demo data that raises the red flags the registers' and spend demos do not already raise on DEMO: two grounds
 * maintenance contracts with one supplier, each under the £30,000 notifiable level and together over it; two more
 * direct awards to the supplier of the case management software, making three in two years; an insolvency at the
 * facilities management supplier that the council learnt of last year; and a small spend file in which one
 * transport company takes nearly all of a category. (Spend over contract value, spend without a contract and the
 * KPI duties are already raised by the other demos.) Anything already there is left alone.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { addMonths, londonDate } from '../contracts/dates.ts'
import { createContract, findContractByReference } from '../contracts/service.ts'
import type { ContractInput } from '../contracts/types.ts'
import { providerEvents } from '../risk/schema.ts'
import { checksumOf, findImportByChecksum, importSpend } from '../spend/import.ts'

/** Indexes into the DEMO providers (src/modules/providers/demo-providers.ts). */
const MERIDIAN = 7
const BRIGHTPATH = 9
const SAM_PATEL = 11

interface DemoContract {
  reference: string
  title: string
  supplier: number
  pounds: number
  includesVat: boolean
  awardedMonthsAgo: number
  termMonths: number
  cpv: string
  mainCategory: ContractInput['mainCategory']
  awardProcedure: ContractInput['awardProcedure']
  directAwardGround?: ContractInput['directAwardGround']
  invitation: ContractInput['invitation']
  department: string
  serviceCategory: ContractInput['serviceCategory']
}

const CONTRACTS: DemoContract[] = [
  { reference: 'DBC-GRD-011', title: 'Grounds maintenance: parks north of the river', supplier: SAM_PATEL, pounds: 15_500, includesVat: true, awardedMonthsAgo: 5, termMonths: 12, cpv: '77313000', mainCategory: 'services', awardProcedure: 'below-threshold-quotes', invitation: 'invitation-to-quote', department: 'Environment', serviceCategory: 'facilities-management' },
  { reference: 'DBC-GRD-012', title: 'Grounds maintenance: parks south of the river', supplier: SAM_PATEL, pounds: 16_000, includesVat: true, awardedMonthsAgo: 3, termMonths: 12, cpv: '77313000', mainCategory: 'services', awardProcedure: 'below-threshold-quotes', invitation: 'invitation-to-quote', department: 'Environment', serviceCategory: 'facilities-management' },
  { reference: 'DBC-IT-013', title: 'Case management software: reporting module', supplier: BRIGHTPATH, pounds: 38_000, includesVat: false, awardedMonthsAgo: 9, termMonths: 24, cpv: '48000000', mainCategory: 'goods', awardProcedure: 'direct-award', directAwardGround: 'sch5-7', invitation: 'none', department: 'Resources', serviceCategory: 'it-digital' },
  { reference: 'DBC-IT-014', title: 'Case management software: data migration', supplier: BRIGHTPATH, pounds: 45_000, includesVat: false, awardedMonthsAgo: 2, termMonths: 6, cpv: '72000000', mainCategory: 'services', awardProcedure: 'direct-award', directAwardGround: 'sch5-7', invitation: 'none', department: 'Resources', serviceCategory: 'it-digital' },
]

const INSOLVENCY = 'Notice of intention to appoint administrators filed at court'

/** A small spend file: one transport company takes nearly all of a category in 2025/26. */
export const RED_FLAGS_DEMO_SPEND = [
  'Date Paid,Supplier Name,Department,Expense Type,Amount,Transaction Number',
  '14/05/2025,Kestrel Transport Ltd,Adult Social Care,Day opportunities transport,"£31,200.00",RFDEMO-00001',
  '16/07/2025,Kestrel Transport Ltd,Adult Social Care,Day opportunities transport,"£29,850.00",RFDEMO-00002',
  '17/09/2025,Kestrel Transport Ltd,Adult Social Care,Day opportunities transport,"£30,400.00",RFDEMO-00003',
  '19/11/2025,Kestrel Transport Ltd,Adult Social Care,Day opportunities transport,"£32,100.00",RFDEMO-00004',
  '21/01/2026,Willow Training CIC,Adult Social Care,Day opportunities transport,"£8,750.00",RFDEMO-00005',
].join('\r\n') + '\r\n'

export const seedRedFlagsDemo: DemoSeed = async (tx, context) => {
  const councilId = context.demoCouncilId
  const today = londonDate(context.now)
  for (const c of CONTRACTS) {
    if (await findContractByReference(tx, councilId, c.reference)) continue
    const awardDate = addMonths(today, -c.awardedMonthsAgo)
    const startDate = addMonths(awardDate, 1)
    const pence = c.pounds * 100
    await createContract(
      tx,
      councilId,
      {
        reference: c.reference,
        title: c.title,
        description: `${c.title}.`,
        department: c.department,
        supplierIds: [context.demoProviderIds[c.supplier]!],
        cpvCodes: [c.cpv],
        mainCategory: c.mainCategory,
        serviceCategory: c.serviceCategory,
        awardProcedure: c.awardProcedure,
        directAwardGround: c.directAwardGround ?? null,
        invitation: c.invitation,
        totalValuePence: pence,
        estimatedAnnualValuePence: Math.round((pence * 12) / c.termMonths),
        valuesIncludeVat: c.includesVat,
        irrecoverableVatPence: null,
        awardDate,
        startDate,
        endDate: addMonths(startDate, c.termMonths),
        reviewDate: null,
        extensionOptions: 0,
        extensionMonths: null,
        extensionsTaken: 0,
        extensionsTakenNote: null,
        lightTouch: false,
        status: 'active',
        notices: [{ type: 'UK7', publishedOn: startDate }],
        ocid: null,
        // Kept off the public register and open data: the registers' demo is what those show.
        published: false,
      },
      context.actor,
      context.now,
    )
  }

  const meridian = context.demoProviderIds[MERIDIAN]!
  const [event] = await tx.select({ id: providerEvents.id }).from(providerEvents).where(and(eq(providerEvents.councilId, councilId), eq(providerEvents.providerId, meridian), eq(providerEvents.description, INSOLVENCY)))
  if (!event) {
    await tx.insert(providerEvents).values({
      councilId,
      providerId: meridian,
      kind: 'insolvency',
      occurredOn: addMonths(today, -14),
      knownOn: addMonths(today, -13),
      description: INSOLVENCY,
      source: 'The Gazette',
      recordedBy: context.actor.label,
      createdAt: context.now,
    })
  }

  const bytes = new TextEncoder().encode(RED_FLAGS_DEMO_SPEND)
  if (!(await findImportByChecksum(tx, councilId, checksumOf(bytes)))) {
    const outcome = await importSpend(tx, { councilId, fileName: 'demo-transport-2025-26.csv', bytes, actor: context.actor, now: context.now })
    if (outcome.outcome !== 'imported') throw new Error(`The red flags demo spend was not imported: ${'reason' in outcome ? outcome.reason : outcome.outcome}`)
  }
}
