/**
 * The red flags pages: the council's flags by rule with their evidence, a filter and a CSV; dismissing one with a
 * reason and restoring it (both audited); and the thresholds the rules read, for administrators.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { csvDocument } from '../../platform/csv.ts'
import { can } from '../../platform/auth/roles.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { numberedPagination, pageHref, pageOf } from '../../platform/http/pagination.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { RED_FLAG_RULES } from '../../rules/red-flags/index.ts'
import type { RedFlag } from '../../rules/red-flags/types.ts'
import { londonDate } from '../contracts/dates.ts'
import { actorOf } from '../providers/routes.ts'
import { councilRedFlags, dismissFlag, findFlag, ownRecordsOf, restoreFlag, separatesDuties, type OwnRecord, type RuleFlags } from './service.ts'

const MAX_REASON = 2000
/** Open flags shown per rule when every rule is listed, and per page when one rule is chosen. */
const PREVIEW_SIZE = 5
const PAGE_SIZE = 25
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>
const field = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** Open flags as CSV: one row per flag, evidence and links joined. */
export function redFlagsCsv(groups: RuleFlags[]): string {
  const rows = groups.flatMap((g) =>
    g.open.map((f) => [g.rule.id, g.rule.name, f.key, f.summary, f.evidence.map((e) => `${e.label}: ${e.value}`).join('; '), g.rule.legalBasis.cites.join(', ')]),
  )
  return csvDocument(['Rule', 'Rule name', 'Flag key', 'Summary', 'Evidence', 'Legal basis'], rows)
}

