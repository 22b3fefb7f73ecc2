/** The contracts register's pages for council staff: parse, call the service, render. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type Actor } from '../../platform/audit/audit.ts'
import { contractHistory as contractHistoryItems } from './history.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { pageOf } from '../../platform/http/pagination.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { writeSettings, readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import { listProviders } from '../providers/service.ts'
import { listPublished } from '../stories/service.ts'
import { projectsLinking } from '../projects/service.ts'
import { fundsOfContract } from '../pooled-funds/service.ts'
import { decisionsOfContract } from '../scrutiny/repository.ts'
import { assessmentsOfContract } from '../risk/service.ts'
import { contractSocialValue } from '../social-value/sections.ts'
import { contractKpiReturns } from '../kpi-returns/sections.ts'
import { spendWithProvidersByMonth } from '../spend/provider-spend.ts'
import { contractSpendView } from './spend-view.ts'
import { londonDate } from './dates.ts'
import { ATTENTION_HEADINGS, attentionReasons, checkKpiDuty, type AttentionReason } from './duties.ts'
import { text, toFormErrors, type FieldIssue, type FormBody } from './form-fields.ts'
import { contractFieldIds, parseAssessmentForm, parseContractForm, parseKpiForm, parseModificationForm } from './forms.ts'
import { listOpportunities } from './opportunities.ts'
import * as service from './service.ts'
import { OPEN_DATA_SETTINGS, identityFrom } from './settings.ts'
import { CONTRACT_STATUSES, nameOf } from './vocabulary.ts'
import * as vm from './view-models.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

export const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({ userId: principal.userId, label: principal.displayName, requestId: request.id })

export async function registerContractRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const today = () => londonDate(context.clock())

  const reachable = async (principal: Principal, id: string) => {
    const contract = await service.getContract(db, principal.councilId, id)
    if (!contract) throw new NotFoundError('Contract')
    return contract
  }

  const providerChoices = async (councilId: string) =>
    (await listProviders(db, councilId, {}, { page: 1, pageSize: 5000 })).items.map((p) => ({ id: p.id, name: p.name }))

  // ---------- list and attention ----------

  app.get(paths.contracts.list.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, string | undefined>
    const q = (query.q ?? '').slice(0, 200)
    const supplier = (query.supplier ?? '').slice(0, 200)
    const status = query.status && query.status in CONTRACT_STATUSES ? query.status : ''
    const serviceCategory = query.category && (SERVICE_CATEGORY_CODES as readonly string[]).includes(query.category) ? query.category : ''
    const page = pageOf(query.page)
    const result = await service.listContracts(db, { councilId: principal.councilId }, { q, supplier, status: status || undefined, serviceCategory: serviceCategory || undefined }, page)
    const facts = await service.liveContractFacts(db, principal.councilId)
    const attention = new Map(facts.map((f) => [f.id, checkKpiDuty(f, today()).shortfalls.map((s) => ATTENTION_HEADINGS[s])]))
    const shortfalls = facts.filter((f) => checkKpiDuty(f, today()).shortfalls.length > 0)
    const qs = (n: number) => `${paths.contracts.list.href()}?${new URLSearchParams({ ...(q ? { q } : {}), ...(supplier ? { supplier } : {}), ...(status ? { status } : {}), ...(serviceCategory ? { category: serviceCategory } : {}), page: String(n) })}`
    return reply.view('contracts/views/list.njk', {
      pageTitle: 'Contracts',
      query: { q, supplier, status },
      categoryItems: vm.serviceCategoryItems(serviceCategory, 'Any service category'),
      statusItems: [{ value: '', text: 'Any status' }, ...Object.entries(CONTRACT_STATUSES).map(([value, s]) => ({ value, text: s.name, selected: value === status }))],
      table: vm.contractTable(result.items, attention),
      resultCount: `${result.total} ${result.total === 1 ? 'contract' : 'contracts'}`,
      empty: result.items.length === 0,
      shortfalls: shortfalls.map((f) => ({ title: f.title, href: paths.contracts.show.href({ id: f.id }), reasons: checkKpiDuty(f, today()).shortfalls.map((s) => ATTENTION_HEADINGS[s]).join('; ') })),
      pagination: result.pageCount > 1 ? { previous: page > 1 ? { href: qs(page - 1) } : undefined, next: page < result.pageCount ? { href: qs(page + 1) } : undefined } : undefined,
      canWrite: can(principal, 'registers:write'),
      canManage: can(principal, 'settings:manage'),
    })
  })

  app.get(paths.contracts.attention.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const facts = await service.liveContractFacts(db, principal.councilId)
    const groups = new Map<AttentionReason, { title: string; href: string; endDate: string | null }[]>()
    for (const f of facts) {
      for (const reason of attentionReasons(f, today())) {
        const list = groups.get(reason) ?? []
        list.push({ title: `${f.title} (${f.reference})`, href: paths.contracts.show.href({ id: f.id }), endDate: f.endDate })
        groups.set(reason, list)
      }
    }
    return reply.view('contracts/views/attention.njk', {
      pageTitle: 'Contracts needing attention',
      today: today(),
      groups: (Object.keys(ATTENTION_HEADINGS) as AttentionReason[]).map((reason) => ({
        id: reason,
        heading: ATTENTION_HEADINGS[reason],
        items: (groups.get(reason) ?? []).map((i) => ({ ...i, ends: vm.govukDate(i.endDate) })),
      })),
    })
  })

  // ---------- the forward pipeline (ADR 0026) ----------

  app.get(paths.contracts.opportunities.pattern, { preHandler: requirePermission('opportunities:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, string | undefined>
    const q = (query.q ?? '').slice(0, 200)
    const page = pageOf(query.page)
    const result = await listOpportunities(db, principal.councilId, { q }, page)
    const qs = (n: number) => `${paths.contracts.opportunities.href()}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`
    return reply.view('contracts/views/opportunities.njk', {
      pageTitle: 'Opportunities not yet awarded',
      query: { q },
      table: vm.opportunityTable(result.items),
      resultCount: `${result.total} ${result.total === 1 ? 'opportunity' : 'opportunities'}`,
      empty: result.items.length === 0,
      canSeeRegister: can(principal, 'registers:read'),
      pagination: result.pageCount > 1 ? { previous: page > 1 ? { href: qs(page - 1) } : undefined, next: page < result.pageCount ? { href: qs(page + 1) } : undefined } : undefined,
    })
  })

  // ---------- add and change ----------

  const renderForm = async (reply: FastifyReply, status: number, principal: Principal, options: { body?: FormBody; record?: service.ContractRecord; errors?: FormErrors }) => {
    const errors = options.errors ?? NO_ERRORS
    const record = options.record
    return reply.code(status).view('contracts/views/form.njk', {
      pageTitle: record ? `Change ${record.title}` : 'Add a contract',
      action: record ? paths.contracts.show.href({ id: record.id }) : paths.contracts.list.href(),
      backHref: record ? paths.contracts.show.href({ id: record.id }) : paths.contracts.list.href(),
      form: vm.contractFormModel({ ...(options.body ? { body: options.body } : {}), ...(record ? { record } : {}) }, await providerChoices(principal.councilId), errors),
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  const serviceErrors = (error: unknown) => {
    if (error instanceof service.ContractInputError) return toFormErrors(error.issues, contractFieldIds())
    throw error
  }

  app.get(paths.contracts.create.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) =>
    renderForm(reply, 200, principalOf(request), {}),
  )

  app.post(paths.contracts.list.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseContractForm(body)
    if (!parsed.ok) return renderForm(reply, 400, principal, { body, errors: toFormErrors(parsed.issues, contractFieldIds()) })
    try {
      const row = await db.transaction((tx) => service.createContract(tx, principal.councilId, parsed.value, actorOf(request, principal), context.clock()))
      return reply.redirect(`${paths.contracts.show.href({ id: row.id })}?saved=created`, 303)
    } catch (error) {
      return renderForm(reply, 400, principal, { body, errors: serviceErrors(error) })
    }
  })

  app.get(paths.contracts.show.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const contract = await reachable(principal, id)
    // The spend inside the term: from its start to its end, or to today while it runs.
    const spendTo = contract.endDate && contract.endDate < today() ? contract.endDate : today()
    const [kpis, assessments, modifications, duty, history, projects, riskAssessments, termSpend, socialValue] = await Promise.all([
      service.kpisOf(db, principal.councilId, id),
      service.assessmentsOf(db, principal.councilId, id),
      service.modificationsOf(db, principal.councilId, id),
      service.dutyOf(db, principal.councilId, id, today()),
      can(principal, 'audit:read') ? service.contractHistory(db, principal.councilId, id) : undefined,
      can(principal, 'projects:read') ? projectsLinking(db, principal.councilId, { contractId: id }) : [],
      can(principal, 'risk:read') ? assessmentsOfContract(db, principal.councilId, id) : [],
      can(principal, 'spend:read') && contract.startDate
        ? spendWithProvidersByMonth(db, principal.councilId, contract.suppliers.map((s) => s.providerId), contract.startDate, spendTo)
        : undefined,
      can(principal, 'social-value:read') ? contractSocialValue(db, principal.councilId, { contractId: id }, { canManage: can(principal, 'social-value:manage') }) : undefined,
    ])
    // Residents' published stories about the people delivering this contract, newest first.
    const stories = (
      await Promise.all(contract.suppliers.map((s) => listPublished(db, { councilId: principal.councilId, providerId: s.providerId }, context.clock(), 5)))
    ).flat()
    const saved = (request.query as Record<string, unknown>).saved
    const pooledFunds = can(principal, 'pooled-funds:read') ? await fundsOfContract(db, principal.councilId, id) : []
    const decisions = can(principal, 'decisions:read') ? await decisionsOfContract(db, principal.councilId, id) : []
    const kpiReturns = await contractKpiReturns(db, principal.councilId, id)
    return reply.view('contracts/views/show.njk', {
      decisions: decisions.map((d) => ({ title: d.title, href: paths.decisions.show.href({ id: d.id }), date: d.decidedOn ?? d.plannedOn })),
      pooledFunds: pooledFunds.map((f) => ({ name: f.name, schemeName: f.schemeName, href: paths.pooledFunds.show.href({ id: f.id }) })),
      stories: stories.map((story) => ({ title: story.title, href: paths.stories.show.href({ id: story.id }), provider: story.providerName, publishedAt: story.publishedAt })),
      pageTitle: contract.title,
      contract,
      projects: projects.map((p) => ({ title: p.title, href: paths.projects.show.href({ id: p.id }), role: p.role === 'result' ? 'put this contract in place' : 'lists it as in place now' })),
      riskAssessments: riskAssessments.map((a) => ({
        href: paths.risk.assessment.href({ id: a.providerId, assessment: a.id }),
        provider: contract.suppliers.find((s) => s.providerId === a.providerId)?.name ?? '',
        ...a.words,
        at: a.createdAt,
      })),
      spend: can(principal, 'spend:read') ? contractSpendView(contract, termSpend, spendTo) : undefined,
      rows: vm.summaryRows(contract),
      kpis,
      assessments: assessments.map((a) => ({ ...a, ratingName: nameOf(vm.ASSESSMENT_RATINGS, a.rating), date: vm.govukDate(a.assessedOn) })),
      modifications: modifications.map((m) => ({ ...m, date: vm.govukDate(m.modifiedOn), valueBefore: m.valueBeforePence, valueAfter: m.valueAfterPence })),
      duty: duty && {
        applies: duty.applies,
        shortfalls: duty.shortfalls.map((s) => ATTENTION_HEADINGS[s]),
        nextDue: vm.govukDate(duty.nextAssessmentDue),
        cites: duty.cites.join(', '),
      },
      history: history && contractHistoryItems(history),
      socialValue,
      kpiReturns,
      canWrite: can(principal, 'registers:write'),
      ratingItems: vm.ratingItems(),
      assessedOn: vm.dateInput('assessedOn', 'Date of the assessment', { iso: today() }, NO_ERRORS),
      saved: typeof saved === 'string' ? SAVED_MESSAGES[saved] : undefined,
    })
  })

  app.get(paths.contracts.edit.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    return renderForm(reply, 200, principal, { record: await reachable(principal, id) })
  })

  app.post(paths.contracts.show.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const record = await reachable(principal, id)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseContractForm(body)
    if (!parsed.ok) return renderForm(reply, 400, principal, { body, record, errors: toFormErrors(parsed.issues, contractFieldIds()) })
    try {
      await db.transaction((tx) => service.updateContract(tx, principal.councilId, id, parsed.value, actorOf(request, principal), context.clock()))
    } catch (error) {
      return renderForm(reply, 400, principal, { body, record, errors: serviceErrors(error) })
    }
    return reply.redirect(`${paths.contracts.show.href({ id })}?saved=updated`, 303)
  })

  // ---------- KPIs and assessments (errors shown on a small page of their own) ----------

  const smallFormError = (reply: FastifyReply, contract: service.ContractRecord, title: string, issues: FieldIssue[]) =>
    reply.code(400).view('contracts/views/problem.njk', {
      pageTitle: title,
      errorList: toFormErrors(issues, { assessedOn: 'assessedOn-day' }).errorList,
      backHref: paths.contracts.show.href({ id: contract.id }),
      contract,
    })

  app.post(paths.contracts.kpis.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const contract = await reachable(principal, id)
    const parsed = parseKpiForm((request.body ?? {}) as FormBody)
    if (!parsed.ok) return smallFormError(reply, contract, 'The KPI was not added', parsed.issues)
    await db.transaction((tx) => service.addKpi(tx, principal.councilId, id, parsed.value, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.contracts.show.href({ id })}?saved=kpi#kpis`, 303)
  })

  app.post(paths.contracts.assessments.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const contract = await reachable(principal, id)
    const parsed = parseAssessmentForm((request.body ?? {}) as FormBody)
    if (!parsed.ok) return smallFormError(reply, contract, 'The assessment was not recorded', parsed.issues)
    await db.transaction((tx) => service.addAssessment(tx, principal.councilId, id, parsed.value, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.contracts.show.href({ id })}?saved=assessment#assessments`, 303)
  })

  // ---------- modifications: check, then record ----------

  const renderModification = async (reply: FastifyReply, status: number, contract: service.ContractRecord, options: { body?: FormBody; errors?: FormErrors; advice?: Awaited<ReturnType<typeof service.adviseOn>> }) => {
    const errors = options.errors ?? NO_ERRORS
    const b = options.body
    return reply.code(status).view('contracts/views/modification.njk', {
      pageTitle: `Record a modification to ${contract.title}`,
      contract,
      backHref: paths.contracts.show.href({ id: contract.id }),
      action: paths.contracts.modifications.href({ id: contract.id }),
      values: { description: b ? text(b, 'description') : '', newValue: b ? text(b, 'newValue') : '' },
      modifiedOn: vm.dateInput('modifiedOn', 'Date of the modification', b ? { body: b } : { iso: today() }, errors),
      newEndDate: vm.dateInput('newEndDate', 'End date after the modification', b ? { body: b } : { iso: contract.endDate }, errors),
      answerItems: [
        { value: 'scope', text: 'It adds a new kind of goods, services or works (a material change of scope)', checked: b ? [b.answers].flat().includes('scope') : false },
        { value: 'balance', text: 'It shifts the economic balance of the contract in the supplier’s favour', checked: b ? [b.answers].flat().includes('balance') : false },
      ],
      groundItems: vm.groundItems(b ? text(b, 'ground') : undefined),
      advice: options.advice,
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  app.get(paths.contracts.newModification.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    return renderModification(reply, 200, await reachable(principal, id), {})
  })

  app.post(paths.contracts.modifications.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const contract = await reachable(principal, id)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseModificationForm(body)
    const ids = { modifiedOn: 'modifiedOn-day', newEndDate: 'newEndDate-day' }
    if (!parsed.ok) return renderModification(reply, 400, contract, { body, errors: toFormErrors(parsed.issues, ids) })
    try {
      if (text(body, 'step') !== 'record') {
        const advice = await service.adviseOn(db, principal.councilId, contract, parsed.value)
        return renderModification(reply, 200, contract, { body, advice })
      }
      await db.transaction((tx) => service.recordModification(tx, principal.councilId, id, parsed.value, actorOf(request, principal), context.clock()))
    } catch (error) {
      if (!(error instanceof service.ModificationNotPossibleError)) throw error
      return renderModification(reply, 400, contract, { body, errors: toFormErrors([{ field: 'newValue', message: error.message }]) })
    }
    return reply.redirect(`${paths.contracts.show.href({ id })}?saved=modification#modifications`, 303)
  })

  // ---------- settings (administrators) ----------

  app.get(paths.contracts.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const values = await readSettings(db, principal.councilId, OPEN_DATA_SETTINGS)
    return reply.view('contracts/views/settings.njk', { pageTitle: 'Open data identifiers', values, identity: identityFrom(values, principal.councilCode), errorList: [], fieldErrors: {} })
  })

  app.post(paths.contracts.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const values = { ocdsPublisherPrefix: text(body, 'ocdsPublisherPrefix').toLowerCase().replace(/^ocds-/, ''), grantsPrefix: text(body, 'grantsPrefix') }
    const issues: FieldIssue[] = []
    if (!OPEN_DATA_SETTINGS.schema.shape.ocdsPublisherPrefix.safeParse(values.ocdsPublisherPrefix).success) issues.push({ field: 'ocdsPublisherPrefix', message: 'Enter the publisher prefix in lower-case letters and digits, like b5fd17' })
    if (!OPEN_DATA_SETTINGS.schema.shape.grantsPrefix.safeParse(values.grantsPrefix).success) issues.push({ field: 'grantsPrefix', message: 'Enter a 360Giving prefix starting 360G-, like 360G-demoborough' })
    if (issues.length) {
      const errors = toFormErrors(issues)
      const current = await readSettings(db, principal.councilId, OPEN_DATA_SETTINGS)
      return reply.code(400).view('contracts/views/settings.njk', { pageTitle: 'Open data identifiers', values: { ...current, ...values }, identity: identityFrom(current, principal.councilCode), ...errors })
    }
    await db.transaction((tx) => writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: OPEN_DATA_SETTINGS, values, now: context.clock() }))
    return reply.redirect(`${paths.contracts.settings.href()}`, 303)
  })
}

const SAVED_MESSAGES: Record<string, string> = {
  created: 'Contract added to the register',
  updated: 'Contract updated',
  kpi: 'KPI added',
  assessment: 'Assessment recorded',
  modification: 'Modification recorded',
}
