/**
 * The provider's digest page (ADR 0059): a provider user chooses the services and areas they care about and how
 * often to hear of new opportunities. Only for the provider's own people: anyone else, and another provider's page,
 * is "not found". Services and wards are checked against the council's own lists, so a ward of another council is
 * refused like any unknown value.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { list, text, toFormErrors, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import { findCouncilById } from '../councils/service.ts'
import { actorOf } from '../providers/routes.ts'
import { getProvider, type ProviderRecord } from '../providers/service.ts'
import { SERVICE_CATEGORIES } from '../providers/service-categories.ts'
import { idOf } from '../social-value/ids.ts'
import { FREQUENCIES, isFrequency, type Frequency } from './rules.ts'
import * as service from './service.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const FIELD_IDS = { frequency: 'frequency', services: 'services', area: 'area', wards: 'wards' }

interface Values {
  frequency: string
  services: string[]
  area: string
  wards: string[]
}

export function registerOpportunityDigestRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  const ownProvider = async (request: FastifyRequest): Promise<{ provider: ProviderRecord; councilId: string; userId: string }> => {
    const principal = principalOf(request)
    const id = idOf(request)
    if (!can(principal, 'providers:write-own') || principal.providerId !== id || !principal.userId) throw new NotFoundError('Provider')
    const provider = await getProvider(db, principal.councilId, id)
    if (!provider) throw new NotFoundError('Provider')
    return { provider, councilId: principal.councilId, userId: principal.userId }
  }

  const render = async (reply: FastifyReply, status: number, f: { provider: ProviderRecord; councilId: string }, values: Values, errors: FormErrors, extra: { saved?: boolean; lastDigestOn?: string | null } = {}) => {
    const [wards, council] = await Promise.all([service.wardsOf(db, f.councilId), findCouncilById(db, f.councilId)])
    const wardBoxes = {
      idPrefix: 'wards',
      name: 'wards',
      fieldset: { legend: { text: 'Wards', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Used when you choose “Only in the wards I choose”. Opportunities the council has not placed in a ward are sent to you too' },
      items: wards.map((w) => ({ value: w.id, text: w.name, checked: values.wards.includes(w.id) })),
      errorMessage: errors.fieldErrors.wards,
      classes: 'govuk-checkboxes--small',
    }
    return reply.code(status).view('opportunity-digests/views/choices.njk', {
      pageTitle: 'Opportunities by email',
      caption: f.provider.name,
      backHref: paths.providers.show.href({ id: f.provider.id }),
      action: paths.opportunityDigests.choices.href({ id: f.provider.id }),
      saved: extra.saved ?? false,
      lastDigest: extra.lastDigestOn ? formatDate(extra.lastDigestOn) : null,
      councilName: council?.name ?? 'the council',
      pipelineHref: council ? paths.pipeline.page.href({ council: council.code }) : undefined,
      engagementHref: paths.marketEngagement.provider.href({ id: f.provider.id }),
      errorList: errors.errorList,
      frequency: {
        idPrefix: 'frequency',
        name: 'frequency',
        fieldset: { legend: { text: 'How often do you want an email?', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: 'Each email lists what is new since the last one; when nothing is new, none is sent' },
        items: FREQUENCIES.map((fq) => ({ value: fq.code, text: fq.name, checked: values.frequency === fq.code })),
        errorMessage: errors.fieldErrors.frequency,
      },
      services: {
        idPrefix: 'services',
        name: 'services',
        fieldset: { legend: { text: 'Which services?', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: 'Select all that apply. Opportunities whose service the council has not stated are sent to you too' },
        items: SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, checked: values.services.includes(c.code) })),
        errorMessage: errors.fieldErrors.services,
        classes: 'govuk-checkboxes--small',
      },
      hasWards: wards.length > 0,
      wardBoxes,
      area: { value: values.area, errorMessage: errors.fieldErrors.area },
    })
  }

  app.get(paths.opportunityDigests.choices.pattern, { preHandler: requirePermission('providers:write-own') }, async (request, reply) => {
    const f = await ownProvider(request)
    const choice = await service.choicesOf(db, f.councilId, f.provider.id, f.userId)
    const values: Values = choice
      ? { frequency: choice.frequency, services: choice.services, area: choice.wholeCouncil ? 'council' : 'wards', wards: choice.wardIds }
      : { frequency: '', services: [], area: 'council', wards: [] }
    return render(reply, 200, f, values, NO_ERRORS, { saved: (request.query as Record<string, unknown>).saved === '1', lastDigestOn: choice?.lastDigestOn ?? null })
  })

  app.post(paths.opportunityDigests.choices.pattern, { preHandler: requirePermission('providers:write-own') }, async (request, reply) => {
    const f = await ownProvider(request)
    const body = (request.body ?? {}) as FormBody
    const values: Values = { frequency: text(body, 'frequency'), services: list(body, 'services'), area: text(body, 'area'), wards: list(body, 'wards') }
    const issues: FieldIssue[] = []
    const frequency = values.frequency
    if (!isFrequency(frequency)) issues.push({ field: 'frequency', message: 'Choose how often you want an email' })
    const stopping = frequency === 'never'
    const known = new Set<string>(SERVICE_CATEGORIES.map((c) => c.code))
    if (values.services.some((s) => !known.has(s))) issues.push({ field: 'services', message: 'Choose services from the list' })
    else if (!stopping && values.services.length === 0) issues.push({ field: 'services', message: 'Choose at least one service' })
    const wardIds = new Set((await service.wardsOf(db, f.councilId)).map((w) => w.id))
    if (values.area !== 'council' && values.area !== 'wards') issues.push({ field: 'area', message: 'Choose anywhere in the council or only the wards you choose' })
    else if (values.area === 'wards') {
      // A ward of another council, or one since removed, is not in this council's list.
      if (values.wards.some((w) => !wardIds.has(w))) issues.push({ field: 'wards', message: 'Choose wards from the list' })
      else if (values.wards.length === 0) issues.push({ field: 'wards', message: 'Choose at least one ward, or anywhere in the council' })
    }
    if (issues.length) return render(reply, 400, f, values, toFormErrors(issues, { ...FIELD_IDS, wards: 'wards' }))
    const principal = principalOf(request)
    await db.transaction((tx) =>
      service.saveChoices(tx, {
        councilId: f.councilId, providerId: f.provider.id, userId: f.userId, frequency: frequency as Frequency,
        services: [...new Set(values.services)], wholeCouncil: values.area === 'council', wardIds: [...new Set(values.wards)],
        actor: actorOf(request, principal), now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.opportunityDigests.choices.href({ id: f.provider.id })}?saved=1`, 303)
  })
}