export function registerRedFlagRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('red-flags:read') }
  const dismiss = { preHandler: requirePermission('red-flags:dismiss') }
  const today = () => londonDate(context.clock())

  app.get(paths.redFlags.list.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const all = await councilRedFlags(db, principal.councilId, today())
    const ruleId = query(request).rule
    const chosen = ruleId && all.some((g) => g.rule.id === ruleId) ? ruleId : undefined
    const groups = chosen ? all.filter((g) => g.rule.id === chosen) : all
    const page = pageOf(query(request).page)
    if (query(request).download === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${principal.councilCode.toLowerCase()}-red-flags.csv"`)
        .send(redFlagsCsv(groups))
    }
    const canDismiss = can(principal, 'red-flags:dismiss')
    // Flags this person may not dismiss because they entered or last changed a record the flag rests on (ADR 0062).
    const shownFlags = groups.flatMap((g) => g.open.slice(0, chosen ? undefined : PREVIEW_SIZE))
    const own = canDismiss && (await separatesDuties(db, principal.councilId)) ? await ownRecordsOf(db, principal.councilId, shownFlags, principal.userId) : new Map<string, OwnRecord[]>()
    const csvHref = `${paths.redFlags.list.href()}?${new URLSearchParams({ ...(chosen ? { rule: chosen } : {}), download: 'csv' }).toString()}`
    return reply.view('red-flags/views/list.njk', {
      pageTitle: 'Red flags',
      today: today(),
      groups: groups.map((g) => {
        // All rules at once show each rule's first few flags and link to the rest; one rule is paged in full.
        const size = chosen ? PAGE_SIZE : PREVIEW_SIZE
        const pageCount = Math.max(1, Math.ceil(g.open.length / size))
        const current = chosen ? Math.min(page, pageCount) : 1
        const from = (current - 1) * size
        const hrefFor = (n: number) => pageHref(paths.redFlags.list.href(), { rule: g.rule.id }, n)
        return {
          ...g,
          anchor: g.rule.id.toLowerCase(),
          shown: g.open.slice(from, from + size),
          range: g.open.length > size ? { first: from + 1, last: Math.min(from + size, g.open.length) } : undefined,
          allHref: !chosen && g.open.length > size ? `${hrefFor(1)}#${g.rule.id.toLowerCase()}` : undefined,
          pagination: chosen ? numberedPagination(current, pageCount, hrefFor) : undefined,
        }
      }),
      counts: all.map((g) => ({ id: g.rule.id, name: g.rule.name, open: g.open.length, dismissed: g.dismissed.length, anchor: g.rule.id.toLowerCase() })),
      totalOpen: all.reduce((sum, g) => sum + g.open.length, 0),
      totalDismissed: all.reduce((sum, g) => sum + g.dismissed.length, 0),
      ruleItems: [{ value: '', text: 'All rules', selected: !chosen }, ...RED_FLAG_RULES.map((r) => ({ value: r.id, text: `${r.id}: ${r.name}`, selected: r.id === chosen }))],
      chosen,
      csvHref,
      canDismiss,
      ownRecords: Object.fromEntries(own),
      canManageSettings: can(principal, 'settings:manage'),
      dismissHref: (key: string) => `${paths.redFlags.dismiss.href()}?${new URLSearchParams({ key }).toString()}`,
      notice: query(request).dismissed === '1' ? 'Flag dismissed' : query(request).restored === '1' ? 'Flag restored' : undefined,
    })
  })

  const renderDismiss = (reply: FastifyReply, status: number, view: { flag?: RedFlag; ruleName?: string; reason: string; errors?: FormErrors; ownRecords?: OwnRecord[] }) =>
    reply.code(status).view('red-flags/views/dismiss.njk', {
      pageTitle: view.ownRecords ? 'Someone else must dismiss this red flag' : 'Dismiss a red flag',
      ownRecords: view.ownRecords,
      flag: view.flag,
      ruleName: view.ruleName,
      reason: view.reason,
      errorList: view.errors?.errorList ?? [],
      fieldErrors: view.errors?.fieldErrors ?? {},
    })

  /** The records of this person's own that stop them dismissing the flag, or undefined when they may (ADR 0062). */
  const refusalFor = async (councilId: string, userId: string, flag: RedFlag): Promise<OwnRecord[] | undefined> => {
    if (!(await separatesDuties(db, councilId))) return undefined
    const own = (await ownRecordsOf(db, councilId, [flag], userId)).get(flag.key)
    return own && own.length > 0 ? own : undefined
  }

  app.get(paths.redFlags.dismiss.pattern, dismiss, async (request, reply) => {
    const principal = principalOf(request)
    const key = field(query(request).key)
    if (!key) return reply.redirect(paths.redFlags.list.href(), 303)
    const found = await findFlag(db, principal.councilId, today(), key)
    if (!found) throw new NotFoundError('Red flag')
    if (found.dismissal) return reply.redirect(`${paths.redFlags.list.href()}#dismissed`, 303)
    const refusal = await refusalFor(principal.councilId, principal.userId, found.flag)
    if (refusal) return renderDismiss(reply, 403, { flag: found.flag, ruleName: found.rule.name, reason: '', ownRecords: refusal })
    return renderDismiss(reply, 200, { flag: found.flag, ruleName: found.rule.name, reason: '' })
  })

  app.post(paths.redFlags.dismiss.pattern, dismiss, async (request, reply) => {
    const principal = principalOf(request)
    const key = field(bodyOf(request).key)
    const reason = field(bodyOf(request).reason)
    if (!key) return renderDismiss(reply, 400, { reason, errors: singleError('key', 'Choose a flag to dismiss from the list of red flags') })
    const found = await findFlag(db, principal.councilId, today(), key)
    if (!found) throw new NotFoundError('Red flag')
    const refusal = await refusalFor(principal.councilId, principal.userId, found.flag)
    if (refusal) return renderDismiss(reply, 403, { flag: found.flag, ruleName: found.rule.name, reason, ownRecords: refusal })
    if (!reason) return renderDismiss(reply, 400, { flag: found.flag, ruleName: found.rule.name, reason, errors: singleError('reason', 'Enter why you are dismissing this flag') })
    if (reason.length > MAX_REASON) return renderDismiss(reply, 400, { flag: found.flag, ruleName: found.rule.name, reason, errors: singleError('reason', `The reason must be ${MAX_REASON} characters or fewer`) })
    await db.transaction((tx) => dismissFlag(tx, { councilId: principal.councilId, flag: found.flag, reason, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.redFlags.list.href()}?dismissed=1`, 303)
  })

  app.post(paths.redFlags.restore.pattern, dismiss, async (request, reply) => {
    const principal = principalOf(request)
    const key = field(bodyOf(request).key)
    if (!key) return reply.redirect(paths.redFlags.list.href(), 303)
    const restored = await db.transaction((tx) => restoreFlag(tx, { councilId: principal.councilId, key, actor: actorOf(request, principal), now: context.clock() }))
    if (!restored) throw new NotFoundError('Dismissed red flag')
    return reply.redirect(`${paths.redFlags.list.href()}?restored=1`, 303)
  })
}
