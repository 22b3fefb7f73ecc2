/**
 * Full-text search across the registers (ADR 0028). Each module offers its records through a SearchSource in its
 * manifest, matching with PostgreSQL's `to_tsvector('english', …) @@ websearch_to_tsquery('english', …)` and
 * ranking with ts_rank. The vector expressions are the ones the GIN indexes of the search migration are built on, so
 * a search reads an index, not every row. Visitors see public records only; a member sees their council's records
 * of the kinds their role may read.
 */
import { can } from './auth/roles.ts'
import type { Executor } from './db/database.ts'
import type { CatalystModule, SearchHit, SearchScope, SearchSource } from './modules.ts'

export const MAX_QUERY_LENGTH = 200
const PER_KIND = 20

export interface SearchGroup {
  kind: string
  plural: string
  hits: SearchHit[]
}

/** The sources a scope may search: the public ones for a visitor (each returns public records only), or by permission. */
export function sourcesFor(modules: CatalystModule[], scope: SearchScope): SearchSource[] {
  const all = modules.flatMap((module) => module.search ?? [])
  if (scope.kind === 'visitor') return all.filter((source) => source.public)
  return all.filter((source) => !source.permission || can(scope.principal, source.permission))
}

/** Every source's matches for the query, best first within each kind; kinds with no match are left out. */
export async function searchAll(db: Executor, sources: SearchSource[], query: string, scope: SearchScope): Promise<SearchGroup[]> {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH)
  if (!q) return []
  const groups: SearchGroup[] = []
  for (const source of sources) {
    const hits = await source.search(db, q, scope, PER_KIND)
    if (hits.length) groups.push({ kind: source.kind, plural: source.plural, hits })
  }
  // The kind whose best match ranks highest comes first.
  return groups.sort((a, b) => (b.hits[0]?.rank ?? 0) - (a.hits[0]?.rank ?? 0))
}
