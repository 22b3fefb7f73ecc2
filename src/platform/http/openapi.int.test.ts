/**
 * The OpenAPI 3.1 document against the server itself: every route registered under /api/v1 is described and every
 * description has a route; the document passes a real OpenAPI validator; and each documented GET operation,
 * called on the demo data, answers with what its schema says (the contract test); each documented POST accepts a
 * valid body its request schema accepts, answering as its response says, and refuses an invalid one (which the
 * request schema refuses too) with the problem document it describes.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { asc, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { tokenFor } from '../../../test/support/api.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { londonDate } from '../../modules/contracts/dates.ts'
import { reportableQuarters } from '../../modules/kpi-returns/rules.ts'
import * as kpiReturns from '../../modules/kpi-returns/service.ts'
import { providers } from '../../modules/providers/schema.ts'
import { membershipFor } from '../auth/accounts.ts'
import { memberships } from '../auth/schema.ts'
import { createApiToken } from '../auth/service.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

type Operation = {
  operationId: string
  responses: Record<string, { content?: Record<string, { schema?: object }> }>
  parameters?: { name: string; in: string; required?: boolean }[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> }
}
type Document = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>; components: object }

let t: TestApp
let document: Document
let bearer = ''

before(async () => {
  t = await createTestApp()
  const membership = await membershipFor(t.db.db, 'commissioner@demo.catalyst.test')
  bearer = (await createApiToken(t.db.db, { membershipId: membership!.membershipId, name: 'contract test', now: new Date(), scopes: ['*:read'] })).token
  document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
})
after(async () => t.close())

/** "/api/v1/contracts/:id" as OpenAPI writes it. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}')

function operations(): { key: string; path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/v1'))
    .flatMap(([path, item]) =>
      METHODS.flatMap((method) => (item[method] ? [{ key: `${method.toUpperCase()} ${path}`, path, method, operation: item[method]! }] : [])),
    )
}

test('every route under /api/v1 is described, and every description has a route', (context) => {
  const registered = new Set(t.app.catalystRoutes.filter((r) => r.url.startsWith('/api/v1')).map((r) => `${r.method} ${openApiPath(r.url)}`))
  const documented = new Set(operations().map((o) => o.key))
  const undocumented = [...registered].filter((key) => !documented.has(key))
  const unrouted = [...documented].filter((key) => !registered.has(key))
  const covered = [...registered].filter((key) => documented.has(key)).length
  context.diagnostic(`OpenAPI coverage: ${covered} operations documented / ${registered.size} routes registered under /api/v1`)
  console.log(`OpenAPI coverage: ${covered}/${registered.size} routes under /api/v1 documented`)
  assert.deepEqual(undocumented, [], `routes with no description: ${undocumented.join(', ')}`)
  assert.deepEqual(unrouted, [], `descriptions with no route: ${unrouted.join(', ')}`)
  assert.ok(registered.size >= 5)
})

test('the document is valid OpenAPI 3.1 by the OpenAPI Initiative’s schema', async () => {
  const validator = new Validator()
  const result = await validator.validate(structuredClone(document) as unknown as Parameters<Validator["validate"]>[0])
  assert.equal(validator.version, '3.1')
  assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2))
  assert.equal(result.valid, true)
  const ids = operations().map((o) => o.operation.operationId)
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'operation ids are unique')
})

test('each documented GET operation answers the demo data with what its schema says', async () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: 'catalyst-openapi' } as object)
  const gets = operations().filter((o) => o.method === 'get' && o.path !== '/api/v1/openapi.json')
  // A path with {id} is called with the id of the first item its list operation returns.
  const firstIds = new Map<string, string>()
  let checked = 0
  for (const { key, path, operation } of gets.sort((a, b) => a.path.length - b.path.length)) {
    let url = path
    if (path.includes('{')) {
      const parent = path.replace(/\/\{[^}]+\}.*$/, '')
      const id = firstIds.get(parent)
      assert.ok(id, `${key}: the list at ${parent} returned no record to read`)
      url = path.replace(/\{[^}]+\}/, id)
      assert.ok(!url.includes('{'), `${key}: only one path parameter is filled by the contract test`)
    }
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } })
    assert.equal(response.statusCode, 200, `${key}: ${response.body.slice(0, 300)}`)
    const content = operation.responses['200']?.content?.['application/json']
    assert.ok(content?.schema, `${key}: documents no JSON schema for 200`)
    const pointer = `catalyst-openapi#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1').replaceAll('{', '%7B').replaceAll('}', '%7D')}/get/responses/200/content/application~1json/schema`
    const validate = ajv.getSchema(pointer)
    assert.ok(validate, `${key}: schema at ${pointer}`)
    const body = response.json()
    assert.ok(validate(body), `${key}: ${ajv.errorsText(validate.errors)}`)
    const items = (body as { items?: { id?: string }[] }).items
    if (items?.[0]?.id) firstIds.set(path, items[0].id)
    checked++
  }
  assert.equal(checked, gets.length)
  assert.ok(checked >= 3, `only ${checked} GET operations were checked`)
})

/** The pointer Ajv resolves for a schema inside the document. */
const pointerTo = (path: string, method: string, rest: string) =>
  `catalyst-openapi#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1').replaceAll('{', '%7B').replaceAll('}', '%7D')}/${method}/${rest}`

/**
 * For each documented POST: who sends it (a demo user and the scope it needs), a valid body made from the demo data,
 * and an invalid one with the field its problem document must name. A POST described without an entry here fails
 * the test, so a new write cannot go unchecked.
 */
