/**
 * The pages of signing in with a council's identity provider (ADR 0042): its settings page (administrators), the
 * link that sends a person to the provider, and the address the provider sends them back to.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../../paths.ts'
import { principalOf, requirePermission, SESSION_COOKIE } from '../../http/authentication.ts'
import { formErrors, singleError } from '../../http/form-errors.ts'
import { instanceSecret } from '../../instance-secret.ts'
import type { AppContext } from '../../modules.ts'
import { safeReturnTo } from '../forms.ts'
import { ROLE_NAMES } from '../roles.ts'
import { SESSION_IDLE_MS } from '../service.ts'
import { signInFromProvider, type ProviderSignInResult } from './accounts.ts'
import { ATTEMPT_TTL_MS, storeAttempt, takeAttempt } from './attempts.ts'
import { clientSecretOf, councilExists, enabledProviderByCouncilCode, identityProviderOf, saveIdentityProvider, type IdentityProvider } from './configuration.ts'
import { discover, finishFlow, FlowError, startFlow, type FlowFailure, type FlowOptions } from './flow.ts'
import { identityProviderForm, roleField } from './forms.ts'
import { MAPPABLE_ROLES } from './role-claim.ts'

/** Names the sign-in under way in this browser; sent back only to /sign-in addresses. */
export const ATTEMPT_COOKIE = 'catalyst_oidc'

export function redirectUriOf(context: AppContext): string {
  return new URL(paths.signInCallback.href(), context.config.publicUrl).toString()
}

export function postLogoutRedirectUriOf(context: AppContext): string {
  return new URL(`${paths.signIn.href()}?signedOut=1`, context.config.publicUrl).toString()
}

export function flowOptionsOf(context: AppContext): FlowOptions {
  return { allowHttp: context.config.environment !== 'production' }
}

