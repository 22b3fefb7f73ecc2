/** Sign-in and sign-out pages. */
import type { FastifyInstance } from 'fastify'
import { paths } from '../../paths.ts'
import type { AppContext } from '../modules.ts'
import { SESSION_COOKIE } from '../http/authentication.ts'
import { formErrors, singleError } from '../http/form-errors.ts'
import { safeReturnTo, signInForm } from './forms.ts'
import { SESSION_IDLE_MS, signIn, signOut } from './service.ts'

export function registerAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const secure = context.config.environment === 'production'

  app.get(paths.signIn.pattern, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    if (request.principal) return reply.redirect(safeReturnTo(query.returnTo) ?? paths.home.href(), 303)
    return reply.view('auth/sign-in.njk', {
      pageTitle: 'Sign in to Catalyst',
      values: { returnTo: safeReturnTo(query.returnTo) },
      signedOut: query.signedOut === '1',
    })
  })

  app.post(paths.signIn.pattern, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const values = { email: typeof body.email === 'string' ? body.email : '', returnTo: safeReturnTo(body.returnTo) }
    const render = (errors: ReturnType<typeof formErrors>, status = 400) =>
      reply.code(status).view('auth/sign-in.njk', { pageTitle: 'Sign in to Catalyst', values, ...errors })

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
        return render(
          singleError('email', `Too many failed attempts to sign in. Wait ${result.minutes} minutes, then try again`),
          429,
        )
      case 'invalid':
        return render(singleError('email', 'Enter the email address and password of a Catalyst account'))
      case 'no-role':
        return render(
          singleError('email', 'Your account has no role in any council yet. Ask your council’s Catalyst administrator for one'),
          403,
        )
      case 'signed-in':
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: SESSION_IDLE_MS / 1000,
        })
        return reply.redirect(values.returnTo ?? paths.home.href(), 303)
    }
  })

  app.post(paths.signOut.pattern, async (request, reply) => {
    if (request.principal) await signOut(context.db, request.principal, context.clock(), request.id)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect(`${paths.signIn.href()}?signedOut=1`, 303)
  })
}
