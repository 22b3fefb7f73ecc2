/** Scrutiny pages: wards, decisions with notice and call-in, the public forward plan (page, CSV, iCalendar) and settings. */
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import ical from 'ical-generator'
import type { Actor } from '../../platform/audit/audit.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { csvDocument } from '../../platform/csv.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { AppContext } from '../../platform/modules.ts'
import { formatPence } from '../../platform/money.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { KEY_DECISION_REASON_TEXT, type KeyDecisionReason } from '../../rules/scrutiny/key-decision.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { findCouncil, findCouncilById } from '../councils/service.ts'
import { listMembers } from '../../platform/auth/accounts.ts'
import { getProject, linkChoices } from '../projects/service.ts'
import { ideaChoices } from '../priorities/service.ts'
import { providerChoices } from '../providers/service.ts'
import { CALL_IN_OUTCOMES, callInForm, contractLinkForm, councillorForm, decisionForm, MAKER_KINDS, outcomeForm, settingsForm, takeForm, URGENCY, wardLinkForm } from './forms.ts'
import * as service from './service.ts'
import { registerCommitteeRoutes, trailOf } from './committee-routes.ts'
import * as committees from './committees.ts'
import { registerCouncillorRoutes } from './councillor-routes.ts'
import { registerPublicScrutinyRoutes } from './public-routes.ts'
import * as questions from './questions.ts'
import { scrutinySettings } from './settings.ts'
import { isUuid } from '../../platform/ids.ts'

type Body = Record<string, unknown>
const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024
const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({ userId: principal.userId, label: principal.displayName, requestId: request.id })
const errorsOf = (errors?: FormErrors) => ({ errorList: errors?.errorList ?? [], fieldErrors: errors?.fieldErrors ?? {} })
const SAVED: Record<string, string> = { taken: 'Decision recorded as taken and published', 'call-in': 'Decision called in', outcome: 'Call-in outcome recorded', contract: 'Contract linked' }
const reasonTexts = (reasons: readonly string[]) => reasons.map((r) => KEY_DECISION_REASON_TEXT[r as KeyDecisionReason] ?? r)

