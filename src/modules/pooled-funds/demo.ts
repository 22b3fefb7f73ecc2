/**
 * Demo pooled funds. DEMO (a fictional unitary on Teesside postcodes) runs a Better Care Fund with NHS North East and
 * North Cumbria ICB, and a separate mental health pooled fund with Tees, Esk and Wear Valleys NHS Foundation Trust
 * that the ICB is not a party to, so the ICB's demo user shows what partner access hides. OTHER runs one with
 * Cambridgeshire and Peterborough ICB. The year is 2025/26, the last full year of the demo spend files, and one
 * scheme is linked to a demo contract so its actual spend comes from the spend register. Safe to run again.
 */
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import type { DemoSeed } from '../../platform/modules.ts'
import { listContracts } from '../contracts/service.ts'
import { pooledFunds } from './schema.ts'
import * as repo from './repository.ts'
import type { RiskShareTerms } from './risk-share.ts'
import { quartersOf } from './vocabulary.ts'

/**
 * The demo list of partner organisations. The NHS codes are NHS ODS codes (ICBs: QHM North East and North Cumbria,
 * QUE Cambridgeshire and Peterborough; RX3 Tees, Esk and Wear Valleys NHS FT); the councils are the demo's real
 * councils by GSS code, and the two fictional demo councils by their demo codes (they have no GSS code).
 */
export const DEMO_PARTNER_ORGANISATIONS = [
  { scheme: 'ODS', code: 'QHM', name: 'NHS North East and North Cumbria Integrated Care Board' },
  { scheme: 'ODS', code: 'QUE', name: 'NHS Cambridgeshire and Peterborough Integrated Care Board' },
  { scheme: 'ODS', code: 'RX3', name: 'Tees, Esk and Wear Valleys NHS Foundation Trust' },
  { scheme: 'GSS', code: 'E06000002', name: 'Middlesbrough Council' },
  { scheme: 'GSS', code: 'E07000008', name: 'Cambridge City Council' },
  { scheme: 'GSS', code: 'DEMO', name: 'Demo Borough Council' },
  { scheme: 'GSS', code: 'OTHER', name: 'Other District Council' },
] as const

/** Adds the demo partner organisations; returns their ids by code. Run before the demo users (one speaks for the ICB). */
export async function seedDemoPartnerOrganisations(tx: Executor, now: Date): Promise<Map<string, string>> {
  await repo.upsertOrganisations(tx, DEMO_PARTNER_ORGANISATIONS, now)
  const ids = new Map<string, string>()
  for (const o of DEMO_PARTNER_ORGANISATIONS) ids.set(o.code, (await repo.findOrganisationByCode(tx, o.scheme, o.code))!.id)
  return ids
}

const DEMO_YEAR = 2025
const pounds = (n: number) => n * 100

const AGREEMENT = {
  contributionVariation: 'By written agreement of both partners, recorded as a variation; in-year changes to the NHS minimum contribution follow NHS England’s notified allocation.',
  functionsCovered: 'NHS functions: community health services and discharge support. Health-related functions: adult social care assessment, home care, reablement and disabled facilities grants.',
  personsAndServices: 'Adults living in the borough who need care and support to stay at home or leave hospital, and their carers.',
  partnerResources: 'The council hosts the pool manager and finance officer; the ICB provides a commissioning lead one day a week.',
  reviewArrangements: 'Reviewed each year by the Health and Wellbeing Board before the new plan is agreed.',
  variationAndTermination: 'Varied by written agreement; either partner may end it on six months’ notice at a year end.',
  managementAndMonitoring: 'Managed by the Better Care Fund board; quarterly and year-end reports to both partners and the Health and Wellbeing Board.',
}

async function seedFund(
  tx: Executor,
  councilId: string,
  ids: Map<string, string>,
  fund: { name: string; kind: string; aims: string; poolManager: string; host: string; partners: string[]; terms: (ids: Map<string, string>) => RiskShareTerms },
  contributions: { partner: string; stream: string; amount: number; kind?: 'agreed' | 'variation'; note?: string; agreedOn?: string }[],
  schemes: { reference: string; name: string; type: string; area: string; commissioner: string; provider: string; stream: string; planned: number; outputs: string; linkFirstContract?: boolean }[],
  now: Date,
) {
  const [existing] = await tx.select({ id: pooledFunds.id }).from(pooledFunds).where(and(eq(pooledFunds.councilId, councilId), eq(pooledFunds.name, fund.name)))
  if (existing) return
  const row = await repo.insertFund(tx, {
    councilId,
    name: fund.name,
    kind: fund.kind,
    aimsAndOutcomes: fund.aims,
    ...AGREEMENT,
    startDate: `${DEMO_YEAR}-04-01`,
    endDate: null,
    hostPartnerId: ids.get(fund.host)!,
    poolManager: fund.poolManager,
    riskShare: fund.terms(ids),
    createdAt: now,
    updatedAt: now,
  })
  for (const code of fund.partners) await repo.insertPartner(tx, { fundId: row.id, councilId, organisationId: ids.get(code)!, createdAt: now })
  for (const c of contributions) {
    await repo.insertContribution(tx, {
      fundId: row.id,
      councilId,
      organisationId: ids.get(c.partner)!,
      stream: c.stream,
      financialYear: DEMO_YEAR,
      amountPence: pounds(c.amount),
      kind: c.kind ?? 'agreed',
      agreedOn: c.agreedOn ?? `${DEMO_YEAR}-04-01`,
      note: c.note ?? '',
      createdAt: now,
    })
  }
  // The contract that delivers the linked scheme: the council's first contract running in the demo year.
  const year = quartersOf(DEMO_YEAR)
  const contracts = (await listContracts(tx, { councilId }, {}, 1, 200)).items.filter(
    (c) => c.suppliers.length > 0 && (!c.startDate || c.startDate <= year[3]!.end) && (!c.endDate || c.endDate >= year[0]!.start),
  )
  for (const s of schemes) {
    const scheme = await repo.insertScheme(tx, {
      fundId: row.id,
      councilId,
      reference: s.reference,
      name: s.name,
      schemeType: s.type,
      areaOfSpend: s.area,
      commissioner: s.commissioner,
      providerName: s.provider,
      stream: s.stream,
      financialYear: DEMO_YEAR,
      plannedPence: pounds(s.planned),
      plannedOutputs: s.outputs,
      createdAt: now,
      updatedAt: now,
    })
    const contract = contracts[0]
    if (s.linkFirstContract && contract) await repo.insertLink(tx, { schemeId: scheme.id, councilId, contractId: contract.id, grantId: null, createdAt: now })
  }
}

