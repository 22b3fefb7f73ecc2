/**
 * Red flags' JSON API (/api/v1/red-flags): the flags the rules raise for the council today, open or dismissed,
 * with each flag's evidence and its rule's legal basis, read with the page's permission (red-flags:read). The flags
 * are worked out, not stored, so a page is cut from the day's list in key order: the same cursor paging as a table
 * (ADR 0044), and a flag's key is stable while the facts behind it last.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pageInMemory, pagingQueryFor, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { councilRedFlags } from './service.ts'

export const FLAG_STATES = ['open', 'dismissed', 'all'] as const
const MAX_KEY = 500

export function registerRedFlagApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('red-flags:read')] }

  app.get(paths.api.redFlags.pattern, read, async (request, reply) => {
    const groups = await councilRedFlags(db, principalOf(request).councilId, londonDate(context.clock()))
    const ruleIds = groups.map((g) => g.rule.id) as [string, ...string[]]
    const query = z.object({
      rule: z.enum(ruleIds, { error: `Use one of ${ruleIds.join(', ')}` }).optional(),
      status: z.enum(FLAG_STATES, { error: `Use one of ${FLAG_STATES.join(', ')}` }).default('open'),
      ...pagingQueryFor((key) => key.length > 0 && key.length <= MAX_KEY),
    })
    const parsed = query.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { rule, status, cursor, limit } = parsed.data
    const flags = groups
      .filter((g) => !rule || g.rule.id === rule)
      .flatMap((g) => {
        const ruleJson = { id: g.rule.id, name: g.rule.name, why: g.rule.why, legalBasis: { cites: g.rule.legalBasis.cites, text: g.rule.legalBasis.text } }
        const open = status === 'dismissed' ? [] : g.open.map((flag) => ({ flag, dismissal: null }))
        // A dismissal whose flag the facts no longer raise has nothing to show but its reason: the page lists it, the API does not.
        const dismissed = status === 'open' ? [] : g.dismissed.flatMap((d) => (d.flag ? [{ flag: d.flag, dismissal: d.dismissal }] : []))
        return [...open, ...dismissed].map(({ flag, dismissal }) => ({
          key: flag.key,
          status: dismissal ? 'dismissed' : 'open',
          rule: ruleJson,
          summary: flag.summary,
          evidence: flag.evidence.map((e) => ({ label: e.label, value: e.value })),
          about: flag.links.map((l) => ({ text: l.text, href: l.href })),
          dismissal: dismissal ? { reason: dismissal.reason, dismissedBy: dismissal.dismissedBy, dismissedAt: dismissal.dismissedAt.toISOString() } : null,
          links: { html: `${paths.redFlags.list.href()}?${new URLSearchParams({ rule: g.rule.id })}#${g.rule.id.toLowerCase()}` },
        }))
      })
    const page = pageInMemory(flags, (f) => f.key, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items, links: { next: nextLink(request, page.items.at(-1)?.key, page.more) } })
  })
}
