/**
 * A councillor's own page (their ward and its picture, their committees, the decisions and contracts touching their
 * ward, decisions open for call-in, their questions and their committees' recommendations) and the council's audit
 * trail, filterable by record, person, date and action (ADR 0046).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { listMembers } from '../../platform/auth/accounts.ts'
import { can, type Permission } from '../../platform/auth/roles.ts'
import { describeChanges, type FieldSpecs } from '../../platform/audit/describe.ts'
import { formatDateTime } from '../../platform/dates.ts'
import { CONTRACT_FIELDS } from '../contracts/history.ts'
import { PROJECT_FIELDS } from '../projects/history.ts'
import { PROVIDER_FIELDS } from '../providers/view-models.ts'
import { IMPLEMENTATION, MAKER_KINDS, RESPONSES, URGENCY } from './forms.ts'
import { readTrail, trailActions } from '../../platform/audit/trail.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { dayMonthYearField } from '../../platform/http/date-field.ts'
import { escapeHtml } from '../../platform/http/html.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { trailOf } from './committee-routes.ts'
import * as committees from './committees.ts'
import * as questions from './questions.ts'
import * as service from './service.ts'
import { isUuid } from '../../platform/ids.ts'

type Body = Record<string, unknown>
const link = (href: string, text: string) => ({ html: `<a class="govuk-link" href="${href}">${escapeHtml(text)}</a>` })

/**
 * The kinds of record in the audit trail a councillor may read, each with the permission that lets a role read the
 * record itself and the page it is on. Anything else (people, invitations, tokens, settings, stories before
 * moderation, ballots) is for administrators only: an administrator reads the whole of their council's trail.
 */
export const TRAIL_RECORDS: Record<string, { name: string; permission: Permission; href?: (id: string) => string; fields?: FieldSpecs }> = {
  decision: { name: 'Decision', permission: 'decisions:read', href: (id) => paths.decisions.show.href({ id }), fields: { makerKind: { label: 'Decision maker', format: MAKER_KINDS }, urgency: { label: 'Urgency', format: URGENCY }, valuePence: { label: 'Spending or saving', format: 'money' } } },
  ward: { name: 'Ward', permission: 'decisions:read', href: (id) => paths.wards.show.href({ id }) },
  committee: { name: 'Committee', permission: 'decisions:read', href: (id) => paths.committees.show.href({ id }) },
  recommendation: { name: 'Recommendation', permission: 'decisions:read', href: (id) => paths.recommendations.show.href({ id }), fields: { response: { label: 'Response', format: RESPONSES }, implementation: { label: 'Implementation', format: IMPLEMENTATION }, respondedByName: { label: 'For the executive' }, responseDueOn: { label: 'Response due', format: 'date' } } },
  question: { name: 'Councillor’s question', permission: 'decisions:read', href: (id) => paths.questions.show.href({ id }), fields: { askedByName: { label: 'Asked by' }, addressedTo: { label: 'Asked of' }, dueOn: { label: 'Answer due', format: 'date' }, answeredByName: { label: 'Answered by' } } },
  project: { name: 'Project', permission: 'projects:read', href: (id) => paths.projects.show.href({ id }), fields: PROJECT_FIELDS },
  contract: { name: 'Contract', permission: 'registers:read', href: (id) => paths.contracts.show.href({ id }), fields: CONTRACT_FIELDS },
  grant: { name: 'Grant', permission: 'registers:read', href: (id) => paths.grants.show.href({ id }) },
  provider: { name: 'Provider', permission: 'providers:read', href: (id) => paths.providers.show.href({ id }), fields: PROVIDER_FIELDS },
  'pooled-fund': { name: 'Pooled fund', permission: 'pooled-funds:read', href: (id) => paths.pooledFunds.show.href({ id }) },
  'grant-round': { name: 'Grant round', permission: 'grant-rounds:read', href: (id) => paths.grantRounds.show.href({ id }) },
  'risk-assessment': { name: 'Risk assessment', permission: 'risk:read' },
  'red-flag': { name: 'Red flag', permission: 'red-flags:read' },
  opportunity: { name: 'Opportunity', permission: 'opportunities:read' },
}

const recordName = (type: string) => TRAIL_RECORDS[type]?.name ?? type.charAt(0).toUpperCase() + type.slice(1).replace(/-/g, ' ')
const TRAIL_LIMIT = 200

