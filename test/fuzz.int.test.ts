/**
 * Bad input on every route: each route Catalyst registers is asked, as a visitor and as the DEMO administrator,
 * with a NUL byte in the query, in the path and in a form or JSON field, and with a page number of 1e308, a
 * negative one and a 5,000-character field. No answer may be a 5xx, and every NUL answers 400 with a message
 * (a GOV.UK error page, or a problem document on the API).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, asc, eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { findCouncil } from '../src/modules/councils/service.ts'
import { contracts } from '../src/modules/contracts/schema.ts'
import { grants } from '../src/modules/grants/schema.ts'
import { priorityRounds } from '../src/modules/priorities/schema.ts'
import { commissioningProjects } from '../src/modules/projects/schema.ts'
import { providers } from '../src/modules/providers/schema.ts'
import { stories } from '../src/modules/stories/schema.ts'
import { membershipFor } from '../src/platform/auth/accounts.ts'
import { createApiToken } from '../src/platform/auth/service.ts'
import { createTestApp, pageText, type TestApp, type TestClient } from './support/app.ts'

const LONG = 'x'.repeat(5000)
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let t: TestApp
let admin: TestClient
let visitor: TestClient
let token = ''
/** A real DEMO record for each kind of :id, found by the route's first segments. */
const ids = new Map<string, string>()

before(async () => {
  t = await createTestApp()
  const db = t.db.db
  const demo = (await findCouncil(db, 'DEMO'))!
  const first = async (query: Promise<{ id: string }[]>) => (await query)[0]?.id
  const provider = await first(db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, demo.id), eq(providers.published, true))).orderBy(asc(providers.name)).limit(1))
  const story = await first(db.select({ id: stories.id }).from(stories).where(and(eq(stories.councilId, demo.id), eq(stories.status, 'published'))).limit(1))
  const found: Record<string, string | undefined> = {
    providers: provider,
    'public/providers': provider,
    'api/v1/providers': provider,
    projects: await first(db.select({ id: commissioningProjects.id }).from(commissioningProjects).where(eq(commissioningProjects.councilId, demo.id)).limit(1)),
    stories: story,
    moderation: story,
    priorities: await first(db.select({ id: priorityRounds.id }).from(priorityRounds).where(eq(priorityRounds.councilId, demo.id)).limit(1)),
    contracts: await first(db.select({ id: contracts.id }).from(contracts).where(eq(contracts.councilId, demo.id)).limit(1)),
    grants: await first(db.select({ id: grants.id }).from(grants).where(eq(grants.councilId, demo.id)).limit(1)),
  }
  for (const [prefix, id] of Object.entries(found)) {
    assert.ok(id, `the demo data needs a record for /${prefix}/:id`)
    ids.set(prefix, id)
  }
  admin = await t.signedIn('admin@demo.catalyst.test')
  visitor = t.client()
  await visitor.get('/')
  const membership = await membershipFor(db, 'admin@demo.catalyst.test')
  token = (await createApiToken(db, { membershipId: membership!.membershipId, name: 'fuzz', now: new Date() })).token
})

after(async () => {
  await t?.close()
})

/** The route's URL with :id a real DEMO record where one is known, and every other parameter a number too big. */
function fill(url: string): string {
  const prefix = [...ids.keys()].filter((p) => url.startsWith(`/${p}/:id`)).sort((a, b) => b.length - a.length)[0]
  const withId = prefix ? url.replace(':id', ids.get(prefix)!) : url
  return withId.replace(/:[A-Za-z]+/g, '1e308')
}

function send(client: TestClient, method: string, url: string, body?: Record<string, string>) {
  const api = url.startsWith('/api/')
  const headers: Record<string, string> = api ? { authorization: `Bearer ${token}` } : {}
  if (!body) return client.request({ method: method as 'GET', url, headers })
  if (api) return client.request({ method: method as 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
  return client.post(url, body)
}

function assertNo5xx(response: LightMyRequestResponse, what: string) {
  assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
}

function assertRefusedForNul(response: LightMyRequestResponse, what: string) {
  assert.equal(response.statusCode, 400, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
  if (String(response.headers['content-type']).startsWith('application/problem+json')) {
    const problem = response.json() as { status: number; detail: string }
    assert.equal(problem.status, 400)
    assert.match(problem.detail, /null character/)
  } else {
    assert.match(pageText(response.body), /Sorry, there is a problem with your request .*null character/)
  }
}

test('every route answers bad input without a server error, and a NUL byte with 400', async () => {
  const routes = t.app.catalystRoutes.filter((route) => !route.url.includes('*'))
  assert.ok(routes.length > 100, `only ${routes.length} routes registered`)
  let requests = 0
  for (const [who, client] of [['visitor', visitor], ['admin', admin]] as const) {
    for (const { method, url: pattern, checksBeforeBody } of routes) {
      const url = fill(pattern)
      const what = `${who} ${method} ${pattern}`
      if (method === 'GET') {
        for (const page of ['1e308', '-1', 'NaN', '99999999999']) {
          assertNo5xx(await send(client, method, `${url}?page=${page}&year=${page}&limit=${page}&q=${LONG}&x=${LONG}`), `${what} ?page=${page}`)
          requests++
        }
        assertRefusedForNul(await send(client, method, `${url}?page=1e308&q=%00&x=${LONG}`), `${what} ?q=%00`)
        requests++
      } else if (UNSAFE.has(method)) {
        const body = { name: 'a\u0000b', q: LONG, page: '1e308' }
        const response = await send(client, method, url, body)
        // A route closed to visitors turns them away before reading the body: a refusal, never the form's work. So
        // does an upload route closed to administrators (a provider's own return), which checks before any body.
        const turnedAway = response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && /^\/sign-in/.test(String(response.headers.location)))
        const mayTurnAway = who === 'visitor' || checksBeforeBody
        if (!(mayTurnAway && turnedAway)) assertRefusedForNul(response, `${what} with a NUL in a field`)
        requests++
      }
      if (pattern.includes(':')) {
        const nulPath = pattern.replace(/:[A-Za-z]+/g, 'a%00b')
        assertRefusedForNul(await send(client, method, nulPath, UNSAFE.has(method) ? { name: 'fine' } : undefined), `${what} with %00 in the path`)
        requests++
      }
    }
  }
  assert.ok(requests > 500)
})

test('a raw NUL in a JSON field on the API answers a problem document', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'Care\u0000Co', nested: [{ note: 'fine' }] }),
  })
  assertRefusedForNul(response, 'POST /api/v1/providers')
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
})
