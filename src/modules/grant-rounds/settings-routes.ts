/** The grant round settings page (settings:manage): the short-form band, size bands and moderation gap; audited. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { formatPence, parsePoundsToPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { actorOf } from '../stories/routes.ts'
import { grantRoundSettings, type GrantRoundSettings } from './rules.ts'

const DEFAULTS = grantRoundSettings.schema.parse({})
const FIELDS: { name: keyof GrantRoundSettings; label: string; hint: string; pounds: boolean }[] = [
  { name: 'shortFormUpToPence', label: 'Short form for requests up to', hint: 'Applicants asking for this much or less answer only the short form. A new round takes the value set now.', pounds: true },
  { name: 'microBelowPence', label: 'Micro organisations: annual income below', hint: 'Size bands describe who applies and who is awarded on each round’s equalities and reach page.', pounds: true },
  { name: 'smallBelowPence', label: 'Small organisations: annual income below', hint: '', pounds: true },
  { name: 'mediumBelowPence', label: 'Medium organisations: annual income below (large at or above)', hint: '', pounds: true },
  { name: 'moderationGap', label: 'Moderate when two assessors’ scores are more than this many points apart (out of 100)', hint: 'A new round takes the value set now.', pounds: false },
]

export function registerGrantRoundSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const admin = { preHandler: requirePermission('settings:manage') }
  const render = (reply: FastifyReply, status: number, values: Record<string, string>, errors: FormErrors, saved = false) =>
    reply.code(status).view('grant-rounds/views/settings.njk', {
      pageTitle: 'Grant round settings',
      fields: FIELDS.map((f) => ({ ...f, value: values[f.name] ?? '', hint: `${f.hint} Default: ${f.pounds ? formatPence(DEFAULTS[f.name], { whole: true }) : DEFAULTS[f.name]}.`.trim() })),
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
      saved,
    })

  app.get(paths.grantRounds.settings.pattern, admin, async (request, reply) => {
    const s = await readSettings(db, principalOf(request).councilId, grantRoundSettings)
    return render(reply, 200, Object.fromEntries(FIELDS.map((f) => [f.name, f.pounds ? String(s[f.name] / 100) : String(s[f.name])])), { errorList: [], fieldErrors: {} }, (request.query as { saved?: string }).saved === '1')
  })

  app.post(paths.grantRounds.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const raw = Object.fromEntries(FIELDS.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string).trim() : '']))
    const errors: FormErrors = { errorList: [], fieldErrors: {} }
    const values: Partial<GrantRoundSettings> = {}
    for (const f of FIELDS) {
      const text = raw[f.name]!
      const value = f.pounds ? parsePoundsToPence(text) : /^\d{1,3}$/.test(text) && Number(text) <= 100 ? Number(text) : undefined
      if (value === undefined || value < 0) {
        const message = f.pounds ? `Enter “${f.label}” in pounds, like 10000` : 'Enter the gap as a whole number from 0 to 100'
        errors.fieldErrors[f.name] = { text: message }
        errors.errorList.push({ text: message, href: `#${f.name}` })
      } else values[f.name] = value
    }
    if (!errors.errorList.length && !(values.microBelowPence! < values.smallBelowPence! && values.smallBelowPence! < values.mediumBelowPence!)) {
      const message = 'The size bands must rise: micro below small, small below medium'
      errors.fieldErrors.smallBelowPence = { text: message }
      errors.errorList.push({ text: message, href: '#smallBelowPence' })
    }
    if (errors.errorList.length) return render(reply, 400, raw, errors)
    await db.transaction((tx) => writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: grantRoundSettings, values, now: context.clock() }))
    return reply.redirect(`${paths.grantRounds.settings.href()}?saved=1`, 303)
  })
}
