/** Providers in search: a council's register for its staff, the published register for visitors. */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

/** The text searched; the search migration's GIN index is built on exactly this expression. */
export const PROVIDER_VECTOR = sql.raw(`to_tsvector('english', coalesce(p.name, '') || ' ' || coalesce(p.town, '') || ' ' || coalesce(p.postcode, ''))`)

export const providersSearch: SearchSource = {
  kind: 'Provider',
  plural: 'Providers',
  public: true,
  permission: 'providers:read',
  async search(db, query, scope, limit) {
    const where = scope.kind === 'visitor' ? sql`p.published` : sql`p.council_id = ${scope.principal.councilId}`
    const rows = await queryRows<{ id: string; name: string; town: string | null; council: string; rank: number }>(
      db,
      sql`select p.id, p.name, p.town, c.name as council, ts_rank(${PROVIDER_VECTOR}, q) as rank
          from providers p join councils c on c.id = p.council_id, websearch_to_tsquery('english', ${query}) q
          where ${PROVIDER_VECTOR} @@ q and ${where}
          order by rank desc, p.name limit ${limit}`,
    )
    return rows.map((row) => ({
      title: row.name,
      href: scope.kind === 'visitor' ? paths.publicRegister.show.href({ id: row.id }) : paths.providers.show.href({ id: row.id }),
      summary: [row.town, scope.kind === 'visitor' ? row.council : undefined].filter(Boolean).join(', ') || undefined,
      rank: Number(row.rank),
    }))
  },
}
