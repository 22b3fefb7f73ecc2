/** Priorities pages: rounds for the public (propose, vote, results), and the officers' page that runs a round. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import { csvRecords } from '../../platform/csv.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formatPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { publicLink } from '../../platform/notify/links.ts'
import { actorOf, notifierFor } from '../stories/routes.ts'
import { ballotForm, codesForm, deliveryForm, ideaForm, MAX_IDEA_DESCRIPTION, MAX_IDEA_TITLE, overrideForm, reviewForm, roundForm } from './forms.ts'
import { DELIVERY_STATUSES, nextPhase, PHASES, phaseName, VOTING_METHODS } from './phases.ts'
import * as service from './service.ts'

type Body = Record<string, unknown>

/** The ballot's fields in the order the page shows them: the error summary lists its problems in the same order. */
const BALLOT_FIELDS = ['ideaIds', 'method', 'email', 'postcode', 'code']

/** Problems as the error summary and the fields show them: one per field, each linking to its field, in page order. */
function inPageOrder(problems: { field: string; message: string }[]): FormErrors {
  const rank = (field: string) => (BALLOT_FIELDS.includes(field) ? BALLOT_FIELDS.indexOf(field) : BALLOT_FIELDS.length)
  const fieldErrors: FormErrors['fieldErrors'] = {}
  for (const problem of [...problems].sort((a, b) => rank(a.field) - rank(b.field))) fieldErrors[problem.field] ??= { text: problem.message }
  return { fieldErrors, errorList: Object.entries(fieldErrors).map(([field, error]) => ({ text: error.text, href: `#${field}` })) }
}

/** Links in emails: absolute, on the service's public address (never the request's Host header). */
function linksFor(context: AppContext): service.Links {
  return { confirm: (token) => publicLink(context.config, paths.priorities.confirm.href({ token })), round: (id) => publicLink(context.config, paths.priorities.show.href({ id })) }
}

const phaseTag = (phase: string) => ({ text: phaseName(phase), classes: phase === 'voting' ? 'govuk-tag--green' : phase === 'ideas' ? 'govuk-tag--blue' : 'govuk-tag--grey' })

