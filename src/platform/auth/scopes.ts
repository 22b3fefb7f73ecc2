/**
 * What an API token may do (ADR 0044): a list of scopes, each "<module>:read" or "<module>:write". Write includes
 * read, because a program that changes a record must be able to read it back; "*" stands for every module. The
 * module of a request is the first segment of its path under /api/v1 (/api/v1/contracts/… is "contracts"), and
 * its access is read for GET and HEAD, write for anything else unless the route says it only reads.
 */
export type Access = 'read' | 'write'

export const SCOPE_PATTERN = /^(\*|[a-z][a-z0-9-]*):(read|write)$/

export interface Scope {
  module: string
  access: Access
}

export function parseScope(text: string): Scope | undefined {
  const match = SCOPE_PATTERN.exec(text.trim())
  return match ? { module: match[1]!, access: match[2] as Access } : undefined
}

export function allows(scopes: readonly string[], module: string, access: Access): boolean {
  return scopes.some((text) => {
    const scope = parseScope(text)
    return !!scope && (scope.module === '*' || scope.module === module) && (scope.access === 'write' || access === 'read')
  })
}

/** The module a route under /api/v1 belongs to, or undefined for the API's own index and description. */
export function moduleOfApiRoute(routeUrl: string): string | undefined {
  const match = /^\/api\/v1\/([a-z][a-z0-9-]*)(?:\/|$)/.exec(routeUrl)
  if (!match || match[1] === 'openapi.json') return undefined
  return match[1]
}

export function accessOf(method: string, declared?: Access): Access {
  if (declared) return declared
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write'
}
