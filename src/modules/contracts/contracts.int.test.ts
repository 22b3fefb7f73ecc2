/**
 * The contracts register's pages through real HTTP: add a contract, its KPIs and an assessment, check and record a
 * modification, the duty shortfalls and attention list, another council's record, the import with its preview, the
 * public register and open data.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { historyOf, systemActor } from '../../platform/audit/audit.ts'
import { findCouncil, upsertCouncil } from '../councils/service.ts'
import { listProviders } from '../providers/service.ts'
import { findContractByReference, modificationsOf } from './service.ts'

const NOW = new Date('2026-11-22T09:00:00Z')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock: () => NOW })
})
after(async () => t.close())

const contractForm = (supplierId: string, changes: Record<string, string> = {}) => ({
  reference: 'DBC-TEST-900',
  title: 'Carers’ breaks service',
  description: 'Short breaks for unpaid carers.',
  department: 'Adult Social Care',
  supplier1: supplierId,
  cpvCodes: '85312000, 85311000-2',
  mainCategory: 'services',
  awardProcedure: 'competitive-flexible',
  invitation: 'invitation-to-tender',
  totalValue: '6,000,000',
  annualValue: '1500000',
  valuesIncludeVat: 'no',
  irrecoverableVat: '',
  'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026',
  'endDate-day': '31', 'endDate-month': '3', 'endDate-year': '2030',
  extensionOptions: '1', extensionMonths: '12', extensionsTaken: '0',
  lightTouch: 'no',
  status: 'active',
  'noticeUK6-day': '1', 'noticeUK6-month': '3', 'noticeUK6-year': '2026',
  ocid: '',
  published: 'yes',
  ...changes,
})

test('a commissioner adds a contract with KPIs, an assessment and a modification, all audited', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const council = (await findCouncil(t.db.db, 'DEMO'))!
  const supplier = (await listProviders(t.db.db, council.id, { q: 'Riverside' }, { page: 1, pageSize: 5 })).items[0]!

  const bad = await client.post('/contracts', contractForm(supplier.id, { cpvCodes: '8531', 'endDate-day': '31', 'endDate-month': '2', totalValue: 'lots' }))
  assert.equal(bad.statusCode, 400)
  const badText = pageText(bad.body)
  assert.match(badText, /There is a problem/)
  assert.match(badText, /Enter CPV codes of 8 digits/)
  assert.match(badText, /The end date must be a real date/)
  assert.match(badText, /The total value must be an amount of money/)

  const created = await client.post('/contracts', contractForm(supplier.id))
  assert.equal(created.statusCode, 303, pageText(created.body).slice(0, 500))
  const location = String(created.headers.location)
  const id = location.split('/')[2]!.split('?')[0]!
  let page = pageText((await client.get(location)).body)
  assert.match(page, /Contract added to the register/)
  assert.match(page, /£6,000,000.00 excluding VAT/)
  assert.match(page, /85312000, 85311000-2/)
  assert.match(page, /UK6 contract award notice: 1 March 2026/)
  assert.match(page, /Fewer than 3 KPIs \(s\.52\)/, 'over £5m, not light touch, no KPIs yet')

  for (const [name, target] of [['Breaks delivered on the agreed date', '95%'], ['Carers satisfied', '90%'], ['Complaints answered within 10 days', '100%']]) {
    assert.equal((await client.post(`/contracts/${id}/kpis`, { kpiName: name!, kpiTarget: target! })).statusCode, 303)
  }
  assert.equal((await client.post(`/contracts/${id}/kpis`, { kpiName: '', kpiTarget: '' })).statusCode, 400)
  assert.equal((await client.post(`/contracts/${id}/assessments`, { 'assessedOn-day': '1', 'assessedOn-month': '10', 'assessedOn-year': '2026', rating: 'approaching-target', notes: 'Two late breaks.' })).statusCode, 303)
  page = pageText((await client.get(`/contracts/${id}`)).body)
  assert.match(page, /Carers satisfied Target: 90%/)
  assert.match(page, /Approaching target/)
  assert.doesNotMatch(page, /Fewer than 3 KPIs/)
  assert.match(page, /Next assessment due by 1 October 2027/)

  // A 20% increase with no Schedule 8 ground: above the 10% of a below-threshold modification, so a notice is needed.
  const modification = { 'modifiedOn-day': '15', 'modifiedOn-month': '11', 'modifiedOn-year': '2026', description: 'More breaks for young carers', newValue: '7200000', 'newEndDate-day': '31', 'newEndDate-month': '3', 'newEndDate-year': '2030', ground: 'none' }
  const checked = await client.post(`/contracts/${id}/modifications`, { ...modification, step: 'check' })
  assert.equal(checked.statusCode, 200)
  const advice = pageText(checked.body)
  assert.match(advice, /Not a substantial modification/)
  assert.match(advice, /Contract change notice \(UK10\): needed before you make the change/)
  assert.match(advice, /s\.74\(1\)\(b\), s\.74\(3\), s\.75\(1\), s\.76, s\.77/)
  assert.equal((await modificationsOf(t.db.db, council.id, id)).length, 0, 'checking stores nothing')
  const recorded = await client.post(`/contracts/${id}/modifications`, { ...modification, step: 'record' })
  assert.equal(recorded.statusCode, 303)
  const [stored] = await modificationsOf(t.db.db, council.id, id)
  assert.deepEqual([stored!.classification, stored!.changeNoticeRequired, stored!.valueBeforePence, stored!.valueAfterPence], ['not-substantial', true, 600_000_000, 720_000_000])
  page = pageText((await client.get(`/contracts/${id}`)).body)
  assert.match(page, /£7,200,000.00 excluding VAT/)
  assert.match(page, /Needed before the change \(UK10\); publish the modification within 90 days/)

  const history = await historyOf(t.db.db, { councilId: council.id, entityType: 'contract', entityId: id })
  assert.deepEqual(history.map((h) => h.action).sort(), ['add-assessment', 'add-kpi', 'add-kpi', 'add-kpi', 'create', 'modify'])
})

test('the list shows duty shortfalls, and the attention list groups contracts by what is due', async () => {
  const client = await t.signedIn('councillor@demo.catalyst.test')
  const list = pageText((await client.get('/contracts')).body)
  assert.match(list, /Reablement service : Fewer than 3 KPIs \(s\.52\); Performance assessment overdue \(s\.71\)/)
  assert.match(list, /Household waste collection and recycling : Performance assessment overdue \(s\.71\)/)
  assert.doesNotMatch(list, /Home care for older people \(north\) :/, 'light touch: no duty')
  const filtered = pageText((await client.get('/contracts?supplier=Greenway')).body)
  assert.match(filtered, /1 contract /)
  const attention = pageText((await client.get('/contracts/attention')).body)
  assert.match(attention, /Ending within 3 months \(2\) Case management software licences/)
  assert.match(attention, /Review date reached \(1\) Independent advice and advocacy/)
  assert.match(attention, /Extension options still available \(3\) (.*)Youth work in the town centre/, "the demo's two and the one added above")
  assert.equal((await client.get('/contracts/new')).statusCode, 403, 'a councillor reads but does not change')
})

test('another council’s contract is not found, and the open data has only published contracts', async () => {
  const council = (await findCouncil(t.db.db, 'DEMO'))!
  const contract = (await findContractByReference(t.db.db, council.id, 'DBC-ENV-002'))!
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(`/contracts/${contract.id}`)).statusCode, 404)
  assert.equal((await other.post(`/contracts/${contract.id}/kpis`, { kpiName: 'x', kpiTarget: 'y' })).statusCode, 404)

  const visitor = t.client()
  const csv = await visitor.get('/open-data/DEMO/contracts.csv')
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.match(csv.body, /^Reference number,Title of agreement/)
  const ocds = JSON.parse((await visitor.get('/open-data/DEMO/ocds-releases.json')).body)
  assert.equal(ocds.uri, 'http://localhost:80/open-data/DEMO/ocds-releases.json')
  assert.ok(ocds.releases.length >= 10)
  assert.equal((await visitor.get('/open-data/NOPE/ocds-releases.json')).statusCode, 404)
  const who = pageText((await visitor.get('/who-delivers-our-services?council=DEMO&supplier=Greenway')).body)
  assert.match(who, /Household waste collection and recycling Active Greenway Recycling Ltd £48,000,000/)
})

test('a council with nothing published: its OCDS and 360Giving URLs answer 404 with a GOV.UK page that explains', async () => {
  // A council using Catalyst (a tenant) that has not yet published anything.
  await upsertCouncil(t.db.db, { name: 'Emptyshire County Council', code: 'EMPT', type: 'county', isTenant: true }, systemActor('test'), NOW)
  const visitor = t.client()
  for (const [file, what, standard] of [['ocds-releases.json', 'contracts', 'OCDS'], ['ocds-records.json', 'contracts', 'OCDS'], ['360giving.json', 'grants', '360Giving']] as const) {
    const response = await visitor.get(`/open-data/EMPT/${file}`)
    assert.equal(response.statusCode, 404, file)
    assert.match(String(response.headers['content-type']), /text\/html/, file)
    assert.match(response.body, /govuk-template/, `${file}: a GOV.UK page`)
    const text = pageText(response.body)
    assert.match(text, new RegExp(`Emptyshire County Council has not published any ${what} yet`), file)
    assert.match(text, new RegExp(`The ${standard} standard does not allow a file with no ${what} in it`), file)
  }
  // The CSVs are valid with no rows: their column titles, and nothing else.
  const csv = await visitor.get('/open-data/EMPT/contracts.csv')
  assert.equal(csv.statusCode, 200)
  assert.equal(csv.body.trim().split('\n').length, 1)
})

test('importing a file on the pages: upload, preview that changes nothing, confirm', async () => {
  const client = await t.signedIn('finance@demo.catalyst.test')
  const form = pageText((await client.get('/contracts/import')).body)
  assert.match(form, /Import contracts or grants/)
  const bytes = fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/contracts/council-register.csv'))
  const boundary = '----catalyst-test'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontracts-csv\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const upload = await client.request({ method: 'POST', url: `/contracts/import?_csrf=${encodeURIComponent(client.csrfToken)}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
  assert.equal(upload.statusCode, 303, upload.body.slice(0, 300))
  const previewUrl = String(upload.headers.location)
  const preview = pageText((await client.get(previewUrl)).body)
  assert.match(preview, /Nothing has been saved yet/)
  assert.match(preview, /Created 2 Updated 0 Unchanged 0 Skipped 3/)
  assert.match(preview, /line 5: DBC-CSV-04: no value/)
  const council = (await findCouncil(t.db.db, 'DEMO'))!
  assert.equal(await findContractByReference(t.db.db, council.id, 'DBC-CSV-01'), undefined, 'the preview wrote nothing')

  const token = new URL(previewUrl, 'http://x').searchParams.get('token')!
  const confirmed = pageText((await client.post('/contracts/import/confirm', { token })).body)
  assert.match(confirmed, /Import complete/)
  assert.match(confirmed, /Created 2/)
  assert.ok(await findContractByReference(t.db.db, council.id, 'DBC-CSV-01'))
  // The upload is gone once used; its token leads back to the start.
  assert.equal((await client.get(previewUrl)).headers.location, '/contracts/import')
})
