/**
 * Grant round pages. Officers make, publish, assess and decide rounds; assessors declare their interests and
 * score; providers see the rounds open to them, apply (draft first), and read their decision and feedback.
 */
import { escapeHtml } from '../../platform/http/html.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { formErrors, type FormErrors } from '../../platform/http/form-errors.ts'
import { ForbiddenError, NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formatDateTime } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listProviders } from '../providers/service.ts'
import { legalFormName } from '../providers/vocabulary.ts'
import { actorOf } from '../stories/routes.ts'
import { applicationForm, decisionForm, declarationForm, MAX_CRITERIA, moderationForm, roundForm, scoreForm } from './forms.ts'
import { formFor, londonInstant, MAX_CRITERION_SCORE, SIZE_BANDS, submitWindow, type ScoreState } from './rules.ts'
import * as service from './service.ts'

type Body = Record<string, unknown>
const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

export const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  published: { text: 'Published', classes: 'govuk-tag--blue' },
  decided: { text: 'Decided', classes: 'govuk-tag--green' },
}

function roundTag(round: service.RoundRow, now: Date) {
  if (round.status !== 'published') return STATUS_TAGS[round.status]!
  const window = submitWindow(round, now)
  return window === 'open' ? { text: 'Open for applications', classes: 'govuk-tag--green' } : window === 'closed' ? { text: 'Closed: assessing', classes: 'govuk-tag--yellow' } : { text: 'Opens soon', classes: 'govuk-tag--blue' }
}

export function stateText(state: ScoreState): string {
  if (state.state === 'awaiting') return `${state.scored} of 2 assessors have scored`
  if (state.state === 'needs-moderation') return `Needs moderation: scores ${state.gap} points apart`
  return `Score ${state.score} out of 100${state.moderated ? ' (moderated)' : ''}`
}

const eligibilityText = (round: service.RoundRow) => {
  const parts = [round.vcseOnly ? 'voluntary, community and social enterprise organisations' : 'any organisation', round.localOnly ? 'based in the council’s area' : null, round.maxIncomePence !== null ? `with an annual income up to ${formatPence(round.maxIncomePence, { whole: true })}` : null]
  return `For ${parts.filter(Boolean).join(', ')}.`
}

