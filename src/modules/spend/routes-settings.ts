/** The council's spend settings and its area (postcode districts), for administrators. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { areaSettings, parseDistrictList } from '../councils/area.ts'
import { actorOf } from '../providers/routes.ts'
import { spendSettings } from './settings.ts'

const spendForm = z.object({
  dependencySharePercent: z.coerce
    .number({ error: 'Enter the dependency share as a number, like 10' })
    .min(1, { error: 'The dependency share must be between 1% and 100%' })
    .max(100, { error: 'The dependency share must be between 1% and 100%' }),
  noContractThreshold: z
    .string()
    .transform((v, ctx) => {
      const pence = parsePoundsToPence(v)
      if (pence === undefined || pence < 0) {
        ctx.addIssue({ code: 'custom', message: 'Enter an amount in pounds, like 30000' })
        return z.NEVER
      }
      return pence
    }),
  suggestionSimilarity: z.coerce
    .number({ error: 'Enter the similarity as a number between 0.2 and 0.95' })
    .min(0.2, { error: 'The similarity must be between 0.2 and 0.95' })
    .max(0.95, { error: 'The similarity must be between 0.2 and 0.95' }),
})

export function registerSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const admin = { preHandler: requirePermission('settings:manage') }

  const renderSpend = (reply: FastifyReply, status: number, values: Record<string, string>, errors?: FormErrors, saved?: boolean) =>
    reply.code(status).view('spend/views/settings.njk', { pageTitle: 'Spend settings', values, errorList: errors?.errorList ?? [], fieldErrors: errors?.fieldErrors ?? {}, saved })

  app.get(paths.spend.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const s = await readSettings(db, principal.councilId, spendSettings)
    return renderSpend(reply, 200, {
      dependencySharePercent: String(s.dependencySharePercent),
      noContractThreshold: (s.noContractThresholdPence / 100).toFixed(0),
      suggestionSimilarity: String(s.suggestionSimilarity),
    }, undefined, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.spend.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, string>
    const values = {
      dependencySharePercent: String(body.dependencySharePercent ?? '').trim(),
      noContractThreshold: String(body.noContractThreshold ?? '').trim(),
      suggestionSimilarity: String(body.suggestionSimilarity ?? '').trim(),
    }
    const parsed = spendForm.safeParse({ ...values, dependencySharePercent: values.dependencySharePercent || undefined, suggestionSimilarity: values.suggestionSimilarity || undefined })
    if (!parsed.success) return renderSpend(reply, 400, values, formErrors(parsed.error))
    await db.transaction((tx) =>
      writeSettings(tx, {
        actor: actorOf(request, principal),
        councilId: principal.councilId,
        section: spendSettings,
        values: { dependencySharePercent: parsed.data.dependencySharePercent, noContractThresholdPence: parsed.data.noContractThreshold, suggestionSimilarity: parsed.data.suggestionSimilarity },
        now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.spend.settings.href()}?saved=1`, 303)
  })

  const renderArea = (reply: FastifyReply, status: number, districts: string, errors?: FormErrors, saved?: boolean) =>
    reply.code(status).view('spend/views/area.njk', { pageTitle: 'Council area', districts, errorList: errors?.errorList ?? [], fieldErrors: errors?.fieldErrors ?? {}, saved })

  app.get(paths.settings.area.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const area = await readSettings(db, principal.councilId, areaSettings)
    return renderArea(reply, 200, area.postcodeDistricts.join(' '), undefined, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.settings.area.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const text = String(((request.body ?? {}) as Record<string, unknown>).districts ?? '')
    const { districts, invalid } = parseDistrictList(text)
    if (invalid.length > 0) {
      const listed = invalid.slice(0, 5).map((d) => `“${d.slice(0, 20)}”`).join(', ')
      return renderArea(reply, 400, text, singleError('districts', `${listed} ${invalid.length === 1 ? 'is not a postcode district' : 'are not postcode districts'}: enter districts like TS1 or CB2, separated by spaces, commas or new lines`))
    }
    await db.transaction((tx) =>
      writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: areaSettings, values: { postcodeDistricts: districts }, now: context.clock() }),
    )
    return reply.redirect(`${paths.settings.area.href()}?saved=1`, 303)
  })
}
