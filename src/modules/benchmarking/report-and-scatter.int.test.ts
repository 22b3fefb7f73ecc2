/**
 * Benchmarking's computed contract indicators, cost against outcome and the printable report, through real HTTP on
 * a real database, against figures worked by hand: the direct-award share and average contract length of a year
 * whose contracts the test makes, the contracts beneath those figures linked from the indicator page, the scatter's
 * points and medians with the council highlighted, and the report's line for each indicator with its CSV.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { createContract, type ContractInput } from '../contracts/service.ts'
import { findCouncil } from '../councils/service.ts'
import { eq } from 'drizzle-orm'
import { providers } from '../providers/schema.ts'
import { createUploadedGroup } from './groups.ts'
import { importIndicatorFile } from './import.ts'

const NOW = new Date('2026-12-07T10:00:00Z')
const actor = systemActor('test')
let t: TestApp
let groupId = ''
let demoId = ''
const ids: Record<string, string> = {}

const contract = (reference: string, awardProcedure: ContractInput['awardProcedure'], startDate: string, endDate: string | null, supplierId: string): ContractInput => ({
  reference,
  title: `Benchmark test ${reference}`,
  description: null,
  department: null,
  supplierIds: [supplierId],
  cpvCodes: [],
  mainCategory: 'services',
  awardProcedure,
  directAwardGround: awardProcedure === 'direct-award' ? 'sch5-6' : null,
  invitation: null,
  totalValuePence: 100_000_00,
  estimatedAnnualValuePence: null,
  valuesIncludeVat: false,
  irrecoverableVatPence: null,
  awardDate: null,
  startDate,
  endDate,
  reviewDate: null,
  extensionOptions: 0,
  extensionMonths: null,
  extensionsTaken: 0,
  extensionsTakenNote: null,
  lightTouch: false,
  status: 'expired',
  notices: [],
  ocid: null,
  published: true,
  serviceCategory: null,
})

const long = (indicator: string, measure: string, rows: [string, number][]) =>
  Buffer.from(['area_code,area_name,period,indicator,measure,unit,value', ...rows.map(([code, value]) => `${code},,2023/24,${indicator},${measure},,${value}`)].join('\n'))

before(async () => {
  t = await createTestApp({ clock: () => NOW })
  const db = t.db.db
  demoId = (await findCouncil(db, 'DEMO'))!.id
  const [supplier] = await db.select({ id: providers.id }).from(providers).where(eq(providers.councilId, demoId)).limit(1)
  const providerId = supplier?.id
  assert.ok(providerId, 'a demo provider to supply the test contracts')
  // 2019/20, a year no demo contract falls in: one direct award of 12 months, one open procedure of 36 months, one
  // whose procedure the source did not state, of 24 months. Direct share 1 of 2 stated = 50%; mean term 24 months.
  await createContract(db, demoId, contract('BM-1', 'direct-award', '2019-05-01', '2020-04-30', providerId!), actor, NOW)
  await createContract(db, demoId, contract('BM-2', 'open', '2019-06-01', '2022-05-31', providerId!), actor, NOW)
  await createContract(db, demoId, contract('BM-3', 'not-stated', '2019-07-01', '2021-06-30', providerId!), actor, NOW)

  const group = await createUploadedGroup(db, { councilId: demoId, name: 'Test neighbours', purpose: 'Adult social care', bytes: Buffer.from('code,name\nE06000002,Middlesbrough\nE09000011,Greenwich\nE07000008,Cambridge\n'), actor, now: NOW, today: '2026-12-07' })
  assert.ok(group.ok, JSON.stringify(group))
  groupId = group.groupId
  const common = { councilId: demoId, actor, now: NOW, today: '2026-12-07', format: 'lginform-long' as const }
  const cost = await importIndicatorFile(db, { ...common, fileName: 'cost.csv', polarity: 'low', bytes: long('Spend per head on adult social care', 'Pounds', [['DEMO', 400], ['E06000002', 500], ['E09000011', 600], ['E07000008', 450]]) })
  const outcome = await importIndicatorFile(db, { ...common, fileName: 'outcome.csv', polarity: 'high', bytes: long('Satisfaction with care and support', 'Percentage', [['DEMO', 60], ['E06000002', 65], ['E09000011', 70]]) })
  assert.ok(cost.ok && outcome.ok)
  ids.cost = cost.summary.indicators[0]!.id
  ids.outcome = outcome.summary.indicators[0]!.id
})
after(async () => t.close())

test('the share of direct awards and the average contract length, computed from the register with the contracts beneath', async () => {
  const admin = await t.signedIn('admin@demo.catalyst.test')
  const computed = await admin.post('/benchmarking/computed', {})
  assert.equal(computed.statusCode, 303)
  const index = await admin.get('/benchmarking')
  const direct = index.body.match(/href="(\/benchmarking\/indicators\/[0-9a-f-]{36})">Share of contracts awarded directly</)
  const length = index.body.match(/href="(\/benchmarking\/indicators\/[0-9a-f-]{36})">Average contract length</)
  assert.ok(direct && length, 'both contract indicators are listed')

  const page = await admin.get(`${direct[1]}?group=${groupId}&period=2019%2F20`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /How Catalyst works it out Contracts recorded as direct awards \(Procurement Act 2023 s\.41 and Schedule 5\)/)
  assert.match(text, /Value 50 /)
  assert.match(text, /BM-1: Benchmark test BM-1 Direct award \(s\.41 and Schedule 5\) Not recorded 2019-05-01 2020-04-30 12 Yes/)
  assert.match(text, /BM-2: Benchmark test BM-2 Open procedure \(s\.20\(2\)\(a\)\) Not recorded 2019-06-01 2022-05-31 36 No/)
  assert.match(text, /BM-3: Benchmark test BM-3 Not stated \(the source did not say\) Not recorded 2019-07-01 2021-06-30 24 Not counted \(procedure not stated\)/)
  assert.match(page.body, /href="\/contracts\/[0-9a-f-]{36}">BM-1: Benchmark test BM-1<\/a>/)

  const months = pageText((await admin.get(`${length[1]}?group=${groupId}&period=2019%2F20`)).body)
  assert.match(months, /Value 24 /)
  assert.match(months, /Which way is good Not said/)
})

test('cost against outcome: the councils with both figures, the medians, and the council highlighted', async () => {
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const form = await commissioner.get('/benchmarking/scatter')
  assert.equal(form.statusCode, 200)
  const same = await commissioner.get(`/benchmarking/scatter?group=${groupId}&x=${ids.cost}&y=${ids.cost}`)
  assert.equal(same.statusCode, 400)
  assert.match(pageText(same.body), /There is a problem Choose an outcome indicator other than the cost indicator/)

  const page = await commissioner.get(`/benchmarking/scatter?group=${groupId}&x=${ids.cost}&y=${ids.outcome}`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  // Cambridge has no outcome figure: three points. Medians 500 and 65.
  assert.match(text, /Councils with both figures 3 This council 400 and 60 Group medians 500 and 65/)
  assert.match(text, /Demo Borough Council \(this council\) 400 Below the median 60 Below the median/)
  assert.match(text, /Royal Borough of Greenwich 600 Above the median 70 Above the median/)
  assert.doesNotMatch(text, /Cambridge City Council \d/)
  const svg = page.body.match(/<svg class="app-chart"[\s\S]*?<\/svg>/)![0]
  assert.equal((svg.match(/<circle /g) ?? []).length, 3)
  assert.equal((svg.match(/app-benchmark__own-point/g) ?? []).length, 1)
  assert.match(svg, /<text[^>]*font-weight="bold">Demo Borough Council<\/text>/)
  const csv = await commissioner.get(`/benchmarking/scatter?group=${groupId}&x=${ids.cost}&y=${ids.outcome}&download=points`)
  assert.match(csv.body, /Middlesbrough Council,500,At the median,65,At the median/)
})

test('the printable report: every indicator against the group, its flags and its CSV', async () => {
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const group = await commissioner.get(`/benchmarking/groups/${groupId}`)
  assert.match(group.body, new RegExp(`href="/benchmarking/groups/${groupId}/report"`))
  const page = await commissioner.get(`/benchmarking/groups/${groupId}/report`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /class="catalyst-report"/)
  const text = pageText(page.body)
  assert.match(text, /Demo Borough Council against Test neighbours/)
  // Cost: 400, 500, 600, 450. Median 475; distances 75, 25, 125, 25, MAD 50; (400 − 475) ÷ 50 = −1.50; low is good: first.
  assert.match(text, /Spend per head on adult social care \(Pounds\) 2023\/24 400 1 of 4 475 50 -1\.50 Within 2 MADs/)
  // Outcome: 60, 65, 70. Median 65, MAD 5; (60 − 65) ÷ 5 = −1.00; high is good: third.
  assert.match(text, /Satisfaction with care and support \(Percentage\) 2023\/24 60 3 of 3 65 5 -1\.00 Within 2 MADs/)
  assert.match(page.body, new RegExp(`href="/benchmarking/indicators/${ids.cost}\\?group=${groupId}(&amp;|&#38;)period=2023%2F24"`))
  const csv = await commissioner.get(`/benchmarking/groups/${groupId}/report?download=report`)
  assert.equal(csv.statusCode, 200)
  assert.match(csv.body, /Satisfaction with care and support \(Percentage\),2023\/24,60,3 of 3,65,5,-1\.00,Within 2 MADs/)
})