export function registerGrantRoundRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const done = (request: FastifyRequest, principal: Principal) => ({ actor: actorOf(request, principal), now: context.clock() })

  /** The round, within the user's council; a provider sees only published rounds open to it. */
  const roundFor = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const round = await service.getRound(db, principal.councilId, id)
    if (!round) throw new NotFoundError('Grant round')
    if (principal.role === 'provider' && (!principal.providerId || !(await service.mayApply(db, round, principal.providerId)))) throw new NotFoundError('Grant round')
    return { principal, round }
  }
  const applicationFor = async (request: FastifyRequest) => {
    const { principal, round } = await roundFor(request)
    const { application: id } = request.params as { application: string }
    const application = await service.getApplication(db, principal.councilId, round.id, id)
    if (!application || application.status === 'draft') throw new NotFoundError('Application')
    return { principal, round, application }
  }

  // ---------- The list: officers see every round; a provider the rounds open to it and its applications ----------

  app.get(paths.grantRounds.list.pattern, { preHandler: requirePermission('grant-rounds:read', 'grant-rounds:apply-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const now = context.clock()
    if (principal.role === 'provider' || !can(principal, 'grant-rounds:read')) {
      if (!principal.providerId) throw new ForbiddenError()
      const [rounds, applications] = await Promise.all([service.roundsForProvider(db, principal.councilId, principal.providerId), service.applicationsOfProvider(db, principal.councilId, principal.providerId)])
      const applied = new Set(applications.map((a) => a.round.id))
      return reply.view('grant-rounds/views/provider-list.njk', {
        pageTitle: 'Grants you can apply for',
        open: rounds.filter((r) => r.status === 'published' && submitWindow(r, now) === 'open' && !applied.has(r.id)).map((r) => ({ ...r, href: paths.grantRounds.show.href({ id: r.id }), closes: formatDateTime(r.closesAt) })),
        applications: applications.map(({ application, round }) => ({
          round: round.title,
          title: application.projectTitle,
          href: paths.grantRounds.apply.href({ id: round.id }),
          amount: application.amountRequestedPence,
          status: round.status === 'decided' && application.decision ? (application.decision === 'awarded' ? 'Awarded: feedback ready' : 'Not funded: feedback ready') : application.status === 'draft' ? `Draft: submit by ${formatDateTime(round.closesAt)}` : 'Submitted',
        })),
      })
    }
    const rounds = await service.listRounds(db, principal.councilId)
    return reply.view('grant-rounds/views/list.njk', {
      pageTitle: 'Grant rounds',
      canCreate: can(principal, 'grant-rounds:manage'),
      settingsHref: principal.role === 'admin' ? paths.grantRounds.settings.href() : undefined,
      rows: rounds.map((r) => [
        { html: `<a class="govuk-link" href="${paths.grantRounds.show.href({ id: r.id })}">${escapeHtml(r.title)}</a>` },
        { text: r.kind === 'open' ? 'Open call' : 'By invitation' },
        { text: formatPence(r.budgetPence, { whole: true }), format: 'numeric' },
        { text: formatDateTime(r.closesAt) },
        { text: String(r.submitted), format: 'numeric' },
        { html: `<strong class="govuk-tag ${roundTag(r, now).classes}">${roundTag(r, now).text}</strong>` },
      ]),
    })
  })

  // ---------- Making a round ----------

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body, errors: FormErrors) => {
    const principal = principalOf(request)
    const settings = await service.settingsOf(db, principal.councilId)
    const providers = await listProviders(db, principal.councilId, {}, { page: 1, pageSize: 500 })
    const chosen = new Set(Array.isArray(values.invited) ? values.invited.map(String) : values.invited ? [String(values.invited)] : [])
    const eligibility = new Set(Array.isArray(values.eligibility) ? values.eligibility.map(String) : values.eligibility ? [String(values.eligibility)] : [])
    return reply.code(status).view('grant-rounds/views/new.njk', {
      pageTitle: 'Start a grant round',
      values,
      shortFormUpTo: formatPence(settings.shortFormUpToPence, { whole: true }),
      criteria: Array.from({ length: MAX_CRITERIA }, (_, i) => ({ n: i + 1, name: values[`criterion${i + 1}`] ?? '', weight: values[`weight${i + 1}`] ?? '' })),
      kindItems: [
        { value: 'open', text: 'Open call: any eligible organisation may apply', checked: values.kind === 'open' },
        { value: 'invited', text: 'By invitation: only the providers you choose', checked: values.kind === 'invited' },
      ],
      eligibilityItems: [
        { value: 'vcse', text: 'Voluntary, community and social enterprise organisations only', checked: eligibility.has('vcse') },
        { value: 'local', text: 'Organisations based in the council’s area only', checked: eligibility.has('local') },
      ],
      providerItems: providers.items.map((p) => ({ value: p.id, text: p.name, checked: chosen.has(p.id) })),
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  app.get(paths.grantRounds.create.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) =>
    renderNew(request, reply, 200, { kind: 'open', closesAt: '12:00', criterion1: 'Meets the round’s purpose', weight1: '40', criterion2: 'Difference for local people', weight2: '40', criterion3: 'Can deliver it', weight3: '20' }, NO_ERRORS),
  )

  app.post(paths.grantRounds.list.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = roundForm.safeParse(body)
    if (!parsed.success) return renderNew(request, reply, 400, body, formErrors(parsed.error, { kind: 'kind', eligibility: 'eligibility', invited: 'invited' }))
    const v = parsed.data
    const round = await db.transaction((tx) =>
      service.createRound(
        tx,
        principal.councilId,
        {
          title: v.title,
          purpose: v.purpose,
          kind: v.kind,
          budgetPence: v.budget,
          vcseOnly: v.eligibility.includes('vcse'),
          localOnly: v.eligibility.includes('local'),
          maxIncomePence: v.maxIncome,
          opensAt: londonInstant(v.opensOn, 0, 0),
          closesAt: londonInstant(v.closesOn, v.closesAt.hour, v.closesAt.minute),
          criteria: v.criteria,
          invitedProviderIds: v.kind === 'invited' ? v.invited : [],
        },
        done(request, principal),
      ),
    )
    return reply.redirect(paths.grantRounds.show.href({ id: round.id }), 303)
  })

  // ---------- A round's page ----------

  app.get(paths.grantRounds.show.pattern, { preHandler: requirePermission('grant-rounds:read', 'grant-rounds:apply-own') }, async (request, reply) => {
    const { principal, round } = await roundFor(request)
    const now = context.clock()
    const criteria = await service.criteriaOf(db, round.id)
    const common = {
      pageTitle: round.title,
      round,
      tag: roundTag(round, now),
      eligibility: eligibilityText(round),
      opens: formatDateTime(round.opensAt),
      closes: formatDateTime(round.closesAt),
      shortFormUpTo: formatPence(round.shortFormUpToPence, { whole: true }),
      criteria,
    }
    if (principal.role === 'provider') {
      const mine = principal.providerId ? await service.applicationOf(db, principal.councilId, round.id, principal.providerId) : undefined
      return reply.view('grant-rounds/views/provider-round.njk', { ...common, mine, applyHref: paths.grantRounds.apply.href({ id: round.id }), canApply: round.status === 'published' && submitWindow(round, now) === 'open' })
    }
    const [applications, invitees, declaration, declarations] = await Promise.all([
      service.applicationsOfRound(db, round),
      service.inviteesOf(db, round.id),
      service.declarationOf(db, round.id, principal.userId),
      service.declarationsOf(db, round.id),
    ])
    const submitted = applications.filter((a) => a.application.status === 'submitted')
    const saved = (request.query as { saved?: string }).saved
    return reply.view('grant-rounds/views/round.njk', {
      ...common,
      saved,
      invitees,
      canManage: can(principal, 'grant-rounds:manage'),
      canAssess: can(principal, 'grant-rounds:assess') && round.status !== 'draft',
      declaration,
      declarationCount: declarations.length,
      conflictItems: submitted.map((a) => ({ value: a.provider.id, text: a.provider.name, checked: declaration?.conflictProviderIds.includes(a.provider.id) ?? false })),
      drafts: applications.length - submitted.length,
      rows: submitted.map((a) => [
        { html: `<a class="govuk-link" href="${paths.grantRounds.application.href({ id: round.id, application: a.application.id })}">${escapeHtml(a.provider.name)}</a><br><span class="govuk-body-s">${escapeHtml(a.application.projectTitle)}</span>` },
        { text: formatPence(a.application.amountRequestedPence, { whole: true }), format: 'numeric' },
        { text: formFor(a.application.amountRequestedPence, round.shortFormUpToPence) === 'short' ? 'Short' : 'Full' },
        { text: stateText(a.state) },
        { text: a.application.decision === 'awarded' ? `Award ${formatPence(a.application.awardedPence ?? 0, { whole: true })}` : a.application.decision === 'declined' ? 'Not funded' : 'Not decided' },
      ]),
      awardedTotal: submitted.reduce((sum, a) => sum + (a.application.decision === 'awarded' ? (a.application.awardedPence ?? 0) : 0), 0),
      canDecide: round.status === 'published' && submitWindow(round, now) === 'closed' && can(principal, 'grant-rounds:manage'),
      actions: { publish: paths.grantRounds.publish.href({ id: round.id }), interests: paths.grantRounds.interests.href({ id: round.id }), decide: paths.grantRounds.decide.href({ id: round.id }), reach: paths.grantRounds.reach.href({ id: round.id }) },
      error: (request.query as { error?: string }).error,
    })
  })

  app.post(paths.grantRounds.publish.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) => {
    const { principal, round } = await roundFor(request)
    const outcome = await db.transaction((tx) => service.publishRound(tx, round, done(request, principal)))
    const to = paths.grantRounds.show.href({ id: round.id })
    if (outcome === 'published') return reply.redirect(`${to}?saved=published`, 303)
    return reply.code(400).view('grant-rounds/views/message.njk', { pageTitle: 'The round was not published', lines: [outcome === 'no-criteria' ? 'Add at least one criterion before publishing.' : 'The round is already published.'], backHref: to, backText: round.title })
  })

  app.post(paths.grantRounds.interests.pattern, { preHandler: requirePermission('grant-rounds:assess') }, async (request, reply) => {
    const { principal, round } = await roundFor(request)
    const parsed = declarationForm.safeParse(request.body ?? {})
    const to = paths.grantRounds.show.href({ id: round.id })
    if (!parsed.success) return reply.code(400).view('grant-rounds/views/message.njk', { pageTitle: 'Your declaration was not recorded', lines: parsed.error.issues.map((i) => i.message), backHref: to, backText: round.title })
    await db.transaction((tx) => service.declare(tx, round, principal.userId, parsed.data.conflicts, parsed.data.note, done(request, principal)))
    return reply.redirect(`${to}?saved=declared#interests`, 303)
  })

  // ---------- Applying (providers) ----------

  const renderApply = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body | undefined, errors: FormErrors) => {
    const { principal, round } = await roundFor(request)
    if (!principal.providerId) throw new ForbiddenError()
    const mine = await service.applicationOf(db, principal.councilId, round.id, principal.providerId)
    const now = context.clock()
    const shown: Body = values ?? (mine ? {
      projectTitle: mine.projectTitle,
      amountRequested: (mine.amountRequestedPence / 100).toFixed(2).replace(/\.00$/, ''),
      annualIncome: mine.annualIncomePence === null ? '' : (mine.annualIncomePence / 100).toFixed(2).replace(/\.00$/, ''),
      summary: mine.summary, whoBenefits: mine.whoBenefits, outcomes: mine.outcomes, budgetBreakdown: mine.budgetBreakdown, delivery: mine.delivery,
    } : {})
    const amount = Number(String(shown.amountRequested ?? '').replace(/[£,\s]/g, ''))
    const full = Number.isFinite(amount) && amount * 100 > round.shortFormUpToPence
    const decided = round.status === 'decided' && mine?.decision
    return reply.code(status).view('grant-rounds/views/apply.njk', {
      pageTitle: decided ? 'Your application: decision' : mine && mine.status !== 'draft' ? 'Your application' : `Apply to ${round.title}`,
      round,
      mine,
      decided,
      editable: (!mine || mine.status === 'draft') && round.status === 'published' && submitWindow(round, now) === 'open',
      closes: formatDateTime(round.closesAt),
      submittedAt: mine?.submittedAt ? formatDateTime(mine.submittedAt) : undefined,
      full,
      shortFormUpTo: formatPence(round.shortFormUpToPence, { whole: true }),
      values: shown,
      saved: (request.query as { saved?: string }).saved,
      roundHref: paths.grantRounds.show.href({ id: round.id }),
      action: paths.grantRounds.apply.href({ id: round.id }),
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  app.get(paths.grantRounds.apply.pattern, { preHandler: requirePermission('grant-rounds:apply-own') }, async (request, reply) => renderApply(request, reply, 200, undefined, NO_ERRORS))

  app.post(paths.grantRounds.apply.pattern, { preHandler: requirePermission('grant-rounds:apply-own') }, async (request, reply) => {
    const { principal, round } = await roundFor(request)
    if (!principal.providerId) throw new ForbiddenError()
    const body = (request.body ?? {}) as Body
    const parsed = applicationForm.safeParse(body)
    if (!parsed.success) return renderApply(request, reply, 400, body, formErrors(parsed.error))
    const { action, amountRequested, annualIncome, ...rest } = parsed.data
    const input = { ...rest, amountRequestedPence: amountRequested, annualIncomePence: annualIncome }
    const result = await db.transaction((tx) => service.saveApplication(tx, round, principal.providerId!, input, action === 'submit', done(request, principal)))
    const one = (text: string, field = 'projectTitle'): FormErrors => ({ errorList: [{ text, href: `#${field}` }], fieldErrors: { [field]: { text } } })
    switch (result.outcome) {
      case 'saved':
        return reply.redirect(`${paths.grantRounds.apply.href({ id: round.id })}?saved=draft`, 303)
      case 'submitted':
        return reply.redirect(`${paths.grantRounds.apply.href({ id: round.id })}?saved=submitted`, 303)
      case 'closed':
        return renderApply(request, reply, 400, body, one(`This round closed at ${formatDateTime(round.closesAt)}. Applications cannot be submitted or changed after the closing time`))
      case 'not-open':
        return renderApply(request, reply, 400, body, one(`This round opens at ${formatDateTime(round.opensAt)}`))
      case 'already-submitted':
        return renderApply(request, reply, 400, body, one('You have already submitted your application to this round'))
      case 'not-invited':
        throw new NotFoundError('Grant round')
      case 'incomplete':
        return renderApply(request, reply, 400, body, { errorList: result.missing.map((m) => ({ text: m.message, href: `#${m.field}` })), fieldErrors: Object.fromEntries(result.missing.map((m) => [m.field, { text: m.message }])) })
      case 'ineligible':
        return renderApply(request, reply, 400, body, { errorList: result.reasons.map((text) => ({ text, href: '#projectTitle' })), fieldErrors: {} })
    }
  })

  // ---------- Assessing one application ----------

  const renderApplication = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body, errors: FormErrors) => {
    const { principal, round, application } = await applicationFor(request)
    const [criteria, scores, declaration, applicants] = await Promise.all([
      service.criteriaOf(db, round.id),
      service.scoresOf(db, [application.id]),
      service.declarationOf(db, round.id, principal.userId),
      service.applicationsOfRound(db, round),
    ])
    const provider = applicants.find((a) => a.application.id === application.id)!.provider
    const state = service.stateOf(round, application, scores)
    const mine = scores.find((s) => s.userId === principal.userId)
    const conflicted = declaration?.conflictProviderIds.includes(application.providerId) ?? false
    const ids = { id: round.id, application: application.id }
    return reply.code(status).view('grant-rounds/views/application.njk', {
      pageTitle: `${provider.name}: ${application.projectTitle}`,
      round,
      application,
      provider,
      full: formFor(application.amountRequestedPence, round.shortFormUpToPence) === 'full',
      submittedAt: formatDateTime(application.submittedAt),
      sizeText: application.annualIncomePence === null ? 'Not given' : formatPence(application.annualIncomePence, { whole: true }),
      state,
      stateText: stateText(state),
      scores: scores.map((s, i) => ({ n: i + 1, weighted: s.weighted, comment: s.comment, mine: s.userId === principal.userId, lines: criteria.map((c) => `${c.name}: ${s.scores[c.id] ?? '–'}`) })),
      scoring: can(principal, 'grant-rounds:assess') && round.status === 'published' ? (conflicted ? 'conflicted' : !declaration ? 'undeclared' : !mine && scores.length >= 2 ? 'two-already' : 'yes') : 'no',
      criteria: criteria.map((c) => ({ ...c, items: Array.from({ length: MAX_CRITERION_SCORE + 1 }, (_, n) => ({ value: String(n), text: String(n), checked: String(values[`score-${c.id}`] ?? mine?.scores[c.id] ?? '') === String(n) })) })),
      comment: values.comment ?? mine?.comment ?? '',
      canManage: can(principal, 'grant-rounds:manage') && round.status === 'published',
      values,
      decisionItems: [
        { value: 'awarded', text: 'Award a grant', checked: (values.decision ?? application.decision) === 'awarded' },
        { value: 'declined', text: 'Do not fund', checked: (values.decision ?? application.decision) === 'declined' },
      ],
      actions: { score: paths.grantRounds.score.href(ids), moderate: paths.grantRounds.moderate.href(ids), decision: paths.grantRounds.decision.href(ids) },
      roundHref: paths.grantRounds.show.href({ id: round.id }),
      saved: (request.query as { saved?: string }).saved,
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  app.get(paths.grantRounds.application.pattern, { preHandler: requirePermission('grant-rounds:read') }, async (request, reply) => renderApplication(request, reply, 200, {}, NO_ERRORS))

  app.post(paths.grantRounds.score.pattern, { preHandler: requirePermission('grant-rounds:assess') }, async (request, reply) => {
    const { principal, round, application } = await applicationFor(request)
    const body = (request.body ?? {}) as Body
    const criteria = await service.criteriaOf(db, round.id)
    const parsed = scoreForm(criteria).safeParse(body)
    if (!parsed.success) return renderApplication(request, reply, 400, body, formErrors(parsed.error, Object.fromEntries(criteria.map((c) => [`score-${c.id}`, `score-${c.id}`]))))
    const { comment, ...raw } = parsed.data as Record<string, unknown> & { comment: string | null }
    const scores = Object.fromEntries(criteria.map((c) => [c.id, raw[`score-${c.id}`] as number]))
    const outcome = await db.transaction((tx) => service.score(tx, round, application, principal.userId, scores, comment, done(request, principal)))
    const refusals: Partial<Record<service.ScoreOutcome, [number, string]>> = {
      conflicted: [403, 'You declared a conflict of interest with this applicant, so you cannot score its application'],
      undeclared: [400, 'Declare your interests for this round before scoring'],
      'two-already': [400, 'Two assessors have already scored this application'],
      decided: [400, 'The round has been decided: scores can no longer change'],
      'not-submitted': [400, 'Only submitted applications are scored'],
      incomplete: [400, 'Score every criterion'],
    }
    const refusal = refusals[outcome]
    if (refusal) return renderApplication(request, reply, refusal[0], body, { errorList: [{ text: refusal[1], href: '#score' }], fieldErrors: {} })
    return reply.redirect(`${paths.grantRounds.application.href({ id: round.id, application: application.id })}?saved=score`, 303)
  })

  app.post(paths.grantRounds.moderate.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) => {
    const { principal, round, application } = await applicationFor(request)
    const body = (request.body ?? {}) as Body
    const parsed = moderationForm.safeParse(body)
    if (!parsed.success) return renderApplication(request, reply, 400, body, formErrors(parsed.error))
    const outcome = await db.transaction((tx) => service.moderate(tx, round, application, parsed.data.agreedScore, parsed.data.note, done(request, principal)))
    if (outcome === 'not-needed') return renderApplication(request, reply, 400, body, { errorList: [{ text: 'This application does not need moderating: it needs two scores more than the round’s gap apart', href: '#agreedScore' }], fieldErrors: {} })
    return reply.redirect(`${paths.grantRounds.application.href({ id: round.id, application: application.id })}?saved=moderated`, 303)
  })

  app.post(paths.grantRounds.decision.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) => {
    const { principal, round, application } = await applicationFor(request)
    const body = (request.body ?? {}) as Body
    const parsed = decisionForm.safeParse(body)
    if (!parsed.success) return renderApplication(request, reply, 400, body, formErrors(parsed.error, { decision: 'decision' }))
    const outcome = await db.transaction((tx) => service.decide(tx, round, application, { decision: parsed.data.decision, awardedPence: parsed.data.awarded, reason: parsed.data.reason, feedback: parsed.data.feedback }, done(request, principal)))
    if (outcome !== 'decided') {
      const text = outcome === 'not-scored' ? 'Decide once two assessors have scored and any difference is moderated' : 'The round has been decided: decisions can no longer change'
      return renderApplication(request, reply, 400, body, { errorList: [{ text, href: '#decision' }], fieldErrors: {} })
    }
    return reply.redirect(`${paths.grantRounds.application.href({ id: round.id, application: application.id })}?saved=decision`, 303)
  })

  app.post(paths.grantRounds.decide.pattern, { preHandler: requirePermission('grant-rounds:manage') }, async (request, reply) => {
    const { principal, round } = await roundFor(request)
    const result = await db.transaction((tx) => service.decideRound(tx, round, done(request, principal)))
    const to = paths.grantRounds.show.href({ id: round.id })
    if (result.outcome === 'decided') return reply.redirect(`${to}?saved=decided`, 303)
    const lines = {
      open: 'A round is decided after it closes.',
      undecided: `${result.detail} submitted ${result.detail === '1' ? 'application has' : 'applications have'} no decision yet.`,
      'over-budget': `The awards add up to ${formatPence(Number(result.detail ?? 0), { whole: true })}, more than the round’s budget of ${formatPence(round.budgetPence, { whole: true })}.`,
      already: 'The round has already been decided.',
    }[result.outcome]
    return reply.code(400).view('grant-rounds/views/message.njk', { pageTitle: 'The round was not decided', lines: [lines], backHref: to, backText: round.title })
  })

  // ---------- Equalities and reach ----------

  app.get(paths.grantRounds.reach.pattern, { preHandler: requirePermission('grant-rounds:read') }, async (request, reply) => {
    const { round } = await roundFor(request)
    const figures = await service.reach(db, round)
    const share = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((n / of) * 100)}%`)
    const LABELS: Record<string, Record<string, string>> = {
      size: { ...SIZE_BANDS },
      type: { vcse: 'VCSE', 'not-vcse': 'Not VCSE' },
      area: { local: 'In the council’s area', outside: 'Outside the area', unknown: 'No postcode' },
    }
    const groups = [
      { id: 'size', title: 'By size (annual income)' },
      { id: 'type', title: 'By type' },
      { id: 'legal-form', title: 'By legal form' },
      { id: 'area', title: 'By area' },
    ].map((g) => {
      const labels = [...new Set([...figures.round.rows, ...figures.earlier.rows].filter((r) => r.group === g.id).map((r) => r.label))]
      return {
        ...g,
        rows: labels.map((label) => {
          const now = figures.round.rows.find((r) => r.group === g.id && r.label === label) ?? { applications: 0, awards: 0 }
          const before = figures.earlier.rows.find((r) => r.group === g.id && r.label === label) ?? { applications: 0, awards: 0 }
          return [
            { text: g.id === 'legal-form' ? legalFormName(label) : (LABELS[g.id]?.[label] ?? label) },
            { text: `${now.applications} (${share(now.applications, figures.round.total)})`, format: 'numeric' },
            { text: `${now.awards} (${share(now.awards, figures.round.awarded)})`, format: 'numeric' },
            { text: share(before.applications, figures.earlier.total), format: 'numeric' },
            { text: share(before.awards, figures.earlier.awarded), format: 'numeric' },
          ]
        }),
      }
    })
    return reply.view('grant-rounds/views/reach.njk', { pageTitle: `Equalities and reach: ${round.title}`, round, figures, groups, roundHref: paths.grantRounds.show.href({ id: round.id }) })
  })
}
