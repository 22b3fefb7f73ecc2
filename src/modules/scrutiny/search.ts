/** Decisions in search: members who may read decisions find them by matter, outcome or decision maker. */
import type { SearchSource } from '../../platform/modules.ts'
import { formatDate } from '../../platform/dates.ts'
import { paths } from '../../paths.ts'
import { searchDecisions } from './service.ts'

export const decisionsSearch: SearchSource = {
  kind: 'Decision',
  plural: 'Decisions',
  permission: 'decisions:read',
  public: false,
  async search(db, query, scope, limit) {
    if (scope.kind !== 'member') return []
    const rows = await searchDecisions(db, scope.principal.councilId, query, limit)
    return rows.map((r) => ({ title: r.title, href: paths.decisions.show.href({ id: r.id }), summary: formatDate(r.plannedOn), rank: Number(r.rank) }))
  },
}
