/**
 * The pages the platform builds from every module's manifest (ADR 0028): a home page per role that says what needs
 * doing, search across the registers, the council settings hub and, in development, the email outbox.
 */
import { publicCache } from './public-cache.ts'
import type { FastifyInstance } from 'fastify'
import { desc, eq } from 'drizzle-orm'
import { paths } from '../../paths.ts'
import { can } from '../auth/roles.ts'
import type { Principal } from '../auth/service.ts'
import type { AppContext, AttentionItem, CatalystModule, SearchScope, Stage } from '../modules.ts'
import { STAGES, entriesFor } from '../navigation.ts'
import { outboxMessages } from '../notify/schema.ts'
import { searchAll, sourcesFor, MAX_QUERY_LENGTH } from '../search.ts'
import { requirePermission } from './authentication.ts'
import { escapeHtml } from './html.ts'

/** Every attention item the user's role may see, from every module, in module order. */
export async function attentionFor(modules: CatalystModule[], context: AppContext, principal: Principal): Promise<(AttentionItem & { stage: Stage })[]> {
  const now = context.clock()
  const items: (AttentionItem & { stage: Stage })[] = []
  for (const module of modules) {
    for (const source of module.attention ?? []) {
      if (source.permission && !can(principal, source.permission)) continue
      for (const item of await source.items({ db: context.db, principal, now })) items.push({ ...item, stage: item.stage ?? module.stage ?? 'analyse' })
    }
  }
  return items
}

/** An email body with its links made clickable: whole http(s) URLs and paths standing on their own; all else escaped. */
export function linkedBody(body: string): string {
  return escapeHtml(body).replace(/(^|\s)(https?:\/\/[^\s<&]+|\/[A-Za-z0-9][^\s<&]*)/g, (_match, before: string, url: string) => `${before}<a class="govuk-link" href="${url}">${url}</a>`)
}

export function registerHubPages(app: FastifyInstance, context: AppContext, modules: CatalystModule[]): void {
  app.get(paths.home.pattern, publicCache(context, { kind: 'page' }), async (request, reply) => {
    const principal = request.principal
    if (!principal) return reply.view('home.njk', { pageTitle: 'Commissioning local services' })
    const items = await attentionFor(modules, context, principal)
    const entries = entriesFor(modules, principal)
    const cards = STAGES.flatMap((stage) => {
      const stageItems = items.filter((item) => item.stage === stage.id)
      const stageEntries = entries.filter((entry) => entry.stage === stage.id)
      if (stageItems.length === 0 && stageEntries.length === 0) return []
      return [
        {
          title: stage.text,
          description: stage.description,
          rows: stageItems.map((item) => ({
            key: { text: item.text.charAt(0).toUpperCase() + item.text.slice(1) },
            value: item.count > 0
              ? { html: `<a class="govuk-link" href="${escapeHtml(item.href)}">${item.count}<span class="govuk-visually-hidden"> ${escapeHtml(item.text)}</span></a>` }
              : { text: 'None' },
          })),
          links: stageEntries.map((entry) => ({ text: entry.text, href: entry.href })),
        },
      ]
    })
    const waiting = items.reduce((sum, item) => sum + (item.count > 0 ? 1 : 0), 0)
    return reply.view('home.njk', { pageTitle: `Home: ${principal.councilName}`, cards, waiting })
  })

  app.get(paths.search.pattern, async (request, reply) => {
    const principal = request.principal
    const raw = (request.query as Record<string, unknown>).q
    const query = typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY_LENGTH) : ''
    const scope: SearchScope = principal ? { kind: 'member', principal, now: context.clock() } : { kind: 'visitor', now: context.clock() }
    const sources = sourcesFor(modules, scope)
    const groups = query ? await searchAll(context.db, sources, query, scope) : []
    return reply.view('search.njk', {
      pageTitle: query ? `Search results for ‘${query}’` : 'Search',
      searchQuery: query,
      groups,
      total: groups.reduce((sum, group) => sum + group.hits.length, 0),
      kinds: sources.map((source) => source.plural.toLowerCase()),
    })
  })

  const admin = { preHandler: requirePermission('settings:manage') }
  const development = context.config.environment !== 'production'

  app.get(paths.settings.hub.pattern, admin, async (request, reply) => {
    const principal = request.principal!
    const sections = modules
      .flatMap((module) => module.settings ?? [])
      .filter((section) => can(principal, section.permission ?? 'settings:manage'))
    return reply.view('settings.njk', {
      pageTitle: 'Council settings',
      sections,
      outbox: development ? { href: paths.settings.outbox.href() } : undefined,
    })
  })

  // The outbox in the browser: with the embedded database the `catalyst outbox` command cannot open the database
  // while the server runs, so in development an administrator reads the demo's emails here and follows their links.
  // Never in production, where the outbox holds real people's links to their own stories and votes.
  if (development) {
    app.get(paths.settings.outbox.pattern, admin, async (request, reply) => {
      const principal = request.principal!
      const rows = await context.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.councilId, principal.councilId))
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(50)
      return reply.view('outbox.njk', {
        pageTitle: 'Emails in the outbox',
        messages: rows.map((row) => ({ ...row, bodyHtml: linkedBody(row.body) })),
      })
    })
  }
}
