/**
 * Demo grant rounds: in each council, a community round that closed a fortnight ago with applications waiting for
 * assessment; in Demo Borough Council also a small-grants round open now, for providers to apply to. Safe to rerun.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import type { Transaction } from '../../platform/db/database.ts'
import { createRound, saveApplication, type RoundRow } from './service.ts'
import { grantRounds } from './schema.ts'

const DAY = 24 * 60 * 60 * 1000

async function seedRound(tx: Transaction, councilId: string, title: string, opensAt: Date, closesAt: Date, applicants: string[], done: { actor: { userId: null; label: string }; now: Date }): Promise<void> {
  const [existing] = await tx.select({ id: grantRounds.id }).from(grantRounds).where(and(eq(grantRounds.councilId, councilId), eq(grantRounds.title, title)))
  if (existing) return
  const round: RoundRow = await createRound(
    tx,
    councilId,
    {
      title,
      purpose: 'Small grants for community groups that bring neighbours together and reduce loneliness.',
      kind: 'open',
      budgetPence: 5_000_000,
      vcseOnly: false,
      localOnly: false,
      maxIncomePence: null,
      opensAt,
      closesAt,
      criteria: [
        { name: 'Meets the round’s purpose', weight: 40 },
        { name: 'Difference for local people', weight: 40 },
        { name: 'Can deliver it', weight: 20 },
      ],
      invitedProviderIds: [],
    },
    done,
  )
  const [published] = await tx.update(grantRounds).set({ status: 'published', publishedAt: opensAt }).where(eq(grantRounds.id, round.id)).returning()
  // Applications are made while the round is open: the demo submits them at its opening instant.
  for (const [i, providerId] of applicants.entries()) {
    await saveApplication(
      tx,
      published!,
      providerId,
      { projectTitle: ['Lunch club', 'Walking group', 'Repair café'][i % 3]!, amountRequestedPence: 400_000 + i * 150_000, annualIncomePence: 2_500_000 * (i + 1), summary: 'A weekly session for older neighbours.', whoBenefits: 'Older people living alone in the ward.', outcomes: null, budgetBreakdown: null, delivery: null },
      true,
      { actor: done.actor, now: opensAt },
    )
  }
}

export const seedGrantRoundsDemo: DemoSeed = async (tx, context) => {
  const done = { actor: { userId: null, label: 'Demo data' }, now: context.now }
  const now = context.now.getTime()
  // The demo's own applicants are its VCSE providers (Riverside Community Care, Northbank Advice Centre).
  await seedRound(tx, context.demoCouncilId, 'Neighbourhood connections fund', new Date(now - 45 * DAY), new Date(now - 14 * DAY), context.demoProviderIds.slice(1, 3), done)
  await seedRound(tx, context.demoCouncilId, 'Small grants for community groups', new Date(now - 7 * DAY), new Date(now + 60 * DAY), [], done)
  await seedRound(tx, context.otherCouncilId, 'Community chest', new Date(now - 45 * DAY), new Date(now - 14 * DAY), context.otherProviderIds.slice(1, 3), done)
}
