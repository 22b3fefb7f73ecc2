/**
 * Pages for looking after a password account (ADR 0043): asking for and using a password reset link, entering the
 * second-factor code after the password, setting up an authenticator app; and the rule that sends an administrator
 * without one to set it up, when their council requires it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../paths.ts'
import { requirePermission, SESSION_COOKIE } from '../http/authentication.ts'
import { singleError } from '../http/form-errors.ts'
import { instanceSecret } from '../instance-secret.ts'
import type { AppContext } from '../modules.ts'
import { completePasswordReset, openResetLink, requestPasswordReset, RESET_LINK_TTL_MS } from './password-reset.ts'
import { safeReturnTo } from './forms.ts'
import * as repo from './repository.ts'
import { adminMustSetUpSecondFactor } from './second-factor-rule.ts'
import { landingMembership, SESSION_IDLE_MS, startSession } from './service.ts'
import { reserveAttempt, settleAttempt, waitText } from './throttle.ts'
import {
  confirmTotp,
  hasTotp,
  pendingSetup,
  readPendingSignIn,
  recoveryCodesLeft,
  SECOND_FACTOR_TTL_MS,
  signPendingSignIn,
  verifySecondFactor,
} from './totp.ts'

/** The cookie that carries a right password to the code page; it opens no session by itself. */
export const SECOND_FACTOR_COOKIE = 'catalyst_second_factor'

type Body = Record<string, unknown>
const field = (body: Body, key: string, max = 1024) => (typeof body[key] === 'string' ? (body[key] as string).slice(0, max) : '')

