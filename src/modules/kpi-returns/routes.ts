/**
 * KPI returns' pages (ADR 0047). Staff: the council's returns waiting for a decision, late and queried
 * (/kpi-returns), and one return to accept or query. A provider: its returns page (every KPI of its contracts,
 * quarter by quarter, with links to its social value returns and local spending question) and the form for one
 * quarter's figure. Another provider's returns are "not found" to a provider, as if they did not exist.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { escapeHtml as escape } from '../../platform/http/html.ts'
import { formatDate } from '../../platform/dates.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { text, toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { getProvider } from '../providers/service.ts'
import { actorOf } from '../providers/routes.ts'
import { formModel, type Field } from '../social-value/form-model.ts'
import { idOf } from '../social-value/ids.ts'
import { dueDateOf, quarterStartingOn, showFigure, STATE_WORDS, type Quarter } from './rules.ts'
import * as service from './service.ts'
import { checkReturn, reportableQuarter } from './submission.ts'

const paramsOf = (field: Field) => (field.kind === 'hidden' ? {} : field.params)
const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const tag = (state: keyof typeof STATE_WORDS) => `<strong class="govuk-tag ${STATE_WORDS[state].classes}">${STATE_WORDS[state].text}</strong>`

export function registerKpiReturnRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())

  // ---------- the council's returns ----------

  app.get(paths.kpiReturns.list.pattern, { preHandler: requirePermission('registers:read', 'kpi-returns:submit-own') }, async (request, reply) => {
    const principal = principalOf(request)
    // A provider's navigation leads here: its own returns page is the one it needs.
    if (!can(principal, 'registers:read')) {
      if (!principal.providerId) throw new NotFoundError('Provider')
      return reply.redirect(paths.kpiReturns.provider.href({ id: principal.providerId }), 303)
    }
    const o = await service.overview(db, principal.councilId, today())
    const contractCell = (k: service.KpiOfContract) => ({ html: `<a class="govuk-link" href="${paths.contracts.show.href({ id: k.contractId })}#kpi-returns">${escape(k.title)}</a> (${escape(k.reference)})` })
    const providerCell = (id: string, name: string) => ({ html: `<a class="govuk-link" href="${paths.kpiReturns.provider.href({ id })}">${escape(name)}<span class="govuk-visually-hidden">: KPI returns</span></a>` })
    const supplierOf = (k: service.KpiOfContract, providerId: string) => k.suppliers.find((s) => s.id === providerId) ?? k.suppliers[0]!
    return reply.view('kpi-returns/views/list.njk', {
      pageTitle: 'KPI returns',
      counts: { awaiting: o.awaiting.length, late: o.late.length, queried: o.queried.length },
      awaiting: {
        caption: 'KPI returns waiting for your decision',
        captionClasses: 'govuk-visually-hidden',
        head: [{ text: 'Return' }, { text: 'Contract' }, { text: 'Provider' }, { text: 'Figure', format: 'numeric' }, { text: 'Sent' }],
        rows: o.awaiting.map(({ ret, kpi }) => [
          { html: `<a class="govuk-link" href="${paths.kpiReturns.decision.href({ id: ret.id })}">${escape(kpi.kpiName)}, ${escape(quarterStartingOn(ret.periodStart)?.label ?? '')}</a>` },
          contractCell(kpi),
          providerCell(ret.providerId, supplierOf(kpi, ret.providerId).name),
          { text: showFigure(ret.figure), format: 'numeric' },
          { text: formatDate(ret.submittedAt) },
        ]),
      },
      late: {
        caption: 'KPI returns late',
        captionClasses: 'govuk-visually-hidden',
        head: [{ text: 'KPI' }, { text: 'Quarter' }, { text: 'Contract' }, { text: 'Provider' }, { text: 'Was due' }],
        rows: o.late.map(({ kpi, quarter }) => [
          { text: kpi.kpiName },
          { text: quarter.label },
          contractCell(kpi),
          { html: kpi.suppliers.map((s) => providerCell(s.id, s.name).html).join(', ') },
          { text: formatDate(dueDateOf(quarter)) },
        ]),
      },
      queried: {
        caption: 'KPI returns queried, waiting for the provider',
        captionClasses: 'govuk-visually-hidden',
        head: [{ text: 'Return' }, { text: 'Contract' }, { text: 'Provider' }, { text: 'Your question' }],
        rows: o.queried.map(({ ret, kpi }) => [
          { html: `<a class="govuk-link" href="${paths.kpiReturns.decision.href({ id: ret.id })}">${escape(kpi.kpiName)}, ${escape(quarterStartingOn(ret.periodStart)?.label ?? '')}</a>` },
          contractCell(kpi),
          providerCell(ret.providerId, supplierOf(kpi, ret.providerId).name),
          { text: ret.query ?? '' },
        ]),
      },
    })
  })

  // ---------- one return: the contract manager accepts or queries it ----------

  const found = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const ret = await service.returnById(db, principal.councilId, idOf(request))
    const [kpi] = ret ? await service.kpisOf(db, principal.councilId, { kpiId: ret.kpiId }) : []
    if (!ret || !kpi) throw new NotFoundError('KPI return')
    return { principal, ret, kpi }
  }

  const renderDecision = (reply: FastifyReply, status: number, f: Awaited<ReturnType<typeof found>>, values: FormBody, errors: FormErrors) => {
    const { ret, kpi, principal } = f
    const quarter = quarterStartingOn(ret.periodStart)!
    const form = formModel(values, errors)
    const provider = kpi.suppliers.find((s) => s.id === ret.providerId)
    return reply.code(status).view('kpi-returns/views/decision.njk', {
      pageTitle: ret.status === 'submitted' ? 'Accept or query a KPI return' : 'KPI return',
      caption: `${kpi.title} (${kpi.reference})`,
      backHref: paths.kpiReturns.list.href(),
      summary: {
        rows: [
          { key: { text: 'KPI' }, value: { text: kpi.kpiName } },
          { key: { text: 'Target' }, value: { text: kpi.target } },
          { key: { text: 'Quarter' }, value: { text: quarter.label } },
          { key: { text: 'Figure' }, value: { text: showFigure(ret.figure) } },
          { key: { text: 'Note' }, value: { text: ret.note ?? 'None' } },
          { key: { text: 'Sent by' }, value: { html: `${escape(ret.submittedBy)}, ${escape(formatDate(ret.submittedAt))}, for <a class="govuk-link" href="${paths.kpiReturns.provider.href({ id: ret.providerId })}">${escape(provider?.name ?? 'the provider')}</a>` } },
          { key: { text: 'Contract' }, value: { html: `<a class="govuk-link" href="${paths.contracts.show.href({ id: kpi.contractId })}#kpi-returns">${escape(kpi.title)}</a>` } },
          { key: { text: 'Status' }, value: { html: tag(ret.status as 'submitted') + (ret.decidedBy && ret.status !== 'submitted' ? ` by ${escape(ret.decidedBy)}, ${escape(formatDate(ret.decidedAt))}` : '') } },
          ...(ret.query ? [{ key: { text: ret.status === 'submitted' ? 'Earlier question' : 'Question' }, value: { text: ret.query } }] : []),
        ],
      },
      canDecide: ret.status === 'submitted' && can(principal, 'registers:write'),
      action: paths.kpiReturns.decision.href({ id: ret.id }),
      errorList: errors.errorList,
      decision: paramsOf(form.radios('decision', 'Your decision', [
        { value: 'accept', text: 'Accept the figure', hint: 'It will count towards the contract’s performance' },
        { value: 'query', text: 'Query it', hint: 'The provider sees your question and sends the return again' },
      ])),
      query: paramsOf(form.textarea('query', 'Your question (if you query it)', 'For example: the figure is higher than the visit log shows; please check the September visits')),
    })
  }

  app.get(paths.kpiReturns.decision.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => renderDecision(reply, 200, await found(request), {}, NO_ERRORS))

  app.post(paths.kpiReturns.decision.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const f = await found(request)
    const body = (request.body ?? {}) as FormBody
    const choice = text(body, 'decision')
    const query = text(body, 'query')
    const issues: { field: string; message: string }[] = []
    if (f.ret.status !== 'submitted') issues.push({ field: 'decision', message: 'This return has already been decided' })
    else if (choice !== 'accept' && choice !== 'query') issues.push({ field: 'decision', message: 'Choose whether to accept the figure or query it' })
    else if (choice === 'query' && !query) issues.push({ field: 'query', message: 'Write the question the provider should answer' })
    else if (query.length > 2000) issues.push({ field: 'query', message: 'Keep the question to 2,000 characters or fewer' })
    if (issues.length) return renderDecision(reply, f.ret.status !== 'submitted' ? 409 : 400, f, body, toFormErrors(issues, { decision: 'decision' }))
    const decision: service.Decision = choice === 'accept' ? { decision: 'accept' } : { decision: 'query', query }
    const ok = await db.transaction((tx) => service.decideReturn(tx, { councilId: f.principal.councilId, id: f.ret.id, decision, actor: actorOf(request, f.principal), now: context.clock() }))
    if (!ok) return renderDecision(reply, 409, f, body, toFormErrors([{ field: 'decision', message: 'This return has already been decided' }], { decision: 'decision' }))
    return reply.redirect(paths.kpiReturns.list.href(), 303)
  })

  // ---------- the provider's returns page ----------

  const providerFor = async (request: FastifyRequest, own: boolean) => {
    const principal = principalOf(request)
    const id = idOf(request)
    const isOwn = can(principal, 'kpi-returns:submit-own') && principal.providerId === id
    if (own ? !isOwn : !isOwn && !can(principal, 'registers:read')) throw new NotFoundError('Provider')
    const provider = await getProvider(db, principal.councilId, id)
    if (!provider) throw new NotFoundError('Provider')
    return { principal, provider, isOwn }
  }

  app.get(paths.kpiReturns.provider.pattern, { preHandler: requirePermission('registers:read', 'kpi-returns:submit-own') }, async (request, reply) => {
    const { principal, provider, isOwn } = await providerFor(request, false)
    const kpis = await service.kpisOf(db, principal.councilId, { providerId: provider.id })
    const returns = await service.returnsFor(db, principal.councilId, kpis.map((k) => k.kpiId))
    const now = today()
    const contracts = new Map<string, { title: string; reference: string; href: string | undefined; kpis: unknown[] }>()
    let dueCount = 0
    for (const kpi of kpis) {
      const lines = service.quarterLines(kpi, returns, now)
      // The page shows the quarters the council asks for, and any older quarter that has a return.
      const shown = lines.filter((l) => l.asked || l.ret)
      dueCount += shown.filter((l) => l.state === 'due' || l.state === 'late' || l.state === 'queried').length
      const contract = contracts.get(kpi.contractId) ?? { title: kpi.title, reference: kpi.reference, href: isOwn ? undefined : paths.contracts.show.href({ id: kpi.contractId }), kpis: [] }
      contract.kpis.push({
        name: kpi.kpiName,
        target: kpi.target,
        table: {
          caption: `${kpi.kpiName} (target: ${kpi.target})`,
          captionClasses: 'govuk-table__caption--s',
          head: [{ text: 'Quarter' }, { text: 'Figure', format: 'numeric' }, { text: 'Status' }, { text: 'Action' }],
          rows: shown.map((l) => {
            const canSend = isOwn && (l.state === 'due' || l.state === 'late' || l.state === 'queried' || l.state === 'submitted' || (l.state === 'not-due' && !l.ret))
            const verb = l.state === 'queried' ? 'Answer the query' : l.state === 'submitted' ? 'Correct' : 'Send'
            const link = canSend
              ? `<a class="govuk-link" href="${paths.kpiReturns.submit.href({ id: provider.id, kpi: kpi.kpiId, period: l.quarter.start })}">${verb}<span class="govuk-visually-hidden"> the ${escape(kpi.kpiName)} return for ${l.quarter.label}</span></a>`
              : !isOwn && l.ret
                ? `<a class="govuk-link" href="${paths.kpiReturns.decision.href({ id: l.ret.id })}">Open<span class="govuk-visually-hidden"> the ${escape(kpi.kpiName)} return for ${l.quarter.label}</span></a>`
                : ''
            return [
              { text: l.quarter.label },
              { text: l.ret ? showFigure(l.ret.figure) : '', format: 'numeric' },
              { html: `${tag(l.state)}${l.state === 'due' || l.state === 'late' ? ` <span class="govuk-body-s">due ${escape(formatDate(dueDateOf(l.quarter)))}</span>` : ''}${l.state === 'queried' && l.ret?.query ? `<br>${escape(l.ret.query)}` : ''}` },
              { html: link },
            ]
          }),
        },
        empty: shown.length === 0,
      })
      contracts.set(kpi.contractId, contract)
    }
    const saved = (request.query as Record<string, unknown>).saved === '1'
    return reply.view('kpi-returns/views/provider.njk', {
      pageTitle: isOwn ? 'Your returns to the council' : `KPI returns: ${provider.name}`,
      provider,
      isOwn,
      saved,
      dueCount,
      contracts: [...contracts.values()],
      providerHref: paths.providers.show.href({ id: provider.id }),
      socialValueHref: can(principal, 'social-value:read') || (isOwn && can(principal, 'social-value:report-own')) ? paths.socialValue.provider.href({ id: provider.id }) : undefined,
      lm3Href: isOwn && can(principal, 'social-value:report-own') ? paths.socialValue.lm3Survey.href({ id: provider.id }) : undefined,
    })
  })

  // ---------- one quarter's figure ----------

  const ownQuarter = async (request: FastifyRequest) => {
    const f = await providerFor(request, true)
    // Only an ended quarter of the contract's term can be reported (the same rule as the API's, in submission.ts).
    const found = await reportableQuarter(db, f.principal.councilId, f.provider.id, idOf(request, 'kpi'), String((request.params as Record<string, unknown>).period), today())
    if (!found) throw new NotFoundError('KPI return')
    return { ...f, ...found }
  }

  const renderSubmit = (reply: FastifyReply, status: number, f: Awaited<ReturnType<typeof ownQuarter>>, values: FormBody, errors: FormErrors) => {
    const form = formModel(values, errors)
    const { kpi, quarter, existing } = f
    const intro = [`${kpi.title} (${kpi.reference}). The target is: ${kpi.target}. The return is due by ${formatDate(dueDateOf(quarter))}.`]
    if (existing?.status === 'queried' && existing.query) intro.push(`The council asked: “${existing.query}” Check the figure and send it again, with a note that answers the question.`)
    if (existing?.status === 'submitted') intro.push(`You sent ${showFigure(existing.figure)} on ${formatDate(existing.submittedAt)}. The council has not decided yet, so you can correct it.`)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: `${kpi.kpiName}: ${quarter.label}`,
      caption: 'KPI return',
      backText: 'Your returns',
      backHref: paths.kpiReturns.provider.href({ id: f.provider.id }),
      action: paths.kpiReturns.submit.href({ id: f.provider.id, kpi: kpi.kpiId, period: quarter.start }),
      intro,
      errorList: errors.errorList,
      submitText: 'Send return',
      fields: [
        form.input('figure', 'The figure for the quarter', { classes: 'govuk-input--width-10', inputmode: 'decimal', hint: 'A number, in the unit the target uses, for example 96.5 for 96.5%' }),
        form.textarea('note', 'Note (optional)', 'How you worked it out, or anything the council should know'),
      ],
    })
  }

  app.get(paths.kpiReturns.submit.pattern, { preHandler: requirePermission('kpi-returns:submit-own') }, async (request, reply) => {
    const f = await ownQuarter(request)
    const values = f.existing ? { figure: showFigure(f.existing.figure).replace(/,/g, ''), note: f.existing.note ?? '' } : {}
    return renderSubmit(reply, 200, f, values, NO_ERRORS)
  })

  app.post(paths.kpiReturns.submit.pattern, { preHandler: requirePermission('kpi-returns:submit-own') }, async (request, reply) => {
    const f = await ownQuarter(request)
    const body = (request.body ?? {}) as FormBody
    const checked = checkReturn({ figure: text(body, 'figure'), note: text(body, 'note') }, f.existing)
    if (!checked.ok) return renderSubmit(reply, checked.conflict ? 409 : 400, f, body, toFormErrors(checked.issues))
    try {
      await db.transaction((tx) => service.submitReturn(tx, { councilId: f.principal.councilId, kpi: f.kpi, providerId: f.provider.id, quarter: f.quarter as Quarter, figure: checked.figure, note: checked.note, actor: actorOf(request, f.principal), now: context.clock() }))
    } catch (error) {
      if (error instanceof service.ReturnNotAllowedError) return renderSubmit(reply, 409, f, body, toFormErrors([{ field: 'figure', message: error.message }]))
      throw error
    }
    return reply.redirect(`${paths.kpiReturns.provider.href({ id: f.provider.id })}?saved=1`, 303)
  })
}
