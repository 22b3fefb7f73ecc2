/**
 * Published stories in search: what is public (published, its provider's window over) for everyone; a member sees
 * their own council's. Stories waiting for moderation or in a provider's window are never found here.
 */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { SearchSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

/** The text searched; the search migration's GIN index is built on exactly this expression. */
export const STORY_VECTOR = sql.raw(`to_tsvector('english', coalesce(s.title, '') || ' ' || coalesce(s.body, ''))`)

export const storiesSearch: SearchSource = {
  kind: 'Story',
  plural: 'Published stories',
  public: true,
  async search(db, query, scope, limit) {
    const council = scope.kind === 'visitor' ? sql`true` : sql`s.council_id = ${scope.principal.councilId}`
    const rows = await queryRows<{ id: string; title: string; council: string; rank: number }>(
      db,
      sql`select s.id, s.title, c.name as council, ts_rank(${STORY_VECTOR}, q) as rank
          from stories s join councils c on c.id = s.council_id, websearch_to_tsquery('english', ${query}) q
          where ${STORY_VECTOR} @@ q and s.status = 'published' and s.published_at <= ${scope.now} and ${council}
          order by rank desc, s.published_at desc limit ${limit}`,
    )
    return rows.map((row) => ({ title: row.title, href: paths.stories.show.href({ id: row.id }), summary: row.council, rank: Number(row.rank) }))
  },
}
