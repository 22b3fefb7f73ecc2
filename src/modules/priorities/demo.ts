/**
 * Demo rounds: Demo Borough Council's round is open for voting; the other council's has its results out, with
 * counted ballots, so both halves of participatory budgeting can be tried. Safe to rerun.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { randomToken, sha256 } from '../../platform/auth/tokens.ts'
import type { Transaction } from '../../platform/db/database.ts'
import { priorityBallots, priorityIdeas, priorityRounds } from './schema.ts'

interface DemoRound {
  title: string
  description: string
  phase: 'voting' | 'results'
  votingMethod: 'approval' | 'budget'
  budgetPence: number
  ideas: { title: string; description: string; costPence: number }[]
  /** Each ballot as indexes into ideas. */
  ballots?: number[][]
}

async function seedRound(tx: Transaction, councilId: string, round: DemoRound, now: Date): Promise<void> {
  const [existing] = await tx.select({ id: priorityRounds.id }).from(priorityRounds).where(and(eq(priorityRounds.councilId, councilId), eq(priorityRounds.title, round.title)))
  if (existing) return
  const salt = randomToken(16)
  const [created] = await tx
    .insert(priorityRounds)
    .values({ councilId, title: round.title, description: round.description, phase: round.phase, votingMethod: round.votingMethod, budgetPence: round.budgetPence, salt, createdAt: now, updatedAt: now })
    .returning({ id: priorityRounds.id })
  const ideaIds: string[] = []
  for (const [index, idea] of round.ideas.entries()) {
    const [row] = await tx
      .insert(priorityIdeas)
      .values({ roundId: created!.id, councilId, title: idea.title, description: idea.description, status: 'submitted', feasibility: 'feasible', costPence: idea.costPence, createdAt: new Date(now.getTime() + index), updatedAt: now })
      .returning({ id: priorityIdeas.id })
    ideaIds.push(row!.id)
  }
  for (const [index, ballot] of (round.ballots ?? []).entries()) {
    await tx.insert(priorityBallots).values({ roundId: created!.id, councilId, voterKey: sha256(`${salt}:demo:${index}`), verifiedBy: 'email', ideaIds: ballot.map((i) => ideaIds[i]!), status: 'counted', createdAt: now, countedAt: now })
  }
}

export const seedDemoRounds: DemoSeed = async (tx, context) => {
  await seedRound(tx, context.demoCouncilId, {
    title: 'Greener streets',
    description: 'Residents decide how to spend £50,000 on making our streets greener and safer.',
    phase: 'voting',
    votingMethod: 'budget',
    budgetPence: 5_000_000,
    ideas: [
      { title: 'Trees on Station Road', description: 'Plant twenty street trees along Station Road.', costPence: 2_000_000 },
      { title: 'Benches in Albert Park', description: 'Six new benches near the play area.', costPence: 900_000 },
      { title: 'Community garden at the library', description: 'Raised beds and a water butt, looked after by volunteers.', costPence: 1_500_000 },
      { title: 'Safer crossing by the school', description: 'A zebra crossing on Church Lane outside the primary school.', costPence: 3_500_000 },
    ],
  }, context.now)
  await seedRound(tx, context.otherCouncilId, {
    title: 'Youth fund',
    description: 'Young people and their families choose how to spend £20,000 on activities for young people.',
    phase: 'results',
    votingMethod: 'approval',
    budgetPence: 2_000_000,
    ideas: [
      { title: 'Skate park repairs', description: 'Fix the ramps at the skate park.', costPence: 1_200_000 },
      { title: 'Summer sports club', description: 'Free sports sessions for six weeks in the summer.', costPence: 600_000 },
      { title: 'Homework club', description: 'A quiet room with help after school, twice a week.', costPence: 500_000 },
    ],
    ballots: [[0, 1], [0], [1, 2], [0, 2], [1], [0, 1, 2]],
  }, context.now)
}
