/** Adding a payee to the provider register from the payee review, through the pages, on a real database. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { confirmSpendImport } from '../../../test/support/spend-import-jobs.ts'
import { createTestApp, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
import { createProvider } from '../providers/service.ts'
import { spendPayees } from './schema.ts'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

function multipart(file: { name: string; bytes: Buffer }) {
  const boundary = '----catalyst-test-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
}

let t: TestApp
let finance: TestClient
let demoId = ''

const payeeNamed = async (name: string) => (await t.db.db.select().from(spendPayees).where(and(eq(spendPayees.councilId, demoId), eq(spendPayees.name, name))))[0]!

before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  // 2017/18, which the demo spend does not touch. The file gives company and VAT numbers, as some councils' do.
  const file = [
    'Payment Date,Supplier Name,Amount,Company Number,VAT Number,Supplier Postcode',
    '10/05/2017,Kingfisher Care CIC,1200.00,13572468,GB 246 8135 79,ts1 2ab',
    '11/06/2017,Kingfisher Care CIC,300.00,13572468,GB 246 8135 79,TS1 2AB',
    '12/05/2017,Otter Lane Services,500.00,07654321,,not a postcode',
  ]
  await finance.get('/spend/imports/new')
  const body = multipart({ name: 'payees-2017.csv', bytes: Buffer.from(file.join('\n')) })
  const uploaded = await finance.request({ method: 'POST', url: `/spend/imports?_csrf=${encodeURIComponent(finance.csrfToken)}`, payload: body.payload, headers: { 'content-type': body.contentType } })
  const token = new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
  await confirmSpendImport(finance, t.db.db, token)
})
after(async () => t.close())

/** The form as the browser sends it: what the page pre-filled, plus the officer's choices. */
function formValues(html: string, extra: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const match of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    if (!['_csrf', 'action', 'providerId', 'returnTo'].includes(match[1]!) && !/type="(checkbox|radio)"/.test(match[0])) values[match[1]!] = match[2]!
  }
  for (const match of html.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)) {
    const selected = match[0].match(/<option value="([^"]*)" selected/)
    if (selected) values[match[1]!] = selected[1]!
  }
  return { ...values, ...extra }
}

