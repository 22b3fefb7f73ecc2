/**
 * GOV.UK pagination for any list, with the list's filters kept in every page link: a filtered list paged by plain
 * links and a GET form works without JavaScript and can be bookmarked.
 */

/** The query string for a page of a filtered list: the filters that are set, and the page number beyond the first. */
export function pageHref(base: string, filters: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(key, value)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

/** The page asked for in `?page=`: a whole number from 1, anything else the first page. */
export function pageOf(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1
  return Math.max(1, n)
}

/** Numbered pages with ellipses around the current one, when the number of pages is known. */
export function numberedPagination(page: number, pageCount: number, hrefFor: (page: number) => string) {
  if (pageCount <= 1) return undefined
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b)
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = []
  shown.forEach((n, index) => {
    if (index > 0 && n - shown[index - 1]! > 1) items.push({ ellipsis: true })
    items.push({ number: String(n), href: hrefFor(n), current: n === page })
  })
  return {
    ...(page > 1 ? { previous: { href: hrefFor(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: hrefFor(page + 1) } } : {}),
    items,
  }
}

/**
 * Previous and next only, for lists too long to count on every page view (a council's payments): the page reads one
 * row more than it shows to know whether there is a next page.
 */
export function previousNextPagination(page: number, hasNext: boolean, hrefFor: (page: number) => string) {
  if (page <= 1 && !hasNext) return undefined
  return {
    ...(page > 1 ? { previous: { href: hrefFor(page - 1), labelText: `Page ${page - 1}` } } : {}),
    ...(hasNext ? { next: { href: hrefFor(page + 1), labelText: `Page ${page + 1}` } } : {}),
  }
}