export function registerCouncillorRoutes(app: FastifyInstance, context: AppContext) {
  const { db } = context
  const today = () => londonDate(context.clock())

  app.get(paths.councillors.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const userId = (request.params as { id: string }).id
    const member = isUuid(userId) ? (await listMembers(db, principal.councilId)).find((m) => m.userId === userId && m.role === 'councillor') : undefined
    if (!member) throw new NotFoundError('Councillor')
    const now = today()
    const [ward, seats, asked, decisions, openForCallIn] = await Promise.all([
      service.wardOfCouncillor(db, principal.councilId, userId),
      committees.committeesOf(db, principal.councilId, userId),
      questions.listQuestions(db, principal.councilId, { askedById: userId }),
      service.listDecisions(db, principal.councilId),
      service.openForCallIn(db, principal.councilId, now),
    ])
    const picture = ward ? await service.wardPicture(db, principal.councilId, ward) : undefined
    const recs = seats.length ? await committees.listRecommendations(db, principal.councilId, { committeeIds: seats.map((s) => s.id) }) : []
    return reply.view('scrutiny/views/councillor.njk', {
      pageTitle: `Councillor ${member.displayName}`,
      member,
      isSelf: principal.userId === userId,
      ward: ward ? { name: ward.name, code: ward.code, href: paths.wards.show.href({ id: ward.id }) } : undefined,
      picture,
      committees: seats.map((s) => ({ name: s.name, role: s.role === 'chair' ? 'Chair' : s.role === 'vice-chair' ? 'Vice-chair' : 'Member', href: paths.committees.show.href({ id: s.id }) })),
      wardDecisions: ward ? decisions.filter((d) => d.wardIds.includes(ward.id)).map((d) => ({ title: d.title, date: d.decidedOn ?? d.plannedOn, href: paths.decisions.show.href({ id: d.id }) })) : [],
      callIn: openForCallIn.map((d) => ({ title: d.title, href: paths.decisions.show.href({ id: d.id }) })),
      questionRows: asked.map((q) => {
        const state = questions.questionState(q, now)
        return [link(paths.questions.show.href({ id: q.id }), q.question.length > 100 ? `${q.question.slice(0, 99)}…` : q.question), { text: formatDate(q.dueOn) }, { text: state.text }]
      }),
      recommendationRows: recs.map(({ recommendation: r, committeeName }) => [
        link(paths.recommendations.show.href({ id: r.id }), r.title),
        { text: committeeName },
        { text: formatDate(r.responseDueOn) },
        { text: committees.recommendationState(r, now).text },
      ]),
      trail: can(principal, 'audit:read') ? `${paths.auditTrail.href()}?person=${encodeURIComponent(userId)}` : undefined,
    })
  })

  app.get(paths.auditTrail.pattern, { preHandler: requirePermission('audit:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Body
    const one = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '')
    const isAdmin = can(principal, 'settings:manage')
    // An administrator reads every kind of record; anyone else the kinds whose records their role may read.
    const allowed = isAdmin ? null : Object.entries(TRAIL_RECORDS).filter(([, r]) => can(principal, r.permission)).map(([type]) => type)
    const errorList: { text: string; href: string }[] = []
    const fieldErrors: Record<string, { text: string }> = {}
    const dateOf = (key: 'from' | 'to', what: string) => {
      if (!one(key)) return undefined
      const parsed = dayMonthYearField(what, null).safeParse(one(key))
      if (parsed.success && parsed.data) return parsed.data
      const text = parsed.success ? `Enter ${what} as a date` : (parsed.error.issues[0]?.message ?? `Enter ${what} as a date`)
      errorList.push({ text, href: `#${key}` })
      fieldErrors[key] = { text }
      return undefined
    }
    const from = dateOf('from', 'the first day')
    const to = dateOf('to', 'the last day')
    const type = one('type')
    if (type && allowed && !allowed.includes(type)) {
      const text = 'You cannot see the history of that kind of record'
      errorList.push({ text, href: '#type' })
      fieldErrors.type = { text }
    }
    const person = isUuid(one('person')) ? one('person') : undefined
    const members = await listMembers(db, principal.councilId)
    const types = allowed ?? [...new Set([...Object.keys(TRAIL_RECORDS)])]
    const actions = await trailActions(db, principal.councilId, allowed)
    const { entries, more } = fieldErrors.type
      ? { entries: [], more: false }
      : await readTrail(db, {
          councilId: principal.councilId,
          entityTypes: allowed,
          entityType: type || undefined,
          entityId: one('id') || undefined,
          actorUserId: person,
          action: one('action') || undefined,
          from,
          to,
          limit: TRAIL_LIMIT,
        })
    const names = new Map(members.map((m) => [m.userId, m.displayName]))
    const record = type && one('id') ? TRAIL_RECORDS[type]?.href?.(one('id')) : undefined
    return reply.code(errorList.length ? 400 : 200).view('scrutiny/views/audit-trail.njk', {
      pageTitle: 'Audit trail',
      values: { type, id: one('id'), person: person ?? '', action: one('action'), from: one('from'), to: one('to') },
      record: record ? { href: record, name: recordName(type) } : undefined,
      typeItems: [{ value: '', text: 'Any kind of record' }, ...types.map((t) => ({ value: t, text: recordName(t), selected: t === type }))],
      personItems: [{ value: '', text: 'Anyone' }, ...members.filter((m, i, all) => all.findIndex((o) => o.userId === m.userId) === i).map((m) => ({ value: m.userId, text: m.displayName, selected: m.userId === person }))],
      actionItems: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: a, selected: a === one('action') }))],
      rows: entries.map((e) => {
        const href = TRAIL_RECORDS[e.entityType]?.href?.(e.entityId)
        const changes = describeChanges(e.before, e.after, TRAIL_RECORDS[e.entityType]?.fields).map((c) => escapeHtml(c))
        return [
          { text: formatDateTime(e.at) },
          { text: e.actorUserId && names.has(e.actorUserId) ? names.get(e.actorUserId)! : e.actorLabel },
          { text: e.action },
          href ? { html: `<a class="govuk-link" href="${href}">${escapeHtml(recordName(e.entityType))}</a>` } : { text: recordName(e.entityType) },
          { html: changes.length ? changes.join('<br>') : '–' },
        ]
      }),
      more,
      limit: TRAIL_LIMIT,
      isAdmin,
      errorList,
      fieldErrors,
    })
  })
}

/** The link a record's page gives to its own history. */
export { trailOf }
