/** User administration pages: parse, call one service function, render or redirect. Admins of one council only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/audit/audit.ts'
import { AccountError } from '../../platform/auth/accounts.ts'
import { COUNCIL_ROLES, ROLE_NAMES, ROLES, type Role } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listProviders } from '../providers/service.ts'
import { newUserForm, userActionForm } from './forms.ts'
import { AdminError, invitePerson, memberOf, membersOf, removeRole } from './service.ts'
import { notifierFor } from '../../platform/notify/notifier.ts'
import { publicLink } from '../../platform/notify/links.ts'
import { registerAccountAdminRoutes } from './account-routes.ts'
import { registerAccessSettingsRoutes } from './access-routes.ts'
import { isUuid } from '../../platform/ids.ts'
import { hasTotp } from '../../platform/auth/totp.ts'

const guard = { preHandler: requirePermission('users:manage') }

const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({
  userId: principal.userId,
  label: principal.displayName,
  requestId: request.id,
})

type Body = Record<string, unknown>
const text = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '')

export function registerAdminRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  /** The council's own providers, id and name only, for the provider role's select. */
  const providerChoices = async (councilId: string) => {
    const page = await listProviders(db, councilId, {}, { page: 1, pageSize: 1000, sort: 'name', order: 'asc' })
    return page.items.map((provider) => ({ id: provider.id, name: provider.name }))
  }

  const renderNew = async (
    reply: FastifyReply,
    principal: Principal,
    status: number,
    values: Record<string, string>,
    errors?: FormErrors,
  ) => {
    const providers = await providerChoices(principal.councilId)
    return reply.code(status).view('admin/views/new.njk', {
      pageTitle: 'Add a person',
      values,
      ...errors,
      roleItems: COUNCIL_ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: values.role === role })),
      providerItems: [
        { value: '', text: 'Choose a provider' },
        ...providers.map((p) => ({ value: p.id, text: p.name, selected: values.provider === p.id })),
      ],
      hasProviders: providers.length > 0,
    })
  }

  app.get(paths.admin.users.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const members = await membersOf(db, principal.councilId)
    const removed = (request.query as Record<string, unknown>).removed
    return reply.view('admin/views/list.njk', {
      pageTitle: 'People and roles',
      members,
      removed: typeof removed === 'string' && (ROLES as readonly string[]).includes(removed) ? ROLE_NAMES[removed as Role] : undefined,
    })
  })

  app.get(paths.admin.newUser.pattern, guard, async (request, reply) =>
    renderNew(reply, principalOf(request), 200, {}),
  )

  app.post(paths.admin.users.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const values = { name: text(body, 'name'), email: text(body, 'email'), role: text(body, 'role'), provider: text(body, 'provider') }
    const parsed = newUserForm.safeParse(values)
    if (!parsed.success) return renderNew(reply, principal, 400, values, formErrors(parsed.error, { role: 'role', provider: 'provider' }))
    const { role } = parsed.data
    let providerId: string | undefined
    if (role === 'provider') {
      const providers = await providerChoices(principal.councilId)
      providerId = providers.find((p) => isUuid(parsed.data.provider ?? '') && p.id === parsed.data.provider)?.id
      if (!providerId) return renderNew(reply, principal, 400, values, singleError('provider', 'Choose the provider this person speaks for'))
    }
    try {
      await invitePerson(
        db,
        { councilId: principal.councilId, councilName: principal.councilName, email: parsed.data.email, displayName: parsed.data.name, role, providerId },
        {
          actor: actorOf(request, principal),
          now: context.clock(),
          // Sent by the job queue when a transport is configured, with the link on the configured public address,
          // never the request's Host header (which anyone can forge).
          notifier: notifierFor(context.config, (fields, line) => request.log.info(fields, line)),
          link: (token) => publicLink(context.config, paths.invitation.href({ token })),
        },
      )
      // One answer whether or not the email already has an account anywhere: nothing about other councils leaks.
      return reply.code(201).view('admin/views/created.njk', {
        pageTitle: 'Invitation sent',
        email: parsed.data.email.trim().toLowerCase(),
        name: parsed.data.name,
        roleName: ROLE_NAMES[role],
      })
    } catch (error) {
      if (error instanceof AdminError || error instanceof AccountError) {
        return renderNew(reply, principal, 400, values, singleError(error.field, error.message))
      }
      throw error
    }
  })

  const renderUser = async (
    reply: FastifyReply,
    principal: Principal,
    userId: string,
    status = 200,
    errors?: FormErrors,
    removed?: unknown,
  ) => {
    const member = isUuid(userId) ? await memberOf(db, principal.councilId, userId) : undefined
    if (!member) throw new NotFoundError('Person')
    return reply.code(status).view('admin/views/user.njk', {
      pageTitle: member.displayName,
      member,
      isSelf: member.userId === principal.userId,
      roles: member.roles.map((role) => ({
        role,
        name: ROLE_NAMES[role],
        removable: !(role === 'admin' && member.userId === principal.userId),
      })),
      removed: typeof removed === 'string' && (ROLES as readonly string[]).includes(removed) ? ROLE_NAMES[removed as Role] : undefined,
      accountChanged: typeof removed === 'string' && ['disabled', 'enabled'].includes(removed) ? removed : undefined,
      twoFactor: await hasTotp(db, member.userId),
      twoFactorReset: removed === 'two-factor',
      ...errors,
    })
  }

  app.get(paths.admin.user.pattern, guard, async (request, reply) =>
    renderUser(reply, principalOf(request), (request.params as { id: string }).id, 200, undefined, (request.query as Record<string, unknown>).removed),
  )

  app.post(paths.admin.user.pattern, guard, async (request, reply) => {
    const principal = principalOf(request)
    const userId = (request.params as { id: string }).id
    const member = isUuid(userId) ? await memberOf(db, principal.councilId, userId) : undefined
    if (!member) throw new NotFoundError('Person')
    const body = (request.body ?? {}) as Body
    const parsed = userActionForm.safeParse({ action: text(body, 'action'), role: text(body, 'role') })
    if (!parsed.success) return renderUser(reply, principal, userId, 400, formErrors(parsed.error, { role: 'roles', action: 'roles' }))
    try {
      await removeRole(db, { councilId: principal.councilId, userId, role: parsed.data.role }, actorOf(request, principal), context.clock())
    } catch (error) {
      if (error instanceof AdminError) return renderUser(reply, principal, userId, 400, singleError('role', error.message, 'roles'))
      throw error
    }
    const left = member.roles.filter((role) => role !== parsed.data.role)
    const target = left.length > 0 ? paths.admin.user.href({ id: userId }) : paths.admin.users.href()
    return reply.redirect(`${target}?removed=${parsed.data.role}`, 303)
  })

  // Disabling and enabling accounts, and the council's sign-in security setting (ADR 0043).
  registerAccountAdminRoutes(app, context, renderUser)
  registerAccessSettingsRoutes(app, context)
}
