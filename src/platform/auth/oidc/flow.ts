/**
 * The authorisation code flow with PKCE, state and nonce, through openid-client (ADR 0042). This file speaks to the
 * provider and checks its answers; it does not know about accounts or sessions.
 */
import * as oidc from 'openid-client'

export interface ProviderConnection {
  issuer: string
  clientId: string
  clientSecret?: string | undefined
}

/** Plain http is allowed only outside production, for a provider on this machine (the tests', a developer's). */
export interface FlowOptions {
  allowHttp: boolean
}

/** Why a provider's answer was not accepted: each has its own message on the page and in the log. */
export type FlowFailure = 'unreachable' | 'state' | 'nonce' | 'issuer' | 'provider-error' | 'rejected'

export class FlowError extends Error {
  constructor(readonly reason: FlowFailure, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'FlowError'
  }
}

/**
 * Reads the provider's discovery document. openid-client refuses a document whose issuer is not exactly the one
 * configured, so a provider answering for another tenant (or a mistyped issuer) stops here.
 */
export async function discover(provider: ProviderConnection, options: FlowOptions): Promise<oidc.Configuration> {
  try {
    return await oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      execute: options.allowHttp && provider.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    })
  } catch (error) {
    const issuerMismatch = (error as { code?: unknown }).code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' || (error instanceof Error && /issuer does not match/.test(error.message))
    throw new FlowError(
      issuerMismatch ? 'issuer' : 'unreachable',
      issuerMismatch
        ? `The provider at ${provider.issuer} says its issuer is another address`
        : `Could not read the provider's OpenID configuration from ${provider.issuer}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
}

export interface StartedFlow {
  authorizationUrl: URL
  state: string
  nonce: string
  codeVerifier: string
}

export async function startFlow(config: oidc.Configuration, redirectUri: string): Promise<StartedFlow> {
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { authorizationUrl, state, nonce, codeVerifier }
}

export interface FinishedFlow {
  claims: Record<string, unknown> & { sub: string; iss: string }
  idToken: string
}

/**
 * Exchanges the code (with the PKCE verifier) and checks the ID token: its signature, issuer, audience, expiry and
 * nonce, and the state of the answer, all by openid-client. `callbackUrl` is the full address the provider sent
 * the browser to.
 */
export async function finishFlow(
  config: oidc.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<FinishedFlow> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    throw classify(error)
  }
  const claims = tokens.claims()
  if (!claims || !tokens.id_token) throw new FlowError('rejected', 'The provider sent no ID token')
  return { claims: claims as FinishedFlow['claims'], idToken: tokens.id_token }
}

function classify(error: unknown): FlowError {
  if (error instanceof oidc.AuthorizationResponseError) {
    return new FlowError('provider-error', `The provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`, { cause: error })
  }
  const message = error instanceof Error ? error.message : String(error)
  const claim = (error as { cause?: { claim?: unknown } } | undefined)?.cause?.claim
  if (claim === 'nonce' || /"nonce"/.test(message)) return new FlowError('nonce', `The ID token's nonce is not the one this sign-in sent: ${message}`, { cause: error })
  if (claim === 'iss' || /"iss"/.test(message)) return new FlowError('issuer', `The ID token's issuer is not the one configured: ${message}`, { cause: error })
  if (/"state"/.test(message)) return new FlowError('state', `The answer's state is not the one this sign-in sent: ${message}`, { cause: error })
  return new FlowError('rejected', `The provider's answer was not accepted: ${message}`, { cause: error })
}

/** Where to send the browser to sign out at the provider too, or undefined when the provider has no such address. */
export function endSessionUrl(config: oidc.Configuration, input: { idToken: string; postLogoutRedirectUri: string }): URL | undefined {
  if (!config.serverMetadata().end_session_endpoint) return undefined
  return oidc.buildEndSessionUrl(config, { id_token_hint: input.idToken, post_logout_redirect_uri: input.postLogoutRedirectUri })
}
