/**
 * Benchmarking through real HTTP on a real database: importing indicators on the page, comparator groups built the
 * three ways, members added and removed with audit entries, the comparison's rank, median, MAD and flag against
 * figures worked by hand, its CSV, and who may see and change what.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { importCouncils } from '../councils/import.ts'
import { parseCouncilFile } from '../councils/import-file.ts'
import { councilInputOf, findCouncil, upsertCouncil } from '../councils/service.ts'

const NOW = new Date('2026-12-07T10:00:00Z')
const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/benchmarking', name))
let t: TestApp
let demoId = ''

before(async () => {
  t = await createTestApp({ clock: () => NOW })
  const file = parseCouncilFile(fixture('mysociety-england-regions.csv'))
  assert.ok(file.ok)
  await importCouncils(t.db.db, file, { actor: systemActor('test'), now: NOW })
  // The demo council is fictional: it is placed in the North East, a unitary authority as it is.
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  demoId = demo.id
  await upsertCouncil(t.db.db, { ...councilInputOf(demo), code: demo.code, isTenant: true, region: 'North East' }, systemActor('test'), NOW)
})
after(async () => t.close())

function multipart(client: TestClient, url: string, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----catalyst-benchmarking'
  const parts = [
    ...Object.entries({ _csrf: client.csrfToken, ...fields }).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]
  return client.request({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(client.csrfToken)}`, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
}

// The demo council and the seven other unitary authorities of the North East, two financial years.
const RECYCLING = [
  'area_code,area_name,period,indicator,measure,unit,value',
  ...[
    ['DEMO', 'Demo Borough', 28, 30],
    ['E06000001', 'Hartlepool', 49, 50],
    ['E06000002', 'Middlesbrough', 50, 52],
    ['E06000003', 'Redcar and Cleveland', 51, 54],
    ['E06000004', 'Stockton-on-Tees', 55, 55],
    ['E06000005', 'Darlington', 57, 56],
    ['E06000047', 'County Durham', 58, 58],
    ['E06000057', 'Northumberland', 69, 70],
  ].flatMap(([code, name, earlier, later]) => [`${code},${name},2022/23,Household waste recycled,Percentage,Waste,${earlier}`, `${code},${name},2023/24,Household waste recycled,Percentage,Waste,${later}`]),
].join('\n')

let indicatorId = ''

test('an indicator file imported on the page, again with nothing changed, and a file that is not the layout chosen', async () => {
  const admin = await t.signedIn('admin@demo.catalyst.test')
  assert.match(pageText((await admin.get('/benchmarking/import')).body), /Import indicators/)
  const missing = await multipart(admin, '/benchmarking/import', { format: '' }, { name: 'empty.csv', bytes: Buffer.alloc(0) })
  assert.equal(missing.statusCode, 400)
  assert.match(pageText(missing.body), /There is a problem Select the layout of the file Select a file to import/)

  const first = await multipart(admin, '/benchmarking/import', { format: 'lginform-long', polarity: 'high' }, { name: 'recycling.csv', bytes: Buffer.from(RECYCLING) })
  assert.equal(first.statusCode, 200, first.body.slice(0, 500))
  const text = pageText(first.body)
  assert.match(text, /Councils 8 New figures 16 Figures updated 0 Figures unchanged 0 Lines not used 0/)
  indicatorId = first.body.match(/href="\/benchmarking\/indicators\/([0-9a-f-]{36})"/)![1]!
  const again = pageText((await multipart(admin, '/benchmarking/import', { format: 'lginform-long' }, { name: 'recycling.csv', bytes: Buffer.from(RECYCLING) })).body)
  assert.match(again, /New figures 0 Figures updated 0 Figures unchanged 16/)

  const wrong = await multipart(admin, '/benchmarking/import', { format: 'ascof', period: '2023/24' }, { name: 'recycling.csv', bytes: Buffer.from(RECYCLING) })
  assert.equal(wrong.statusCode, 400)
  assert.match(pageText(wrong.body), /Nothing was changed: this is not an ASCOF release: no “onscode”/)
})

let regionGroup = ''

test('groups: the same type and region, an uploaded list with its unmatched lines reported, and the model', async () => {
  const admin = await t.signedIn('admin@demo.catalyst.test')
  await admin.get('/benchmarking/groups/new')
  const rule = await admin.post('/benchmarking/groups/new', { method: 'type-region', name: 'North East unitaries', purpose: 'Waste' })
  assert.equal(rule.statusCode, 200, rule.body.slice(0, 300))
  regionGroup = rule.body.match(/href="\/benchmarking\/groups\/([0-9a-f-]{36})"/)![1]!
  const members = pageText((await admin.get(`/benchmarking/groups/${regionGroup}`)).body)
  for (const name of ['Hartlepool', 'Middlesbrough', 'Redcar and Cleveland', 'Stockton-on-Tees', 'Darlington', 'Durham County Council', 'Northumberland County Council']) assert.match(members, new RegExp(name))
  assert.doesNotMatch(members, /Gateshead/, 'a metropolitan district is not a unitary authority')

  const list = 'Code,Name\nE06000001,Hartlepool\nGB-LAE-MDB,Middlesbrough\n,Redcar and Cleveland\nE06099999,Nowhere\nE92000001,England\nE06000001,Hartlepool again\n'
  await admin.get('/benchmarking/groups/new')
  const uploaded = await multipart(admin, '/benchmarking/groups/upload', { name: 'CIPFA nearest neighbours' }, { name: 'cipfa.csv', bytes: Buffer.from(list) })
  assert.equal(uploaded.statusCode, 200, uploaded.body.slice(0, 300))
  const report = pageText(uploaded.body)
  assert.match(report, /5 no council with the code E06099999 in the council list \(the line names Nowhere\)/)
  assert.match(report, /6 E92000001 is England, not a council/)
  assert.match(report, /7 Hartlepool Borough Council is also on line 2/)
  const listId = uploaded.body.match(/href="\/benchmarking\/groups\/([0-9a-f-]{36})"/)![1]!
  const listPage = pageText((await admin.get(`/benchmarking/groups/${listId}`)).body)
  assert.match(listPage, /1 Hartlepool Borough Council .* 2 Middlesbrough Borough Council .* 3 Redcar and Cleveland Borough Council/)

  // The model: the demo council has no population figure yet, and says so; with one, its 15 nearest.
  await multipart(admin, '/benchmarking/import', { format: 'lginform-long' }, { name: 'population.csv', bytes: fixture('population-density-2020.csv') })
  const indicators = pageText((await admin.get('/benchmarking')).body)
  assert.match(indicators, /Population density/)
  const form = (await admin.get('/benchmarking/groups/new')).body
  const ids = [...form.matchAll(/name="indicators" type="checkbox" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Population/g)].map((m) => m[1]!)
  assert.equal(ids.length, 2, 'population and density')
  const refused = await admin.post('/benchmarking/groups/new', { method: 'nearest', name: 'Like us', indicators: ids })
  assert.equal(refused.statusCode, 400)
  assert.match(pageText(refused.body), /Demo Borough Council has no figure for Population/)
  // Trafford's own figures (237,579 people, 2,241.3 a square kilometre), given to the demo council.
  const own = 'area_code,area_name,period,indicator,measure,unit,value\nDEMO,Demo,2020,Population (mid-2020 estimate),Count,Persons,237579\nDEMO,Demo,2020,Population density,Rate,Persons per square kilometre,2241.3\n'
  await multipart(admin, '/benchmarking/import', { format: 'lginform-long' }, { name: 'own.csv', bytes: Buffer.from(own) })
  await admin.get('/benchmarking/groups/new')
  const model = await admin.post('/benchmarking/groups/new', { method: 'nearest', name: 'Like us', indicators: ids })
  assert.equal(model.statusCode, 200, model.body.slice(0, 300))
  const modelId = model.body.match(/href="\/benchmarking\/groups\/([0-9a-f-]{36})"/)![1]!
  const page = (await admin.get(`/benchmarking/groups/${modelId}`)).body
  const modelText = pageText(page)
  assert.match(modelText, /The 15 nearest of 317 councils with figures for: Population \(mid-2020 estimate\) \(2020\); Population density \(2020\)/)
  // Trafford's own figures: Trafford is at distance 0, near on both; then Tameside and Havering.
  assert.match(modelText, /1 Trafford Metropolitan Borough Council Metropolitan district, North West 0\.00 Population \(mid-2020 estimate\) \(2020\): 0\.00 SD apart Population density \(2020\): 0\.00 SD apart Model/)
  assert.match(modelText, /2 Tameside Metropolitan Borough Council .* 3 London Borough of Havering London borough, London/)
  assert.equal((page.match(/<tr class="govuk-table__row">/g) ?? []).length, 16, 'a heading row and 15 councils')
})

test('members added and removed by hand, each change audited', async () => {
  const admin = await t.signedIn('admin@demo.catalyst.test')
  await admin.get(`/benchmarking/groups/${regionGroup}`)
  const unknown = await admin.post(`/benchmarking/groups/${regionGroup}/members`, { council: 'Nowhereshire' })
  assert.equal(unknown.statusCode, 400)
  assert.match(pageText(unknown.body), /There is a problem “Nowhereshire” is not a council name Catalyst knows/)
  assert.equal((await admin.post(`/benchmarking/groups/${regionGroup}/members`, { council: 'E08000037' })).statusCode, 303)
  assert.match(pageText((await admin.get(`/benchmarking/groups/${regionGroup}`)).body), /Gateshead Metropolitan Borough Council .* Added by hand/)
  const twice = await admin.post(`/benchmarking/groups/${regionGroup}/members`, { council: 'GAT' })
  assert.match(pageText(twice.body), /Gateshead Metropolitan Borough Council is already in the group/)
  const gateshead = (await findCouncil(t.db.db, 'E08000037'))!
  assert.equal((await admin.post(`/benchmarking/groups/${regionGroup}/members/remove`, { council: gateshead.id })).statusCode, 303)
  assert.equal((await admin.post(`/benchmarking/groups/${regionGroup}/members/remove`, { council: gateshead.id })).statusCode, 400, 'no longer a member')
  assert.doesNotMatch(pageText((await admin.get(`/benchmarking/groups/${regionGroup}`)).body), /Gateshead/)
  const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, regionGroup), eq(auditEntries.councilId, demoId)))
  assert.deepEqual(audit.map((a) => a.action).sort(), ['add-member', 'create', 'remove-member'])
  assert.equal((audit.find((a) => a.action === 'remove-member')!.before as { council: string }).council, 'Gateshead Metropolitan Borough Council')
})

test('the comparison: rank, median, MAD and flag as worked by hand, the chart, the table and its CSV', async () => {
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  const page = await councillor.get(`/benchmarking/indicators/${indicatorId}?group=${regionGroup}`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  // 2023/24: 30 50 52 54 | 55 56 58 70. Median (54 + 55) / 2 = 54.5. Deviations sorted 0.5 0.5 1.5 2.5 | 3.5 4.5 15.5
  // 24.5: MAD (2.5 + 3.5) / 2 = 3. The demo council: (30 − 54.5) / 3 = −8.17 MADs, last of 8; 28 the year before.
  assert.match(text, /Value 30 Rank 8 of 8 \(best first\) Group median 54\.5 Median absolute deviation \(MAD\) 3 MADs from the median -8\.17 Flag More than 2 MADs worse than the median Direction of travel Improving since 2022\/23/)
  // Northumberland: (70 − 54.5) / 3 = +5.17, first.
  assert.match(text, /Northumberland County Council 70 1 of 8 \+5\.17 More than 2 MADs better than the median 69 Improving/)
  assert.match(text, /Stockton-on-Tees Borough Council 55 4 of 8 \+0\.17 55 No change/)
  assert.match(page.body, /<svg class="app-chart"[^>]*role="img"/)
  assert.match(page.body, /app-benchmark__band/)
  assert.match(page.body, /<rect class="app-chart__bar app-benchmark__own"/)
  const csv = await councillor.get(`/benchmarking/indicators/${indicatorId}?group=${regionGroup}&download=comparison`)
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
  assert.match(csv.body, /^Council,Value,Rank,MADs from the median,Flag,Previous period \(2022\/23\),Direction of travel\n/)
  assert.match(csv.body, /Demo Borough Council \(this council\),30,8 of 8,-8\.17,More than 2 MADs worse than the median,28,Improving/)
  // An earlier period chosen: 2022/23 has no period before it.
  assert.match(pageText((await councillor.get(`/benchmarking/indicators/${indicatorId}?group=${regionGroup}&period=2022%2F23`)).body), /Value 28 Rank 8 of 8/)
  // Without a polarity the flag says above or below, not better or worse.
  const admin = await t.signedIn('admin@demo.catalyst.test')
  await admin.get(`/benchmarking/indicators/${indicatorId}`)
  assert.equal((await admin.post(`/benchmarking/indicators/${indicatorId}/polarity`, { polarity: 'none' })).statusCode, 303)
  assert.match(pageText((await councillor.get(`/benchmarking/indicators/${indicatorId}?group=${regionGroup}`)).body), /Rank 8 of 8 \(highest first\).*More than 2 MADs below the median.*Direction of travel Rising/)
})

test('who may see and change what', async () => {
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  await councillor.get('/benchmarking')
  assert.equal((await councillor.post(`/benchmarking/groups/${regionGroup}/members`, { council: 'GAT' })).statusCode, 403)
  assert.equal((await councillor.get('/benchmarking/import')).statusCode, 403)
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(`/benchmarking/indicators/${indicatorId}`)).statusCode, 404)
  assert.equal((await other.get(`/benchmarking/groups/${regionGroup}`)).statusCode, 404)
  assert.equal((await other.get('/benchmarking/groups/not-an-id')).statusCode, 404)
  assert.doesNotMatch(pageText((await other.get('/benchmarking')).body), /Household waste recycled|North East unitaries/)
  const visitor = t.client()
  assert.equal((await visitor.get('/benchmarking')).statusCode, 303)
})

test('a commissioning project’s Analyse stage links to benchmarking', async () => {
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const list = (await commissioner.get('/projects')).body
  const project = list.match(/href="(\/projects\/[0-9a-f-]{36})"/)![1]!
  const page = (await commissioner.get(project)).body
  const analyse = page.slice(page.indexOf('id="analyse"'), page.indexOf('</section>', page.indexOf('id="analyse"')))
  assert.match(analyse, /<a class="govuk-link" href="\/benchmarking">See the benchmarking indicators and comparator groups<\/a>/)
  assert.equal((await commissioner.get('/benchmarking')).statusCode, 200)
})

test('Catalyst’s own indicators from the council’s spend, by the spend pages’ rules, computed again with nothing changed', async () => {
  const { sharesByYear, localProviderIds, concentration, yearsWithSpend } = await import('../spend/analysis.ts')
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  await commissioner.get('/benchmarking')
  const first = await commissioner.post('/benchmarking/computed')
  assert.equal(first.statusCode, 303)
  const index = await commissioner.get(String(first.headers.location))
  assert.match(pageText(index.body), /Catalyst’s indicators computed from the council’s spend data and contracts register: \d+ figures/)
  const sme = index.body.match(/href="\/benchmarking\/indicators\/([0-9a-f-]{36})">Share of matched spend with SMEs</)![1]!
  const hhiId = index.body.match(/href="\/benchmarking\/indicators\/([0-9a-f-]{36})">Concentration of spend by payee \(HHI\)</)![1]!
  // The figures the spend module gives for the same years.
  const shares = (await sharesByYear(t.db.db, demoId, await localProviderIds(t.db.db, demoId, []))).filter((s) => s.matchedPence > 0)
  const latest = shares.at(-1)!
  const expected = Math.round((latest.smePence / latest.matchedPence) * 1000) / 10
  const page = pageText((await commissioner.get(`/benchmarking/indicators/${sme}?group=${regionGroup}`)).body)
  assert.match(page, new RegExp(`against North East unitaries, ${latest.year.label.replace('/', '\\/')} Value ${expected} `))
  const [year] = await yearsWithSpend(t.db.db, demoId)
  const [all] = await concentration(t.db.db, demoId, year!, false)
  assert.match(pageText((await commissioner.get(`/benchmarking/indicators/${hhiId}?group=${regionGroup}&period=${encodeURIComponent(year!.label)}`)).body), new RegExp(`Value ${all!.hhi.toLocaleString('en-GB')} `))
  const again = await commissioner.post('/benchmarking/computed')
  const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'benchmark-computed'), eq(auditEntries.councilId, demoId)))
  assert.equal(again.statusCode, 303)
  assert.equal(audit.length, 2)
  // Both runs share the test's clock, so they are told apart by what they did: one created figures, the other none.
  const created = audit.map((a) => (a.after as { created: number }).created).sort((a, b) => a - b)
  assert.equal(created[0], 0, 'the second run creates nothing')
  assert.ok(created[1]! > 0)
})
