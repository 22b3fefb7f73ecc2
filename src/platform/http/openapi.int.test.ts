/**
 * The OpenAPI 3.1 document against the server itself: every route registered under /api/v1 is described and every
 * description has a route; the document passes a real OpenAPI validator; and each documented GET operation,
 * called on the demo data, answers with what its schema says (the contract test).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { membershipFor } from '../auth/accounts.ts'
import { createApiToken } from '../auth/service.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: object }> }>; parameters?: { name: string; in: string; required?: boolean }[] }
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
