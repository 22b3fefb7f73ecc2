/** Payees in search: the council's spend payees for staff who may read spend; withheld payees never; never visitors. */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

/** The text searched; the search migration's GIN index is built on exactly this expression. */
export const PAYEE_VECTOR = sql.raw(`to_tsvector('english', coalesce(y.name, ''))`)

export const payeesSearch: SearchSource = {
  kind: 'Payee',
  plural: 'Payees',
  public: false,
  permission: 'spend:read',
  async search(db, query, scope, limit) {
    if (scope.kind === 'visitor') return []
    const rows = await queryRows<{ id: string; name: string; match_status: string; rank: number }>(
      db,
      sql`select y.id, y.name, y.match_status, ts_rank(${PAYEE_VECTOR}, q) as rank
          from spend_payees y, websearch_to_tsquery('english', ${query}) q
          where ${PAYEE_VECTOR} @@ q and y.council_id = ${scope.principal.councilId} and not y.redacted
          order by rank desc, y.name limit ${limit}`,
    )
    return rows.map((row) => ({ title: row.name, href: paths.spend.payee.href({ id: row.id }), rank: Number(row.rank) }))
  },
}
