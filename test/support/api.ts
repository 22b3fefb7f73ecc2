/** A bearer token for a demo user with chosen scopes, and GETs with it: what the API tests share. */
import { membershipFor } from '../../src/platform/auth/accounts.ts'
import { createApiToken } from '../../src/platform/auth/service.ts'
import type { TestApp } from './app.ts'

export async function tokenFor(t: TestApp, email: string, scopes: string[]): Promise<string> {
  const membership = await membershipFor(t.db.db, email)
  if (!membership) throw new Error(`no demo user ${email}`)
  return (await createApiToken(t.db.db, { membershipId: membership.membershipId, name: 'test', now: new Date(), scopes })).token
}

export interface ApiAnswer {
  status: number
  headers: Record<string, unknown>
  // The tests read whatever the JSON holds; the OpenAPI contract test checks its shape.
  json: any
}

export async function apiGet(t: TestApp, url: string, bearer: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...headers } })
  return { status: response.statusCode, headers: response.headers, json: response.body ? response.json() : undefined }
}

/** Follows links.next from `url` to the last page, returning every item in order. */
export async function walkPages(t: TestApp, url: string, bearer: string): Promise<{ id?: string; key?: string }[]> {
  const items: { id?: string; key?: string }[] = []
  let next: string | null = url
  while (next) {
    const page = await apiGet(t, next, bearer)
    if (page.status !== 200) throw new Error(`${next}: ${page.status} ${JSON.stringify(page.json)}`)
    items.push(...page.json.items)
    next = page.json.links.next
  }
  return items
}
