/** Scrutiny committees and their members, recommendations to the executive with their responses, and councillors' questions (ADR 0046). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/audit/audit.ts'
import { listMembers } from '../../platform/auth/accounts.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { escapeHtml } from '../../platform/http/html.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import * as committees from './committees.ts'
import { answerForm, COMMITTEE_ROLES, committeeForm, IMPLEMENTATION, implementationForm, memberForm, questionForm, recommendationForm, RESPONSES, responseForm } from './forms.ts'
import * as questions from './questions.ts'
import * as service from './service.ts'
import { isUuid } from '../../platform/ids.ts'
import { publicationForm, publicationOf, questionWithheldBecause, setQuestionPublication } from './publication.ts'

type Body = Record<string, unknown>
const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({ userId: principal.userId, label: principal.displayName, requestId: request.id })
const errorsOf = (errors?: FormErrors) => ({ errorList: errors?.errorList ?? [], fieldErrors: errors?.fieldErrors ?? {} })
const link = (href: string, text: string) => ({ html: `<a class="govuk-link" href="${href}">${escapeHtml(text)}</a>` })
const tag = (state: { text: string; overdue: boolean }) => ({ html: state.overdue ? `<strong class="govuk-tag govuk-tag--red">${escapeHtml(state.text)}</strong>` : escapeHtml(state.text) })
const SAVED: Record<string, string> = { member: 'Member saved', recommendation: 'Recommendation recorded', response: 'Response recorded', implementation: 'Implementation updated', answer: 'Answer recorded', asked: 'Question sent', publication: 'Publication saved' }

/** The audit trail of one record, for the link a record's page gives. */
export const trailOf = (entityType: string, entityId: string) => `${paths.auditTrail.href()}?type=${encodeURIComponent(entityType)}&id=${encodeURIComponent(entityId)}`

