/** Indicators and comparator groups in search: the council's own, for staff who may read benchmarking; never visitors. */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

// A council holds tens of indicators and groups, so the council's rows are read by its index and matched in turn:
// no text index is needed.
const INDICATOR_VECTOR = sql.raw(`to_tsvector('english', coalesce(i.name, '') || ' ' || coalesce(i.measure, '') || ' ' || coalesce(i.source, ''))`)
const GROUP_VECTOR = sql.raw(`to_tsvector('english', coalesce(g.name, '') || ' ' || coalesce(g.purpose, ''))`)

export const indicatorSearch: SearchSource = {
  kind: 'Benchmarking indicator',
  plural: 'Benchmarking indicators',
  public: false,
  permission: 'market:read',
  async search(db, query, scope, limit) {
    if (scope.kind === 'visitor') return []
    const rows = await queryRows<{ id: string; name: string; measure: string; source: string; rank: number }>(
      db,
      sql`select i.id, i.name, i.measure, i.source, ts_rank(${INDICATOR_VECTOR}, q) as rank
          from benchmark_indicators i, websearch_to_tsquery('english', ${query}) q
          where i.council_id = ${scope.principal.councilId} and ${INDICATOR_VECTOR} @@ q
          order by rank desc, i.name limit ${limit}`,
    )
    return rows.map((r) => ({ title: r.name, href: paths.benchmarking.indicator.href({ id: r.id }), summary: [r.measure, r.source].filter(Boolean).join(', '), rank: Number(r.rank) }))
  },
}

export const groupSearch: SearchSource = {
  kind: 'Comparator group',
  plural: 'Comparator groups',
  public: false,
  permission: 'market:read',
  async search(db, query, scope, limit) {
    if (scope.kind === 'visitor') return []
    const rows = await queryRows<{ id: string; name: string; purpose: string; rank: number }>(
      db,
      sql`select g.id, g.name, g.purpose, ts_rank(${GROUP_VECTOR}, q) as rank
          from comparator_groups g, websearch_to_tsquery('english', ${query}) q
          where g.council_id = ${scope.principal.councilId} and ${GROUP_VECTOR} @@ q
          order by rank desc, g.name limit ${limit}`,
    )
    return rows.map((r) => ({ title: r.name, href: paths.benchmarking.group.href({ id: r.id }), summary: r.purpose || undefined, rank: Number(r.rank) }))
  },
}
