/**
 * Market engagement's pages (ADR 0053). Staff: the council's engagements, opening one on a pipeline entry, one
 * engagement with who is interested (size, sector, locality from the provider register, and stated capacity) and
 * the CSV of the same, and what the UK2 notice needs. A provider: the council's open engagements on its own page,
 * and the form that registers its interest and answers. Another provider's pages are "not found" to a provider.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import { csvDocument } from '../../platform/csv.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { escapeHtml as escape } from '../../platform/http/html.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { dateField, dateParts, text, toFormErrors, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import { findCouncilById } from '../councils/service.ts'
import { pipelineOf } from '../pipeline/service.ts'
import { actorOf } from '../providers/routes.ts'
import { getProvider, type ProviderRecord } from '../providers/service.ts'
import { legalFormName, SUPPLIER_FLAGS } from '../providers/vocabulary.ts'
import { idOf, queryId } from '../social-value/ids.ts'
import { isOpen, MAX_QUESTIONS, MAX_TEXT, parseQuestion, uk2Guidance } from './rules.ts'
import type { EngagementQuestion } from './schema.ts'
import * as service from './service.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const QUESTION_BOXES = 5

/** The register's words for a provider's size, sector and locality: what the commissioner compares. */
export function profileOf(p: ProviderRecord, councilGss: string | null) {
  const flags = SUPPLIER_FLAGS.filter((f) => p[f.column]).map((f) => f.name)
  return {
    size: p.isSme ? 'SME' : 'Not an SME',
    sector: [legalFormName(p.legalForm), ...flags.filter((f) => f !== 'SME')].join('; '),
    locality: [p.town, p.postcode].filter(Boolean).join(', ') || 'No address in the register',
    servesArea: councilGss !== null && p.areasServed.includes(councilGss),
  }
}

const answerText = (q: EngagementQuestion, answers: Record<string, string>) => answers[q.id] ?? ''

