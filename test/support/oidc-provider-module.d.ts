/** The little of oidc-provider 8 (which ships no types) the tests use. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface Account {
    accountId: string
    claims(): Promise<Record<string, unknown>>
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & { findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined> },
    )
    on(event: string, listener: (...args: unknown[]) => void): this
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
