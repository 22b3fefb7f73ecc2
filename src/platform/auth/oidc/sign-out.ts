/**
 * Signing out at the provider too (ADR 0042): for a session a provider opened, the address of the provider's
 * end_session_endpoint with the ID token as a hint and Catalyst's sign-in page as where to come back to.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from '../../modules.ts'
import type { Principal } from '../service.ts'
import { providerSessionOf } from './accounts.ts'
import { identityProviderOf } from './configuration.ts'
import { discover, endSessionUrl } from './flow.ts'
import { flowOptionsOf, postLogoutRedirectUriOf } from './routes.ts'

/**
 * Where to send the browser after Catalyst's own session ends, or undefined for a password session or a provider
 * without an end-session address. Read before the session is deleted (its provider record goes with it). A provider
 * that cannot be reached does not stop the sign-out here: the person is signed out of Catalyst either way.
 */
export async function providerSignOut(
  context: AppContext,
  principal: Principal,
  log: FastifyBaseLogger,
): Promise<{ url: string; providerName: string } | undefined> {
  if (!principal.sessionId) return undefined
  const session = await providerSessionOf(context.db, principal.sessionId)
  if (!session) return undefined
  const provider = await identityProviderOf(context.db, session.councilId)
  if (!provider) return undefined
  try {
    const config = await discover({ issuer: provider.issuer, clientId: provider.clientId }, flowOptionsOf(context))
    const url = endSessionUrl(config, { idToken: session.idToken, postLogoutRedirectUri: postLogoutRedirectUriOf(context) })
    return url ? { url: url.toString(), providerName: provider.displayName } : undefined
  } catch (error) {
    log.warn({ err: error }, 'could not reach the identity provider to sign out there')
    return undefined
  }
}
