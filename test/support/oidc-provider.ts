/**
 * A real OpenID Connect provider (`oidc-provider`, the certified Node implementation) started in-process on a
 * loopback port, standing in for a council's Microsoft Entra ID: authorisation code flow with PKCE required, app
 * roles in the ID token's `roles` claim, RP-initiated logout. Its development login page takes any login name (the
 * account's key below) and any password.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface ProviderAccount {
  email: string
  name: string
  roles: string[]
}

export interface TestOidcProvider {
  /** The provider's issuer, http://127.0.0.1:<port>. */
  issuer: string
  /** An address that answers with this provider's discovery document, which names another issuer than itself. */
  otherTenantIssuer: string
  port: number
  clientId: string
  clientSecret: string
  /** Follows an authorisation URL through the provider's login and consent pages as `login`, and returns the
   * address the provider sends the browser back to (Catalyst's callback, with code, state and iss). Each call is a
   * new browser, with no session at the provider yet. */
  signIn(authorizationUrl: string, login: string): Promise<URL>
  /** Follows an end-session URL through the provider's sign-out confirmation; returns where it sends the browser. */
  signOut(endSessionUrl: string): Promise<URL>
  close(): Promise<void>
}

export async function startOidcProvider(options: {
  accounts: Record<string, ProviderAccount>
  redirectUri: string
  postLogoutRedirectUri: string
}): Promise<TestOidcProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'catalyst-test-client'
  const clientSecret = 'a-client-secret-the-provider-issued-to-catalyst'

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    // As Entra ID does with app roles: the roles travel in the ID token.
    claims: { openid: ['sub', 'roles'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['test cookie signing key'] },
    async findAccount(_ctx, id) {
      const account = options.accounts[id]
      if (!account) return undefined
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: true, name: account.name, roles: account.roles }
        },
      }
    },
  })
  // A fault inside the provider would otherwise show only as its generic 500 page.
  provider.on('server_error', (_ctx: unknown, error: unknown) => console.error('oidc-provider server_error', error))
  const handle = provider.callback()
  // Answers under /other-tenant/ as the provider itself does at the root: a discovery document there names the
  // root's issuer, as a provider serving several tenants names another tenant's issuer than the one configured.
  server.on('request', (request, response) => {
    if (request.url?.startsWith('/other-tenant/')) request.url = request.url.slice('/other-tenant'.length)
    handle(request, response)
  })

  const cookies = new Map<string, string>()
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const index = pair!.indexOf('=')
      const name = pair!.slice(0, index)
      const value = pair!.slice(index + 1)
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(set)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }

  /** Follows redirects and fills in the provider's forms until the browser would leave the provider. */
  const walk = async (start: string, fill: (fields: Map<string, string>) => void): Promise<URL> => {
    let next: { url: string; init?: RequestInit } = { url: start }
    for (let step = 0; step < 12; step++) {
      const response = await request(next.url, next.init)
      const location = response.headers.get('location')
      if (location) {
        const target = new URL(location, next.url)
        if (target.origin !== issuer) return target
        next = { url: target.toString() }
        continue
      }
      const html = await response.text()
      if (response.status !== 200) throw new Error(`The provider answered ${response.status}: ${html.slice(0, 500)}`)
      const form = html.match(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/)
      if (!form) throw new Error(`No form on the provider's page: ${html.slice(0, 500)}`)
      const fields = new Map<string, string>()
      for (const [input] of form[2]!.matchAll(/<input[^>]*>/g)) {
        const name = input.match(/name="([^"]+)"/)?.[1]
        if (name) fields.set(name, input.match(/value="([^"]*)"/)?.[1] ?? '')
      }
      fill(fields)
      next = {
        url: new URL(form[1]!.replace(/&amp;/g, '&'), next.url).toString(),
        init: { method: 'POST', body: new URLSearchParams([...fields]).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      }
    }
    throw new Error('The provider did not send the browser back within 12 steps')
  }

  return {
    issuer,
    otherTenantIssuer: `${issuer}/other-tenant`,
    port,
    clientId,
    clientSecret,
    signIn: (authorizationUrl, login) => {
      // Each sign-in is a new browser at the provider; signOut follows on from the last one.
      cookies.clear()
      return walk(authorizationUrl, (fields) => {
        if (fields.get('prompt') === 'login') {
          fields.set('login', login)
          fields.set('password', 'any password')
        }
      })
    },
    signOut: (endSessionUrl) => walk(endSessionUrl, (fields) => fields.set('logout', 'yes')),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
