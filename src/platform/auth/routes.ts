/** Sign-in and sign-out pages. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../paths.ts'
import type { AppContext } from '../modules.ts'
import { requirePermission, SESSION_COOKIE } from '../http/authentication.ts'
import { formErrors, singleError } from '../http/form-errors.ts'
import { safeReturnTo, signInForm } from './forms.ts'
import { acceptInvitation, openInvitation } from './invitations.ts'
import { ROLE_NAMES } from './roles.ts'
import { membershipChoices, SESSION_IDLE_MS, signIn, signOut, startSession, switchMembership } from './service.ts'
import { waitText } from './throttle.ts'
import { beginSecondFactor, registerAccountRoutes } from './account-routes.ts'
import { signInChoices } from './oidc/configuration.ts'
import { providerSignOut } from './oidc/sign-out.ts'
import { isUuid } from '../ids.ts'

export function registerAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const secure = context.config.environment === 'production'

  app.get(paths.signIn.pattern, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    if (request.principal) return reply.redirect(safeReturnTo(query.returnTo) ?? paths.home.href(), 303)
    return reply.view('auth/sign-in.njk', {
      pageTitle: 'Sign in to Catalyst',
      values: { returnTo: safeReturnTo(query.returnTo) },
      signedOut: query.signedOut === '1',
      passwordReset: query.passwordReset === '1',
      identityProviders: await signInChoices(context.db),
    })
  })

  app.post(paths.signIn.pattern, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const values = { email: typeof body.email === 'string' ? body.email : '', returnTo: safeReturnTo(body.returnTo) }
    const render = async (errors: ReturnType<typeof formErrors>, status = 400) =>
      reply.code(status).view('auth/sign-in.njk', { pageTitle: 'Sign in to Catalyst', values, identityProviders: await signInChoices(context.db), ...errors })

    const parsed = signInForm.safeParse(body)
    if (!parsed.success) return render(formErrors(parsed.error))

    const result = await signIn(context.db, {
      email: parsed.data.email,
      password: parsed.data.password,
      clientAddress: request.ip,
      now: context.clock(),
      requestId: request.id,
    })
    switch (result.outcome) {
      case 'throttled':
        reply.header('retry-after', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))))
        return render(
          singleError('email', `Too many failed attempts to sign in from here. Wait ${waitText(result.retryAfterMs)}, then try again`),
          429,
        )
      case 'invalid':
        return render(singleError('email', 'Enter the email address and password of a Catalyst account'))
      case 'no-role':
        return render(
          singleError('email', 'Your account has no role in any council yet. Ask your council’s Catalyst administrator for one'),
          403,
        )
      case 'second-factor':
        return beginSecondFactor(reply, context, result.userId, values.returnTo)
      case 'signed-in': {
        setSessionCookie(reply, result.sessionToken)
        const onward = values.returnTo ?? paths.home.href()
        // Someone with roles in several councils chooses where to work now, every time: no council can make
        // itself their landing page.
        if (result.chooseCouncil) return reply.redirect(`${paths.chooseCouncil.href()}?returnTo=${encodeURIComponent(onward)}`, 303)
        return reply.redirect(onward, 303)
      }
    }
  })

  // Password reset, the second-factor code and its setup (ADR 0043).
  registerAccountRoutes(app, context)

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_IDLE_MS / 1000 })

  // ---------- The council switcher ----------

  const renderChoose = async (request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) => {
    const principal = request.principal!
    const choices = await membershipChoices(context.db, principal)
    return reply.code(status).view('auth/choose-council.njk', {
      pageTitle: 'Choose a council',
      returnTo: safeReturnTo((request.query as Record<string, unknown>).returnTo ?? (request.body as Record<string, unknown> | undefined)?.returnTo),
      items: choices.map((m) => ({
        value: m.membershipId,
        text: `${m.councilName}: ${ROLE_NAMES[m.role]}`,
        checked: m.membershipId === principal.membershipId,
      })),
      ...(error ? singleError('membership', error) : {}),
    })
  }

  app.get(paths.chooseCouncil.pattern, { preHandler: requirePermission() }, async (request, reply) => renderChoose(request, reply))

  app.post(paths.chooseCouncil.pattern, { preHandler: requirePermission() }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const membershipId = typeof body.membership === 'string' ? body.membership : ''
    const switched = isUuid(membershipId) && (await switchMembership(context.db, request.principal!, membershipId, context.clock(), request.id))
    if (!switched) return renderChoose(request, reply, 400, 'Choose the council and role to work in')
    return reply.redirect(safeReturnTo(body.returnTo) ?? paths.home.href(), 303)
  })

  // ---------- Invitations (the link emailed to the person invited) ----------

  const renderInvitation = async (request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) => {
    const token = (request.params as { token: string }).token
    const invitation = await openInvitation(context.db, token, context.clock())
    if (!invitation) {
      // 410 Gone: the link is unknown, used or expired; which of these is not said.
      return reply.code(410).view('auth/invitation.njk', { pageTitle: 'This invitation link has expired or has been used', gone: true })
    }
    const signedInAsInvitee = request.principal?.userId !== undefined && request.principal.userId === invitation.userId
    return reply.code(status).view('auth/invitation.njk', {
      pageTitle: `Join ${invitation.councilName} on Catalyst`,
      invitation,
      roleName: ROLE_NAMES[invitation.role],
      hasAccount: invitation.userId !== undefined,
      signedInAsInvitee,
      action: paths.invitation.href({ token }),
      ...(error ? singleError('password', error) : {}),
    })
  }

  app.get(paths.invitation.pattern, async (request, reply) => renderInvitation(request, reply))

  app.post(paths.invitation.pattern, async (request, reply) => {
    const token = (request.params as { token: string }).token
    const body = (request.body ?? {}) as Record<string, unknown>
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : ''
    const now = context.clock()
    const result = await context.db.transaction((tx) =>
      acceptInvitation(tx, token, { password, signedInUserId: request.principal?.userId, requestId: request.id }, now),
    )
    switch (result.outcome) {
      case 'gone':
        return renderInvitation(request, reply)
      case 'wrong-password':
        return renderInvitation(request, reply, 400, 'Enter the password of your Catalyst account')
      case 'bad-password':
        return renderInvitation(request, reply, 400, result.message)
      case 'disabled':
        return renderInvitation(request, reply, 403, 'This account is disabled. Ask your council’s Catalyst administrator')
      case 'accepted': {
        // The person chose this council by accepting, so they start working in it now.
        if (request.principal?.userId === result.userId && request.principal.sessionId) {
          await switchMembership(context.db, request.principal, result.membershipId, now, request.id)
        } else {
          if (request.principal) await signOut(context.db, request.principal, now, request.id)
          const { sessionToken } = await startSession(context.db, {
            userId: result.userId,
            displayName: result.displayName,
            membership: { membershipId: result.membershipId, councilId: result.councilId },
            now,
            requestId: request.id,
          })
          setSessionCookie(reply, sessionToken)
        }
        return reply.redirect(paths.home.href(), 303)
      }
    }
  })

  app.post(paths.signOut.pattern, async (request, reply) => {
    // A session a council's identity provider opened ends there too (ADR 0042); read before the session goes.
    const atProvider = request.principal ? await providerSignOut(context, request.principal, request.log) : undefined
    if (request.principal) await signOut(context.db, request.principal, context.clock(), request.id)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    if (atProvider) {
      return reply.view('auth/oidc/signing-out.njk', { pageTitle: `Signing you out of ${atProvider.providerName}`, providerSignOutUrl: atProvider.url, providerName: atProvider.providerName })
    }
    return reply.redirect(`${paths.signIn.href()}?signedOut=1`, 303)
  })
}