export function registerPriorityRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  const publicRound = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string }
    const round = await service.getRound(db, id)
    if (!round) throw new NotFoundError('Round')
    return round
  }
  const councilRound = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const round = await service.getRoundForCouncil(db, principal.councilId, id)
    if (!round) throw new NotFoundError('Round')
    return round
  }

  app.get(paths.priorities.list.pattern, async (request, reply) => {
    const rounds = await service.listRounds(db)
    return reply.view('priorities/views/list.njk', {
      pageTitle: 'Community priorities',
      rounds: rounds.map((r) => ({ ...r, href: paths.priorities.show.href({ id: r.id }), tag: phaseTag(r.phase) })),
      canCreate: request.principal ? can(request.principal, 'priorities:manage') : false,
    })
  })

  const renderNewRound = (reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) =>
    reply.code(status).view('priorities/views/new.njk', {
      pageTitle: 'Start a round',
      values,
      methodItems: Object.entries(VOTING_METHODS).map(([value, text]) => ({ value, text, checked: values.votingMethod === value })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })

  app.get(paths.priorities.create.pattern, { preHandler: requirePermission('priorities:manage') }, async (_request, reply) => renderNewRound(reply, 200))

  app.post(paths.priorities.list.pattern, { preHandler: requirePermission('priorities:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = roundForm.safeParse(body)
    if (!parsed.success) return renderNewRound(reply, 400, body, formErrors(parsed.error, { votingMethod: 'votingMethod' }))
    const id = await db.transaction((tx) => service.createRound(tx, principal.councilId, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(paths.priorities.manage.href({ id }), 303)
  })

  app.get(paths.priorities.show.pattern, async (request, reply) => {
    const round = await publicRound(request)
    const ideas = await service.submittedIdeas(db, round.id)
    const manage = request.principal && request.principal.councilId === round.councilId && can(request.principal, 'priorities:manage')
    return reply.view('priorities/views/show.njk', {
      pageTitle: round.title,
      round,
      tag: phaseTag(round.phase),
      method: VOTING_METHODS[round.votingMethod as keyof typeof VOTING_METHODS],
      phases: PHASES.map((p) => ({ ...p, current: p.code === round.phase, done: PHASES.findIndex((q) => q.code === round.phase) > PHASES.findIndex((q) => q.code === p.code) })),
      ideas: ideas.map((idea) => ({ ...idea, feasibilityText: idea.feasibility === 'feasible' ? `Can be done, for about ${formatPence(idea.costPence ?? 0, { whole: true })}` : idea.feasibility === 'not-feasible' ? 'Cannot be done' : undefined })),
      proposeHref: round.phase === 'ideas' ? paths.priorities.newIdea.href({ id: round.id }) : undefined,
      voteHref: round.phase === 'voting' ? paths.priorities.vote.href({ id: round.id }) : undefined,
      resultsHref: round.phase === 'results' || round.phase === 'delivery' ? paths.priorities.results.href({ id: round.id }) : undefined,
      manageHref: manage ? paths.priorities.manage.href({ id: round.id }) : undefined,
    })
  })

  // ---------- Ideas ----------

  const renderIdeaForm = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const round = await publicRound(request)
    return reply.code(status).view('priorities/views/idea.njk', {
      pageTitle: 'Propose an idea',
      round,
      open: round.phase === 'ideas',
      values,
      maxTitle: MAX_IDEA_TITLE,
      maxDescription: MAX_IDEA_DESCRIPTION,
      action: paths.priorities.ideas.href({ id: round.id }),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.priorities.newIdea.pattern, async (request, reply) => renderIdeaForm(request, reply, 200))

  app.post(paths.priorities.ideas.pattern, async (request, reply) => {
    const round = await publicRound(request)
    const body = (request.body ?? {}) as Body
    if (round.phase !== 'ideas') return renderIdeaForm(request, reply, 400, body, singleError('title', 'This round is not taking ideas now'))
    const parsed = ideaForm.safeParse(body)
    if (!parsed.success) return renderIdeaForm(request, reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) => service.proposeIdea(tx, round, parsed.data, { now: context.clock(), clientAddress: request.ip, notifier: notifierFor(request, context), links: linksFor(context) }))
    if (result.outcome === 'wrong-phase') return renderIdeaForm(request, reply, 400, body, singleError('title', 'This round is not taking ideas now'))
    if (result.outcome === 'rate-limited') return renderIdeaForm(request, reply, 429, body, singleError('title', 'You have proposed a lot of ideas today. Wait a day, then try again'))
    return reply.view('priorities/views/message.njk', { pageTitle: 'Check your email to confirm your idea', lines: [`We have sent an email to ${parsed.data.email}.`, 'Open the link in it within 7 days to add your idea to the round. Nothing is shown until you do.'], backHref: paths.priorities.show.href({ id: round.id }), backText: `Back to ${round.title}` })
  })

  // ---------- Confirmation links (ideas and ballots) ----------

  app.get(paths.priorities.confirm.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const found = await service.findConfirmation(db, token)
    const expired = found && !found.done && found.expiresAt !== null && found.expiresAt < context.clock()
    if (!found || expired) {
      return reply.code(400).view('priorities/views/message.njk', { pageTitle: 'This link does not work', lines: [expired ? 'The link has expired: links last 7 days.' : 'The link may be incomplete or out of date. Check you copied the whole link from the email.'], backHref: paths.priorities.list.href(), backText: 'Community priorities' })
    }
    return reply.view('priorities/views/confirm.njk', { pageTitle: found.kind === 'idea' ? 'Confirm your idea' : 'Confirm your vote', found, action: paths.priorities.confirm.href({ token }), roundHref: paths.priorities.show.href({ id: found.roundId }) })
  })

  app.post(paths.priorities.confirm.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const result = await db.transaction((tx) => service.confirm(tx, token, context.clock()))
    const messages: Record<string, [number, string, string]> = {
      'idea-confirmed': [200, 'Your idea has been added', 'Council officers will review it: whether it can be done and what it would cost.'],
      'ballot-counted': [200, 'Your vote has been counted', 'Thank you. The results are published here when voting closes.'],
      'already-confirmed': [200, 'You have already confirmed this', 'Nothing more to do: it counts once.'],
      invalid: [400, 'This link does not work', 'The link may be incomplete or out of date.'],
      expired: [400, 'This link does not work', 'The link has expired: links last 7 days.'],
      'voting-closed': [400, 'Voting has closed', 'Your vote was not confirmed before voting closed, so it has not been counted.'],
    }
    const [status, title, line] = messages[result.outcome]!
    const roundId = 'roundId' in result ? result.roundId : undefined
    return reply.code(status).view('priorities/views/message.njk', { pageTitle: title, lines: [line], backHref: roundId ? paths.priorities.show.href({ id: roundId }) : paths.priorities.list.href(), backText: 'Back to the round' })
  })

  // ---------- Voting ----------

  const renderVote = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const round = await publicRound(request)
    const ideas = round.phase === 'voting' ? await service.ballotIdeas(db, round.id) : []
    const chosen = new Set([values.ideaIds].flat().filter((v): v is string => typeof v === 'string'))
    return reply.code(status).view('priorities/views/vote.njk', {
      pageTitle: `Vote: ${round.title}`,
      round,
      open: round.phase === 'voting',
      budget: round.votingMethod === 'budget',
      chosenPence: ideas.filter((idea) => chosen.has(idea.id)).reduce((sum, idea) => sum + idea.costPence, 0),
      ideaItems: ideas.map((idea) => ({ value: idea.id, attributes: { 'data-cost-pence': String(idea.costPence) }, text: `${idea.title} – ${formatPence(idea.costPence, { whole: true })}`, hint: { text: idea.description.length > 300 ? `${idea.description.slice(0, 300)}…` : idea.description }, checked: chosen.has(idea.id) })),
      methodValue: values.method,
      values,
      action: paths.priorities.vote.href({ id: round.id }),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.priorities.vote.pattern, async (request, reply) => renderVote(request, reply, 200))

  app.post(paths.priorities.vote.pattern, async (request, reply) => {
    const round = await publicRound(request)
    const body = (request.body ?? {}) as Body
    if (round.phase !== 'voting') return renderVote(request, reply, 400, body, singleError('ideaIds', 'Voting is not open in this round'))
    const parsed = ballotForm.safeParse(body)
    const method = parsed.success ? parsed.data.method : typeof body.method === 'string' && body.method ? body.method : typeof body.code === 'string' && body.code.trim() ? 'code' : 'email'
    const errors: Record<string, [string, string]> = {
      'wrong-phase': ['ideaIds', 'Voting is not open in this round'],
      'already-voted': [method === 'code' ? 'code' : 'email', 'You have already voted in this round: each person can vote once'],
      'unknown-ideas': ['ideaIds', 'Choose ideas from the list'],
      'over-budget': ['ideaIds', `The ideas you chose cost more than the budget of ${formatPence(round.budgetPence, { whole: true })}: take some out`],
      'outside-area': ['postcode', `Enter a postcode in ${round.councilName}’s area: only people who live there can vote`],
      'bad-code': ['code', 'That code is not right, or has already been used. Check it against your letter'],
      'rate-limited': ['ideaIds', 'Too many votes have come from your connection today. Wait a day, then try again'],
    }
    // Every mistake at once, as the GOV.UK error summary asks: the form's own, and the ballot's against the round
    // (ideas over the budget, a postcode outside the area) that can be known before anything is stored. Only what
    // storing finds (a used code, a second vote, too many votes from one connection) comes after.
    const formProblems = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'ideaIds'), message: issue.message }))
    const invalid = new Set(formProblems.map((p) => p.field))
    const roundProblems = await service.ballotProblems(db, round, {
      ideaIds: [body.ideaIds].flat().filter((v): v is string => typeof v === 'string' && v !== ''),
      postcode: method === 'email' && !invalid.has('postcode') && typeof body.postcode === 'string' ? body.postcode : undefined,
    })
    const problems = [...formProblems, ...roundProblems.map((outcome) => ({ field: errors[outcome]![0], message: errors[outcome]![1] }))]
    if (!parsed.success || problems.length > 0) return renderVote(request, reply, 400, body, inPageOrder(problems))
    const result = await db.transaction((tx) => service.castBallot(tx, round, parsed.data, { now: context.clock(), clientAddress: request.ip, notifier: notifierFor(request, context), links: linksFor(context) }))
    const error = errors[result.outcome]
    if (error) return renderVote(request, reply, result.outcome === 'rate-limited' ? 429 : 400, body, singleError(error[0], error[1]))
    if (result.outcome === 'counted') {
      return reply.view('priorities/views/message.njk', { pageTitle: 'Your vote has been counted', lines: ['Thank you. The results are published here when voting closes.'], backHref: paths.priorities.show.href({ id: round.id }), backText: `Back to ${round.title}` })
    }
    return reply.view('priorities/views/message.njk', { pageTitle: 'Check your email to confirm your vote', lines: ['We have sent you an email. Your vote counts once you open the link in it, while voting is open.'], backHref: paths.priorities.show.href({ id: round.id }), backText: `Back to ${round.title}` })
  })

  // ---------- Results ----------

  app.get(paths.priorities.results.pattern, async (request, reply) => {
    const round = await publicRound(request)
    const published = round.phase === 'results' || round.phase === 'delivery'
    const result = published ? await service.results(db, round) : undefined
    const linked = result ? await service.linkedRecords(db, [...result.ideas.values()]) : undefined
    return reply.view('priorities/views/results.njk', {
      pageTitle: `Results: ${round.title}`,
      round,
      published,
      budgetText: formatPence(round.budgetPence, { whole: true }),
      method: round.votingMethod,
      ballots: result?.tally.ballots ?? 0,
      spentText: result ? formatPence([...result.winners].reduce((sum, id) => sum + (result.ideas.get(id)?.costPence ?? 0), 0), { whole: true }) : '',
      rows: (result?.tally.rows ?? []).map((row) => {
        const idea = result!.ideas.get(row.idea.id)!
        const project = idea.projectId ? linked!.projects.get(idea.projectId) : undefined
        const grant = idea.grantId ? linked!.grants.get(idea.grantId) : undefined
        return {
          rank: row.rank,
          title: row.idea.title,
          votes: row.votes,
          cost: formatPence(row.idea.costPence, { whole: true }),
          byRule: row.funded,
          winner: result!.winners.has(row.idea.id),
          override: idea.winnerOverride === null ? undefined : { winner: idea.winnerOverride, reason: idea.overrideReason },
          delivery: DELIVERY_STATUSES[idea.deliveryStatus as keyof typeof DELIVERY_STATUSES] ?? idea.deliveryStatus,
          deliveryNote: idea.deliveryNote,
          deliveredBy: project ? `Commissioning project: ${project.title} (stage: ${project.stage})` : grant ? `Grant: ${grant.title} (${formatPence(grant.amountAwardedPence, { whole: true })})` : undefined,
        }
      }),
      csvHref: paths.priorities.ballots.href({ id: round.id }),
      roundHref: paths.priorities.show.href({ id: round.id }),
    })
  })

  app.get(paths.priorities.ballots.pattern, async (request, reply) => {
    const round = await publicRound(request)
    if (round.phase !== 'results' && round.phase !== 'delivery') {
      return reply.code(409).type('text/plain; charset=utf-8').send('The ballots are published with the results, when voting closes.')
    }
    const [ballots, ideas] = await Promise.all([service.countedBallots(db, round.id), service.ballotIdeas(db, round.id)])
    const titles = new Map(ideas.map((idea) => [idea.id, idea.title]))
    // Anonymised: a ballot number in an order unrelated to when or by whom it was cast, and the ideas it chose.
    const records = ballots.flatMap((ballot, index) => ballot.ideaIds.map((ideaId) => ({ ballot: index + 1, verified_by: ballot.verifiedBy, idea_id: ideaId, idea_title: titles.get(ideaId) ?? '' })))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ballots-${round.id}.csv"`)
      .send(csvRecords(['ballot', 'verified_by', 'idea_id', 'idea_title'], records))
  })

  // ---------- Officers ----------

  const renderManage = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const round = await councilRound(request)
    const [ideas, codes, choices] = await Promise.all([service.allIdeas(db, round.id), service.codeCounts(db, round.id), service.deliveryChoices(db, round.councilId)])
    const result = round.phase === 'results' || round.phase === 'delivery' ? await service.results(db, round) : undefined
    const next = nextPhase(round.phase)
    const saved = (request.query as Record<string, unknown>).saved
    return reply.code(status).view('priorities/views/manage.njk', {
      pageTitle: `Run the round: ${round.title}`,
      round,
      tag: phaseTag(round.phase),
      nextPhase: next ? phaseName(next) : undefined,
      reviewing: round.phase === 'ideas' || round.phase === 'review',
      deciding: Boolean(result),
      ideas: ideas.map((idea) => ({
        ...idea,
        costText: idea.costPence === null ? '' : (idea.costPence / 100).toFixed(2),
        votes: result?.tally.rows.find((r) => r.idea.id === idea.id)?.votes,
        winner: result?.winners.has(idea.id),
        linkItems: [
          { value: '', text: 'Not linked yet' },
          ...choices.projects.map((p) => ({ value: `project:${p.id}`, text: `Project: ${p.title}`, selected: idea.projectId === p.id })),
          ...choices.grants.map((g) => ({ value: `grant:${g.id}`, text: `Grant: ${g.title}`, selected: idea.grantId === g.id })),
        ],
        statusItems: Object.entries(DELIVERY_STATUSES).map(([value, text]) => ({ value, text, selected: idea.deliveryStatus === value })),
      })),
      codes,
      saved: typeof saved === 'string' ? saved : undefined,
      values,
      actions: { phase: paths.priorities.phase.href({ id: round.id }), review: paths.priorities.review.href({ id: round.id }), codes: paths.priorities.codes.href({ id: round.id }), override: paths.priorities.override.href({ id: round.id }), delivery: paths.priorities.delivery.href({ id: round.id }) },
      roundHref: paths.priorities.show.href({ id: round.id }),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  const manager = { preHandler: requirePermission('priorities:manage') }
  app.get(paths.priorities.manage.pattern, manager, async (request, reply) => renderManage(request, reply, 200))

  app.post(paths.priorities.phase.pattern, manager, async (request, reply) => {
    const principal = principalOf(request)
    const round = await councilRound(request)
    const body = (request.body ?? {}) as Body
    if (body.confirm !== 'yes') return renderManage(request, reply, 400, body, singleError('confirm', 'Tick the box to confirm you want to move the round on'))
    const next = await db.transaction((tx) => service.moveToNextPhase(tx, round, { actor: actorOf(request, principal), now: context.clock() }))
    if (!next) return renderManage(request, reply, 400, body, singleError('confirm', 'The round is in its last phase'))
    return reply.redirect(`${paths.priorities.manage.href({ id: round.id })}?saved=phase`, 303)
  })

  app.post(paths.priorities.review.pattern, manager, async (request, reply) => {
    const principal = principalOf(request)
    const round = await councilRound(request)
    const body = (request.body ?? {}) as Body
    const parsed = reviewForm.safeParse(body)
    if (!parsed.success) return renderManage(request, reply, 400, body, formErrors(parsed.error, { feasibility: `feasibility-${String(body.ideaId ?? '')}`, cost: `cost-${String(body.ideaId ?? '')}`, ideaId: 'ideas' }))
    const result = await db.transaction((tx) => service.reviewIdea(tx, round, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    if (result === 'not-found') return renderManage(request, reply, 400, body, singleError('ideaId', 'Choose an idea from the list', 'ideas'))
    if (result === 'wrong-phase') return renderManage(request, reply, 400, body, singleError('ideaId', 'Ideas can be reviewed only before voting opens', 'ideas'))
    return reply.redirect(`${paths.priorities.manage.href({ id: round.id })}?saved=review`, 303)
  })

  app.post(paths.priorities.codes.pattern, manager, async (request, reply) => {
    const principal = principalOf(request)
    const round = await councilRound(request)
    const body = (request.body ?? {}) as Body
    const parsed = codesForm.safeParse(body)
    if (!parsed.success) return renderManage(request, reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) => service.addCodes(tx, round, parsed.data.codes, { actor: actorOf(request, principal), now: context.clock() }))
    if (result.total === 0) return renderManage(request, reply, 400, body, singleError('codes', 'No codes found: put one code on each line, 4 to 64 letters and numbers'))
    return reply.redirect(`${paths.priorities.manage.href({ id: round.id })}?saved=codes-${result.added}`, 303)
  })

  app.post(paths.priorities.override.pattern, manager, async (request, reply) => {
    const principal = principalOf(request)
    const round = await councilRound(request)
    const body = (request.body ?? {}) as Body
    const parsed = overrideForm.safeParse(body)
    if (!parsed.success) return renderManage(request, reply, 400, body, formErrors(parsed.error, { reason: `reason-${String(body.ideaId ?? '')}`, winner: `winner-${String(body.ideaId ?? '')}`, ideaId: 'ideas' }))
    const result = await db.transaction((tx) => service.overrideWinner(tx, round, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    if (result !== 'saved') return renderManage(request, reply, 400, body, singleError('ideaId', result === 'wrong-phase' ? 'Results can be changed only once votes are counted' : 'Choose an idea from the ballot', 'ideas'))
    return reply.redirect(`${paths.priorities.manage.href({ id: round.id })}?saved=override`, 303)
  })

  app.post(paths.priorities.delivery.pattern, manager, async (request, reply) => {
    const principal = principalOf(request)
    const round = await councilRound(request)
    const body = (request.body ?? {}) as Body
    const parsed = deliveryForm.safeParse(body)
    if (!parsed.success) return renderManage(request, reply, 400, body, formErrors(parsed.error, { ideaId: 'ideas', status: `status-${String(body.ideaId ?? '')}` }))
    const result = await db.transaction((tx) => service.recordDelivery(tx, round, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    if (result !== 'saved') {
      const message = { 'not-found': 'Choose an idea from the ballot', 'bad-link': 'Choose a project or grant from the list', 'wrong-phase': 'Delivery can be recorded once results are out' }[result]
      return renderManage(request, reply, 400, body, singleError('ideaId', message, 'ideas'))
    }
    return reply.redirect(`${paths.priorities.manage.href({ id: round.id })}?saved=delivery`, 303)
  })
}
