/** The registers' part of a home page: contracts ending soon, reviews due, assessments overdue and KPIs missing. */
import { and, count, eq, inArray } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from './dates.ts'
import { attentionReasons, type AttentionReason } from './duties.ts'
import { contracts, contractSuppliers } from './schema.ts'
import { liveContractFacts } from './service.ts'

const WORDS: Partial<Record<AttentionReason, [string, string]>> = {
  'expires-3-months': ['contract ending in the next 3 months', 'contracts ending in the next 3 months'],
  'expires-6-months': ['contract ending in 3 to 6 months', 'contracts ending in 3 to 6 months'],
  'expires-12-months': ['contract ending in 6 to 12 months', 'contracts ending in 6 to 12 months'],
  'review-due': ['contract whose review date has come', 'contracts whose review date has come'],
  'assessment-overdue': ['contract with a performance assessment overdue', 'contracts with a performance assessment overdue'],
  'kpis-missing': ['contract over £5 million without its 3 KPIs', 'contracts over £5 million without their 3 KPIs'],
}

export const contractsAttention: AttentionSource[] = [{
  permission: 'registers:read',
  async items({ db, principal, now }) {
    const today = londonDate(now)
    const counts = new Map<AttentionReason, number>()
    for (const facts of await liveContractFacts(db, principal.councilId)) {
      for (const reason of attentionReasons(facts, today)) counts.set(reason, (counts.get(reason) ?? 0) + 1)
    }
    return (Object.keys(WORDS) as AttentionReason[]).map((reason) => {
      const n = counts.get(reason) ?? 0
      const [one, many] = WORDS[reason]!
      // The attention page has one section per reason, with the reason as its id.
      const stage = reason.startsWith('expires') ? ('do' as const) : ('review' as const)
      return { count: n, text: n === 1 ? one : many, href: `${paths.contracts.attention.href()}#${reason}`, stage }
    })
  },
},
  {
    // A provider's own contracts with the council: its profile page lists them.
    permission: 'providers:read-own',
    async items({ db, principal }) {
      if (!principal.providerId) return []
      const [row] = await db
        .select({ n: count() })
        .from(contractSuppliers)
        .innerJoin(contracts, eq(contracts.id, contractSuppliers.contractId))
        .where(and(eq(contractSuppliers.councilId, principal.councilId), eq(contractSuppliers.providerId, principal.providerId), inArray(contracts.status, ['active', 'extended'])))
      const n = Number(row?.n ?? 0)
      return [{ count: n, text: `live ${n === 1 ? 'contract' : 'contracts'} with the council`, href: paths.providers.show.href({ id: principal.providerId }), stage: 'do' }]
    },
  },
]
