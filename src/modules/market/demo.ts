/**
 * The market's demo: each demo council's own area for the market view, the demo contracts' service categories (for
 * databases seeded before contracts had one), capacity for a few DEMO providers, a year of accounts for two of them
 * where the council has none for that year, and a published market position statement for adult social care.
 * Running it again changes nothing.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { DEMO_CONTRACT_CATEGORIES } from '../contracts/demo.ts'
import { contracts } from '../contracts/schema.ts'
import { providerFinancials } from '../risk/schema.ts'
import { providerCapacity } from './schema.ts'
import { saveStatement, statementFor } from './service.ts'
import { marketSettings } from './settings.ts'

const MIDDLESBROUGH = 'E06000002'
const CAMBRIDGE = 'E07000008'

/** Indexes into the DEMO providers (src/modules/providers/demo-providers.ts). */
const RIVERSIDE = 0
const GREENWAY = 1
const KINDRED = 5
const TEESMOUTH = 8

export const DEMO_CAPACITY = [
  { provider: RIVERSIDE, serviceCategory: 'adult-social-care', amount: 1_200, unit: 'hours of home care a week', usedByCouncil: 950, notes: 'Could add 200 hours a week in the north of the borough with three months’ notice.' },
  { provider: KINDRED, serviceCategory: 'adult-social-care', amount: 400, unit: 'hours of home care a week', usedByCouncil: 380, notes: 'Reablement only.' },
  { provider: TEESMOUTH, serviceCategory: 'adult-social-care', amount: 24, unit: 'beds', usedByCouncil: 20, notes: 'Intermediate care beds at Teesmouth General.' },
  { provider: GREENWAY, serviceCategory: 'waste-recycling', amount: 30_000, unit: 'tonnes of recycling a year', usedByCouncil: 24_000, notes: null },
]

/** A year of accounts for two adult social care providers: a small VCSE and a large public body. */
export const DEMO_ACCOUNTS = [
  { provider: RIVERSIDE, periodEnd: '2025-03-31', turnoverPence: 320_000_000, employees: 85, source: 'Charity Commission annual return, year to 31 March 2025' },
  { provider: TEESMOUTH, periodEnd: '2025-03-31', turnoverPence: 41_000_000_000, employees: 5_200, source: 'NHS trust annual report and accounts 2024/25' },
]

export const DEMO_STATEMENT = {
  title: 'Adult social care: market position statement',
  sections: {
    summary:
      'The council buys home care, reablement and short-term care beds for about 1,400 older and disabled residents. Most home care comes from two local providers, and the council wants more choice for residents and a steadier market.\n\nThis statement says what we need, what we have, and how we will work with providers over the next three years.',
    demand: 'The number of residents over 85 is expected to grow by about a fifth in ten years. Hospital discharges need home care to start within two days.',
    supply: 'Home care is delivered by a local charity and a public service mutual spun out of the council. Short-term beds are with the local NHS trust.',
    intentions: 'We will split the next home care contract into lots by area so that smaller providers can bid, and pay monthly in arrears at most.',
    opportunities: 'We welcome providers who can offer home care in the north of the borough, and community groups who support people at home. Talk to the commissioning team before the tender opens.',
  },
}

export const seedMarketDemo: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  for (const [councilId, area] of [[context.demoCouncilId, MIDDLESBROUGH], [context.otherCouncilId, CAMBRIDGE]] as const) {
    if ((await readSettings(tx, councilId, marketSettings)).homeArea !== '') continue
    await writeSettings(tx, { actor, councilId, section: marketSettings, values: { homeArea: area }, now })
  }

  for (const c of DEMO_CONTRACT_CATEGORIES) {
    const councilId = c.council === 'demo' ? context.demoCouncilId : context.otherCouncilId
    await tx
      .update(contracts)
      .set({ serviceCategory: c.serviceCategory })
      .where(and(eq(contracts.councilId, councilId), eq(contracts.reference, c.reference), isNull(contracts.serviceCategory)))
  }

  const asAt = now.toISOString().slice(0, 10)
  await tx
    .insert(providerCapacity)
    .values(DEMO_CAPACITY.map((c) => ({ councilId: context.demoCouncilId, providerId: context.demoProviderIds[c.provider]!, serviceCategory: c.serviceCategory, amount: c.amount, unit: c.unit, usedByCouncil: c.usedByCouncil, asAt, notes: c.notes, updatedAt: now })))
    .onConflictDoNothing()

  for (const a of DEMO_ACCOUNTS) {
    const providerId = context.demoProviderIds[a.provider]!
    const year = Number(a.periodEnd.slice(0, 4))
    const [existing] = await tx
      .select({ id: providerFinancials.id })
      .from(providerFinancials)
      .where(and(eq(providerFinancials.providerId, providerId), sql`extract(year from ${providerFinancials.periodEnd}) = ${year}`))
      .limit(1)
    if (existing) continue
    await tx.insert(providerFinancials).values({
      councilId: context.demoCouncilId,
      providerId,
      periodEnd: a.periodEnd,
      turnoverPence: a.turnoverPence,
      employees: a.employees,
      evidence: { turnoverPence: a.source, employees: a.source },
      enteredBy: actor.label,
      createdAt: now,
      updatedAt: now,
    })
  }

  if (!(await statementFor(tx, context.demoCouncilId, 'adult-social-care'))) {
    await saveStatement(tx, context.demoCouncilId, 'adult-social-care', { ...DEMO_STATEMENT, publish: true }, actor, now)
  }
}
