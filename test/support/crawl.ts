/**
 * A crawler over the app's own registered routes, for walks that need real URLs (with real record ids): it starts
 * at every GET route without parameters and follows the links pages give, keeping those that match a registered
 * GET route, a few per route, and the addresses redirects send it to. CSV downloads offered as links (`.csv`,
 * `?download=`) are always followed.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { TestClient } from './app.ts'

export interface Visited {
  url: string
  /** The registered route pattern the URL matched. */
  pattern: string
  response: LightMyRequestResponse
}

const patternRegex = (pattern: string) => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/?#]+')}$`)

export function getRoutes(app: FastifyInstance): { pattern: string; regex: RegExp }[] {
  const routes = (app as unknown as { catalystRoutes: { method: string; url: string }[] }).catalystRoutes
  return routes.filter((r) => r.method === 'GET').map((r) => ({ pattern: r.url, regex: patternRegex(r.url) }))
}

export async function crawl(app: FastifyInstance, client: TestClient, options: { perPattern?: number; maxRequests?: number } = {}): Promise<Visited[]> {
  const perPattern = options.perPattern ?? 2
  const maxRequests = options.maxRequests ?? 800
  const routes = getRoutes(app)
  const seen = new Set<string>()
  const perPatternCount = new Map<string, number>()
  const queue: string[] = routes.filter((r) => !r.pattern.includes(':')).map((r) => r.pattern)
  const visited: Visited[] = []
  while (queue.length > 0 && visited.length < maxRequests) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const path = url.split('?')[0]!
    const route = routes.find((r) => r.regex.test(path))
    if (!route) continue
    const isDownload = /\.csv$|[?&]download=/.test(url)
    const count = perPatternCount.get(route.pattern) ?? 0
    if (!isDownload && count >= perPattern && url !== route.pattern) continue
    perPatternCount.set(route.pattern, count + 1)
    const response = await client.get(url)
    visited.push({ url, pattern: route.pattern, response })
    // A route that sends the browser on (a signed-in user's "/pipeline" to their council's page) leads where a link would.
    const location = response.statusCode >= 300 && response.statusCode < 400 ? String(response.headers.location ?? '') : ''
    if (location.startsWith('/') && !location.startsWith('//') && !seen.has(location)) queue.push(location)
    if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) continue
    for (const match of response.body.matchAll(/href="([^"#]+)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&')
      if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/assets/')) continue
      if (!seen.has(href)) queue.push(href)
    }
  }
  return visited
}