export function registerCommitteeRoutes(app: FastifyInstance, context: AppContext) {
  const { db } = context
  const today = () => londonDate(context.clock())
  const id = (request: FastifyRequest) => (request.params as { id: string }).id
  const found = async <T>(request: FastifyRequest, what: string, find: (councilId: string, id: string) => Promise<T | undefined>): Promise<T> => {
    const row = isUuid(id(request)) ? await find(principalOf(request).councilId, id(request)) : undefined
    if (!row) throw new NotFoundError(what)
    return row
  }
  const committeeOf = (request: FastifyRequest) => found(request, 'Committee', (c, i) => committees.findCommittee(db, c, i))
  const recommendationOf = (request: FastifyRequest) => found(request, 'Recommendation', (c, i) => committees.findRecommendation(db, c, i))
  const questionOf = (request: FastifyRequest) => found(request, 'Question', (c, i) => questions.findQuestion(db, c, i))
  const councillorsOf = async (councilId: string) => (await listMembers(db, councilId)).filter((m) => m.role === 'councillor' && !m.disabled)
  const decisionItems = async (councilId: string, chosen: unknown) => [
    { value: '', text: 'Not about one decision' },
    ...(await service.listDecisions(db, councilId)).map((d) => ({ value: d.id, text: d.title, selected: chosen === d.id })),
  ]
  const recommendationRows = (rows: Awaited<ReturnType<typeof committees.listRecommendations>>, now: string, withCommittee = true) =>
    rows.map(({ recommendation: r, committeeName }) => [
      link(paths.recommendations.show.href({ id: r.id }), r.title),
      ...(withCommittee ? [link(paths.committees.show.href({ id: r.committeeId }), committeeName)] : []),
      { text: formatDate(r.madeOn) },
      { text: formatDate(r.responseDueOn) },
      tag(committees.recommendationState(r, now)),
    ])

  // ---------- Committees ----------

  const renderCommittees = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const rows = await committees.listCommittees(db, principal.councilId)
    return reply.code(status).view('scrutiny/views/committees.njk', {
      pageTitle: 'Scrutiny committees',
      publicHref: paths.publicScrutiny.index.href({ council: principal.councilCode }),
      rows: rows.map((c) => [link(paths.committees.show.href({ id: c.id }), c.name), { text: c.remit ?? '' }]),
      canManage: can(principal, 'settings:manage'),
      values,
      ...errorsOf(errors),
    })
  }
  app.get(paths.committees.list.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderCommittees(request, reply, 200))
  app.post(paths.committees.list.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = committeeForm.safeParse(body)
    if (!parsed.success) return renderCommittees(request, reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) => committees.createCommittee(tx, principal.councilId, parsed.data, actorOf(request, principal), context.clock()))
    if (result.outcome === 'duplicate') return renderCommittees(request, reply, 400, body, singleError('name', 'The council already has a committee with this name'))
    return reply.redirect(paths.committees.show.href({ id: result.committee.id }), 303)
  })

  const renderCommittee = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const committee = await committeeOf(request)
    const now = today()
    const [members, recs, councillors] = await Promise.all([
      committees.membersOf(db, principal.councilId, committee.id),
      committees.listRecommendations(db, principal.councilId, { committeeId: committee.id }),
      councillorsOf(principal.councilId),
    ])
    return reply.code(status).view('scrutiny/views/committee.njk', {
      pageTitle: committee.name,
      committee,
      memberRows: members.map((m) => [link(paths.councillors.show.href({ id: m.userId }), m.displayName), { text: COMMITTEE_ROLES[m.role as keyof typeof COMMITTEE_ROLES] ?? m.role }]),
      recommendationRows: recommendationRows(recs, now, false),
      canManage: can(principal, 'settings:manage'),
      canWrite: can(principal, 'decisions:write'),
      councillorItems: [{ value: '', text: 'Choose a councillor' }, ...councillors.map((c) => ({ value: c.userId, text: c.displayName, selected: values.userId === c.userId }))],
      roleItems: Object.entries(COMMITTEE_ROLES).map(([value, text]) => ({ value, text, checked: (values.role ?? 'member') === value })),
      decisionItems: await decisionItems(principal.councilId, values.decisionId),
      trail: can(principal, 'audit:read') ? trailOf('committee', committee.id) : undefined,
      publicHref: paths.publicScrutiny.committee.href({ council: principal.councilCode, id: committee.id }),
      values,
      savedText: SAVED[String((request.query as Body).saved)],
      ...errorsOf(errors),
    })
  }
  app.get(paths.committees.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderCommittee(request, reply, 200))

  app.post(paths.committees.members.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const committee = await committeeOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = memberForm.safeParse(body)
    if (!parsed.success) return renderCommittee(request, reply, 400, body, formErrors(parsed.error, { role: 'role' }))
    if (!(await councillorsOf(principal.councilId)).some((c) => c.userId === parsed.data.userId)) return renderCommittee(request, reply, 400, body, singleError('userId', 'Select a councillor of this council from the list'))
    await db.transaction((tx) => committees.setMember(tx, committee, parsed.data.userId, parsed.data.role, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.committees.show.href({ id: committee.id })}?saved=member`, 303)
  })

  app.post(paths.committees.recommendations.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const committee = await committeeOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = recommendationForm.safeParse(body)
    if (!parsed.success) return renderCommittee(request, reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) => committees.makeRecommendation(tx, committee, parsed.data, actorOf(request, principal), context.clock()))
    if (result.outcome === 'unknown-decision') return renderCommittee(request, reply, 400, body, singleError('decisionId', 'Select a decision from the list'))
    return reply.redirect(`${paths.recommendations.show.href({ id: result.recommendation.id })}?saved=recommendation`, 303)
  })

  // ---------- Recommendations ----------

  app.get(paths.recommendations.list.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const now = today()
    const overdue = (request.query as Body).filter === 'overdue'
    let rows = await committees.listRecommendations(db, principal.councilId)
    if (overdue) rows = rows.filter((r) => committees.recommendationState(r.recommendation, now).overdue)
    return reply.view('scrutiny/views/recommendations.njk', {
      pageTitle: overdue ? 'Recommendations with the executive’s response overdue' : 'Scrutiny recommendations',
      publicHref: (await publicationOf(db, principal.councilId)).recommendations ? paths.publicScrutiny.recommendations.href({ council: principal.councilCode }) : undefined,
      rows: recommendationRows(rows, now),
    })
  })

  const renderRecommendation = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const { recommendation: rec, committeeName } = await recommendationOf(request)
    const decision = rec.decisionId ? await service.findDecision(db, principal.councilId, rec.decisionId) : undefined
    return reply.code(status).view('scrutiny/views/recommendation.njk', {
      pageTitle: rec.title,
      rec,
      committee: { name: committeeName, href: paths.committees.show.href({ id: rec.committeeId }) },
      decision: decision ? { title: decision.title, href: paths.decisions.show.href({ id: decision.id }) } : undefined,
      state: committees.recommendationState(rec, today()),
      responseText: rec.response ? RESPONSES[rec.response as keyof typeof RESPONSES] : null,
      implementationText: rec.implementation ? IMPLEMENTATION[rec.implementation as keyof typeof IMPLEMENTATION] : null,
      responseItems: Object.entries(RESPONSES).map(([value, text]) => ({ value, text, checked: values.response === value })),
      implementationItems: Object.entries(IMPLEMENTATION).map(([value, text]) => ({ value, text, checked: (values.implementation ?? rec.implementation) === value })),
      canWrite: can(principal, 'decisions:write'),
      trail: can(principal, 'audit:read') ? trailOf('recommendation', rec.id) : undefined,
      publicHref: (await publicationOf(db, principal.councilId)).recommendations ? paths.publicScrutiny.recommendation.href({ council: principal.councilCode, id: rec.id }) : undefined,
      values,
      savedText: SAVED[String((request.query as Body).saved)],
      ...errorsOf(errors),
    })
  }
  app.get(paths.recommendations.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderRecommendation(request, reply, 200))

  app.post(paths.recommendations.response.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { recommendation: rec } = await recommendationOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = responseForm.safeParse(body)
    if (!parsed.success) return renderRecommendation(request, reply, 400, body, formErrors(parsed.error, { response: 'response' }))
    const result = await db.transaction((tx) => committees.respond(tx, rec, parsed.data, actorOf(request, principal), context.clock()))
    if (result.outcome === 'already') return renderRecommendation(request, reply, 400, body, singleError('response', 'The executive has already responded to this recommendation'))
    if (result.outcome === 'before-made') return renderRecommendation(request, reply, 400, body, singleError('respondedOn', `The response cannot be dated before the recommendation was made (${formatDate(rec.madeOn)})`))
    return reply.redirect(`${paths.recommendations.show.href({ id: rec.id })}?saved=response`, 303)
  })

  app.post(paths.recommendations.implementation.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { recommendation: rec } = await recommendationOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = implementationForm.safeParse(body)
    if (!parsed.success) return renderRecommendation(request, reply, 400, body, formErrors(parsed.error, { implementation: 'implementation' }))
    const ok = await db.transaction((tx) => committees.setImplementation(tx, rec, parsed.data, actorOf(request, principal), context.clock()))
    if (!ok) return renderRecommendation(request, reply, 400, body, singleError('implementation', 'Only an accepted or partly accepted recommendation is implemented'))
    return reply.redirect(`${paths.recommendations.show.href({ id: rec.id })}?saved=implementation`, 303)
  })

  // ---------- Questions ----------

  const renderQuestions = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const now = today()
    const query = request.query as Body
    const mine = query.filter === 'mine'
    let rows = await questions.listQuestions(db, principal.councilId, { askedById: mine ? principal.userId : undefined, unanswered: query.filter === 'unanswered' })
    if (query.filter === 'overdue') rows = rows.filter((q) => questions.questionState(q, now).overdue)
    return reply.code(status).view('scrutiny/views/questions.njk', {
      pageTitle: mine ? 'Your questions' : query.filter === 'overdue' ? 'Questions with the answer overdue' : query.filter === 'unanswered' ? 'Questions awaiting an answer' : 'Councillors’ questions',
      rows: rows.map((q) => [
        link(paths.questions.show.href({ id: q.id }), q.question.length > 120 ? `${q.question.slice(0, 119)}…` : q.question),
        q.askedById ? link(paths.councillors.show.href({ id: q.askedById }), q.askedByName) : { text: q.askedByName },
        { text: q.addressedTo },
        { text: formatDate(q.dueOn) },
        tag(questions.questionState(q, now)),
      ]),
      canAsk: can(principal, 'decisions:call-in'),
      publicHref: (await publicationOf(db, principal.councilId)).questions ? paths.publicScrutiny.questions.href({ council: principal.councilCode }) : undefined,
      decisionItems: await decisionItems(principal.councilId, values.decisionId ?? query.decision),
      values,
      savedText: SAVED[String(query.saved)],
      ...errorsOf(errors),
    })
  }
  app.get(paths.questions.list.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderQuestions(request, reply, 200))
  app.post(paths.questions.list.pattern, { preHandler: requirePermission('decisions:call-in') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = questionForm.safeParse(body)
    if (!parsed.success) return renderQuestions(request, reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) => questions.askQuestion(tx, principal.councilId, parsed.data, { ...actorOf(request, principal), userId: principal.userId }, today(), context.clock()))
    if (result.outcome === 'unknown-decision') return renderQuestions(request, reply, 400, body, singleError('decisionId', 'Select a decision from the list'))
    return reply.redirect(`${paths.questions.show.href({ id: result.question.id })}?saved=asked`, 303)
  })

  const renderQuestion = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const q = await questionOf(request)
    const decision = q.decisionId ? await service.findDecision(db, principal.councilId, q.decisionId) : undefined
    return reply.code(status).view('scrutiny/views/question.njk', {
      pageTitle: 'Councillor’s question',
      q,
      asker: q.askedById ? paths.councillors.show.href({ id: q.askedById }) : undefined,
      decision: decision ? { title: decision.title, href: paths.decisions.show.href({ id: decision.id }) } : undefined,
      state: questions.questionState(q, today()),
      canAnswer: can(principal, 'decisions:write') && !q.answeredOn,
      trail: can(principal, 'audit:read') ? trailOf('question', q.id) : undefined,
      ...(await questionPublicView(principal.councilId, principal.councilCode, principal, q, values)),
      values,
      savedText: SAVED[String((request.query as Body).saved)],
      ...errorsOf(errors),
    })
  }
  app.get(paths.questions.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderQuestion(request, reply, 200))
  /** Whether the question is on the public pages (linked) or why not, and the officer's form to mark it. */
  const questionPublicView = async (councilId: string, councilCode: string, role: Parameters<typeof can>[0], q: questions.QuestionRow, values: Body) => {
    const withheld = questionWithheldBecause(q, await publicationOf(db, councilId))
    const chosen = values.publication ?? (q.notForPublication ? 'withhold' : 'publish')
    return {
      publicHref: withheld === null ? paths.publicScrutiny.question.href({ council: councilCode, id: q.id }) : undefined,
      withheld,
      canMarkPublication: can(role, 'decisions:write'),
      publicationItems: [
        { value: 'publish', text: 'It may be published', checked: chosen === 'publish' },
        { value: 'withhold', text: 'Not for publication', checked: chosen === 'withhold' },
      ],
    }
  }
  app.post(paths.questions.publication.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const q = await questionOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = publicationForm.safeParse(body)
    if (!parsed.success) return renderQuestion(request, reply, 400, body, formErrors(parsed.error, { publication: 'publication' }))
    await db.transaction((tx) => setQuestionPublication(tx, q, parsed.data, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.questions.show.href({ id: q.id })}?saved=publication`, 303)
  })
  app.post(paths.questions.answer.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const q = await questionOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = answerForm.safeParse(body)
    if (!parsed.success) return renderQuestion(request, reply, 400, body, formErrors(parsed.error))
    const ok = await db.transaction((tx) => questions.answerQuestion(tx, q, parsed.data, actorOf(request, principal), today(), context.clock()))
    if (!ok) return renderQuestion(request, reply, 400, body, singleError('answer', 'This question has already been answered'))
    return reply.redirect(`${paths.questions.show.href({ id: q.id })}?saved=answer`, 303)
  })
}
