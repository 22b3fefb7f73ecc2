/**
 * Supplier risk on a home page: for officers, each provider with an assessment that still waits for a decision; for
 * a provider, the council's requests for more evidence about its financial standing.
 */
import { and, asc, count, eq, isNotNull, isNull, or } from 'drizzle-orm'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { providers } from '../providers/schema.ts'
import { riskAssessments } from './schema.ts'

export const riskAttention: AttentionSource[] = [
  {
    permission: 'risk:assess',
    async items({ db, principal }) {
      const rows = await db
        .select({ providerId: riskAssessments.providerId, name: providers.name, n: count() })
        .from(riskAssessments)
        .innerJoin(providers, eq(providers.id, riskAssessments.providerId))
        .where(and(eq(riskAssessments.councilId, principal.councilId), isNull(riskAssessments.decision)))
        .groupBy(riskAssessments.providerId, providers.name)
        .orderBy(asc(providers.name))
      return rows.map((row) => ({
        count: Number(row.n),
        text: `financial standing ${Number(row.n) === 1 ? 'assessment' : 'assessments'} awaiting a decision: ${row.name}`,
        href: paths.risk.provider.href({ id: row.providerId }),
      }))
    },
  },
  {
    permission: 'risk:evidence-own',
    async items({ db, principal }) {
      if (!principal.providerId) return []
      const [row] = await db
        .select({ n: count() })
        .from(riskAssessments)
        .where(
          and(
            eq(riskAssessments.councilId, principal.councilId),
            eq(riskAssessments.providerId, principal.providerId),
            isNotNull(riskAssessments.evidenceRequestedAt),
            or(isNull(riskAssessments.decision), eq(riskAssessments.decision, 'more-evidence')),
          ),
        )
      const n = Number(row?.n ?? 0)
      return [{ count: n, text: `${n === 1 ? 'request' : 'requests'} from the council for more evidence of your financial standing`, href: paths.risk.evidence.href({ id: principal.providerId }), stage: 'review' }]
    },
  },
]
