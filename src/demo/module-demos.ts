/**
 * Each module's demo data, loaded after the demo councils, providers and users exist. Each module's manifest names
 * its seed and the modules whose demo it builds on (`demo.after`); the order is worked out in
 * src/platform/demo-order.ts. Every seed must be safe to run again on a database that already has it (the demo loads
 * on every start).
 */
import { modules } from '../modules/index.ts'
import { demoSeedsInOrder } from '../platform/demo-order.ts'

export type { DemoContext, DemoSeed } from '../platform/modules.ts'

export const moduleDemoSeeds = demoSeedsInOrder(modules).map((entry) => entry.seed)