export async function registerIdentityProviderRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const secret = await instanceSecret(context.db, context.config.sessionSecret)
  const production = context.config.environment === 'production'
  const admin = { preHandler: requirePermission('settings:manage') }

  /** The provider's address and Catalyst's credentials there, the secret opened for this one use. */
  const connectionOf = (provider: IdentityProvider) => {
    const clientSecret = clientSecretOf(secret, provider)
    if (clientSecret === undefined) throw new FlowError('unreachable', 'The client secret cannot be opened with this instance secret: enter it again on the settings page')
    return { issuer: provider.issuer, clientId: provider.clientId, clientSecret }
  }

  // ---------- Settings ----------

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, status: number, values?: Record<string, unknown>, errors?: object) => {
    const principal = principalOf(request)
    const provider = await identityProviderOf(context.db, principal.councilId)
    const shown = values ?? formValuesOf(provider)
    return reply.code(status).view('auth/oidc/settings.njk', {
      pageTitle: 'Sign in with your council’s identity provider',
      saved: (request.query as Record<string, unknown>).saved === '1',
      redirectUri: redirectUriOf(context),
      postLogoutRedirectUri: postLogoutRedirectUriOf(context),
      secretSaved: provider !== undefined,
      secretUnreadable: provider !== undefined && clientSecretOf(secret, provider) === undefined,
      values: shown,
      roleFields: MAPPABLE_ROLES.map((role) => ({ name: roleField(role), label: `Values for ${ROLE_NAMES[role]}`, value: shown[roleField(role)] })),
      ...errors,
    })
  }

  app.get(paths.settings.identityProvider.pattern, admin, async (request, reply) => renderSettings(request, reply, 200))

  app.post(paths.settings.identityProvider.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const typed = Object.fromEntries(Object.entries(body).filter(([key, value]) => key !== '_csrf' && key !== 'clientSecret' && typeof value === 'string'))
    const existing = await identityProviderOf(context.db, principal.councilId)
    const secretReadable = existing !== undefined && clientSecretOf(secret, existing) !== undefined
    const parsed = identityProviderForm({ production, secretSaved: secretReadable }).safeParse(body)
    if (!parsed.success) return renderSettings(request, reply, 400, typed, formErrors(parsed.error))

    // Catalyst reads the provider's discovery document before saving, so a mistyped issuer or one that answers as
    // another tenant is caught here rather than at the first person's sign-in.
    try {
      await discover({ issuer: parsed.data.issuer, clientId: parsed.data.clientId }, flowOptionsOf(context))
    } catch (error) {
      const message =
        error instanceof FlowError && error.reason === 'issuer'
          ? 'The provider at this address gives a different issuer: enter its issuer exactly, as its discovery document shows it'
          : 'Catalyst could not read the provider’s OpenID configuration at this issuer URL: check the address'
      request.log.warn({ err: error }, 'identity provider discovery failed on saving settings')
      return renderSettings(request, reply, 400, typed, singleError('issuer', message))
    }
    await context.db.transaction((tx) =>
      saveIdentityProvider(tx, {
        actor: { userId: principal.userId, label: principal.displayName, requestId: request.id },
        councilId: principal.councilId,
        instanceSecret: secret,
        values: parsed.data,
        now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.settings.identityProvider.href()}?saved=1`, 303)
  })

  // ---------- Sending a person to the provider ----------

  app.get(paths.signInWithProvider.pattern, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo)
    if (request.principal) return reply.redirect(returnTo ?? paths.home.href(), 303)
    const code = (request.params as { council: string }).council
    const found = await enabledProviderByCouncilCode(context.db, code)
    if (!found) {
      // A council that exists but has no provider switched on gets the same explanation, without a 404.
      const known = await councilExists(context.db, code)
      return reply.code(known ? 200 : 404).view('auth/oidc/outcome.njk', {
        pageTitle: 'This council does not offer sign-in with its own accounts',
        paragraphs: ['Sign in with your email address and password instead, or ask your council’s Catalyst administrator.'],
      })
    }
    const { provider } = found
    try {
      const config = await discover(connectionOf(provider), flowOptionsOf(context))
      const flow = await startFlow(config, redirectUriOf(context))
      const cookie = await storeAttempt(
        context.db,
        { councilId: provider.councilId, state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier, returnTo: returnTo ?? null },
        context.clock(),
      )
      reply.setCookie(ATTEMPT_COOKIE, cookie, { path: paths.signIn.href(), httpOnly: true, sameSite: 'lax', secure: production, maxAge: ATTEMPT_TTL_MS / 1000 })
      return reply.redirect(flow.authorizationUrl.toString(), 303)
    } catch (error) {
      if (!(error instanceof FlowError)) throw error
      request.log.warn({ err: error, council: code, reason: error.reason }, 'could not start sign-in with the council identity provider')
      return failurePage(reply, error.reason, provider.displayName)
    }
  })

  // ---------- The provider's answer ----------

  app.get(paths.signInCallback.pattern, async (request, reply) => {
    const now = context.clock()
    const cookie = request.cookies[ATTEMPT_COOKIE]
    reply.clearCookie(ATTEMPT_COOKIE, { path: paths.signIn.href() })
    // The attempt is taken (deleted) before anything else, so an answer replayed later finds nothing.
    const attempt = cookie ? await takeAttempt(context.db, cookie, now) : undefined
    if (!attempt) return failurePage(reply, 'state', 'your council’s provider')
    const provider = await identityProviderOf(context.db, attempt.councilId)
    if (!provider || !provider.enabled) return failurePage(reply, 'unreachable', 'your council’s provider')

    let result: ProviderSignInResult
    try {
      const config = await discover(connectionOf(provider), flowOptionsOf(context))
      const finished = await finishFlow(config, new URL(request.url, context.config.publicUrl), attempt)
      result = await signInFromProvider(context.db, {
        councilId: provider.councilId,
        issuer: config.serverMetadata().issuer,
        claims: finished.claims,
        idToken: finished.idToken,
        rolesClaim: provider.rolesClaim,
        roleMapping: provider.roleMapping,
        now,
        requestId: request.id,
      })
    } catch (error) {
      if (!(error instanceof FlowError)) throw error
      request.log.warn({ err: error, reason: error.reason }, 'sign-in with the council identity provider refused')
      return failurePage(reply, error.reason, provider.displayName)
    }

    switch (result.outcome) {
      case 'signed-in': {
        reply.setCookie(SESSION_COOKIE, result.sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: production, maxAge: SESSION_IDLE_MS / 1000 })
        const onward = attempt.returnTo ?? paths.home.href()
        if (result.chooseCouncil) return reply.redirect(`${paths.chooseCouncil.href()}?returnTo=${encodeURIComponent(onward)}`, 303)
        return reply.redirect(onward, 303)
      }
      case 'no-role':
        return reply.code(403).view('auth/oidc/outcome.njk', {
          pageTitle: 'You do not have a role in Catalyst yet',
          paragraphs: [
            `You signed in with ${provider.displayName}, and Catalyst now has an account for you, but your council has not given you a role in Catalyst yet.`,
            'Ask your council’s Catalyst administrator to give you a role. Then sign in again.',
          ],
          providerName: provider.displayName,
          claimValues: result.claimValues,
        })
      case 'disabled':
        return reply.code(403).view('auth/oidc/outcome.njk', {
          pageTitle: 'Your Catalyst account is disabled',
          paragraphs: ['You cannot sign in to Catalyst. If you think this is wrong, ask your council’s Catalyst administrator.'],
        })
      case 'no-email':
        return reply.code(400).view('auth/oidc/outcome.njk', {
          pageTitle: `${provider.displayName} did not give Catalyst your email address`,
          paragraphs: ['Catalyst knows people by their email address. Ask your council’s Catalyst administrator to have the provider send it (the email or preferred_username claim).'],
        })
      case 'email-elsewhere':
        return reply.code(409).view('auth/oidc/outcome.njk', {
          pageTitle: 'Your email address already has a Catalyst account elsewhere',
          paragraphs: [
            'A Catalyst account with your email address already has roles in another council, so it cannot be signed in to through this council’s provider.',
            'Sign in with your email address and password instead, or ask your council’s Catalyst administrator.',
          ],
        })
    }
  })
}

/** Each reason a sign-in failed, as the person is told it. The detail goes to the log, not the page. */
const FAILURES: Record<FlowFailure, { status: number; title: (name: string) => string; paragraphs: (name: string) => string[] }> = {
  state: {
    status: 400,
    title: () => 'This sign-in has expired or has already been used',
    paragraphs: () => ['Sign-ins must be finished within 10 minutes, in the browser they were started in, and each can be used once. Start again from the sign-in page.'],
  },
  nonce: {
    status: 400,
    title: () => 'Catalyst could not check your sign-in',
    paragraphs: (name) => [`The answer from ${name} does not belong to the sign-in this browser started. Start again from the sign-in page.`],
  },
  rejected: {
    status: 400,
    title: () => 'Catalyst could not check your sign-in',
    paragraphs: (name) => [`The answer from ${name} could not be checked. Start again from the sign-in page. If it happens again, tell your council’s Catalyst administrator.`],
  },
  'provider-error': {
    status: 400,
    title: () => 'You were not signed in',
    paragraphs: (name) => [`${name} did not sign you in. Start again from the sign-in page.`],
  },
  issuer: {
    status: 502,
    title: (name) => `Sign-in with ${name} is not set up correctly`,
    paragraphs: () => ['The provider does not answer as the issuer your council configured, so Catalyst does not trust it. Ask your council’s Catalyst administrator to check the issuer URL on the sign-in settings page.'],
  },
  unreachable: {
    status: 502,
    title: (name) => `Sign-in with ${name} is not available at the moment`,
    paragraphs: () => ['Catalyst could not reach your council’s identity provider. Try again later, or sign in with your email address and password if you have one.'],
  },
}

function failurePage(reply: FastifyReply, reason: FlowFailure, providerName: string) {
  const failure = FAILURES[reason]
  return reply.code(failure.status).view('auth/oidc/outcome.njk', { pageTitle: failure.title(providerName), paragraphs: failure.paragraphs(providerName) })
}

function formValuesOf(provider: IdentityProvider | undefined): Record<string, unknown> {
  if (!provider) return { enabled: 'yes', rolesClaim: 'roles' }
  return {
    enabled: provider.enabled ? 'yes' : 'no',
    displayName: provider.displayName,
    issuer: provider.issuer,
    clientId: provider.clientId,
    rolesClaim: provider.rolesClaim,
    ...Object.fromEntries(MAPPABLE_ROLES.map((role) => [roleField(role), (provider.roleMapping[role] ?? []).join(', ')])),
  }
}
