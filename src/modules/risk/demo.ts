/**
 * Financial standing demo: two years of figures for a few DEMO providers, chosen so the naive-rule report shows the
 * difference a proportionate test makes, and one recorded assessment (with its decision):
 * - Riverside Community Care: small next to its £2.48m-a-year home care contract (the naive rule would exclude it),
 *   but stable, profitable and rated good: low risk.
 * - Kindred Care Mutual CIC: loss-making with net liabilities: high risk.
 * - Hilltop Youth Trust: a micro charity whose accounts need not be audited, with figures missing: medium, and a
 *   request for more evidence rather than a fail.
 * - Greenway Recycling, Meridian Facilities and Northbank Advice: comfortably low.
 * And for OTHER, one year for its Greenway and an assessment, so tenancy can be seen. Events are not seeded here.
 * A provider that already has figures for a year, or an assessment, is left alone, so loading twice changes nothing.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { financialYearOf } from '../../platform/financial-year.ts'
import { londonDate } from '../contracts/dates.ts'
import { contracts } from '../contracts/schema.ts'
import { riskAssessments } from './schema.ts'
import * as service from './service.ts'

type Year = Omit<service.FinancialsInput, 'periodEnd' | 'evidence'> & { evidence: string }

interface DemoFigures {
  provider: number
  /** The latest year first, then the year before. */
  years: [Year, Year?]
}

const pounds = (n: number | null) => (n === null ? null : Math.round(n * 100))

function year(figures: { turnover: number | null; profit: number | null; net: number | null; cash: number | null; ca: number | null; cl: number | null }, rest: Omit<Year, 'turnoverPence' | 'operatingProfitPence' | 'netAssetsPence' | 'cashPence' | 'currentAssetsPence' | 'currentLiabilitiesPence'>): Year {
  return { turnoverPence: pounds(figures.turnover), operatingProfitPence: pounds(figures.profit), netAssetsPence: pounds(figures.net), cashPence: pounds(figures.cash), currentAssetsPence: pounds(figures.ca), currentLiabilitiesPence: pounds(figures.cl), ...rest }
}

const audited = { accountsAudited: true, auditRequired: true, parentCompany: null, parentGuarantee: false }

const DEMO_FIGURES: DemoFigures[] = [
  {
    provider: 0, // Riverside Community Care
    years: [
      year({ turnover: 3_100_000, profit: 124_000, net: 900_000, cash: 600_000, ca: 840_000, cl: 600_000 }, { tradingSince: '2009-05-01', employees: 140, ...audited, evidence: 'Audited annual report and accounts, filed with the Charity Commission' }),
      year({ turnover: 2_900_000, profit: 98_000, net: 820_000, cash: 540_000, ca: 780_000, cl: 590_000 }, { tradingSince: '2009-05-01', employees: 132, ...audited, evidence: 'Audited annual report and accounts, filed with the Charity Commission' }),
    ],
  },
  {
    provider: 1, // Greenway Recycling Ltd
    years: [year({ turnover: 28_000_000, profit: 980_000, net: 6_000_000, cash: 2_500_000, ca: 5_200_000, cl: 4_000_000 }, { tradingSince: '2012-02-14', employees: 310, ...audited, evidence: 'Audited accounts filed at Companies House' })],
  },
  {
    provider: 2, // Northbank Advice Centre
    years: [year({ turnover: 380_000, profit: 3_800, net: 120_000, cash: 95_000, ca: 110_000, cl: 40_000 }, { tradingSince: '1998-09-01', employees: 11, accountsAudited: false, auditRequired: false, parentCompany: null, parentGuarantee: false, evidence: 'Accounts with an independent examiner’s report' })],
  },
  {
    provider: 3, // Hilltop Youth Trust: a micro charity, audit not required, some figures missing
    years: [year({ turnover: 140_000, profit: null, net: null, cash: 22_000, ca: null, cl: null }, { tradingSince: '2014-06-01', employees: 3, accountsAudited: false, auditRequired: false, parentCompany: null, parentGuarantee: false, evidence: 'Trustees’ annual report (receipts and payments accounts)' })],
  },
  {
    provider: 5, // Kindred Care Mutual CIC: loss-making, net liabilities
    years: [
      year({ turnover: 2_000_000, profit: -140_000, net: -60_000, cash: 45_000, ca: 210_000, cl: 330_000 }, { tradingSince: '2019-10-01', employees: 85, ...audited, evidence: 'Audited accounts filed at Companies House' }),
      year({ turnover: 1_900_000, profit: -40_000, net: 80_000, cash: 90_000, ca: 250_000, cl: 260_000 }, { tradingSince: '2019-10-01', employees: 80, ...audited, evidence: 'Audited accounts filed at Companies House' }),
    ],
  },
  {
    provider: 7, // Meridian Facilities Services plc
    years: [year({ turnover: 420_000_000, profit: 21_000_000, net: 95_000_000, cash: 30_000_000, ca: 140_000_000, cl: 110_000_000 }, { tradingSince: '1991-03-01', employees: 5200, ...audited, evidence: 'Group annual report, audited' })],
  },
]

