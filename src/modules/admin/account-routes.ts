/**
 * An administrator disables or enables a person's account, and says whether the council's administrators must use
 * two-factor authentication (ADR 0043).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { signInSecuritySettings } from '../../platform/auth/security-settings.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { sessionMeetsSecondFactorRule } from '../../platform/auth/second-factor-rule.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { setAccountDisabled } from './account-status.ts'
import { resetSecondFactor } from './second-factor-reset.ts'
import { AdminError, memberOf } from './service.ts'
import { isUuid } from '../../platform/ids.ts'

const guard = { preHandler: requirePermission('users:manage') }

type RenderUser = (reply: FastifyReply, principal: Principal, userId: string, status?: number, errors?: FormErrors) => Promise<unknown>

export function registerAccountAdminRoutes(app: FastifyInstance, context: AppContext, renderUser: RenderUser): void {
  const { db } = context

  app.post(paths.admin.userAccount.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const userId = (request.params as { id: string }).id
    const member = isUuid(userId) ? await memberOf(db, principal.councilId, userId) : undefined
    if (!member) throw new NotFoundError('Person')
    const action = (request.body as Record<string, unknown> | undefined)?.action
    if (action !== 'disable' && action !== 'enable') {
      return renderUser(reply, principal, userId, 400, singleError('account', 'Choose whether to disable or enable the account', 'account'))
    }
    try {
      await setAccountDisabled(
        db,
        { councilId: principal.councilId, userId, disabled: action === 'disable' },
        { userId: principal.userId, label: principal.displayName, requestId: request.id },
        context.clock(),
      )
    } catch (error) {
      if (error instanceof AdminError) return renderUser(reply, principal, userId, 400, singleError('account', error.message, 'account'))
      throw error
    }
    return reply.redirect(`${paths.admin.user.href({ id: userId })}?removed=${action === 'disable' ? 'disabled' : 'enabled'}`, 303)
  })

  // Resetting the second factor of someone who lost their authenticator app (ADR 0051).
  app.post(paths.admin.userTwoFactor.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const userId = (request.params as { id: string }).id
    const member = isUuid(userId) ? await memberOf(db, principal.councilId, userId) : undefined
    if (!member) throw new NotFoundError('Person')
    try {
      await resetSecondFactor(db, { councilId: principal.councilId, userId }, { userId: principal.userId, label: principal.displayName, requestId: request.id }, context.clock())
    } catch (error) {
      if (error instanceof AdminError) return renderUser(reply, principal, userId, 400, singleError('twoFactor', error.message, 'two-factor'))
      throw error
    }
    return reply.redirect(`${paths.admin.user.href({ id: userId })}?removed=two-factor`, 303)
  })

  const renderSecurity = async (reply: FastifyReply, principal: Principal, status = 200, errors?: FormErrors, saved = false) => {
    const settings = await readSettings(db, principal.councilId, signInSecuritySettings)
    return reply.code(status).view('admin/views/security.njk', {
      pageTitle: 'Sign-in security',
      settings,
      saved,
      ...errors,
    })
  }

  app.get(paths.admin.security.pattern, guard, async (request, reply) =>
    renderSecurity(reply, principalOf(request), 200, undefined, (request.query as Record<string, unknown>).saved === '1'),
  )

  app.post(paths.admin.security.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const require = body.requireTwoFactorForAdmins === 'yes'
    // Whoever turns the rule on must already meet it, so that no council can lock out the administrator changing it.
    // A session the council's identity provider opened meets it (ADR 0051).
    if (require && !(await sessionMeetsSecondFactorRule(db, principal))) {
      return renderSecurity(
        reply,
        principal,
        400,
        singleError('requireTwoFactorForAdmins', 'Set up two-factor authentication for your own account before you require it of administrators'),
      )
    }
    await db.transaction((tx) =>
      writeSettings(tx, {
        actor: { userId: principal.userId, label: principal.displayName, requestId: request.id },
        councilId: principal.councilId,
        section: signInSecuritySettings,
        values: { requireTwoFactorForAdmins: require },
        now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.admin.security.href()}?saved=1`, 303)
  })
}