export function registerScrutinyRoutes(app: FastifyInstance, context: AppContext) {
  const { db } = context
  registerCommitteeRoutes(app, context)
  registerCouncillorRoutes(app, context)
  registerPublicScrutinyRoutes(app, context)
  const today = () => londonDate(context.clock())
  const id = (request: FastifyRequest) => (request.params as { id: string }).id
    const wardOf = async (request: FastifyRequest) => {
    const ward = isUuid(id(request)) ? await service.findWard(db, principalOf(request).councilId, id(request)) : undefined
    if (!ward) throw new NotFoundError('Ward')
    return ward
  }
  const decisionOf = async (request: FastifyRequest) => {
    const decision = isUuid(id(request)) ? await service.findDecision(db, principalOf(request).councilId, id(request)) : undefined
    if (!decision) throw new NotFoundError('Decision')
    return decision
  }

  // ---------- Wards ----------

  const renderWards = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Body = {}) => {
    const principal = principalOf(request)
    const wards = await service.listWards(db, principal.councilId)
    return reply.code(status).view('scrutiny/views/wards.njk', {
      pageTitle: 'Wards',
      rows: wards.map((w) => [{ html: `<a class="govuk-link" href="${paths.wards.show.href({ id: w.id })}">${escape(w.name)}</a>` }, { text: w.code }]),
      canManage: can(principal, 'settings:manage'),
      problems: [],
      ...errorsOf(),
      ...extra,
    })
  }
  app.get(paths.wards.list.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderWards(request, reply, 200))

  app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.wards.import.pattern, { onRequest: requirePermission('settings:manage'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Body
      const file = isUploadedFile(body.file) && body.file.size > 0 ? await readUpload(body.file) : undefined
      if (!file) return renderWards(request, reply, 400, { ...singleError('file', 'Select a CSV file of wards') })
      const council = (await findCouncilById(db, principal.councilId))!
      const result = await db.transaction((tx) => service.importWards(tx, council, file, actorOf(request, principal), context.clock()))
      if (result.outcome === 'problems') {
        return renderWards(request, reply, 400, { ...singleError('file', `The file could not be imported: ${result.problems.length === 1 ? 'one row has' : `${result.problems.length} rows have`} a problem. Nothing was saved.`), problems: result.problems.slice(0, 100) })
      }
      return renderWards(request, reply, 200, { imported: result })
    })
  })

  app.get(paths.wards.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const ward = await wardOf(request)
    const picture = await service.wardPicture(db, principal.councilId, ward)
    const canManage = can(principal, 'settings:manage') || can(principal, 'decisions:write')
    const [choices, providers, ideas, members] = canManage
      ? await Promise.all([linkChoices(db, principal.councilId), providerChoices(db, principal.councilId), ideaChoices(db, principal.councilId), listMembers(db, principal.councilId)])
      : [undefined, [], [], []]
    const councillors = (members as { userId: string; displayName: string; role: string }[]).filter((m) => m.role === 'councillor')
    return reply.view('scrutiny/views/ward.njk', {
      pageTitle: `${ward.name} ward`,
      ward,
      picture,
      spend: formatPence(picture.spendPence, { whole: true }),
      providerRows: picture.providers.map((p) => [{ html: `<a class="govuk-link" href="${paths.providers.show.href({ id: p.id })}">${escape(p.name)}</a>` }, { text: formatPence(p.spendPence, { whole: true }), format: 'numeric' }]),
      canManage,
      isAdmin: can(principal, 'settings:manage'),
      linkItems: [
        ...(choices?.contracts ?? []).map((c) => ({ value: `contract:${c.id}`, text: `Contract: ${c.title} (${c.reference})` })),
        ...providers.map((p) => ({ value: `provider:${p.id}`, text: `Provider: ${p.name}` })),
        ...ideas.map((i) => ({ value: `idea:${i.id}`, text: `Idea: ${i.title} (${i.roundTitle})` })),
      ],
      councillorItems: councillors.map((c) => ({ value: c.userId, text: c.displayName })),
      councillorLinks: picture.councillorIds.length
        ? (await listMembers(db, principal.councilId))
            .filter((m) => m.role === 'councillor' && picture.councillorIds.includes(m.userId))
            .map((c) => `<a class="govuk-link" href="${paths.councillors.show.href({ id: c.userId })}">${escape(c.displayName)}</a>`)
        : [],
      trail: can(principal, 'audit:read') ? trailOf('ward', ward.id) : undefined,
      saved: (request.query as Body).saved,
    })
  })

  app.post(paths.wards.links.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const ward = await wardOf(request)
    const [kind, recordId] = String((request.body as Body)?.record ?? '').split(':')
    const parsed = wardLinkForm.safeParse({ kind, recordId })
    const ok = parsed.success && (await db.transaction((tx) => service.addWardLink(tx, principal.councilId, ward, parsed.data.kind, parsed.data.recordId, actorOf(request, principal), context.clock())))
    if (!ok) return reply.code(400).view('scrutiny/views/message.njk', { pageTitle: 'Choose a record', message: 'Select a contract, provider or idea from the list.', back: paths.wards.show.href({ id: ward.id }) })
    return reply.redirect(`${paths.wards.show.href({ id: ward.id })}?saved=link`, 303)
  })

  app.post(paths.wards.councillors.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const ward = await wardOf(request)
    const parsed = councillorForm.safeParse(request.body ?? {})
    const members = await listMembers(db, principal.councilId)
    if (!parsed.success || !members.some((m) => m.userId === parsed.data.userId && m.role === 'councillor')) {
      return reply.code(400).view('scrutiny/views/message.njk', { pageTitle: 'Choose a councillor', message: 'Select a councillor of this council from the list.', back: paths.wards.show.href({ id: ward.id }) })
    }
    await db.transaction((tx) => service.setCouncillorWard(tx, principal.councilId, ward, parsed.data.userId, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.wards.show.href({ id: ward.id })}?saved=councillor`, 303)
  })

  // ---------- Decisions ----------

  app.get(paths.decisions.list.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const filter = (request.query as Body).filter
    const now = today()
    let rows = await service.listDecisions(db, principal.councilId)
    if (filter === 'call-in') rows = await service.openForCallIn(db, principal.councilId, now)
    if (filter === 'awaiting-outcome') {
      const waiting = new Set((await service.awaitingOutcome(db, principal.councilId)).map((c) => c.decisionId))
      rows = rows.filter((d) => waiting.has(d.id))
    }
    return reply.view('scrutiny/views/decisions.njk', {
      pageTitle: filter === 'call-in' ? 'Decisions open for call-in' : filter === 'awaiting-outcome' ? 'Call-ins awaiting an outcome' : 'Decisions',
      canWrite: can(principal, 'decisions:write'),
      forwardPlan: paths.forwardPlan.page.href({ council: principal.councilCode }),
      rows: rows.map((d) => [
        { html: `<a class="govuk-link" href="${paths.decisions.show.href({ id: d.id })}">${escape(d.title)}</a>` },
        { text: formatDate(d.decidedOn ?? d.plannedOn) },
        { text: d.keyReasons.length ? 'Key decision' : 'Not key' },
        { text: d.publishedOn ? 'Published' : d.decidedOn ? 'Taken' : 'Planned' },
      ]),
    })
  })

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body, errors?: FormErrors) => {
    const principal = principalOf(request)
    const wards = await service.listWards(db, principal.councilId)
    const chosen = new Set(Array.isArray(values.wardIds) ? values.wardIds.map(String) : values.wardIds ? [String(values.wardIds)] : [])
    const project = typeof values.projectId === 'string' && isUuid(values.projectId) ? await getProject(db, principal.councilId, values.projectId) : undefined
    return reply.code(status).view('scrutiny/views/new.njk', {
      pageTitle: 'Record a decision',
      values,
      project,
      makerItems: Object.entries(MAKER_KINDS).map(([value, text]) => ({ value, text, checked: values.makerKind === value })),
      urgencyItems: Object.entries(URGENCY).map(([value, text]) => ({ value, text, checked: (values.urgency ?? 'none') === value })),
      wardItems: wards.map((w) => ({ value: w.id, text: w.name, checked: chosen.has(w.id) })),
      ...errorsOf(errors),
    })
  }

  app.get(paths.decisions.create.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const projectId = String((request.query as Body).project ?? '')
    const project = isUuid(projectId) ? await getProject(db, principal.councilId, projectId) : undefined
    const values: Body = project
      ? { projectId: project.id, title: project.title, value: project.budgetPence ? String(project.budgetPence / 100) : '', documents: 'Options appraisal report' }
      : {}
    return renderNew(request, reply, 200, values)
  })

  app.post(paths.decisions.list.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = decisionForm.safeParse(body)
    if (!parsed.success) return renderNew(request, reply, 400, body, formErrors(parsed.error, { makerKind: 'makerKind', wardIds: 'wardIds', urgency: 'urgency' }))
    if (parsed.data.projectId && !(await getProject(db, principal.councilId, parsed.data.projectId))) throw new NotFoundError('Project')
    const result = await db.transaction((tx) => service.createDecision(tx, principal.councilId, parsed.data, actorOf(request, principal), context.clock()))
    if (result.outcome === 'unknown-ward') return renderNew(request, reply, 400, body, singleError('wardIds', 'Select wards from the list'))
    return reply.redirect(paths.decisions.show.href({ id: result.decision.id }), 303)
  })

  const renderDecision = async (request: FastifyRequest, reply: FastifyReply, status: number, errors?: FormErrors, values: Body = {}) => {
    const principal = principalOf(request)
    const decision = await decisionOf(request)
    const now = today()
    const [window, callIns, wards, project, contractIds, choices, recs, asked] = await Promise.all([
      service.callInWindow(db, decision, now),
      service.callInsOf(db, principal.councilId, [decision.id]),
      service.listWards(db, principal.councilId),
      decision.projectId ? getProject(db, principal.councilId, decision.projectId) : undefined,
      service.contractIdsOfDecision(db, principal.councilId, decision.id),
      linkChoices(db, principal.councilId),
      committees.listRecommendations(db, principal.councilId, { decisionId: decision.id }),
      questions.listQuestions(db, principal.councilId, { decisionId: decision.id }),
    ])
    const linked = new Set(contractIds.map((c) => c.contractId))
    return reply.code(status).view('scrutiny/views/decision.njk', {
      pageTitle: decision.title,
      decision,
      maker: MAKER_KINDS[decision.makerKind as keyof typeof MAKER_KINDS] ?? decision.makerKind,
      urgency: URGENCY[decision.urgency as keyof typeof URGENCY],
      value: decision.valuePence === null ? 'Not stated' : formatPence(decision.valuePence, { whole: true }),
      keyReasons: reasonTexts(decision.keyReasons),
      notice: service.noticeCheck(decision),
      window,
      callIns: callIns.map((c) => ({ ...c, outcomeText: c.outcome ? CALL_IN_OUTCOMES[c.outcome as keyof typeof CALL_IN_OUTCOMES] : null })),
      waiting: callIns.filter((c) => !c.outcome).map((c) => ({ value: c.id, text: `${c.calledInByName}, ${formatDate(c.calledInOn)}` })),
      outcomeItems: Object.entries(CALL_IN_OUTCOMES).map(([value, text]) => ({ value, text, checked: values.outcome === value })),
      wardNames: wards.filter((w) => decision.wardIds.includes(w.id)).map((w) => ({ name: w.name, href: paths.wards.show.href({ id: w.id }) })),
      project: project ? { title: project.title, href: paths.projects.show.href({ id: project.id }), appraisal: paths.projects.appraisal.href({ id: project.id }), routeAdvice: `${paths.projects.show.href({ id: project.id })}#plan` } : undefined,
      contracts: choices.contracts.filter((c) => linked.has(c.id)).map((c) => ({ ...c, href: paths.contracts.show.href({ id: c.id }) })),
      contractItems: [{ value: '', text: 'Choose a contract' }, ...choices.contracts.filter((c) => !linked.has(c.id)).map((c) => ({ value: c.id, text: `${c.title} (${c.reference})` }))],
      canWrite: can(principal, 'decisions:write'),
      canCallIn: can(principal, 'decisions:call-in'),
      forwardPlan: paths.forwardPlan.page.href({ council: principal.councilCode }),
      values,
      wardText: wards.filter((w) => decision.wardIds.includes(w.id)).map((w) => w.name).join(', '),
      savedText: SAVED[String((request.query as Body).saved)],
      recommendations: recs.map(({ recommendation: r, committeeName }) => ({ title: r.title, committeeName, state: committees.recommendationState(r, now).text, href: paths.recommendations.show.href({ id: r.id }) })),
      questions: asked.map((q) => ({ text: q.question, by: q.askedByName, state: questions.questionState(q, now).text, href: paths.questions.show.href({ id: q.id }) })),
      askHref: `${paths.questions.list.href()}?decision=${decision.id}#ask`,
      trail: can(principal, 'audit:read') ? trailOf('decision', decision.id) : undefined,
      ...errorsOf(errors),
    })
  }

  app.get(paths.decisions.show.pattern, { preHandler: requirePermission('decisions:read') }, async (request, reply) => renderDecision(request, reply, 200))

  app.post(paths.decisions.take.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const decision = await decisionOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = takeForm.safeParse(body)
    if (!parsed.success) return renderDecision(request, reply, 400, formErrors(parsed.error), body)
    const result = await db.transaction((tx) => service.takeDecision(tx, decision, parsed.data, actorOf(request, principal), context.clock()))
    if (result.outcome === 'published-before-decided') return renderDecision(request, reply, 400, singleError('publishedOn', 'The decision notice cannot be published before the decision was taken'), body)
    return reply.redirect(`${paths.decisions.show.href({ id: decision.id })}?saved=taken`, 303)
  })

  app.post(paths.decisions.callIn.pattern, { preHandler: requirePermission('decisions:call-in') }, async (request, reply) => {
    const principal = principalOf(request)
    const decision = await decisionOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = callInForm.safeParse(body)
    if (!parsed.success) return renderDecision(request, reply, 400, formErrors(parsed.error), body)
    const result = await db.transaction((tx) => service.callIn(tx, decision, parsed.data.reasons, { ...actorOf(request, principal), userId: principal.userId }, today(), context.clock()))
    if (result.outcome === 'not-published') return renderDecision(request, reply, 400, singleError('reasons', 'This decision has not been published, so it cannot be called in yet'), body)
    if (result.outcome === 'closed') return renderDecision(request, reply, 400, singleError('reasons', `The call-in period ended on ${formatDate(result.deadline)}`), body)
    return reply.redirect(`${paths.decisions.show.href({ id: decision.id })}?saved=call-in`, 303)
  })

  app.post(paths.decisions.outcome.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const decision = await decisionOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = outcomeForm.safeParse(body)
    if (!parsed.success) return renderDecision(request, reply, 400, formErrors(parsed.error), body)
    const ok = await db.transaction((tx) => service.recordOutcome(tx, decision, parsed.data, actorOf(request, principal), context.clock()))
    if (!ok) return renderDecision(request, reply, 400, singleError('callInId', 'Select a call-in of this decision that is awaiting its outcome'), body)
    return reply.redirect(`${paths.decisions.show.href({ id: decision.id })}?saved=outcome`, 303)
  })

  app.post(paths.decisions.contracts.pattern, { preHandler: requirePermission('decisions:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const decision = await decisionOf(request)
    const parsed = contractLinkForm.safeParse(request.body ?? {})
    const ok = parsed.success && (await db.transaction((tx) => service.linkContract(tx, decision, parsed.data.contractId, actorOf(request, principal), context.clock())))
    if (!ok) return renderDecision(request, reply, 400, singleError('contractId', 'Select the contract the decision let'))
    return reply.redirect(`${paths.decisions.show.href({ id: decision.id })}?saved=contract`, 303)
  })

  // ---------- The public forward plan ----------

  const planOf = async (request: FastifyRequest) => {
    const code = (request.params as { council: string }).council
    const council = await findCouncil(db, code)
    if (!council || !council.isTenant) throw new NotFoundError('Forward plan')
    const rows = await service.forwardPlan(db, council.id)
    const wards = new Map((await service.listWards(db, council.id)).map((w) => [w.id, w.name]))
    const entries = rows.map((d) => ({
      id: d.id,
      matter: d.title,
      maker: `${d.makerName} (${MAKER_KINDS[d.makerKind as keyof typeof MAKER_KINDS] ?? d.makerKind})`,
      date: d.decidedOn ?? d.plannedOn,
      noticeOn: d.noticePublishedOn!,
      reasons: reasonTexts(d.keyReasons),
      wards: d.wardIds.map((w) => wards.get(w)).filter(Boolean).join(', '),
      documents: d.documents,
      request: d.documentsRequest ?? 'Ask Democratic Services for the documents',
      urgency: d.urgency,
      urgencyText: d.urgency === 'none' ? '' : URGENCY[d.urgency as keyof typeof URGENCY],
      notice: service.noticeCheck(d),
    }))
    return { council, entries }
  }

  app.get(paths.forwardPlan.page.pattern, async (request, reply) => {
    const { council, entries } = await planOf(request)
    return reply.view('scrutiny/views/forward-plan.njk', {
      pageTitle: `Forward plan of key decisions: ${council.name}`,
      council,
      entries,
      csv: paths.forwardPlan.csv.href({ council: council.code }),
      ics: paths.forwardPlan.ics.href({ council: council.code }),
    })
  })

  app.get(paths.forwardPlan.csv.pattern, async (request, reply) => {
    const { council, entries } = await planOf(request)
    const csv = csvDocument(
      ['Matter', 'Decision maker', 'Date of decision', 'Notice published', 'Clear days notice', 'Why it is a key decision', 'Wards affected', 'Documents submitted', 'How to ask for documents', 'Urgency'],
      entries.map((e) => [e.matter, e.maker, e.date, e.noticeOn, e.notice?.clearDays ?? '', e.reasons.join('; '), e.wards, e.documents.join('; '), e.request, e.urgency === 'none' ? '' : e.urgency]),
    )
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${council.code.toLowerCase()}-forward-plan.csv"`).send(csv)
  })

  app.get(paths.forwardPlan.ics.pattern, async (request, reply) => {
    const { council, entries } = await planOf(request)
    const calendar = ical({ name: `${council.name}: key decisions`, prodId: { company: 'Catalyst', product: 'forward-plan', language: 'EN' } })
    for (const e of entries) {
      const [y, m, d] = e.date.split('-').map(Number)
      calendar.createEvent({
        id: `${e.id}@catalyst`,
        start: new Date(Date.UTC(y!, m! - 1, d!)),
        allDay: true,
        summary: `Key decision: ${e.matter}`,
        description: [`Decision maker: ${e.maker}`, `Why key: ${e.reasons.join('; ')}`, e.documents.length ? `Documents: ${e.documents.join('; ')}` : '', `Documents: ${e.request}`, e.urgencyText].filter(Boolean).join('\n'),
        stamp: context.clock(),
      })
    }
    return reply.type('text/calendar; charset=utf-8').send(calendar.toString())
  })

  // ---------- Settings ----------

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, status: number, values?: Body, errors?: FormErrors) => {
    const settings = await readSettings(db, principalOf(request).councilId, scrutinySettings)
    return reply.code(status).view('scrutiny/views/settings.njk', {
      pageTitle: 'Scrutiny settings',
      publicScrutiny: paths.publicScrutiny.index.href({ council: principalOf(request).councilCode }),
      values: values ? { ...values, publish: [values.publish ?? []].flat().map(String) } : {
        keyDecisionThreshold: settings.keyDecisionThresholdPence === null ? '' : String(settings.keyDecisionThresholdPence / 100),
        callInWorkingDays: String(settings.callInWorkingDays),
        responseMonths: String(settings.responseMonths),
        questionWorkingDays: String(settings.questionWorkingDays),
        questionReminderDays: String(settings.questionReminderDays),
        recommendationReminderDays: String(settings.recommendationReminderDays),
        bankHolidays: settings.bankHolidays.join('\n'),
        publish: [...(settings.publishRecommendations ? ['recommendations'] : []), ...(settings.publishQuestions ? ['questions'] : [])],
      },
      saved: (request.query as Body).saved === '1',
      ...errorsOf(errors),
    })
  }
  app.get(paths.decisions.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => renderSettings(request, reply, 200))
  app.post(paths.decisions.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = settingsForm.safeParse(body)
    if (!parsed.success) return renderSettings(request, reply, 400, body, formErrors(parsed.error))
    const { keyDecisionThreshold, questionReminderDays, recommendationReminderDays, publish, ...rest } = parsed.data
    // A reminder notice left blank keeps the council's current value.
    const reminders = { ...(questionReminderDays === undefined ? {} : { questionReminderDays }), ...(recommendationReminderDays === undefined ? {} : { recommendationReminderDays }) }
    const publication = { publishRecommendations: publish.includes('recommendations'), publishQuestions: publish.includes('questions') }
    await db.transaction((tx) =>
      writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: scrutinySettings, values: { ...rest, ...reminders, ...publication, keyDecisionThresholdPence: keyDecisionThreshold }, now: context.clock() }),
    )
    return reply.redirect(`${paths.decisions.settings.href()}?saved=1`, 303)
  })
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