export const seedDemoPooledFunds: DemoSeed = async (tx, context) => {
  const ids = await seedDemoPartnerOrganisations(tx, context.now)
  await seedFund(
    tx,
    context.demoCouncilId,
    ids,
    {
      name: 'Demo Better Care Fund',
      kind: 'bcf',
      aims: 'Help people stay well and independent at home, prevent avoidable admissions and get people home from hospital on time.',
      poolManager: 'Jo Bell, Head of Integrated Commissioning, Demo Borough Council',
      host: 'DEMO',
      partners: ['DEMO', 'QHM'],
      // The ICB bears an overspend pro rata but never more than £250,000; an underspend is returned pro rata.
      terms: (ids) => ({ overspend: { kind: 'capped', caps: [{ partnerId: ids.get('QHM')!, capPence: pounds(250_000) }] }, underspend: { kind: 'pro-rata' } }),
    },
    [
      { partner: 'QHM', stream: 'nhs-minimum', amount: 14_200_000 },
      { partner: 'DEMO', stream: 'dfg', amount: 2_100_000 },
      { partner: 'DEMO', stream: 'la-grant', amount: 6_300_000 },
      { partner: 'DEMO', stream: 'additional', amount: 1_000_000 },
      { partner: 'QHM', stream: 'nhs-minimum', amount: 300_000, kind: 'variation', agreedOn: `${DEMO_YEAR}-10-15`, note: 'Discharge funding added in year (clause 9.2).' },
    ],
    [
      { reference: '1', name: 'Home care and reablement', type: 'Home care', area: 'Social care', commissioner: 'Demo Borough Council', provider: 'Independent sector', stream: 'nhs-minimum', planned: 9_800_000, outputs: '1,200 hours of reablement a week', linkFirstContract: true },
      { reference: '2', name: 'Community health discharge team', type: 'Integrated care planning', area: 'Community health', commissioner: 'NHS North East and North Cumbria ICB', provider: 'NHS community trust', stream: 'nhs-minimum', planned: 4_700_000, outputs: 'Discharge within 24 hours of being ready for 85% of people' },
      { reference: '3', name: 'Disabled facilities grants', type: 'DFG related schemes', area: 'Social care', commissioner: 'Demo Borough Council', provider: 'Home improvement agency', stream: 'dfg', planned: 2_100_000, outputs: '260 adaptations completed' },
      { reference: '4', name: 'Carers’ support', type: 'Carers services', area: 'Social care', commissioner: 'Joint', provider: 'Local VCSE carers’ centre', stream: 'la-grant', planned: 6_300_000, outputs: '1,500 carers’ assessments' },
    ],
    context.now,
  )
  await seedFund(
    tx,
    context.demoCouncilId,
    ids,
    {
      name: 'Demo mental health pooled fund',
      kind: 'section-75',
      aims: 'Joint community mental health support for adults.',
      poolManager: 'Sam Reed, Mental Health Commissioning Manager, Demo Borough Council',
      host: 'DEMO',
      partners: ['DEMO', 'RX3'],
      terms: (ids) => ({ overspend: { kind: 'first-loss', partnerId: ids.get('DEMO')!, firstLossPence: pounds(100_000) }, underspend: { kind: 'pro-rata' } }),
    },
    [
      { partner: 'DEMO', stream: 'additional', amount: 1_200_000 },
      { partner: 'RX3', stream: 'additional', amount: 800_000 },
    ],
    [{ reference: 'MH-1', name: 'Community mental health support', type: 'Mental health', area: 'Mental health', commissioner: 'Joint', provider: 'Tees, Esk and Wear Valleys NHS FT', stream: 'additional', planned: 2_000_000, outputs: '400 people supported' }],
    context.now,
  )
  await seedFund(
    tx,
    context.otherCouncilId,
    ids,
    {
      name: 'Other Better Care Fund',
      kind: 'bcf',
      aims: 'Keep people independent at home.',
      poolManager: 'Alex Moss, Integration Lead, Other District Council',
      host: 'OTHER',
      partners: ['OTHER', 'QUE'],
      terms: () => ({ overspend: { kind: 'pro-rata' }, underspend: { kind: 'pro-rata' } }),
    },
    [
      { partner: 'QUE', stream: 'nhs-minimum', amount: 3_000_000 },
      { partner: 'OTHER', stream: 'dfg', amount: 900_000 },
    ],
    [{ reference: '1', name: 'Home adaptations', type: 'DFG related schemes', area: 'Social care', commissioner: 'Other District Council', provider: 'Home improvement agency', stream: 'dfg', planned: 900_000, outputs: '90 adaptations', linkFirstContract: true }],
    context.now,
  )
}
