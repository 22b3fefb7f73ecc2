/**
 * The public commissioning pipeline through HTTP on a real database: a visitor reads the demo council's planned
 * procurements and contracts ending, filters them, downloads the same rows as CSV and follows the Atom feed; the
 * s.93 notice section says whether a notice is required and lists the entries over £2m; unpublished contracts and
 * non-tenant councils are never shown; a project at the Plan stage planning a procurement is listed from its record.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { saveOpportunities } from '../contracts/opportunities.ts'
import { findCouncil } from '../councils/service.ts'
import { listProjects, saveRouteAdvice } from '../projects/service.ts'
import { routeAdvice, type RouteAdviceRequest } from '../../rules/procurement/route-advice-request.ts'

const now = new Date('2026-12-07T10:00:00Z')
let t: TestApp

before(async () => {
  t = await createTestApp({ clock: () => now })
})
after(async () => t.close())

test('a visitor reads the pipeline: contracts ending in 18 months, linked to their suppliers and the service’s statement', async () => {
  const page = await t.client().get('/pipeline/DEMO')
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /Commissioning pipeline/)
  // The demo's youth work contract started 20 months ago for 24 months: it ends within the 18 months.
  assert.match(text, /Youth work in the town centre Stage Contract ending \(1 extension option left\) Reference DBC-YTH-005/)
  // The advice contract ends in 3 months; household waste runs another 56 months and is not listed.
  assert.match(text, /Independent advice and advocacy/)
  assert.doesNotMatch(text, /Household waste collection and recycling/)
  assert.match(page.body, /href="\/market-position-statements\/DEMO\/childrens-social-care"/)
  assert.match(page.body, /href="\/public\/providers\/[0-9a-f-]{36}"/)
  assert.match(text, /Pipeline notice for 2027\/28/)
  assert.match(text, /must publish a pipeline notice within 56 days of the 1 April/)
})

test('filters narrow the list, and the CSV holds the same rows', async () => {
  const all = pageText((await t.client().get('/pipeline/DEMO')).body)
  const total = Number(all.match(/(\d+) of (\d+) entr/)![2])
  const filtered = await t.client().get('/pipeline/DEMO?service=advice-advocacy')
  const text = pageText(filtered.body)
  assert.match(text, new RegExp(`1 of ${total} entr`))
  assert.match(text, /Independent advice and advocacy/)
  assert.doesNotMatch(text, /Youth work in the town centre/)
  // A filter the page does not offer is ignored, not an error.
  assert.equal((await t.client().get('/pipeline/DEMO?band=lots&kind=%3Cscript%3E')).statusCode, 200)
  const csv = await t.client().get('/pipeline/DEMO/pipeline.csv?service=advice-advocacy')
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /^text\/csv/)
  const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
  assert.equal(rows.length, 1)
  assert.equal(rows[0]!.Title, 'Independent advice and advocacy')
  assert.equal(rows[0]!['Estimated value (£)'], '450000.00')
  assert.equal(rows[0]!['Value band'], '£100,000 to £500,000')
})

test('the Atom feed lists every entry with absolute links', async () => {
  const feed = await t.client().get('/pipeline/DEMO/pipeline.atom')
  assert.equal(feed.statusCode, 200)
  assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/)
  assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/)
  const page = pageText((await t.client().get('/pipeline/DEMO')).body)
  const total = Number(page.match(/(\d+) of (\d+) entr/)![2])
  assert.equal(feed.body.match(/<entry>/g)?.length ?? 0, total)
  assert.match(feed.body, /<link href="http:\/\/localhost:\d+\/pipeline\/DEMO#[0-9a-f-]{36}"\/>/)
  assert.match(feed.body, /Youth work in the town centre/)
})

test('a council that is not a tenant has no pipeline; a signed-in user’s /pipeline is their own council’s', async () => {
  assert.equal((await t.client().get('/pipeline/NOPE')).statusCode, 404)
  const visitor = await t.client().get('/pipeline')
  assert.equal(visitor.statusCode, 303)
  assert.match(String(visitor.headers.location), /^\/sign-in/)
  const provider = await t.signedIn('provider@demo.catalyst.test')
  const mine = await provider.get('/pipeline')
  assert.equal(mine.statusCode, 303)
  assert.equal(mine.headers.location, '/pipeline/DEMO')
})

test('s.93: a planned procurement over £2m starting within the notice’s 18 months is listed for the notice; £2m exactly is not', async () => {
  const council = await findCouncil(t.db.db, 'DEMO')
  const planned = (ocid: string, title: string, valuePence: number) => ({
    ocid, reference: null, title, description: null, stage: 'planning' as const, procedure: 'not-stated', mainCategory: 'services', cpvCodes: ['85000000'],
    valuePence, tenderEndDate: null, contractStartDate: '2027-10-01', contractEndDate: null, suitableForSme: true, suitableForVcse: null, publishedOn: '2026-11-20',
  })
  await t.db.db.transaction(async (tx) => {
    await saveOpportunities(tx, council!.id, [planned('ocds-test-001', 'Supported living framework', 350_000_000), planned('ocds-test-002', 'Day opportunities', 200_000_000)], { userId: null, label: 'test' }, now)
  })
  const page = pageText((await t.client().get('/pipeline/DEMO')).body)
  assert.match(page, /Supported living framework Stage Planned procurement .* Value £3,500,000 \(estimated value in the notice\) Value band Over £2 million Date Contract expected to start: 1 October 2027 Suitability Suitable for SMEs/)
  assert.match(page, /not more than £100,000,000: a pipeline notice is not required by s\.93/)
  assert.match(page, /Entries for the notice: over £2,000,000, expected from 1 April 2027 to 30 September 2028 Title Reference Estimated value Date Supported living framework ocds-test-001 £3,500,000 1 October 2027 /)
  assert.doesNotMatch(page, /Entries for the notice[^]*Day opportunities ocds-test-002/)
  const rows = parse((await t.client().get('/pipeline/DEMO/pipeline.csv?band=over-2m')).body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
  assert.deepEqual(rows.map((r) => [r.Title, r['In the s.93 pipeline notice']]), [['Supported living framework', 'Yes']])
})

test('a commissioning project at the Plan stage with a procurement in its route advice is listed from its own record, linked both ways', async () => {
  const council = await findCouncil(t.db.db, 'DEMO')
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const project = (await listProjects(t.db.db, council!.id, {})).rows.map((r) => r.project).find((p) => p.title === 'Home care for older people')
  assert.ok(project, 'the demo’s home care project')
  assert.equal(project.stage, 'plan')
  // No route advice yet: the plan is the council's own and not listed.
  assert.doesNotMatch(pageText((await t.client().get('/pipeline/DEMO')).body), /Planned procurement: commissioning project/)
  const request = { category: 'services', cpv: ['85312000-9'], valuePence: 75_000_000, termMonths: 48, startDate: '2027-06-01' }
  const result = routeAdvice(request, '2026-12-07')
  assert.ok(result.ok)
  await t.db.db.transaction((tx) => saveRouteAdvice(tx, council!.id, project.id, request as RouteAdviceRequest, result.advice, { userId: null, label: 'test' }, now))
  const visitor = await t.client().get('/pipeline/DEMO?kind=project')
  const text = pageText(visitor.body)
  assert.match(text, /1 of \d+ entr/)
  assert.match(text, /Home care for older people Stage Planned procurement: commissioning project .*Service Adult social care Value £750,000 \(estimated value in the route advice\) .*Date Contract expected to start: 1 June 2027/)
  // The project's page is the council's: a visitor gets no link to it, its commissioner does, and it links back.
  assert.doesNotMatch(visitor.body, new RegExp(`href="/projects/${project.id}"`))
  const staff = await commissioner.get('/pipeline/DEMO?kind=project')
  assert.match(staff.body, new RegExp(`href="/projects/${project.id}"`))
  assert.match(staff.body, /href="\/market-engagement\/new\?entry=[0-9a-f-]{36}"/)
  const page = await commissioner.get(`/projects/${project.id}`)
  assert.match(page.body, new RegExp(`href="/pipeline/DEMO#${project.id}"`))
  // The same record, not a copy: once the project moves on to Do, it leaves the pipeline.
  assert.equal((await commissioner.post(`/projects/${project.id}/stage`, { stage: 'do' })).statusCode, 303)
  assert.doesNotMatch(pageText((await t.client().get('/pipeline/DEMO')).body), /Home care for older people Stage Planned procurement/)
})
