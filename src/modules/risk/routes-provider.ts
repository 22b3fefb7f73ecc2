/**
 * A provider's financial standing for council staff: its years of figures with their evidence, its events and its
 * assessments; adding and changing a year, recording an event. And the provider's own page for giving figures and
 * evidence itself (reg 10: what it can reasonably give).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { EVENT_KINDS } from '../../rules/risk/look-back.ts'
import { londonDate } from '../contracts/dates.ts'
import { toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { actorOf } from '../providers/routes.ts'
import { evidenceName, eventFieldIds, financialsFieldIds, financialsFormValues, parseEventForm, parseFinancialsForm } from './forms.ts'
import * as service from './service.ts'
import { DECISION_NAMES, eventKindName, LEVEL_TAGS, MITIGATION_NAMES } from './view-models.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

export async function reachableRiskProvider(db: AppContext['db'], principal: Principal, id: string) {
  const provider = await service.providerOf(db, principal.councilId, id)
  if (!provider) throw new NotFoundError('Provider')
  return provider
}

/** The form's fields for a year of figures, shared by the officer's and the provider's pages. */
export function financialsFormModel(values: FormBody, errors: FormErrors) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
  const date = (name: string) => ['day', 'month', 'year'].map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors.fieldErrors[name] ? ' govuk-input--error' : ''}`, value: str(`${name}-${part}`) }))
  return {
    periodEnd: { id: 'periodEnd', namePrefix: 'periodEnd', items: date('periodEnd'), fieldset: { legend: { text: 'End of the financial year', classes: 'govuk-fieldset__legend--s' } }, hint: { text: 'The last day of the year the figures cover, for example 31 3 2026' }, errorMessage: errors.fieldErrors.periodEnd },
    tradingSince: { id: 'tradingSince', namePrefix: 'tradingSince', items: date('tradingSince'), fieldset: { legend: { text: 'Began trading (optional)', classes: 'govuk-fieldset__legend--s' } }, hint: { text: 'Companies House registration date, or the date trading began' }, errorMessage: errors.fieldErrors.tradingSince },
    tradingSinceEvidence: { id: evidenceName('tradingSince'), name: evidenceName('tradingSince'), value: str(evidenceName('tradingSince')), classes: 'govuk-!-width-full', label: { text: 'Evidence for the date (optional)' }, errorMessage: errors.fieldErrors[evidenceName('tradingSince')] },
    figures: service.FIGURE_FIELDS.map((f) => ({
      amount: { id: f.key, name: f.key, value: str(f.key), inputmode: 'decimal', classes: 'govuk-input--width-10', prefix: { text: '£' }, label: { text: `${f.name} (optional)`, classes: 'govuk-label--s' }, hint: f.signed ? { text: 'A negative number, like -8000, for a loss or net liabilities' } : undefined, errorMessage: errors.fieldErrors[f.key] },
      evidence: { id: evidenceName(f.key), name: evidenceName(f.key), value: str(evidenceName(f.key)), classes: 'govuk-!-width-full', label: { text: `Evidence for ${f.name.toLowerCase()}` }, hint: { text: 'Where the figure comes from, for example “Filed accounts to 31 March 2026, page 12” or “Management accounts”' }, errorMessage: errors.fieldErrors[evidenceName(f.key)] },
    })),
    employees: { id: 'employees', name: 'employees', value: str('employees'), inputmode: 'numeric', classes: 'govuk-input--width-5', label: { text: 'Employees (optional)', classes: 'govuk-label--s' }, errorMessage: errors.fieldErrors.employees },
    accountsAudited: { idPrefix: 'accountsAudited', name: 'accountsAudited', classes: 'govuk-radios--inline govuk-radios--small', fieldset: { legend: { text: 'Were these accounts audited?', classes: 'govuk-fieldset__legend--s' } }, items: [{ value: 'yes', text: 'Yes', checked: str('accountsAudited') === 'yes' }, { value: 'no', text: 'No', checked: str('accountsAudited') !== 'yes' }] },
    auditRequired: {
      idPrefix: 'auditRequired',
      name: 'auditRequired',
      classes: 'govuk-radios--small',
      fieldset: { legend: { text: 'Must the provider’s accounts be audited?', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Under Part 16 of the Companies Act 2006. A provider that need not be audited is assessed on what it can reasonably give (Procurement Act 2023 s.22(3)).' },
      items: [
        { value: 'yes', text: 'Yes', checked: str('auditRequired') === 'yes' },
        { value: 'no', text: 'No, audit is not required', checked: str('auditRequired') === 'no' },
        { value: 'unknown', text: 'Not known', checked: !['yes', 'no'].includes(str('auditRequired')) },
      ],
    },
    parentCompany: { id: 'parentCompany', name: 'parentCompany', value: str('parentCompany'), label: { text: 'Parent company (optional)', classes: 'govuk-label--s' }, errorMessage: errors.fieldErrors.parentCompany },
    parentGuarantee: { idPrefix: 'parentGuarantee', name: 'parentGuarantee', classes: 'govuk-radios--inline govuk-radios--small', fieldset: { legend: { text: 'Does the parent company guarantee the provider’s performance?', classes: 'govuk-fieldset__legend--s' } }, items: [{ value: 'yes', text: 'Yes', checked: str('parentGuarantee') === 'yes' }, { value: 'no', text: 'No', checked: str('parentGuarantee') !== 'yes' }] },
  }
}

function yearSummary(row: service.FinancialsRow) {
  const evidence = (row.evidence ?? {}) as Record<string, string>
  const figureRows = service.FIGURE_FIELDS.map((f) => [{ text: f.name }, { text: row[f.key] === null ? 'Not given' : formatPence(row[f.key], { whole: true }), format: 'numeric' }, { text: evidence[f.key] ?? '' }])
  figureRows.push([{ text: 'Began trading' }, { text: row.tradingSince ?? 'Not given', format: 'numeric' }, { text: evidence.tradingSince ?? '' }])
  return {
    periodEnd: row.periodEnd,
    enteredBy: row.enteredBy,
    updatedAt: row.updatedAt,
    facts: [
      row.accountsAudited ? 'Audited accounts' : 'Accounts not audited',
      row.auditRequired === false ? 'audit not required (s.22(3))' : row.auditRequired === true ? 'audit required' : 'whether audit is required is not known',
      row.employees !== null ? `${row.employees} employees` : null,
      row.parentCompany ? `parent company ${row.parentCompany}${row.parentGuarantee ? ', which guarantees performance' : ''}` : null,
    ].filter(Boolean).join('; '),
    table: { caption: `Figures for the year to ${row.periodEnd}`, captionClasses: 'govuk-table__caption--s', firstCellIsHeader: true, head: [{ text: 'Figure' }, { text: 'Amount', format: 'numeric' }, { text: 'Evidence' }], rows: figureRows },
  }
}

export function registerProviderRiskRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())
  const read = { preHandler: requirePermission('risk:read') }
  const assess = { preHandler: requirePermission('risk:assess') }

  app.get(paths.risk.provider.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableRiskProvider(db, principal, id)
    const [years, events, assessments, contracts] = await Promise.all([
      service.financialsOf(db, principal.councilId, id),
      service.eventsOf(db, principal.councilId, id),
      service.assessmentsOf(db, principal.councilId, id),
      service.contractsOf(db, principal.councilId, id),
    ])
    const contractTitles = new Map(contracts.map((c) => [c.id, `${c.title} (${c.reference})`]))
    const saved = (request.query as Record<string, unknown>).saved
    return reply.view('risk/views/provider.njk', {
      pageTitle: `Financial standing: ${provider.name}`,
      provider,
      years: years.map((y) => ({ ...yearSummary(y), editHref: paths.risk.financials.href({ id, year: y.periodEnd }) })),
      events: events.map((e) => ({ ...e, kindName: eventKindName(e.kind), paragraph: EVENT_KINDS[e.kind as keyof typeof EVENT_KINDS]?.paragraph ?? '' })),
      assessments: assessments.map((a) => ({
        href: paths.risk.assessment.href({ id, assessment: a.id }),
        title: a.contractId ? (contractTitles.get(a.contractId) ?? 'A contract') : `Proposed: ${a.proposedTitle ?? ''}`,
        createdAt: a.createdAt,
        tier: a.tier,
        result: LEVEL_TAGS[a.result as 'low'],
        residual: LEVEL_TAGS[a.residualRisk as 'low'],
        decision: a.decision ? DECISION_NAMES[a.decision as 'proceed'] : 'Not yet decided',
        mitigations: a.mitigations.map((m) => MITIGATION_NAMES[m as 'bond'] ?? m).join(', '),
      })),
      canAssess: can(principal, 'risk:assess'),
      saved: saved === 'financials' ? 'Figures saved' : saved === 'event' ? 'Event recorded' : undefined,
    })
  })

  // ---------- a year of figures ----------

  const renderFinancials = async (reply: FastifyReply, status: number, provider: { id: string; name: string }, values: FormBody, errors: FormErrors, editing?: string) =>
    reply.code(status).view('risk/views/financials.njk', {
      pageTitle: editing ? `Change the figures for the year to ${editing}` : 'Add a year of figures',
      provider,
      action: editing ? paths.risk.financials.href({ id: provider.id, year: editing }) : paths.risk.newFinancials.href({ id: provider.id }),
      backHref: paths.risk.provider.href({ id: provider.id }),
      form: financialsFormModel(values, errors),
      errorList: errors.errorList,
    })

  app.get(paths.risk.newFinancials.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const provider = await reachableRiskProvider(db, principal, (request.params as { id: string }).id)
    return renderFinancials(reply, 200, provider, {}, NO_ERRORS)
  })

  app.get(paths.risk.financials.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const { id, year } = request.params as { id: string; year: string }
    const provider = await reachableRiskProvider(db, principal, id)
    const row = await service.financialsFor(db, principal.councilId, id, year)
    if (!row) throw new NotFoundError('Year of figures')
    return renderFinancials(reply, 200, provider, financialsFormValues(row), NO_ERRORS, year)
  })

  const saveFinancials = async (request: FastifyRequest, reply: FastifyReply, editing?: string) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableRiskProvider(db, principal, id)
    if (editing && !(await service.financialsFor(db, principal.councilId, id, editing))) throw new NotFoundError('Year of figures')
    const body = (request.body ?? {}) as FormBody
    const parsed = parseFinancialsForm(body, today())
    if (!parsed.ok) return renderFinancials(reply, 400, provider, body, toFormErrors(parsed.issues, financialsFieldIds()), editing)
    const result = await db.transaction((tx) =>
      service.saveFinancials(tx, { councilId: principal.councilId, providerId: id, values: parsed.value, enteredBy: `${principal.displayName} (council officer)`, actor: actorOf(request, principal), now: context.clock(), ...(editing ? { replacing: editing } : {}) }),
    )
    if (result.outcome === 'clash') return renderFinancials(reply, 400, provider, body, toFormErrors([{ field: 'periodEnd', message: 'There are already figures for a year ending on that date: change those instead' }], financialsFieldIds()), editing)
    return reply.redirect(`${paths.risk.provider.href({ id })}?saved=financials`, 303)
  }

  app.post(paths.risk.newFinancials.pattern, assess, (request, reply) => saveFinancials(request, reply))
  app.post(paths.risk.financials.pattern, assess, (request, reply) => saveFinancials(request, reply, (request.params as { year: string }).year))

  // ---------- events ----------

  const renderEvent = (reply: FastifyReply, status: number, provider: { id: string; name: string }, values: FormBody, errors: FormErrors) => {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
    const date = (name: string, legend: string, hint: string) => ({
      id: name,
      namePrefix: name,
      fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
      hint: { text: hint },
      errorMessage: errors.fieldErrors[name],
      items: ['day', 'month', 'year'].map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors.fieldErrors[name] ? ' govuk-input--error' : ''}`, value: str(`${name}-${part}`) })),
    })
    return reply.code(status).view('risk/views/event.njk', {
      pageTitle: 'Record an event',
      provider,
      backHref: paths.risk.provider.href({ id: provider.id }),
      action: paths.risk.newEvent.href({ id: provider.id }),
      kind: {
        idPrefix: 'kind',
        name: 'kind',
        fieldset: { legend: { text: 'What happened', classes: 'govuk-fieldset__legend--s' } },
        errorMessage: errors.fieldErrors.kind,
        items: Object.entries(EVENT_KINDS).map(([value, k]) => ({ value, text: k.name, hint: { text: `Schedule 7 paragraph ${k.paragraph}; counts for ${k.windowYears} years from when the council knew of it` }, checked: str('kind') === value })),
      },
      occurredOn: date('occurredOn', 'When it happened', 'For example 14 6 2025'),
      knownOn: date('knownOn', 'When the council knew, or should have known, of it', 'The Schedule 7 look-back (para 15) runs from this date'),
      description: { id: 'description', name: 'description', value: str('description'), label: { text: 'What happened', classes: 'govuk-label--s' }, errorMessage: errors.fieldErrors.description },
      source: { id: 'source', name: 'source', value: str('source'), label: { text: 'Source (optional)', classes: 'govuk-label--s' }, hint: { text: 'For example a Gazette notice, a court order or the contract file' } },
      errorList: errors.errorList,
    })
  }

  app.get(paths.risk.newEvent.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const provider = await reachableRiskProvider(db, principal, (request.params as { id: string }).id)
    return renderEvent(reply, 200, provider, {}, NO_ERRORS)
  })

  app.post(paths.risk.newEvent.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableRiskProvider(db, principal, id)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseEventForm(body, today())
    if (!parsed.ok) return renderEvent(reply, 400, provider, body, toFormErrors(parsed.issues, eventFieldIds()))
    await db.transaction((tx) => service.recordEvent(tx, { councilId: principal.councilId, providerId: id, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.risk.provider.href({ id })}?saved=event`, 303)
  })

  // ---------- the provider's own evidence ----------

  const ownProvider = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    if (principal.providerId !== id) throw new NotFoundError('Provider')
    return { principal, provider: await reachableRiskProvider(db, principal, id) }
  }

  const renderEvidence = async (reply: FastifyReply, status: number, principal: Principal, provider: { id: string; name: string }, values: FormBody, errors: FormErrors, saved?: boolean) => {
    const [years, assessments] = await Promise.all([service.financialsOf(db, principal.councilId, provider.id), service.assessmentsOf(db, principal.councilId, provider.id)])
    return reply.code(status).view('risk/views/evidence.njk', {
      pageTitle: 'Give evidence of your financial standing',
      provider,
      action: paths.risk.evidence.href({ id: provider.id }),
      requests: assessments.filter((a) => a.evidenceRequestedAt).map((a) => ({ at: a.evidenceRequestedAt, annualValue: a.annualValuePence })),
      years: years.map(yearSummary),
      form: financialsFormModel(values, errors),
      errorList: errors.errorList,
      saved,
    })
  }

  app.get(paths.risk.evidence.pattern, { preHandler: requirePermission('risk:evidence-own') }, async (request, reply) => {
    const { principal, provider } = await ownProvider(request)
    return renderEvidence(reply, 200, principal, provider, {}, NO_ERRORS, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.risk.evidence.pattern, { preHandler: requirePermission('risk:evidence-own') }, async (request, reply) => {
    const { principal, provider } = await ownProvider(request)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseFinancialsForm(body, today())
    if (!parsed.ok) return renderEvidence(reply, 400, principal, provider, body, toFormErrors(parsed.issues, financialsFieldIds()))
    await db.transaction((tx) =>
      service.saveFinancials(tx, { councilId: principal.councilId, providerId: provider.id, values: parsed.value, enteredBy: `${principal.displayName} for the provider`, actor: actorOf(request, principal), now: context.clock() }),
    )
    return reply.redirect(`${paths.risk.evidence.href({ id: provider.id })}?saved=1`, 303)
  })
}