interface PostCase {
  email: string
  scopes: string[]
  valid: () => Promise<object>
  invalid: { body: object; field: string }
}
const unique = () => Math.random().toString(36).slice(2, 8)
const demoProviderId = async () => {
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  const [row] = await t.db.db.select({ id: providers.id }).from(providers).where(eq(providers.councilId, demo.id)).orderBy(asc(providers.name)).limit(1)
  return row!.id
}
const POSTS: Record<string, PostCase> = {
  'POST /api/v1/providers': {
    email: 'commissioner@demo.catalyst.test',
    scopes: ['providers:write'],
    valid: async () => ({ name: `Contract Test Care ${unique()}`, legalForm: 'cio' }),
    invalid: { body: { name: 'Contract Test Care', legalForm: 'empire' }, field: '/legalForm' },
  },
  'POST /api/v1/grants': {
    email: 'commissioner@demo.catalyst.test',
    scopes: ['grants:write'],
    valid: async () => ({ identifier: `contract-test-${unique()}`, title: 'Contract test grant', amountAwardedPence: 250_000, awardDate: '2026-06-01', recipientProviderId: await demoProviderId() }),
    invalid: { body: { identifier: 'x', title: 'Contract test grant', amountAwardedPence: 'lots', awardDate: '2026-06-01', recipientProviderId: randomUuid() }, field: '/amountAwardedPence' },
  },
  'POST /api/v1/route-advice': {
    email: 'commissioner@demo.catalyst.test',
    scopes: ['route-advice:read'],
    valid: async () => ({ category: 'services', cpv: ['85311000-2'], valuePence: 90_000_000, startDate: '2026-04-01', termMonths: 60 }),
    invalid: { body: { category: 'magic', termMonths: 12 }, field: '/category' },
  },
  'POST /api/v1/kpi-returns': {
    email: 'provider@demo.catalyst.test',
    scopes: ['kpi-returns:write'],
    // A KPI of the demo provider's contracts and an ended quarter of its term the council has not accepted yet.
    valid: async () => {
      const membership = (await membershipFor(t.db.db, 'provider@demo.catalyst.test'))!
      const demo = (await findCouncil(t.db.db, 'DEMO'))!
      const today = londonDate(new Date())
      const [own] = await t.db.db.select({ providerId: memberships.providerId }).from(memberships).where(eq(memberships.id, membership.membershipId))
      const providerId = own!.providerId!
      for (const kpi of await kpiReturns.kpisOf(t.db.db, demo.id, { providerId })) {
        const sent = await kpiReturns.returnsFor(t.db.db, demo.id, [kpi.kpiId])
        const quarter = reportableQuarters(kpi, today).find((q) => !sent.some((r) => r.periodStart === q.start && r.status === 'accepted'))
        if (quarter) return { kpiId: kpi.kpiId, periodStart: quarter.start, figure: 96.5, note: 'Sent by the contract test' }
      }
      throw new Error('the demo provider has no KPI quarter left to report')
    },
    invalid: { body: { kpiId: randomUuid(), periodStart: '2026-13-01', figure: true }, field: '/periodStart' },
  },
}

function randomUuid(): string {
  return crypto.randomUUID()
}

test('each documented POST accepts a valid body as described, and refuses an invalid one with the problem it describes', async () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: 'catalyst-openapi' } as object)
  const posts = operations().filter((o) => o.method === 'post')
  assert.deepEqual(posts.map((o) => o.key).filter((key) => !(key in POSTS)), [], 'every documented POST has a case here')
  for (const { key, path, operation } of posts) {
    const postCase = POSTS[key]!
    const bearer = await tokenFor(t, postCase.email, postCase.scopes)
    const send = (body: object) =>
      t.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
    assert.ok(operation.requestBody?.content?.['application/json']?.schema, `${key}: documents no JSON request body`)
    const requestSchema = ajv.getSchema(pointerTo(path, 'post', 'requestBody/content/application~1json/schema'))!
    const responseSchema = (status: number, type: string) => {
      assert.ok(operation.responses[String(status)]?.content?.[type], `${key}: ${status} ${type} is not described`)
      return ajv.getSchema(pointerTo(path, 'post', `responses/${status}/content/${type.replace('/', '~1')}/schema`))!
    }

    // A valid body: the description accepts it, and so does the server, with an answer of the described shape.
    const valid = await postCase.valid()
    assert.ok(requestSchema(valid), `${key}: the valid body breaks the request schema: ${ajv.errorsText(requestSchema.errors)}`)
    const accepted = await send(valid)
    assert.ok([200, 201].includes(accepted.statusCode), `${key}: ${accepted.statusCode} ${accepted.body.slice(0, 300)}`)
    const validateAccepted = responseSchema(accepted.statusCode, 'application/json')
    assert.ok(validateAccepted(accepted.json()), `${key}: ${ajv.errorsText(validateAccepted.errors)}`)

    // An invalid body: the description refuses it, and the server answers 400 with a problem naming the field.
    assert.equal(requestSchema(postCase.invalid.body), false, `${key}: the request schema accepts the invalid body`)
    const refused = await send(postCase.invalid.body)
    assert.equal(refused.statusCode, 400, `${key}: ${refused.body.slice(0, 300)}`)
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/)
    const validateProblem = responseSchema(400, 'application/problem+json')
    const problem = refused.json() as { status: number; errors?: { field: string }[] }
    assert.ok(validateProblem(problem), `${key}: ${ajv.errorsText(validateProblem.errors)}`)
    assert.equal(problem.status, 400)
    assert.ok(problem.errors?.some((e) => e.field === postCase.invalid.field), `${key}: no error for ${postCase.invalid.field} in ${JSON.stringify(problem.errors)}`)
  }
})