export function registerMarketEngagementRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())

  // ---------- the council's engagements ----------

  app.get(paths.marketEngagement.list.pattern, { preHandler: requirePermission('market:read', 'market-engagement:respond-own') }, async (request, reply) => {
    const principal = principalOf(request)
    // A provider's navigation leads here: its own page is the one it needs.
    if (!can(principal, 'market:read')) {
      if (!principal.providerId) throw new NotFoundError('Provider')
      return reply.redirect(paths.marketEngagement.provider.href({ id: principal.providerId }), 303)
    }
    const council = await findCouncilById(db, principal.councilId)
    const list = await service.listEngagements(db, principal.councilId)
    const now = today()
    return reply.view('market-engagement/views/list.njk', {
      pageTitle: 'Market engagement',
      pipelineHref: council ? paths.pipeline.page.href({ council: council.code }) : undefined,
      canOpen: can(principal, 'market:write'),
      table: {
        caption: 'Preliminary market engagement',
        captionClasses: 'govuk-visually-hidden',
        head: [{ text: 'Opportunity' }, { text: 'Status' }, { text: 'Closes' }, { text: 'Providers interested', format: 'numeric' }],
        rows: list.map((e) => [
          { html: `<a class="govuk-link" href="${paths.marketEngagement.show.href({ id: e.id })}">${escape(e.title)}</a>` },
          { html: isOpen(e, now) ? '<strong class="govuk-tag govuk-tag--green">Open</strong>' : '<strong class="govuk-tag govuk-tag--grey">Closed</strong>' },
          { text: formatDate(e.closesOn) },
          { text: String(e.responses), format: 'numeric' },
        ]),
      },
      empty: list.length === 0,
    })
  })

  // ---------- opening engagement on a pipeline entry ----------

  /** Engagement opens from an entry of the pipeline; without one, the commissioner is sent there to choose. */
  const pipelineOfPrincipal = async (request: FastifyRequest) => {
    const council = await findCouncilById(db, principalOf(request).councilId)
    if (!council) throw new NotFoundError('Pipeline')
    return paths.pipeline.page.href({ council: council.code })
  }

  const entryFor = async (request: FastifyRequest, body?: FormBody) => {
    const principal = principalOf(request)
    const id = body ? (typeof body.entry === 'string' ? body.entry : '') : (queryId(request, 'entry') ?? '')
    const pipeline = await pipelineOf(db, principal.councilId, today())
    const entry = pipeline.entries.find((e) => e.id === id)
    if (!entry) throw new NotFoundError('Pipeline entry')
    return { principal, entry }
  }

  const renderOpen = (reply: FastifyReply, status: number, f: Awaited<ReturnType<typeof entryFor>>, values: FormBody, errors: FormErrors) => {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
    const closes = dateParts(null)
    return reply.code(status).view('market-engagement/views/open.njk', {
      pageTitle: 'Open market engagement',
      caption: f.entry.title,
      backHref: paths.marketEngagement.list.href(),
      action: paths.marketEngagement.open.href(),
      entry: f.entry.id,
      errorList: errors.errorList,
      purpose: { id: 'purpose', name: 'purpose', value: str('purpose'), rows: 4, label: { text: 'What the council wants to learn from providers', classes: 'govuk-label--s' }, hint: { text: 'Providers read this first. For example: how the service could be shaped, what it would cost, and who could deliver it.' }, errorMessage: errors.fieldErrors.purpose },
      closesOn: {
        id: 'closesOn',
        namePrefix: 'closesOn',
        fieldset: { legend: { text: 'Last day to register interest', classes: 'govuk-fieldset__legend--s' } },
        hint: { text: 'For example, 31 1 2027' },
        errorMessage: errors.fieldErrors.closesOn,
        items: (['day', 'month', 'year'] as const).map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors.fieldErrors.closesOn ? ' govuk-input--error' : ''}`, value: str(`closesOn-${part}`) || closes[part] })),
      },
      questions: Array.from({ length: QUESTION_BOXES }, (_, i) => ({
        id: `question${i + 1}`,
        name: `question${i + 1}`,
        value: str(`question${i + 1}`),
        rows: 3,
        label: { text: `Question ${i + 1}${i === 0 ? '' : ' (optional)'}`, classes: 'govuk-label--s' },
        ...(i === 0 ? { hint: { text: 'For a multiple-choice question, put each choice on its own line after the question, starting with "- ". Without choices, providers answer in their own words.' } } : {}),
        errorMessage: errors.fieldErrors[`question${i + 1}`],
      })),
    })
  }

  app.get(paths.marketEngagement.open.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    if ((request.query as Record<string, unknown>).entry === undefined) return reply.redirect(await pipelineOfPrincipal(request), 303)
    const f = await entryFor(request)
    const existing = await service.engagementForSubject(db, f.principal.councilId, f.entry.kind, f.entry.id)
    if (existing) return reply.redirect(paths.marketEngagement.show.href({ id: existing.id }), 303)
    return renderOpen(reply, 200, f, {}, NO_ERRORS)
  })

  app.post(paths.marketEngagement.open.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody
    if (body.entry === undefined) return reply.redirect(await pipelineOfPrincipal(request), 303)
    const f = await entryFor(request, body)
    const existing = await service.engagementForSubject(db, f.principal.councilId, f.entry.kind, f.entry.id)
    if (existing) return reply.redirect(paths.marketEngagement.show.href({ id: existing.id }), 303)
    const issues: FieldIssue[] = []
    const purpose = text(body, 'purpose')
    if (!purpose) issues.push({ field: 'purpose', message: 'Enter what the council wants to learn from providers' })
    else if (purpose.length > MAX_TEXT) issues.push({ field: 'purpose', message: 'Keep the purpose to 2,000 characters or fewer' })
    const closesOn = dateField(body, 'closesOn', 'The last day to register interest', issues, true)
    if (closesOn && closesOn < today()) issues.push({ field: 'closesOn', message: 'The last day to register interest must be today or later' })
    const questions: { text: string; choices: string[] }[] = []
    for (let i = 1; i <= QUESTION_BOXES; i++) {
      const parsed = parseQuestion(text(body, `question${i}`))
      if (parsed === null) continue
      if ('problem' in parsed) issues.push({ field: `question${i}`, message: `Question ${i}: ${parsed.problem}` })
      else questions.push(parsed)
    }
    if (questions.length === 0 && !issues.some((i) => i.field.startsWith('question'))) issues.push({ field: 'question1', message: 'Enter at least one question for providers' })
    if (questions.length > MAX_QUESTIONS) issues.push({ field: 'question1', message: `Ask ${MAX_QUESTIONS} questions or fewer` })
    if (issues.length || !closesOn) return renderOpen(reply, 400, f, body, toFormErrors(issues, { closesOn: 'closesOn-day' }))
    const row = await db.transaction((tx) =>
      service.openEngagement(tx, { councilId: f.principal.councilId, subject: { kind: f.entry.kind, id: f.entry.id, title: f.entry.title }, purpose, questions, closesOn, actor: actorOf(request, f.principal), now: context.clock() }),
    )
    return reply.redirect(paths.marketEngagement.show.href({ id: row.id }), 303)
  })

  // ---------- one engagement: who is interested ----------

  const found = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const engagement = await service.engagementById(db, principal.councilId, idOf(request))
    if (!engagement) throw new NotFoundError('Market engagement')
    return { principal, engagement }
  }

  app.get(paths.marketEngagement.show.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const { principal, engagement } = await found(request)
    const council = await findCouncilById(db, principal.councilId)
    const responses = await service.responsesOf(db, principal.councilId, engagement.id)
    const open = isOpen(engagement, today())
    const uk2 = uk2Guidance(responses.length)
    return reply.view('market-engagement/views/engagement.njk', {
      pageTitle: engagement.title,
      backHref: paths.marketEngagement.list.href(),
      open,
      summary: {
        rows: [
          { key: { text: 'Status' }, value: { html: open ? '<strong class="govuk-tag govuk-tag--green">Open</strong>' : '<strong class="govuk-tag govuk-tag--grey">Closed</strong>' } },
          { key: { text: 'In the pipeline' }, value: { html: council ? `<a class="govuk-link" href="${paths.pipeline.page.href({ council: council.code })}#${engagement.subjectId}">${escape(engagement.title)}<span class="govuk-visually-hidden">: pipeline entry</span></a>` : escape(engagement.title) } },
          { key: { text: 'What the council wants to learn' }, value: { text: engagement.purpose } },
          { key: { text: 'Opened' }, value: { text: `${formatDate(engagement.openedAt)} by ${engagement.openedBy}` } },
          { key: { text: open ? 'Closes' : 'Closed' }, value: { text: formatDate(engagement.closedAt ?? engagement.closesOn) } },
          { key: { text: 'Questions' }, value: { html: `<ol class="govuk-list govuk-list--number">${engagement.questions.map((q) => `<li>${escape(q.text)}${q.choices.length ? ` <span class="govuk-body-s">(choose one of: ${q.choices.map(escape).join('; ')})</span>` : ''}</li>`).join('')}</ol>` } },
        ],
      },
      interested: {
        caption: `${responses.length} ${responses.length === 1 ? 'provider has' : 'providers have'} registered interest`,
        captionClasses: 'govuk-table__caption--m',
        head: [{ text: 'Provider' }, { text: 'Size' }, { text: 'Sector' }, { text: 'Locality' }, { text: 'Stated capacity' }],
        rows: responses.map(({ provider, response }) => {
          const p = profileOf(provider, council?.gssCode ?? null)
          return [
            { html: `<a class="govuk-link" href="${paths.marketEngagement.provider.href({ id: provider.id })}">${escape(provider.name)}</a>` },
            { text: p.size },
            { text: p.sector },
            { text: `${p.locality}${p.servesArea ? ' (serves the council’s area)' : ''}` },
            { text: response.capacity },
          ]
        }),
      },
      answers: engagement.questions.map((q) => ({
        question: q.text,
        rows: responses.map(({ provider, response }) => ({ key: { text: provider.name }, value: { text: answerText(q, response.answers) || 'No answer' } })),
      })),
      hasResponses: responses.length > 0,
      csv: paths.marketEngagement.csv.href({ id: engagement.id }),
      canClose: open && can(principal, 'market:write'),
      closeAction: paths.marketEngagement.close.href({ id: engagement.id }),
      uk2: {
        text: uk2.text,
        rows: [
          { key: { text: 'Notice' }, value: { text: 'UK2: preliminary market engagement notice' } },
          { key: { text: 'Publish' }, value: { text: 'Before the tender notice for this procurement' } },
          { key: { text: 'Engagement ran' }, value: { text: `${formatDate(engagement.openedAt)} to ${formatDate(engagement.closedAt ?? engagement.closesOn)}` } },
          { key: { text: 'Providers who took part' }, value: { text: String(responses.length) } },
          { key: { text: 'Of which SMEs' }, value: { text: String(responses.filter((r) => r.provider.isSme).length) } },
          { key: { text: 'Of which VCSEs' }, value: { text: String(responses.filter((r) => r.provider.isVcse).length) } },
        ],
      },
    })
  })

  app.get(paths.marketEngagement.csv.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const { principal, engagement } = await found(request)
    const council = await findCouncilById(db, principal.councilId)
    const responses = await service.responsesOf(db, principal.councilId, engagement.id)
    const csv = csvDocument(
      ['Provider', 'Size', 'Sector', 'Locality', 'Serves the council’s area', 'Stated capacity', ...engagement.questions.map((q) => q.text), 'Sent by', 'Sent at'],
      responses.map(({ provider, response }) => {
        const p = profileOf(provider, council?.gssCode ?? null)
        return [provider.name, p.size, p.sector, p.locality, p.servesArea ? 'Yes' : 'No', response.capacity, ...engagement.questions.map((q) => answerText(q, response.answers)), response.submittedBy, response.submittedAt.toISOString()]
      }),
    )
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="market-engagement-${engagement.id}.csv"`).send(csv)
  })

  app.post(paths.marketEngagement.close.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const { principal, engagement } = await found(request)
    if (engagement.status === 'open') await db.transaction((tx) => service.closeEngagement(tx, principal.councilId, engagement, actorOf(request, principal), context.clock()))
    return reply.redirect(paths.marketEngagement.show.href({ id: engagement.id }), 303)
  })

  /** From the public pipeline: a signed-in provider goes to its own form for the engagement. */
  app.get(paths.marketEngagement.takePart.pattern, { preHandler: requirePermission('market:read', 'market-engagement:respond-own') }, async (request, reply) => {
    const { principal, engagement } = await found(request)
    if (!can(principal, 'market-engagement:respond-own') || !principal.providerId) return reply.redirect(paths.marketEngagement.show.href({ id: engagement.id }), 303)
    return reply.redirect(paths.marketEngagement.respond.href({ id: principal.providerId, engagement: engagement.id }), 303)
  })

  // ---------- the provider's side ----------

  const providerFor = async (request: FastifyRequest, own: boolean) => {
    const principal = principalOf(request)
    const id = idOf(request)
    const isOwn = can(principal, 'market-engagement:respond-own') && principal.providerId === id
    if (own ? !isOwn : !isOwn && !can(principal, 'market:read')) throw new NotFoundError('Provider')
    const provider = await getProvider(db, principal.councilId, id)
    if (!provider) throw new NotFoundError('Provider')
    return { principal, provider, isOwn }
  }

  app.get(paths.marketEngagement.provider.pattern, { preHandler: requirePermission('market:read', 'market-engagement:respond-own') }, async (request, reply) => {
    const { principal, provider, isOwn } = await providerFor(request, false)
    const [list, mine, council] = await Promise.all([service.listEngagements(db, principal.councilId), service.responsesOfProvider(db, principal.councilId, provider.id), findCouncilById(db, principal.councilId)])
    const now = today()
    // The provider sees what it may still take part in and what it has answered; staff see what it has answered.
    const shown = list.filter((e) => mine.has(e.id) || (isOwn && isOpen(e, now)))
    return reply.view('market-engagement/views/provider.njk', {
      pageTitle: isOwn ? 'Market engagement: opportunities to shape' : `Market engagement: ${provider.name}`,
      caption: provider.name,
      isOwn,
      providerHref: paths.providers.show.href({ id: provider.id }),
      digestHref: isOwn ? paths.opportunityDigests.choices.href({ id: provider.id }) : undefined,
      pipelineHref: council ? paths.pipeline.page.href({ council: council.code }) : undefined,
      saved: (request.query as Record<string, unknown>).saved === '1',
      table: {
        caption: 'Market engagement',
        captionClasses: 'govuk-visually-hidden',
        head: [{ text: 'Opportunity' }, { text: 'Closes' }, { text: 'Your interest' }],
        rows: shown.map((e) => {
          const responded = mine.get(e.id)
          const open = isOpen(e, now)
          const href = isOwn ? paths.marketEngagement.respond.href({ id: provider.id, engagement: e.id }) : paths.marketEngagement.show.href({ id: e.id })
          const verb = isOwn ? (open ? (responded ? 'Change your answers' : 'Register interest') : 'See your answers') : 'Open'
          return [
            { html: `<a class="govuk-link" href="${href}">${escape(e.title)}<span class="govuk-visually-hidden">: ${verb.toLowerCase()}</span></a>` },
            { text: open ? formatDate(e.closesOn) : 'Closed' },
            { html: responded ? `<strong class="govuk-tag govuk-tag--green">Registered</strong> <span class="govuk-body-s">${escape(formatDate(responded.submittedAt))}</span>` : '<strong class="govuk-tag govuk-tag--blue">Not registered</strong>' },
          ]
        }),
      },
      empty: shown.length === 0,
    })
  })

  const renderRespond = (reply: FastifyReply, status: number, f: { provider: ProviderRecord; engagement: service.Engagement; open: boolean }, values: FormBody, errors: FormErrors) => {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
    return reply.code(status).view('market-engagement/views/respond.njk', {
      pageTitle: f.engagement.title,
      caption: `Market engagement: ${f.provider.name}`,
      backHref: paths.marketEngagement.provider.href({ id: f.provider.id }),
      open: f.open,
      purpose: f.engagement.purpose,
      closes: formatDate(f.engagement.closedAt ?? f.engagement.closesOn),
      action: paths.marketEngagement.respond.href({ id: f.provider.id, engagement: f.engagement.id }),
      errorList: errors.errorList,
      capacity: { id: 'capacity', name: 'capacity', value: str('capacity'), rows: 3, label: { text: 'Your capacity', classes: 'govuk-label--s' }, hint: { text: 'What you could deliver: for example people, hours a week, the areas you cover and when you could start' }, errorMessage: errors.fieldErrors.capacity, disabled: !f.open },
      questions: f.engagement.questions.map((q, i) => {
        const name = `answer-${q.id}`
        const label = `${i + 1}. ${q.text}`
        return q.choices.length
          ? { kind: 'radios', params: { idPrefix: name, name, fieldset: { legend: { text: label, classes: 'govuk-fieldset__legend--s' } }, items: q.choices.map((c) => ({ value: c, text: c, checked: str(name) === c, disabled: !f.open })), errorMessage: errors.fieldErrors[name] } }
          : { kind: 'textarea', params: { id: name, name, value: str(name), rows: 4, label: { text: label, classes: 'govuk-label--s' }, errorMessage: errors.fieldErrors[name], disabled: !f.open } }
      }),
    })
  }

  const engagementOfProvider = async (request: FastifyRequest) => {
    const { principal, provider } = await providerFor(request, true)
    const engagement = await service.engagementById(db, principal.councilId, idOf(request, 'engagement'))
    if (!engagement) throw new NotFoundError('Market engagement')
    const response = await service.responseOf(db, principal.councilId, engagement.id, provider.id)
    const open = isOpen(engagement, today())
    // A closed engagement the provider never answered is not its business any more.
    if (!open && !response) throw new NotFoundError('Market engagement')
    return { principal, provider, engagement, response, open }
  }

  app.get(paths.marketEngagement.respond.pattern, { preHandler: requirePermission('market-engagement:respond-own') }, async (request, reply) => {
    const f = await engagementOfProvider(request)
    const values: FormBody = f.response ? { capacity: f.response.capacity, ...Object.fromEntries(Object.entries(f.response.answers).map(([id, a]) => [`answer-${id}`, a])) } : {}
    return renderRespond(reply, 200, f, values, NO_ERRORS)
  })

  app.post(paths.marketEngagement.respond.pattern, { preHandler: requirePermission('market-engagement:respond-own') }, async (request, reply) => {
    const f = await engagementOfProvider(request)
    const body = (request.body ?? {}) as FormBody
    const issues: FieldIssue[] = []
    if (!f.open) return renderRespond(reply, 409, f, body, toFormErrors([{ field: 'capacity', message: 'Market engagement has closed: your answers can no longer be changed' }]))
    const capacity = text(body, 'capacity')
    if (!capacity) issues.push({ field: 'capacity', message: 'Enter what you could deliver' })
    else if (capacity.length > MAX_TEXT) issues.push({ field: 'capacity', message: 'Keep your capacity to 2,000 characters or fewer' })
    const answers: Record<string, string> = {}
    f.engagement.questions.forEach((q, i) => {
      const name = `answer-${q.id}`
      const answer = text(body, name)
      if (!answer) issues.push({ field: name, message: q.choices.length ? `Choose an answer to question ${i + 1}` : `Answer question ${i + 1}` })
      else if (q.choices.length && !q.choices.includes(answer)) issues.push({ field: name, message: `Choose one of the answers to question ${i + 1}` })
      else if (answer.length > MAX_TEXT) issues.push({ field: name, message: `Keep your answer to question ${i + 1} to 2,000 characters or fewer` })
      else answers[q.id] = answer
    })
    if (issues.length) return renderRespond(reply, 400, f, body, toFormErrors(issues))
    try {
      await db.transaction((tx) => service.respond(tx, { councilId: f.principal.councilId, engagement: f.engagement, providerId: f.provider.id, capacity, answers, actor: actorOf(request, f.principal), now: context.clock(), today: today() }))
    } catch (error) {
      if (error instanceof service.EngagementClosedError) return renderRespond(reply, 409, { ...f, open: false }, body, toFormErrors([{ field: 'capacity', message: 'Market engagement has closed: your answers can no longer be changed' }]))
      throw error
    }
    return reply.redirect(`${paths.marketEngagement.provider.href({ id: f.provider.id })}?saved=1`, 303)
  })
}
