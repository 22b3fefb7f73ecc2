/**
 * KPI returns demo: on DEMO's home care contract (the demo provider user's, Riverside Community Care) the older
 * quarters are accepted and the latest is left for the provider to send; on the waste contract one return waits for
 * the contract manager, one is queried and one is late; facilities management is up to date. OTHER's community transport contract gets a KPI and a return
 * waiting, so each council has a return of its own. A council that already has returns is left alone.
 */
import { eq } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { DemoSeed } from '../../platform/modules.ts'
import { londonDate } from '../contracts/dates.ts'
import { addKpi, findContractByReference } from '../contracts/service.ts'
import { askedQuarters } from './rules.ts'
import { kpiReturns } from './schema.ts'
import { decideReturn, kpisOf, submitReturn } from './service.ts'

type Plan = ('accepted' | 'submitted' | 'queried' | 'none')[]

async function seedContract(tx: Executor, councilId: string, reference: string, plans: Record<string, Plan>, actor: Actor, now: Date) {
  const contract = await findContractByReference(tx, councilId, reference)
  if (!contract) return
  const kpis = await kpisOf(tx, councilId, { contractId: contract.id })
  for (const kpi of kpis) {
    // The plan runs newest quarter first, as askedQuarters lists them.
    const quarters = askedQuarters(kpi, londonDate(now))
    for (const [j, state] of (plans[kpi.kpiName] ?? []).entries()) {
      const quarter = quarters[j]
      if (!quarter || state === 'none') continue
      const ret = await submitReturn(tx, { councilId, kpi, providerId: kpi.suppliers[0]!.id, quarter, figure: ['96.2', '93.8', '97.1', '95'][j % 4]!, note: 'From our visit logs.', actor: { userId: null, label: `${kpi.suppliers[0]!.name} (demo)` }, now })
      if (state === 'accepted') await decideReturn(tx, { councilId, id: ret.id, decision: { decision: 'accept' }, actor, now })
      if (state === 'queried') await decideReturn(tx, { councilId, id: ret.id, decision: { decision: 'query', query: 'This is higher than the monthly reports showed. Please check the figure for the last month of the quarter.' }, actor, now })
    }
  }
}

export const seedKpiReturnsDemo: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  for (const councilId of [context.demoCouncilId, context.otherCouncilId]) {
    const [any] = await tx.select({ id: kpiReturns.id }).from(kpiReturns).where(eq(kpiReturns.councilId, councilId)).limit(1)
    if (any) return
  }
  // Home care: the latest quarter left for the provider; the three before it accepted.
  await seedContract(tx, context.demoCouncilId, 'DBC-ASC-001', { 'Visits on time': ['none', 'accepted', 'accepted', 'accepted'] }, actor, now)
  // Waste: missed bins waiting for a decision; recycling rate queried; complaints late (nothing sent).
  await seedContract(tx, context.demoCouncilId, 'DBC-ENV-002', {
    'Missed bins per 100,000 collections': ['submitted', 'accepted', 'accepted', 'accepted'],
    'Recycling rate': ['queried', 'accepted', 'accepted', 'accepted'],
    'Complaints answered within 10 days': ['none', 'accepted', 'accepted', 'accepted'],
  }, actor, now)
  // Facilities management: every quarter accepted.
  await seedContract(tx, context.demoCouncilId, 'DBC-FM-003', { 'Reactive repairs fixed within 24 hours': ['accepted', 'accepted', 'accepted', 'accepted'] }, actor, now)
  const transport = await findContractByReference(tx, context.otherCouncilId, 'ODC-TRN-001')
  if (transport) {
    await addKpi(tx, context.otherCouncilId, transport.id, { name: 'Journeys on time', target: '95% within 10 minutes' }, actor, now)
    await seedContract(tx, context.otherCouncilId, 'ODC-TRN-001', { 'Journeys on time': ['submitted'] }, actor, now)
  }
}
