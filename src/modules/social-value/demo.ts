/**
 * Social value demo for DEMO: a small framework of measures the project wrote itself, marked illustrative (Catalyst
 * ships no licensed proxy values, domain-rules §5.3–5.4); commitments on three contracts with returns in each state
 * (partly verified, awaiting verification, none though due, so RF-SOCIAL-VALUE has something to raise); LM3 answers
 * from some providers for the demo spend's years (others left unanswered, so the LM3 page shows a range); and an
 * SROI model for the home care contract. A council that already has a framework for the year is left alone.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { financialYearOf } from '../../platform/financial-year.ts'
import { londonDate, addMonths } from '../contracts/dates.ts'
import { contracts } from '../contracts/schema.ts'
import { addCommitment, reportDelivery, verifyReturn } from './commitments.ts'
import { saveLm3Return } from './lm3-service.ts'
import { ensureFramework, frameworkFor, saveMeasure, type MeasureInput } from './measures.ts'
import { addSroiOutcome, createSroiModel } from './sroi-service.ts'

export const DEMO_LICENCE = 'Written for the Catalyst demonstration: illustrative figures, not published proxy values; free to reuse (MIT)'
const SOURCE = 'Illustrative figure written for the Catalyst demonstration'

const measure = (code: string, theme: string, outcome: string, wording: string, unit: string, pounds: number | null, countsAsLocal: boolean): MeasureInput => ({
  theme,
  outcome,
  code,
  wording,
  unit,
  proxyPence: pounds === null ? null : Math.round(pounds * 100),
  proxySource: pounds === null ? null : SOURCE,
  proxyYear: null,
  licence: null,
  countsAsLocal,
})

export const DEMO_MEASURES: MeasureInput[] = [
  measure('LV1', 'Jobs', 'More local people in work', 'Local residents (FTE) employed on the contract for a year', 'people (FTE)', 4_000, true),
  measure('LV2', 'Skills', 'Local people gain skills', 'Weeks of apprenticeship or training place for local residents', 'weeks', 200, true),
  measure('LV3', 'Communities', 'Stronger community groups', 'Hours volunteered by staff with local community groups', 'hours', 15, true),
  measure('LV4', 'Environment', 'Lower carbon emissions', 'Tonnes of CO2e avoided in delivering the contract', 'tonnes CO2e', 50, false),
  measure('LV5', 'Communities', 'Stronger community groups', 'Community events held with residents', 'events', null, true),
]

export const seedSocialValueDemo: DemoSeed = async (tx, context) => {
  await seedOther(tx, context)
  const year = financialYearOf(context.now).startYear
  const councilId = context.demoCouncilId
  if (await frameworkFor(tx, councilId, year)) return
  const { actor, now } = context
  const today = londonDate(now)
  const framework = await ensureFramework(tx, { councilId, year, name: 'Catalyst illustrative local measures', licence: DEMO_LICENCE, illustrative: true, actor, now })
  const ids = new Map<string, string>()
  for (const m of DEMO_MEASURES) {
    const saved = await saveMeasure(tx, { councilId, frameworkId: framework.id, values: m, actor, now })
    if (saved.outcome === 'saved') ids.set(m.code, saved.id)
  }
  const contractOf = async (reference: string) => (await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.councilId, councilId), eq(contracts.reference, reference))))[0]?.id
  const [homeCare, waste, facilities] = await Promise.all([contractOf('DBC-ASC-001'), contractOf('DBC-ENV-002'), contractOf('DBC-FM-003')])
  const [riverside, greenway, northbank, , , , , meridian] = context.demoProviderIds
  const provider = { userId: null, label: 'Demo provider' }
  const officer = { userId: null, label: 'Demo commissioner' }
  const commit = (contractId: string, providerId: string, code: string, quantity: number, dueDate: string, deliveredWhere: string) =>
    addCommitment(tx, { councilId, values: { contractId, grantId: null, providerId, measureId: ids.get(code)!, quantity, dueDate, deliveredWhere }, actor, now })

  if (homeCare && riverside) {
    const jobs = await commit(homeCare, riverside, 'LV1', 10, addMonths(today, -2), 'North wards')
    // Due within the reminder window, so the provider's home page asks for it.
    await commit(homeCare, riverside, 'LV3', 500, londonDate(new Date(now.getTime() + 10 * 86_400_000)), 'Across the borough')
    await commit(homeCare, riverside, 'LV2', 52, addMonths(today, 6), 'North wards')
    const returned = await reportDelivery(tx, { councilId, commitmentId: jobs, values: { quantity: 8, periodStart: addMonths(today, -14), periodEnd: addMonths(today, -2), evidenceUrl: 'https://example.org/riverside/payroll-summary', note: 'Payroll summary of staff with home postcodes in the borough' }, actor: provider, now })
    await verifyReturn(tx, { councilId, returnId: returned, decision: { status: 'partly-verified', verifiedQuantity: 6, reason: 'Two of the eight live outside the borough according to the payroll extract' }, actor: officer, now })
  }
  if (waste && greenway) {
    const carbon = await commit(waste, greenway, 'LV4', 200, addMonths(today, -1), 'Across the borough')
    await reportDelivery(tx, { councilId, commitmentId: carbon, values: { quantity: 150, periodStart: addMonths(today, -13), periodEnd: addMonths(today, -1), evidenceUrl: 'https://example.org/greenway/fleet-emissions', note: 'Fleet telematics: electric vehicles replacing diesel on four rounds' }, actor: provider, now })
  }
  if (facilities && meridian) await commit(facilities, meridian, 'LV1', 5, addMonths(today, -3), 'Council buildings in the town centre')

  // LM3 answers for the demo spend's years (2024 and 2025); the other suppliers have not answered.
  const answers: [string | undefined, number, number][] = [
    [riverside, 0.55, 0.1],
    [greenway, 0.4, 0.15],
    [northbank, 0.7, 0.05],
    [meridian, 0.05, 0.02],
  ]
  for (const y of [2024, 2025]) {
    for (const [providerId, staff, suppliers] of answers) {
      if (providerId) await saveLm3Return(tx, { councilId, providerId, year: y, localStaffShare: staff, localSupplierShare: suppliers, note: null, actor: provider, now })
    }
  }

  if (homeCare) {
    const model = await createSroiModel(tx, { councilId, values: { title: 'Home care in the north: social return', projectId: null, contractId: homeCare, inputsPence: 248_000_000, inputsSource: 'One year of the contract: £12.4m over five years', discountRate: null }, actor, now })
    const outcome = (name: string, code: string | null, quantity: number, pounds: number, durationYears: number, deadweight: number, displacement: number, attribution: number, dropOff: number) =>
      addSroiOutcome(tx, { councilId, modelId: model, values: { name, measureId: code ? ids.get(code)! : null, quantity, proxyPence: pounds * 100, durationYears, deadweight, displacement, attribution, dropOff, sources: `${SOURCE}: quantity from the provider’s plan; deductions are the demonstration’s assumptions, starting from the guide’s steps of 0, 25, 50, 75 and 100%.` }, actor, now })
    await outcome('Local people employed in care', 'LV1', 60, 4_000, 2, 0.25, 0.1, 0.1, 0.2)
    await outcome('Older people living at home longer', null, 300, 12_000, 3, 0.4, 0, 0.3, 0.25)
    await outcome('Hours volunteered with local groups', 'LV3', 5_000, 15, 1, 0.2, 0, 0.2, 0)
  }
}

/** OTHER: the same illustrative framework, one commitment with a return awaiting verification, and an SROI model, so tenancy can be seen. */
const seedOther: DemoSeed = async (tx, context) => {
  const year = financialYearOf(context.now).startYear
  const councilId = context.otherCouncilId
  if (await frameworkFor(tx, councilId, year)) return
  const { actor, now } = context
  const today = londonDate(now)
  const framework = await ensureFramework(tx, { councilId, year, name: 'Catalyst illustrative local measures', licence: DEMO_LICENCE, illustrative: true, actor, now })
  const ids = new Map<string, string>()
  for (const m of DEMO_MEASURES) {
    const saved = await saveMeasure(tx, { councilId, frameworkId: framework.id, values: m, actor, now })
    if (saved.outcome === 'saved') ids.set(m.code, saved.id)
  }
  const [transport] = await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.councilId, councilId), eq(contracts.reference, 'ODC-TRN-001')))
  const providerId = context.otherProviderIds[0]
  if (!transport || !providerId) return
  const commitment = await addCommitment(tx, { councilId, values: { contractId: transport.id, grantId: null, providerId, measureId: ids.get('LV3')!, quantity: 200, dueDate: addMonths(today, -1), deliveredWhere: 'Otherton' }, actor, now })
  await reportDelivery(tx, { councilId, commitmentId: commitment, values: { quantity: 180, periodStart: addMonths(today, -12), periodEnd: addMonths(today, -1), evidenceUrl: 'https://example.org/otherton/volunteering', note: null }, actor: { userId: null, label: 'Demo provider' }, now })
  const model = await createSroiModel(tx, { councilId, values: { title: 'Community transport: social return', projectId: null, contractId: transport.id, inputsPence: 7_000_000, inputsSource: 'One year of the contract', discountRate: null }, actor, now })
  await addSroiOutcome(tx, { councilId, modelId: model, values: { name: 'Hours volunteered with local groups', measureId: ids.get('LV3')!, quantity: 2_000, proxyPence: 1_500, durationYears: 1, deadweight: 0.2, displacement: 0, attribution: 0.2, dropOff: 0, sources: SOURCE }, actor, now })
}
