/** A provider's capacity, by service: /providers/:id/capacity (market:read to see, market:write to change). */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { choiceField, dateField, dateFieldId, text, toFormErrors, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import { dateInput, govukDate } from '../contracts/view-models.ts'
import { SERVICE_CATEGORY_CODES, serviceCategoryName } from '../providers/service-categories.ts'
import { getProvider } from '../providers/service.ts'
import { actorOf } from '../providers/routes.ts'
import { categoryItems } from './routes.ts'
import { capacityOf, removeCapacity, saveCapacity, type CapacityInput } from './service.ts'

const AMOUNT_MAX = 10_000_000
const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

function wholeNumber(body: FormBody, name: string, label: string, issues: FieldIssue[], required: boolean): number | null {
  const raw = text(body, name).replace(/,/g, '')
  if (raw === '') {
    if (required) issues.push({ field: name, message: `Enter the ${label}` })
    return null
  }
  if (!/^\d+$/.test(raw) || Number(raw) > AMOUNT_MAX) {
    issues.push({ field: name, message: `The ${label} must be a whole number from 0 to ${AMOUNT_MAX.toLocaleString('en-GB')}` })
    return null
  }
  return Number(raw)
}

/** The capacity form: what good input is. */
export function parseCapacityForm(body: FormBody, today: string): { ok: true; value: CapacityInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  const serviceCategory = choiceField(body, 'serviceCategory', SERVICE_CATEGORY_CODES, 'Select the service', issues)
  const amount = wholeNumber(body, 'amount', 'capacity', issues, true)
  const unit = text(body, 'unit')
  if (unit === '') issues.push({ field: 'unit', message: 'Enter what the capacity is counted in, like beds or hours of home care a week' })
  else if (unit.length > 100) issues.push({ field: 'unit', message: 'The unit must be 100 characters or fewer' })
  const usedByCouncil = wholeNumber(body, 'usedByCouncil', 'amount used by the council', issues, false)
  if (amount !== null && usedByCouncil !== null && usedByCouncil > amount) issues.push({ field: 'usedByCouncil', message: 'The amount used by the council cannot be more than the capacity' })
  const asAt = dateField(body, 'asAt', 'date the capacity was true', issues, true)
  if (asAt && asAt > today) issues.push({ field: 'asAt', message: 'The date the capacity was true must be today or in the past' })
  const notes = text(body, 'notes')
  if (notes.length > 1000) issues.push({ field: 'notes', message: 'Notes must be 1,000 characters or fewer' })
  if (issues.length > 0 || !serviceCategory || amount === null || !asAt) return { ok: false, issues }
  return { ok: true, value: { serviceCategory, amount, unit, usedByCouncil, asAt, notes: notes === '' ? null : notes } }
}

export function registerCapacityRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())

  const providerOf = async (principal: Principal, id: string) => {
    const provider = await getProvider(db, principal.councilId, id)
    if (!provider) throw new NotFoundError('Provider')
    return provider
  }

  const render = async (reply: FastifyReply, principal: Principal, providerId: string, status: number, options: { body?: FormBody; errors?: FormErrors; saved?: string } = {}) => {
    const provider = await providerOf(principal, providerId)
    const lines = await capacityOf(db, principal.councilId, providerId)
    const errors = options.errors ?? NO_ERRORS
    const b = options.body
    const v = (name: string, fallback = '') => (b ? text(b, name) : fallback)
    return reply.code(status).view('market/views/capacity.njk', {
      pageTitle: `Capacity: ${provider.name}`,
      provider,
      providerHref: paths.providers.show.href({ id: providerId }),
      action: paths.market.capacity.href({ id: providerId }),
      lines: lines.map((l) => ({
        id: l.id,
        category: serviceCategoryName(l.serviceCategory),
        marketHref: `${paths.market.view.href()}?category=${l.serviceCategory}`,
        amount: l.amount,
        unit: l.unit,
        usedByCouncil: l.usedByCouncil,
        asAt: govukDate(l.asAt),
        notes: l.notes ?? '',
      })),
      canWrite: can(principal, 'market:write'),
      form: {
        categoryItems: [{ value: '', text: 'Select a service' }, ...categoryItems(v('serviceCategory', provider.serviceCategories[0] ?? ''))],
        amount: v('amount'),
        unit: v('unit'),
        usedByCouncil: v('usedByCouncil'),
        asAt: dateInput('asAt', 'When this was true', b ? { body: b } : { iso: today() }, errors),
        notes: v('notes'),
      },
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
      saved: options.saved,
    })
  }

  app.get(paths.market.capacity.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const saved = String((request.query as Record<string, unknown>).saved ?? '')
    const messages: Record<string, string> = { saved: 'Capacity saved', removed: 'Capacity removed' }
    return render(reply, principal, id, 200, messages[saved] ? { saved: messages[saved] } : {})
  })

  app.post(paths.market.capacity.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    await providerOf(principal, id)
    const body = (request.body ?? {}) as FormBody
    const remove = text(body, 'remove')
    if (remove) {
      const removed = await db.transaction((tx) => removeCapacity(tx, principal.councilId, id, remove, actorOf(request, principal), context.clock()))
      if (!removed) throw new NotFoundError('Capacity')
      return reply.redirect(`${paths.market.capacity.href({ id })}?saved=removed`, 303)
    }
    const parsed = parseCapacityForm(body, today())
    if (!parsed.ok) return render(reply, principal, id, 400, { body, errors: toFormErrors(parsed.issues, { asAt: dateFieldId('asAt') }) })
    await db.transaction((tx) => saveCapacity(tx, principal.councilId, id, parsed.value, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.market.capacity.href({ id })}?saved=saved`, 303)
  })
}
