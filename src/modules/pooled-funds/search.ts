/**
 * Pooled funds in search: only for people who may see funds, and only the funds they may see (a partner's user finds
 * the funds their organisation is a party to). Never for visitors. A council holds a handful of funds, so the match
 * runs without an index.
 */
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { searchFunds, scopeOf } from './service.ts'
import { FUND_KINDS } from './vocabulary.ts'

const source = (permission: 'pooled-funds:read' | 'pooled-funds:read-own'): SearchSource => ({
  kind: 'Pooled fund',
  plural: 'Pooled funds',
  public: false,
  permission,
  async search(db, query, scope, limit) {
    if (scope.kind === 'visitor') return []
    const fundScope = scopeOf(scope.principal)
    if (!fundScope) return []
    const rows = await searchFunds(db, fundScope, query, limit)
    return rows.map((row) => ({ title: row.name, href: paths.pooledFunds.show.href({ id: row.id }), summary: FUND_KINDS[row.kind as keyof typeof FUND_KINDS] ?? row.kind, rank: Number(row.rank) }))
  },
})

/** Staff search every fund of the council, a partner's user their own: no role has both permissions. */
export const pooledFundsSearch: SearchSource[] = [source('pooled-funds:read'), source('pooled-funds:read-own')]
