/**
 * Cached public pages and open-data files on the real database: a change to a contract, grant or story shows at once
 * on the page and in the file (whatever wrote it), If-None-Match gives 304 until a change, each visitor's copy
 * carries its own CSP nonce and form token, and a story due to be published appears when its time comes.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { contracts } from '../../modules/contracts/schema.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { grants } from '../../modules/grants/schema.ts'
import { stories } from '../../modules/stories/schema.ts'

let now = new Date()
let t: TestApp
let councilId = ''
before(async () => {
  t = await createTestApp({ clock: () => now })
  councilId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

async function firstPublished<T extends typeof contracts | typeof grants>(table: T) {
  const [row] = await t.db.db.select({ id: table.id, title: table.title }).from(table as typeof contracts).where(and(eq(table.councilId, councilId), eq(table.published, true))).limit(1)
  assert.ok(row, 'the demo council has a published record')
  return row
}

test('a contract retitled shows at once in the contracts CSV and on "Who delivers our services"; 304 until then', async () => {
  const contract = await firstPublished(contracts)
  const csv = await get('/open-data/DEMO/contracts.csv')
  assert.equal(csv.statusCode, 200)
  assert.ok(csv.body.includes(contract.title))
  const etag = csv.headers.etag as string
  assert.match(etag, /^"[\w-]+"$/, 'a strong ETag on the file')

  const again = await get('/open-data/DEMO/contracts.csv', { 'if-none-match': etag })
  assert.equal(again.statusCode, 304)
  assert.equal(again.body, '')
  const page = await get('/who-delivers-our-services?council=DEMO')
  assert.ok(page.body.includes(contract.title))
  assert.equal((await get('/who-delivers-our-services?council=DEMO', { 'if-none-match': page.headers.etag as string })).statusCode, 304)

  const retitled = `${contract.title} (retendered ${Date.now()})`
  await t.db.db.update(contracts).set({ title: retitled }).where(eq(contracts.id, contract.id))

  const changed = await get('/open-data/DEMO/contracts.csv', { 'if-none-match': etag })
  assert.equal(changed.statusCode, 200, 'the old ETag no longer matches')
  assert.ok(changed.body.includes(retitled))
  assert.notEqual(changed.headers.etag, etag)
  assert.ok((await get('/who-delivers-our-services?council=DEMO')).body.includes(retitled))
})

test('a grant changed shows at once in the 360Giving CSV and JSON', async () => {
  const grant = await firstPublished(grants)
  const before = await get('/open-data/DEMO/360giving.csv')
  assert.ok(before.body.includes(grant.title))
  await get('/open-data/DEMO/360giving.json')
  const retitled = `${grant.title} renewed ${Date.now()}`
  await t.db.db.update(grants).set({ title: retitled }).where(eq(grants.id, grant.id))
  assert.ok((await get('/open-data/DEMO/360giving.csv')).body.includes(retitled))
  assert.ok((await get('/open-data/DEMO/360giving.json')).body.includes(retitled))
  // Unpublishing takes it out of the file at once too.
  await t.db.db.update(grants).set({ published: false }).where(eq(grants.id, grant.id))
  assert.ok(!(await get('/open-data/DEMO/360giving.csv')).body.includes(retitled))
})

test('a story changed shows at once on the stories list and its own page; each copy has its own nonce and form token', async () => {
  const [story] = await t.db.db.select({ id: stories.id, title: stories.title }).from(stories).where(and(eq(stories.councilId, councilId), eq(stories.status, 'published'))).limit(1)
  assert.ok(story, 'the demo council has a published story')
  const list = await get('/stories')
  assert.equal(list.statusCode, 200)
  const etag = list.headers.etag as string
  assert.equal((await get('/stories', { 'if-none-match': etag })).statusCode, 304)

  // Two visitors served from the cache: each page's inline script carries the nonce of its own CSP header.
  const first = await get(`/stories/${story.id}`)
  const second = await get(`/stories/${story.id}`)
  for (const response of [first, second]) {
    const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1]
    assert.ok(nonce && response.body.includes(`nonce="${nonce}"`), 'the page script has the nonce of the CSP header')
    const csrf = response.cookies.find((c) => c.name === 'catalyst_csrf')
    assert.ok(csrf, 'a new visitor gets a form token cookie')
  }
  assert.notEqual(/nonce="([^"]+)"/.exec(first.body)?.[1], /nonce="([^"]+)"/.exec(second.body)?.[1])
  assert.notEqual(/name="_csrf" value="([^"]+)"/.exec(first.body)?.[1], /name="_csrf" value="([^"]+)"/.exec(second.body)?.[1])

  const retitled = `Kind carers, quick replies ${Date.now()}`
  await t.db.db.update(stories).set({ title: retitled }).where(eq(stories.id, story.id))
  const after = await get('/stories', { 'if-none-match': etag })
  assert.equal(after.statusCode, 200)
  assert.ok(after.body.includes(retitled))
  assert.ok((await get(`/stories/${story.id}`)).body.includes(retitled))
})

test('a story due to be published appears on the list when its time comes, with no write', async () => {
  const [story] = await t.db.db.select({ id: stories.id }).from(stories).where(and(eq(stories.councilId, councilId), eq(stories.status, 'published'))).limit(1)
  const title = `Published at a set time ${Date.now()}`
  await t.db.db.update(stories).set({ title, publishedAt: new Date(now.getTime() + 60_000) }).where(eq(stories.id, story!.id))
  assert.ok(!(await get('/stories')).body.includes(title))
  assert.ok(!(await get('/stories')).body.includes(title), 'still hidden when served from the cache')
  now = new Date(now.getTime() + 61_000)
  const later = await get('/stories')
  assert.ok(later.body.includes(title))
})

test('a signed-in person is never served a visitor\'s cached page', async () => {
  await get('/')
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const home = await client.get('/')
  assert.equal(home.statusCode, 200)
  assert.ok(!home.headers.etag, 'a signed-in page is rendered afresh and not cached')
  assert.match(home.body, /Home: /)
})
