/**
 * Pooled funds on a home page. For the council's staff: each fund's schemes that no contract or grant is linked to
 * (their actual spend cannot be counted, so the report would show them as unspent). For a partner's user: the funds
 * their organisation is a party to, which is all of the council they may see.
 */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listFunds, scopeOf } from './service.ts'

export const pooledFundsAttention: AttentionSource[] = [
  {
    permission: 'pooled-funds:read',
    async items({ db, principal }) {
      const rows = await queryRows<{ id: string; name: string; n: string }>(
        db,
        sql`select f.id, f.name, count(*) as n
            from pooled_funds f join pooled_fund_schemes s on s.fund_id = f.id
            where f.council_id = ${principal.councilId}
              and not exists (select 1 from pooled_fund_scheme_links l where l.scheme_id = s.id)
            group by f.id, f.name order by f.name`,
      )
      return rows.map((row) => ({
        count: Number(row.n),
        text: `pooled fund ${Number(row.n) === 1 ? 'scheme' : 'schemes'} with no contract or grant linked: ${row.name}`,
        href: `${paths.pooledFunds.show.href({ id: row.id })}#schemes`,
      }))
    },
  },
  {
    permission: 'pooled-funds:read-own',
    async items({ db, principal }) {
      const scope = scopeOf(principal)
      const funds = scope ? await listFunds(db, scope) : []
      return [{ count: funds.length, text: funds.length === 1 ? 'pooled fund your organisation is a partner in' : 'pooled funds your organisation is a partner in', href: paths.pooledFunds.list.href() }]
    },
  },
]
