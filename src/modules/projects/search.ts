/** Commissioning projects in search: council staff who may read projects, never visitors. */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

/** The text searched; the search migration's GIN index is built on exactly this expression. */
export const PROJECT_VECTOR = sql.raw(`to_tsvector('english', coalesce(j.title, '') || ' ' || coalesce(j.service_area, '') || ' ' || coalesce(j.summary, ''))`)

export const projectsSearch: SearchSource = {
  kind: 'Project',
  plural: 'Commissioning projects',
  public: false,
  permission: 'projects:read',
  async search(db, query, scope, limit) {
    if (scope.kind === 'visitor') return []
    const rows = await queryRows<{ id: string; title: string; service_area: string; rank: number }>(
      db,
      sql`select j.id, j.title, j.service_area, ts_rank(${PROJECT_VECTOR}, q) as rank
          from commissioning_projects j, websearch_to_tsquery('english', ${query}) q
          where ${PROJECT_VECTOR} @@ q and j.council_id = ${scope.principal.councilId}
          order by rank desc, j.title limit ${limit}`,
    )
    return rows.map((row) => ({ title: row.title, href: paths.projects.show.href({ id: row.id }), summary: row.service_area, rank: Number(row.rank) }))
  },
}