describe('adding a payee to the provider register', () => {
  test('from the review queue and the payee page, the form is pre-filled with what the file gave', async () => {
    const kingfisher = await payeeNamed('Kingfisher Care CIC')
    assert.equal(kingfisher.matchStatus, 'unmatched')
    const addHref = `/spend/payees/${kingfisher.id}/provider/new`
    assert.match((await finance.get('/spend/review')).body, new RegExp(`href="${addHref}"`))
    assert.match((await finance.get(`/spend/payees/${kingfisher.id}`)).body, new RegExp(`href="${addHref}"[^>]*>\\s*Add to provider register`))

    const form = await finance.get(addHref)
    assert.equal(form.statusCode, 200)
    assert.match(text(form.body), /Add Kingfisher Care CIC to the provider register/)
    assert.match(form.body, /id="name" name="name" type="text" value="Kingfisher Care CIC"/)
    const values = formValues(form.body, {})
    assert.equal(values.identifierScheme1, 'GB-COH')
    assert.equal(values.identifierId1, '13572468')
    assert.equal(values.identifierScheme2, 'GB-VAT')
    assert.equal(values.identifierId2, '246813579')
    assert.equal(values.postcode, 'TS1 2AB', 'the postcode the file gave, in its normal form')
    assert.doesNotMatch(form.body, /The register may already have this provider/)
  })

  test('saving creates the provider and links the payee: its payments are the provider’s spend at once', async () => {
    const kingfisher = await payeeNamed('Kingfisher Care CIC')
    const addHref = `/spend/payees/${kingfisher.id}/provider/new`
    const form = await finance.get(addHref)
    // A mistake first: the legal form is missing; the page keeps the values and says what to fix.
    const missing = await finance.post(addHref, formValues(form.body, {}))
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /govuk-error-summary/)
    assert.match(missing.body, /value="Kingfisher Care CIC"/)
    assert.equal((await t.db.db.select().from(providers).where(and(eq(providers.councilId, demoId), eq(providers.name, 'Kingfisher Care CIC')))).length, 0)

    const saved = await finance.post(addHref, formValues(form.body, { legalForm: 'cic', flags: 'vcse', published: 'no' }))
    assert.equal(saved.statusCode, 303, text(saved.body).slice(0, 600))
    assert.equal(String(saved.headers.location).split('?')[0], `/spend/payees/${kingfisher.id}`)
    const [provider] = await t.db.db.select().from(providers).where(and(eq(providers.councilId, demoId), eq(providers.name, 'Kingfisher Care CIC')))
    assert.ok(provider)
    assert.equal(provider.isVcse, true)
    const linked = await payeeNamed('Kingfisher Care CIC')
    assert.deepEqual([linked.providerId, linked.matchStatus], [provider.id, 'confirmed'])

    const payeePage = text((await finance.get(String(saved.headers.location))).body)
    assert.match(payeePage, /Kingfisher Care CIC added to the provider register and linked to it/)
    assert.doesNotMatch(payeePage, /Add to provider register/)
    const providerPage = text((await finance.get(`/providers/${provider.id}`)).body)
    assert.match(providerPage, /2017\/18 2 £1,500\.00/, 'the payee’s two payments count as the provider’s spend')
    assert.equal(provider.postcode, 'TS1 2AB')
    const identifiers = await queryRows<{ scheme: string; identifier: string }>(t.db.db, sql`select scheme, identifier from provider_identifiers where provider_id = ${provider.id} order by scheme`)
    assert.deepEqual(identifiers.map((i) => `${i.scheme}-${i.identifier}`), ['GB-COH-13572468', 'GB-VAT-246813579'])

    const audit = await queryRows<{ entity_type: string; action: string }>(
      t.db.db,
      sql`select entity_type, action from audit_entries where (entity_type = 'provider' and entity_id = ${provider.id}) or (entity_type = 'spend-payee' and entity_id = ${kingfisher.id}) order by id`,
    )
    assert.deepEqual(audit.map((a) => `${a.entity_type} ${a.action}`), ['provider create', 'spend-payee confirm'])

    // A linked payee cannot be added again.
    const again = await finance.get(addHref)
    assert.equal(again.statusCode, 303)
    assert.match(text((await finance.get(String(again.headers.location))).body), /already linked to a provider/)
  })

  test('a provider with the same company number is offered for linking, and a second one is never created', async () => {
    await t.db.db.transaction((tx) =>
      createProvider(tx, demoId, {
        name: 'Otter Holdings Ltd', legalForm: 'company-shares' as const, identifiers: [{ scheme: 'GB-COH' as const, identifier: '07654321' }], flags: [],
        addressLine1: null, addressLine2: null, town: null, postcode: null, website: null, serviceCategories: [], areasServed: [], published: false, privateNotes: null,
      }, systemActor('test'), new Date()),
    )
    const otter = await payeeNamed('Otter Lane Services')
    assert.equal(otter.postcode, null, 'what is not a postcode is not kept')
    const addHref = `/spend/payees/${otter.id}/provider/new`
    const form = await finance.get(addHref)
    assert.match(text(form.body), /The register may already have this provider Otter Holdings Ltd : it has the same company number, 07654321/)
    assert.match(text(form.body), /Link the payee to Otter Holdings Ltd instead/)

    const refused = await finance.post(addHref, formValues(form.body, { legalForm: 'company-shares', published: 'no' }))
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#identifierId1">Companies House 07654321 is already recorded for Otter Holdings Ltd/)
    assert.match(text(refused.body), /Link the payee to Otter Holdings Ltd instead/)
    assert.equal((await t.db.db.select().from(providers).where(and(eq(providers.councilId, demoId), eq(providers.name, 'Otter Lane Services')))).length, 0)

    const [holdings] = await t.db.db.select().from(providers).where(and(eq(providers.councilId, demoId), eq(providers.name, 'Otter Holdings Ltd')))
    const link = await finance.post(`/spend/review/${otter.id}`, { action: 'confirm', providerId: holdings!.id, returnTo: 'payee' })
    assert.equal(link.statusCode, 303)
    assert.equal((await payeeNamed('Otter Lane Services')).providerId, holdings!.id)
    assert.match(text((await finance.get(String(link.headers.location))).body), /Match confirmed: Otter Lane Services/)
  })

  test('a withheld payee cannot be added; a councillor cannot add; another council cannot reach the payee', async () => {
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    const kingfisher = await payeeNamed('Kingfisher Care CIC')
    assert.equal((await councillor.get(`/spend/payees/${kingfisher.id}/provider/new`)).statusCode, 403)
    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.get(`/spend/payees/${kingfisher.id}/provider/new`)).statusCode, 404)
    const [withheld] = await t.db.db.select().from(spendPayees).where(and(eq(spendPayees.councilId, demoId), eq(spendPayees.redacted, true)))
    const refused = await finance.get(`/spend/payees/${withheld!.id}/provider/new`)
    assert.equal(refused.statusCode, 303)
    assert.match(text((await finance.get(String(refused.headers.location))).body), /A withheld payee cannot be added to the provider register/)
  })
})
