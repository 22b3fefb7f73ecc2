/** The grants register's pages for council staff. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { listProviders } from '../providers/service.ts'
import { text, toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { openDataIdentity } from '../contracts/settings.ts'
import { dateInput, govukDate } from '../contracts/view-models.ts'
import { formatPence } from '../../platform/money.ts'
import { parseGrantForm } from './forms.ts'
import { roundOfGrant } from '../grant-rounds/service.ts'
import * as service from './service.ts'
import { contractSocialValue } from '../social-value/sections.ts'
import { escapeHtml } from '../../platform/http/html.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const ids = { awardDate: 'awardDate-day', plannedStartDate: 'plannedStartDate-day', plannedEndDate: 'plannedEndDate-day', fromOpenCall: 'fromOpenCall', published: 'published' }

export function registerGrantRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const prefixOf = async (principal: Principal) => (await openDataIdentity(db, (await findCouncilById(db, principal.councilId))!)).grantsPrefix
  const actor = (principal: Principal, requestId: string) => ({ userId: principal.userId, label: principal.displayName, requestId })

  const reachable = async (principal: Principal, id: string) => {
    const grant = await service.getGrant(db, principal.councilId, id)
    if (!grant) throw new NotFoundError('Grant')
    return grant
  }

  app.get(paths.grants.list.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 200)
    const result = await service.listGrants(db, { councilId: principal.councilId }, { q }, 1, 200)
    return reply.view('grants/views/list.njk', {
      pageTitle: 'Grants',
      q,
      canWrite: can(principal, 'registers:write'),
      resultCount: `${result.total} ${result.total === 1 ? 'grant' : 'grants'}`,
      table: {
        head: [{ text: 'Grant' }, { text: 'Recipient' }, { text: 'Amount', format: 'numeric' }, { text: 'Awarded' }],
        rows: result.items.map((g) => [
          { html: `<a class="govuk-link" href="${paths.grants.show.href({ id: g.id })}">${escapeHtml(g.title)}</a><br><span class="govuk-body-s">${escapeHtml(g.identifier)}</span>` },
          { text: g.recipient?.name ?? '' },
          { text: formatPence(g.amountAwardedPence, { whole: true }), format: 'numeric' },
          { text: govukDate(g.awardDate) },
        ]),
      },
      empty: result.items.length === 0,
    })
  })

  const renderForm = async (reply: FastifyReply, status: number, principal: Principal, options: { body?: FormBody; grant?: service.GrantRecord; errors?: FormErrors }) => {
    const errors = options.errors ?? NO_ERRORS
    const b = options.body
    const g = options.grant
    const v = (name: string, stored: string | null | undefined) => (b ? text(b, name) : (stored ?? ''))
    const providers = (await listProviders(db, principal.councilId, {}, { page: 1, pageSize: 5000 })).items
    const recipient = b ? text(b, 'recipientProviderId') : (g?.recipientProviderId ?? '')
    const openCall = b ? text(b, 'fromOpenCall') : g ? (g.fromOpenCall === null ? 'unknown' : g.fromOpenCall ? 'yes' : 'no') : ''
    const published = b ? text(b, 'published') : g ? (g.published ? 'yes' : 'no') : 'yes'
    const source = (iso: string | null | undefined) => (b ? { body: b } : { iso: iso ?? null })
    return reply.code(status).view('grants/views/form.njk', {
      pageTitle: g ? `Change ${g.title}` : 'Add a grant',
      action: g ? paths.grants.show.href({ id: g.id }) : paths.grants.list.href(),
      backHref: g ? paths.grants.show.href({ id: g.id }) : paths.grants.list.href(),
      prefix: await prefixOf(principal),
      form: {
        identifier: v('identifier', g?.identifier),
        title: v('title', g?.title),
        description: v('description', g?.description),
        amount: v('amount', g ? (g.amountAwardedPence / 100).toFixed(2) : ''),
        programme: v('programme', g?.programme),
        department: v('department', g?.department),
        beneficiaryLocations: v('beneficiaryLocations', g?.beneficiaryLocations.join(', ')),
        recipientItems: [{ value: '', text: 'Select a provider' }, ...providers.map((p) => ({ value: p.id, text: p.name, selected: p.id === recipient }))],
        openCallItems: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }, { value: 'unknown', text: 'Not known' }].map((i) => ({ ...i, checked: i.value === openCall })),
        publishedItems: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }].map((i) => ({ ...i, checked: i.value === published })),
        awardDate: dateInput('awardDate', 'Award date', source(g?.awardDate), errors),
        plannedStartDate: dateInput('plannedStartDate', 'Planned start (optional)', source(g?.plannedStartDate), errors),
        plannedEndDate: dateInput('plannedEndDate', 'Planned end (optional)', source(g?.plannedEndDate), errors),
      },
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
    })
  }

  app.get(paths.grants.create.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => renderForm(reply, 200, principalOf(request), {}))

  const save = async (request: FastifyRequest, reply: FastifyReply, existing?: service.GrantRecord) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseGrantForm(body, await prefixOf(principal))
    if (!parsed.ok) return renderForm(reply, 400, principal, { body, ...(existing ? { grant: existing } : {}), errors: toFormErrors(parsed.issues, ids) })
    try {
      const row = await db.transaction((tx) =>
        existing
          ? service.updateGrant(tx, principal.councilId, existing.id, parsed.value, actor(principal, request.id), context.clock())
          : service.createGrant(tx, principal.councilId, parsed.value, actor(principal, request.id), context.clock()),
      )
      return reply.redirect(`${paths.grants.show.href({ id: row!.id })}?saved=1`, 303)
    } catch (error) {
      if (!(error instanceof service.GrantInputError)) throw error
      return renderForm(reply, 400, principal, { body, ...(existing ? { grant: existing } : {}), errors: toFormErrors(error.issues, ids) })
    }
  }

  app.post(paths.grants.list.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => save(request, reply))

  app.get(paths.grants.show.pattern, { preHandler: requirePermission('registers:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const grant = await reachable(principal, (request.params as { id: string }).id)
    const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || 'Not recorded' } })
    const socialValue = can(principal, 'social-value:read') ? await contractSocialValue(db, principal.councilId, { grantId: grant.id }, { canManage: can(principal, 'social-value:manage') }) : undefined
    // An award made through a grant round links back to its round.
    const round = await roundOfGrant(db, principal.councilId, grant.id)
    const roundRows = round ? [{ key: { text: 'Grant round' }, value: { html: `<a class="govuk-link" href="${paths.grantRounds.show.href({ id: round.roundId })}">${escapeHtml(round.title)}</a>` } }] : []
    return reply.view('grants/views/show.njk', {
      pageTitle: grant.title,
      grant,
      socialValue,
      saved: (request.query as Record<string, unknown>).saved ? 'Grant saved' : undefined,
      canWrite: can(principal, 'registers:write'),
      rows: [
        row('360Giving identifier', grant.identifier),
        row('Description', grant.description ?? ''),
        row('Recipient', grant.recipient ? `${grant.recipient.name}${grant.recipient.isVcse ? ' (VCSE)' : ''}` : ''),
        row('Amount awarded', formatPence(grant.amountAwardedPence)),
        row('Award date', govukDate(grant.awardDate)),
        row('Planned dates', grant.plannedStartDate || grant.plannedEndDate ? `${govukDate(grant.plannedStartDate)} to ${govukDate(grant.plannedEndDate)}` : ''),
        row('Programme', grant.programme ?? ''),
        row('From an open call', grant.fromOpenCall === null ? 'Not known' : grant.fromOpenCall ? 'Yes' : 'No'),
        row('Department', grant.department ?? ''),
        row('Beneficiary locations', grant.beneficiaryLocations.join(', ')),
        row('Published in open data', grant.published ? 'Yes' : 'No'),
        ...roundRows,
      ],
    })
  })

  app.get(paths.grants.edit.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    return renderForm(reply, 200, principal, { grant: await reachable(principal, (request.params as { id: string }).id) })
  })

  app.post(paths.grants.show.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    return save(request, reply, await reachable(principal, (request.params as { id: string }).id))
  })
}