export function registerAccountRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const secure = context.config.environment === 'production'
  let secret: Promise<string> | undefined
  const theSecret = () => (secret ??= instanceSecret(db, context.config.sessionSecret))

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_IDLE_MS / 1000 })

  // ---------- Asking for a reset link ----------

  const renderRequest = (reply: FastifyReply, status: number, values: { email: string }, error?: string) =>
    reply.code(status).view('auth/password-reset-request.njk', {
      pageTitle: 'Reset your password',
      values,
      ...(error ? singleError('email', error) : {}),
    })

  app.get(paths.passwordResetRequest.pattern, async (_request, reply) => renderRequest(reply, 200, { email: '' }))

  app.post(paths.passwordResetRequest.pattern, async (request, reply) => {
    const email = field((request.body ?? {}) as Body, 'email', 400).trim()
    if (email === '') return renderRequest(reply, 400, { email }, 'Enter your email address')
    const accepted = await requestPasswordReset(db, { email, clientAddress: request.ip, now: context.clock() })
    if (!accepted) return renderRequest(reply, 400, { email }, 'Enter an email address in the correct format, like name@example.gov.uk')
    // The same page whether or not the email has an account, is disabled, or has asked too often.
    return reply.view('auth/password-reset-sent.njk', { pageTitle: 'Check your email', email: email.toLowerCase(), minutes: RESET_LINK_TTL_MS / 60_000 })
  })

  // ---------- Using the link ----------

  const renderReset = async (request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) => {
    const token = (request.params as { token: string }).token
    const link = await openResetLink(db, token, context.clock())
    if (!link) {
      return reply.code(410).view('auth/password-reset.njk', { pageTitle: 'This password reset link has expired or has been used', gone: true })
    }
    return reply.code(status).view('auth/password-reset.njk', {
      pageTitle: 'Choose a new password',
      email: link.email,
      action: paths.passwordReset.href({ token }),
      ...(error ? singleError('password', error) : {}),
    })
  }

  app.get(paths.passwordReset.pattern, async (request, reply) => renderReset(request, reply))

  app.post(paths.passwordReset.pattern, async (request, reply) => {
    const token = (request.params as { token: string }).token
    const password = field((request.body ?? {}) as Body, 'password')
    const result = await db.transaction((tx) => completePasswordReset(tx, token, { password, requestId: request.id }, context.clock()))
    switch (result.outcome) {
      case 'gone':
        return renderReset(request, reply)
      case 'bad-password':
        return renderReset(request, reply, 400, result.message === 'Password must be 10 characters or more' && password === '' ? 'Enter a new password' : result.message)
      case 'reset':
        // Every session of the account has ended, this browser's too: the person signs in with the new password.
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return reply.redirect(`${paths.signIn.href()}?passwordReset=1`, 303)
    }
  })

  // ---------- The code after the password ----------

  const renderCode = (reply: FastifyReply, status: number, returnTo: string | undefined, error?: string) =>
    reply.code(status).view('auth/sign-in-code.njk', { pageTitle: 'Enter the code from your authenticator app', returnTo, ...(error ? singleError('code', error) : {}) })

  /** No right password in the last five minutes (or none at all): say so, rather than bounce without a word. */
  const renderTimedOut = (reply: FastifyReply) =>
    reply.view('auth/sign-in-code.njk', { pageTitle: 'Your sign-in has timed out', timedOut: true, minutes: SECOND_FACTOR_TTL_MS / 60_000 })

  app.get(paths.signInCode.pattern, async (request, reply) => {
    const pending = readPendingSignIn(await theSecret(), request.cookies[SECOND_FACTOR_COOKIE], context.clock())
    if (!pending) return renderTimedOut(reply)
    return renderCode(reply, 200, safeReturnTo((request.query as Record<string, unknown>).returnTo))
  })

  app.post(paths.signInCode.pattern, async (request, reply) => {
    const body = (request.body ?? {}) as Body
    const returnTo = safeReturnTo(body.returnTo)
    const now = context.clock()
    const pending = readPendingSignIn(await theSecret(), request.cookies[SECOND_FACTOR_COOKIE], now)
    if (!pending) return renderTimedOut(reply)
    const user = await repo.findUserById(db, pending.userId)
    if (!user || user.disabled) {
      reply.clearCookie(SECOND_FACTOR_COOKIE, { path: paths.signIn.href() })
      return reply.redirect(paths.signIn.href(), 303)
    }
    const code = field(body, 'code', 64).trim()
    if (code === '') return renderCode(reply, 400, returnTo, 'Enter the 6-digit code from your authenticator app')
    // Wrong codes count against the same limits as wrong passwords, so the code cannot be guessed either.
    const reserved = await reserveAttempt(db, user.email, request.ip, now)
    if (!reserved.allowed) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(reserved.retryAfterMs / 1000))))
      return renderCode(reply, 429, returnTo, `Too many wrong codes from here. Wait ${waitText(reserved.retryAfterMs)}, then try again`)
    }
    const instance = await theSecret()
    const how = await db.transaction((tx) => verifySecondFactor(tx, { userId: user.id, code, instanceSecret: instance, now }))
    await settleAttempt(db, reserved.reservation, how !== undefined, now)
    if (!how) return renderCode(reply, 400, returnTo, 'The code is not right or has been used. Enter the code your app shows now, or a recovery code')

    const all = await repo.membershipsOf(db, user.id)
    const membership = landingMembership(all)
    if (!membership) return reply.redirect(paths.signIn.href(), 303)
    const { sessionToken } = await startSession(db, { userId: user.id, displayName: user.displayName, membership, now, requestId: request.id })
    reply.clearCookie(SECOND_FACTOR_COOKIE, { path: paths.signIn.href() })
    setSessionCookie(reply, sessionToken)
    const onward = returnTo ?? paths.home.href()
    if (new Set(all.map((m) => m.councilId)).size > 1) return reply.redirect(`${paths.chooseCouncil.href()}?returnTo=${encodeURIComponent(onward)}`, 303)
    return reply.redirect(onward, 303)
  })

  // ---------- Setting up an authenticator app ----------

  const renderTwoFactor = async (request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) => {
    const principal = request.principal!
    if (await hasTotp(db, principal.userId)) {
      return reply.code(status).view('auth/two-factor.njk', {
        pageTitle: 'Two-factor authentication',
        enabled: true,
        codesLeft: await recoveryCodesLeft(db, principal.userId),
      })
    }
    const setup = await pendingSetup(db, { userId: principal.userId, email: principal.email, instanceSecret: await theSecret(), now: context.clock() })
    return reply.code(status).view('auth/two-factor.njk', {
      pageTitle: 'Set up two-factor authentication',
      setup,
      required: await adminMustHaveTotp(request),
      ...(error ? singleError('code', error) : {}),
    })
  }

  app.get(paths.twoFactor.pattern, { preHandler: requirePermission() }, async (request, reply) => renderTwoFactor(request, reply))

  app.post(paths.twoFactor.pattern, { preHandler: requirePermission() }, async (request, reply) => {
    const principal = request.principal!
    const code = field((request.body ?? {}) as Body, 'code', 64).trim()
    if (code === '') return renderTwoFactor(request, reply, 400, 'Enter the 6-digit code from your authenticator app')
    const instance = await theSecret()
    const codes = await db.transaction((tx) =>
      confirmTotp(tx, {
        userId: principal.userId,
        code,
        instanceSecret: instance,
        actor: { userId: principal.userId, label: principal.displayName, requestId: request.id },
        councilId: principal.councilId,
        now: context.clock(),
      }),
    )
    if (!codes) return renderTwoFactor(request, reply, 400, 'The code is not right. Enter the 6-digit code your app shows now')
    // Shown once: only their digests are kept.
    return reply.view('auth/two-factor-codes.njk', { pageTitle: 'Two-factor authentication is on', codes })
  })

  // ---------- Administrators without a second factor, where the council requires one ----------

  /**
   * Whether this request's principal is an administrator whose council requires a second factor their session
   * lacks. A session the council's own identity provider opened meets the rule (ADR 0051).
   */
  const adminMustHaveTotp = (request: FastifyRequest): Promise<boolean> => adminMustSetUpSecondFactor(db, request.principal)

  const allowedBeforeSetup = new Set<string>([paths.twoFactor.pattern, paths.signOut.pattern, paths.chooseCouncil.pattern])
  app.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url
    if (!request.principal || route === undefined || allowedBeforeSetup.has(route)) return
    if (await adminMustHaveTotp(request)) return reply.redirect(paths.twoFactor.href(), 303)
  })
}

/** Starts the code step after a right password: the signed note goes in a short-lived cookie. */
export async function beginSecondFactor(reply: FastifyReply, context: AppContext, userId: string, returnTo: string | undefined): Promise<FastifyReply> {
  const secret = await instanceSecret(context.db, context.config.sessionSecret)
  const now = context.clock()
  reply.setCookie(SECOND_FACTOR_COOKIE, signPendingSignIn(secret, { userId, expiresAt: new Date(now.getTime() + SECOND_FACTOR_TTL_MS) }), {
    path: paths.signIn.href(),
    httpOnly: true,
    sameSite: 'lax',
    secure: context.config.environment === 'production',
    maxAge: SECOND_FACTOR_TTL_MS / 1000,
  })
  return reply.redirect(`${paths.signInCode.href()}${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, 303)
}
