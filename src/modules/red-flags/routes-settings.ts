/** The red-flag thresholds page (settings:manage): every setting with its default explained; saving is audited. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { formatPence, parsePoundsToPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { RED_FLAG_RULES } from '../../rules/red-flags/index.ts'
import { DEFAULT_RED_FLAG_SETTINGS, RED_FLAG_SETTING_TEXT, type RedFlagSettingName, type RedFlagSettings } from '../../rules/red-flags/settings.ts'
import { actorOf } from '../providers/routes.ts'
import { redFlagSettings } from './settings.ts'

type Kind = 'pounds' | 'whole' | 'percent' | 'yes-no'
interface FieldSpec {
  name: RedFlagSettingName
  kind: Kind
  min: number
  max: number
}

/** The form's fields, in the page's order, with the bounds the settings schema allows. */
export const FIELDS: FieldSpec[] = [
  { name: 'notifiableLevelPence', kind: 'pounds', min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'splitWindowMonths', kind: 'whole', min: 1, max: 60 },
  { name: 'splitCpvDigits', kind: 'whole', min: 2, max: 8 },
  { name: 'vatRatePercent', kind: 'percent', min: 0, max: 100 },
  { name: 'directAwardCount', kind: 'whole', min: 2, max: 50 },
  { name: 'directAwardWindowMonths', kind: 'whole', min: 1, max: 120 },
  { name: 'directAwardCountUserChoice', kind: 'yes-no', min: 0, max: 1 },
  { name: 'noContractThresholdPence', kind: 'pounds', min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'overspendLateInvoiceDays', kind: 'whole', min: 0, max: 730 },
  { name: 'categorySharePercent', kind: 'percent', min: 1, max: 100 },
  { name: 'categoryMinimumPence', kind: 'pounds', min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'socialValueDeliveredPercent', kind: 'percent', min: 1, max: 100 },
]

const shown = (spec: FieldSpec, value: RedFlagSettings[RedFlagSettingName]): string =>
  spec.kind === 'pounds' ? ((value as number) / 100).toFixed(0) : spec.kind === 'yes-no' ? (value ? 'yes' : 'no') : String(value)

const defaultText = (spec: FieldSpec) => {
  const value = DEFAULT_RED_FLAG_SETTINGS[spec.name]
  if (spec.kind === 'pounds') return formatPence(value as number, { whole: true })
  if (spec.kind === 'percent') return `${value as number}%`
  if (spec.kind === 'yes-no') return value ? 'Yes' : 'No'
  return String(value)
}

/** Reads the form: the settings, or what is wrong with each field. */
export function parseSettingsForm(body: Record<string, string>): { values: Partial<RedFlagSettings>; errors: FormErrors } {
  const values: Record<string, number | boolean> = {}
  const errors: FormErrors = { errorList: [], fieldErrors: {} }
  const fail = (name: string, text: string) => {
    errors.fieldErrors[name] = { text }
    errors.errorList.push({ text, href: `#${name}` })
  }
  for (const spec of FIELDS) {
    const label = RED_FLAG_SETTING_TEXT[spec.name].label
    const raw = (body[spec.name] ?? '').trim()
    if (spec.kind === 'yes-no') {
      if (raw !== 'yes' && raw !== 'no') fail(spec.name, `Select whether to ${label.toLowerCase()}`)
      else values[spec.name] = raw === 'yes'
      continue
    }
    if (spec.kind === 'pounds') {
      const pence = parsePoundsToPence(raw)
      if (pence === undefined || pence < 0) fail(spec.name, `Enter the ${label.toLowerCase()} in pounds, like 30000`)
      else values[spec.name] = pence
      continue
    }
    const number = raw === '' ? Number.NaN : Number(raw.replace(/%$/, ''))
    const whole = spec.kind === 'whole'
    if (!Number.isFinite(number) || (whole && !Number.isInteger(number)) || number < spec.min || number > spec.max) {
      fail(spec.name, `${label} must be ${whole ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}`)
    } else values[spec.name] = number
  }
  return { values: values as Partial<RedFlagSettings>, errors }
}

export function registerRedFlagSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const admin = { preHandler: requirePermission('settings:manage') }

  const render = (reply: FastifyReply, status: number, values: Record<string, string>, errors?: FormErrors, saved?: boolean) =>
    reply.code(status).view('red-flags/views/settings.njk', {
      pageTitle: 'Red flag settings',
      fields: FIELDS.map((spec) => ({
        ...spec,
        ...RED_FLAG_SETTING_TEXT[spec.name],
        defaultText: defaultText(spec),
        value: values[spec.name] ?? '',
        usedBy: RED_FLAG_RULES.filter((r) => r.settings.includes(spec.name)).map((r) => r.id).join(', '),
      })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
      saved,
    })

  app.get(paths.redFlags.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const s = await readSettings(db, principal.councilId, redFlagSettings)
    return render(reply, 200, Object.fromEntries(FIELDS.map((spec) => [spec.name, shown(spec, s[spec.name])])), undefined, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.redFlags.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
    const { values, errors } = parseSettingsForm(body)
    if (errors.errorList.length > 0) return render(reply, 400, Object.fromEntries(FIELDS.map((spec) => [spec.name, (body[spec.name] ?? '').trim()])), errors)
    await db.transaction((tx) => writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: redFlagSettings, values, now: context.clock() }))
    return reply.redirect(`${paths.redFlags.settings.href()}?saved=1`, 303)
  })
}
