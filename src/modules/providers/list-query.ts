/**
 * The list's query string: filters, sort order and page, read leniently (a bad value is ignored, not an error),
 * and written back out for sort links, pagination and the CSV download so that each keeps the others.
 */
import { z } from 'zod'
import type { ProviderFilters } from './service.ts'
import { FLAG_CODES, type SupplierFlag } from './vocabulary.ts'

export interface ListQuery {
  q: string
  flags: SupplierFlag[]
  category: string
  area: string
  sort: 'name' | 'updated'
  order: 'asc' | 'desc'
  page: number
}

const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value])

const querySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  flag: z.preprocess(list, z.array(z.string())).catch([]),
  category: z.string().trim().max(60).catch(''),
  area: z.string().trim().toUpperCase().max(12).catch(''),
  sort: z.enum(['name', 'updated']).catch('name'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export function parseListQuery(query: unknown): ListQuery {
  const parsed = querySchema.parse({ q: '', category: '', area: '', ...(query as object) })
  const flags = parsed.flag.filter((f): f is SupplierFlag => (FLAG_CODES as string[]).includes(f))
  return { q: parsed.q, flags: [...new Set(flags)], category: parsed.category, area: parsed.area, sort: parsed.sort, order: parsed.order, page: parsed.page }
}

export function filtersOf(query: ListQuery): ProviderFilters {
  return {
    q: query.q || undefined,
    flags: query.flags,
    category: query.category || undefined,
    area: query.area || undefined,
  }
}

/** The query string for this list with some values changed; defaults are left out to keep links short. */
export function queryString(query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...changes }
  const params = new URLSearchParams()
  if (merged.q) params.set('q', merged.q)
  for (const flag of merged.flags) params.append('flag', flag)
  if (merged.category) params.set('category', merged.category)
  if (merged.area) params.set('area', merged.area)
  if (merged.sort !== 'name') params.set('sort', merged.sort)
  if (merged.order !== 'asc') params.set('order', merged.order)
  if (merged.page > 1) params.set('page', String(merged.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
