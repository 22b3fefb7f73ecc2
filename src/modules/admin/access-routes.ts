/**
 * Who sees what (ADR 0062): the council's administrator decides whether moderators read providers' private notes,
 * whether councillors see supplier risk and the audit log, and whether an officer may dismiss a red flag raised on a
 * record they entered or last changed. Every answer starts at "no"; saving is audited like every council setting.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { accessSettings, type AccessSettingName, type AccessSettings } from '../../platform/auth/access-settings.ts'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'

/** The page's questions, in its order: the legend, what "yes" means, and why a council might answer it. */
export const ACCESS_QUESTIONS: { name: AccessSettingName; legend: string; hint: string; missing: string }[] = [
  {
    name: 'moderatorsReadProviderNotes',
    legend: 'Can moderators read providers’ private notes?',
    hint: 'Moderators read residents’ stories about providers. The council’s private notes on a provider are for officers; with “No”, a moderator sees the provider’s record without them.',
    missing: 'Select whether moderators can read providers’ private notes',
  },
  {
    name: 'dismissFlagsOnOwnRecords',
    legend: 'Can an officer dismiss a red flag on a record they entered or last changed?',
    hint: 'With “No”, someone else must dismiss it: the person who entered a contract, a provider or a payee’s match, or last changed it, cannot clear the flag it raises (separation of duties).',
    missing: 'Select whether an officer can dismiss a red flag on a record they entered or last changed',
  },
  {
    name: 'councillorsSeeRiskAssessments',
    legend: 'Can councillors see supplier risk assessments?',
    hint: 'Providers’ financial figures, events and the council’s risk assessments of them. With “No”, councillors do not see them on any page, download or the API.',
    missing: 'Select whether councillors can see supplier risk assessments',
  },
  {
    name: 'councillorsSeeAuditLog',
    legend: 'Can councillors see the audit log?',
    hint: 'The audit trail page and each record’s history of changes: who changed what, and when. With “No”, councillors see neither.',
    missing: 'Select whether councillors can see the audit log',
  },
]

/** Reads the form: each answer must be yes or no, never assumed from a missing field. */
export function parseAccessForm(body: Record<string, unknown>): { values: Partial<AccessSettings>; errors: FormErrors } {
  const values: Partial<AccessSettings> = {}
  const errors: FormErrors = { errorList: [], fieldErrors: {} }
  for (const question of ACCESS_QUESTIONS) {
    const raw = body[question.name]
    if (raw === 'yes' || raw === 'no') values[question.name] = raw === 'yes'
    else {
      errors.fieldErrors[question.name] = { text: question.missing }
      errors.errorList.push({ text: question.missing, href: `#${question.name}` })
    }
  }
  return { values, errors }
}

export function registerAccessSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const guard = { preHandler: requirePermission('settings:manage') }

  const render = (reply: FastifyReply, status: number, answers: Record<string, string>, errors?: FormErrors, saved = false) =>
    reply.code(status).view('admin/views/access.njk', {
      pageTitle: 'Who sees what',
      questions: ACCESS_QUESTIONS.map((q) => ({ ...q, value: answers[q.name] ?? '' })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
      saved,
    })

  app.get(paths.admin.access.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const settings = await readSettings(db, principal.councilId, accessSettings)
    const answers = Object.fromEntries(ACCESS_QUESTIONS.map((q) => [q.name, settings[q.name] ? 'yes' : 'no']))
    return render(reply, 200, answers, undefined, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.admin.access.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const { values, errors } = parseAccessForm(body)
    if (errors.errorList.length > 0) {
      const answers = Object.fromEntries(ACCESS_QUESTIONS.map((q) => [q.name, typeof body[q.name] === 'string' ? (body[q.name] as string) : '']))
      return render(reply, 400, answers, errors)
    }
    await db.transaction((tx) =>
      writeSettings(tx, {
        actor: { userId: principal.userId, label: principal.displayName, requestId: request.id },
        councilId: principal.councilId,
        section: accessSettings,
        values,
        now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.admin.access.href()}?saved=1`, 303)
  })
}
