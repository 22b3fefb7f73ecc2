/**
 * The benchmarking demo: a comparator group for the demo council (the other demo council, whose published contracts
 * "who supplies my neighbours" reads, and the real councils the demo's council list holds). No indicator figures are
 * made up for real councils: a council imports those from LG Inform, the ASCOF release or Revenue Outturn, and
 * computes its own from its spend and contracts with the button on the benchmarking page (left to the person trying
 * the demo, so that the computation and its audit entry are theirs).
 */
import type { Database } from '../../platform/db/database.ts'
import type { DemoSeed } from '../../platform/modules.ts'
import { londonDate } from '../contracts/dates.ts'
import { createUploadedGroup, listGroups } from './groups.ts'

export const DEMO_GROUP = 'Demo neighbours'
const MEMBERS = ['code,name', 'OTHER,Other District Council', 'E06000002,Middlesbrough', 'E06000065,North Yorkshire', 'E09000011,Greenwich', 'E07000008,Cambridge'].join('\n')

export const seedBenchmarkingDemo: DemoSeed = async (tx, context) => {
  const db = tx as unknown as Database // The services open their own transactions: inside the demo's, savepoints.
  if (!(await listGroups(db, context.demoCouncilId)).some((g) => g.name === DEMO_GROUP)) {
    const outcome = await createUploadedGroup(db, { councilId: context.demoCouncilId, name: DEMO_GROUP, purpose: 'Markets and contracts', bytes: Buffer.from(MEMBERS), actor: context.actor, now: context.now, today: londonDate(context.now) })
    if (!outcome.ok) throw new Error(`The benchmarking demo group was not built: ${outcome.reason}`)
  }
}
