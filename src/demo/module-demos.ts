/**
 * Each module's demo data, loaded after the demo councils, providers and users exist, in the order listed.
 * Every seed must be safe to run again on a database that already has it (the demo loads on every start).
 */
import { seedDemoAreas } from '../modules/councils/demo.ts'
import { seedDemoProjects } from '../modules/projects/demo.ts'
import { seedDemoRounds } from '../modules/priorities/demo.ts'
import { seedDemoStories } from '../modules/stories/demo.ts'
import { seedRegistersDemo } from '../modules/contracts/demo.ts'
import { seedDemoSpend } from '../modules/spend/demo.ts'
import { seedMarketDemo } from '../modules/market/demo.ts'
import { seedRedFlagsDemo } from '../modules/red-flags/demo.ts'
import { seedRiskDemo } from '../modules/risk/demo.ts'
import type { Actor } from '../platform/audit/audit.ts'
import type { Transaction } from '../platform/db/database.ts'

export interface DemoContext {
  actor: Actor
  now: Date
  /** The demo councils' ids. */
  demoCouncilId: string
  otherCouncilId: string
  /** The providers seeded for each council, in the order src/demo/providers.ts lists them. */
  demoProviderIds: string[]
  otherProviderIds: string[]
}

export type DemoSeed = (tx: Transaction, context: DemoContext) => Promise<void>

export const moduleDemoSeeds: DemoSeed[] = [seedDemoAreas, seedRegistersDemo, seedDemoSpend, seedRiskDemo, seedMarketDemo, seedRedFlagsDemo, seedDemoProjects, seedDemoStories, seedDemoRounds]
