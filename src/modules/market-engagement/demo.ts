/**
 * Market engagement demo: DEMO opens engagement on its independent advice contract (ending soon, in its pipeline)
 * with a free text and a multiple-choice question; Northbank Advice Centre and Oakfield Legal LLP have registered
 * interest, and the demo provider user's own organisation (Riverside Community Care) has not, so it can. OTHER opens
 * engagement on the first entry of its pipeline (a planned community transport procurement, added as a planning
 * notice when its pipeline is empty) with one answer, so each council has one of its own. A council that
 * already has engagement is left alone.
 */
import { eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { addDays } from '../../rules/contracts/in-force.ts'
import { londonDate } from '../contracts/dates.ts'
import { saveOpportunities } from '../contracts/opportunities.ts'
import { pipelineOf } from '../pipeline/service.ts'
import { getProvider } from '../providers/service.ts'
import { marketEngagements } from './schema.ts'
import { openEngagement, respond } from './service.ts'

const QUESTIONS = [
  { text: 'How would you shape this service to reach people who do not come to an office?', choices: [] },
  { text: 'Which contract length would let you invest in staff and premises?', choices: ['2 years', '3 years', '5 years or more'] },
]

async function seedCouncil(
  tx: Executor,
  councilId: string,
  pickTitle: string | null,
  answers: { provider: string; capacity: string; shape: string; length: string }[],
  providerIds: string[],
  actor: Actor,
  now: Date,
) {
  const today = londonDate(now)
  let pipeline = await pipelineOf(tx, councilId, today)
  if (pipeline.entries.length === 0) {
    // A council with nothing in its pipeline gets a planned procurement to engage on, as an imported planning notice.
    await saveOpportunities(tx, councilId, [{
      ocid: `ocds-catalyst-demo-engagement-${councilId.slice(0, 8)}`, reference: null, title: 'Community transport for older and disabled residents',
      description: 'Door-to-door transport for residents who cannot use buses, booked by telephone.', stage: 'planning', procedure: 'not-stated', mainCategory: 'services',
      cpvCodes: ['60130000'], valuePence: 60_000_000, tenderEndDate: null, contractStartDate: addDays(today, 270), contractEndDate: null, suitableForSme: true, suitableForVcse: true, publishedOn: today,
    }], actor, now)
    pipeline = await pipelineOf(tx, councilId, today)
  }
  const entry = (pickTitle ? pipeline.entries.find((e) => e.title === pickTitle) : undefined) ?? pipeline.entries[0]
  if (!entry) return
  const engagement = await openEngagement(tx, {
    councilId,
    subject: { kind: entry.kind, id: entry.id, title: entry.title },
    purpose: 'The council will commission this service again. Before it decides how, it wants to hear from providers: how the service could be shaped, how long a contract should run, and who could deliver it.',
    questions: QUESTIONS,
    closesOn: addDays(today, 28),
    actor,
    now,
  })
  // The demo's providers by name, so the answers stay with the right organisation whatever the seed's order.
  const byName = new Map((await Promise.all(providerIds.map((id) => getProvider(tx, councilId, id)))).filter((p) => p !== undefined).map((p) => [p.name, p.id]))
  for (const a of answers) {
    const providerId = byName.get(a.provider)
    if (!providerId) continue
    const [shapeQ, lengthQ] = engagement.questions
    await respond(tx, { councilId, engagement, providerId, capacity: a.capacity, answers: { [shapeQ!.id]: a.shape, [lengthQ!.id]: a.length }, actor: { userId: null, label: 'Provider (demo)' }, now, today })
  }
}

export const seedMarketEngagementDemo: DemoSeed = async (tx, context) => {
  const { actor, now } = context
  for (const councilId of [context.demoCouncilId, context.otherCouncilId]) {
    const [any] = await tx.select({ id: marketEngagements.id }).from(marketEngagements).where(eq(marketEngagements.councilId, councilId)).limit(1)
    if (any) return
  }
  await seedCouncil(tx, context.demoCouncilId, 'Independent advice and advocacy', [
    { provider: 'Northbank Advice Centre', capacity: 'Six advisers (4.5 FTE) across the borough; could start three months after award.', shape: 'Outreach sessions in libraries and GP surgeries, and telephone advice in the evenings.', length: '3 years' },
    { provider: 'Oakfield Legal LLP', capacity: 'Two solicitors for casework referred by the main provider, up to 40 cases a year.', shape: 'As a specialist partner to a lead advice provider, taking the cases that need legal representation.', length: '5 years or more' },
  ], context.demoProviderIds, actor, now)
  await seedCouncil(tx, context.otherCouncilId, null, [
    { provider: 'Otherton Community Transport', capacity: 'Eight minibuses and twenty volunteer drivers.', shape: 'Door-to-door journeys booked by telephone the day before.', length: '3 years' },
  ], context.otherProviderIds, actor, now)
}
