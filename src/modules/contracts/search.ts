/**
 * Contracts and grants in search: a council's registers for its staff; for visitors, the published ones, each
 * linking to "Who delivers our services" filtered to it (the public page for contracts and grants).
 */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchScope, SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

/** The texts searched; the search migration's GIN indexes are built on exactly these expressions. */
export const CONTRACT_VECTOR = sql.raw(`to_tsvector('english', coalesce(k.title, '') || ' ' || coalesce(k.reference, '') || ' ' || coalesce(k.description, ''))`)
export const GRANT_VECTOR = sql.raw(`to_tsvector('english', coalesce(g.title, '') || ' ' || coalesce(g.identifier, '') || ' ' || coalesce(g.description, ''))`)

interface Row {
  id: string
  title: string
  reference: string
  council: string
  council_code: string
  rank: number
}

const publicHref = (row: Row) => `${paths.openData.whoDelivers.href()}?${new URLSearchParams({ council: row.council_code, service: row.title })}`

function scoped(scope: SearchScope, alias: string) {
  return scope.kind === 'visitor' ? sql.raw(`${alias}.published`) : sql`${sql.raw(alias)}.council_id = ${scope.principal.councilId}`
}

export const contractsSearch: SearchSource = {
  kind: 'Contract',
  plural: 'Contracts',
  public: true,
  permission: 'registers:read',
  async search(db, query, scope, limit) {
    const rows = await queryRows<Row>(
      db,
      sql`select k.id, k.title, k.reference, c.name as council, c.code as council_code, ts_rank(${CONTRACT_VECTOR}, q) as rank
          from contracts k join councils c on c.id = k.council_id, websearch_to_tsquery('english', ${query}) q
          where ${CONTRACT_VECTOR} @@ q and ${scoped(scope, 'k')}
          order by rank desc, k.title limit ${limit}`,
    )
    return rows.map((row) => ({
      title: row.title,
      href: scope.kind === 'visitor' ? publicHref(row) : paths.contracts.show.href({ id: row.id }),
      summary: scope.kind === 'visitor' ? `${row.reference}, ${row.council}` : row.reference,
      rank: Number(row.rank),
    }))
  },
}

export const grantsSearch: SearchSource = {
  kind: 'Grant',
  plural: 'Grants',
  public: true,
  permission: 'registers:read',
  async search(db, query, scope, limit) {
    const rows = await queryRows<Row>(
      db,
      sql`select g.id, g.title, g.identifier as reference, c.name as council, c.code as council_code, ts_rank(${GRANT_VECTOR}, q) as rank
          from grants g join councils c on c.id = g.council_id, websearch_to_tsquery('english', ${query}) q
          where ${GRANT_VECTOR} @@ q and ${scoped(scope, 'g')}
          order by rank desc, g.title limit ${limit}`,
    )
    return rows.map((row) => ({
      title: row.title,
      href: scope.kind === 'visitor' ? publicHref(row) : paths.grants.show.href({ id: row.id }),
      summary: scope.kind === 'visitor' ? `${row.reference}, ${row.council}` : row.reference,
      rank: Number(row.rank),
    }))
  },
}