/** The end of the last complete financial year before the day, and the one before it. */
function yearEnds(today: string): [string, string] {
  const current = financialYearOf(today)
  return [`${current.startYear}-03-31`, `${current.startYear - 1}-03-31`]
}

async function seedFigures(tx: Executor, councilId: string, providerIds: string[], list: DemoFigures[], actor: Actor, now: Date) {
  const ends = yearEnds(londonDate(now))
  for (const demo of list) {
    const providerId = providerIds[demo.provider]
    if (!providerId) continue
    for (const [i, y] of demo.years.entries()) {
      if (!y) continue
      const periodEnd = ends[i]!
      if (await service.financialsFor(tx, councilId, providerId, periodEnd)) continue
      const { evidence, ...values } = y
      const notes = Object.fromEntries(service.FIGURE_FIELDS.filter((f) => values[f.key] !== null).map((f) => [f.key, `${evidence}, year to ${periodEnd}`]))
      await service.saveFinancials(tx, { councilId, providerId, values: { ...values, periodEnd, evidence: { ...notes, tradingSince: 'Companies House or Charity Commission register' } }, enteredBy: 'Catalyst demo (council officer)', actor, now })
    }
  }
}

async function seedAssessment(tx: Executor, input: { councilId: string; providerId: string; reference: string; tier: 1 | 2 | 3; answers: { statutory: boolean; vulnerableResidents: boolean; hardToReplace: boolean }; reason: string; actor: Actor; now: Date }) {
  const [existing] = await tx.select({ id: riskAssessments.id }).from(riskAssessments).where(and(eq(riskAssessments.councilId, input.councilId), eq(riskAssessments.providerId, input.providerId))).limit(1)
  if (existing) return
  const [contract] = await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.councilId, input.councilId), eq(contracts.reference, input.reference)))
  const choice = contract ? (await service.contractsOf(tx, input.councilId, input.providerId)).find((c) => c.id === contract.id) : undefined
  const [latest] = await service.financialsOf(tx, input.councilId, input.providerId)
  if (!choice?.annualValuePence || !latest) return
  const { row } = await service.createAssessment(tx, {
    councilId: input.councilId,
    providerId: input.providerId,
    contractId: choice.id,
    proposedTitle: null,
    annualValuePence: choice.annualValuePence,
    tier: input.tier,
    financials: latest,
    mitigations: [],
    on: londonDate(input.now),
    actor: input.actor,
    now: input.now,
    tierSuggestion: { tier: input.tier, reasons: ['The service is statutory, for vulnerable residents and hard to replace at short notice.'], answers: input.answers },
  })
  await service.decide(tx, { row, mitigations: [], decision: 'proceed', reason: input.reason, actor: input.actor, now: input.now })
}

export const seedRiskDemo: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  await seedFigures(tx, context.demoCouncilId, context.demoProviderIds, DEMO_FIGURES, actor, now)
  await seedFigures(tx, context.otherCouncilId, context.otherProviderIds, [{ provider: 0, years: [DEMO_FIGURES[1]!.years[0]!] }], actor, now)
  const critical = { statutory: true, vulnerableResidents: true, hardToReplace: true }
  await seedAssessment(tx, { councilId: context.demoCouncilId, providerId: context.demoProviderIds[0]!, reference: 'DBC-ASC-001', tier: 3, answers: critical, reason: 'Small next to the contract, but trading since 2009 with positive net assets, profitable and rated good on this contract. Proceed; review on next year’s accounts.', actor, now })
  await seedAssessment(tx, { councilId: context.otherCouncilId, providerId: context.otherProviderIds[0]!, reference: 'ODC-TRN-001', tier: 2, answers: { statutory: false, vulnerableResidents: true, hardToReplace: true }, reason: 'A large, profitable company with a long record.', actor, now })
}
