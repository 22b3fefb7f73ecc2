/** The provider register's pages, read as a user reads them: lists, forms, records, tenancy and the public register. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { findCouncil } from '../councils/service.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { createProvider, listProviders } from './service.ts'

let t: TestApp
const ids = new Map<string, string>()

before(async () => {
  t = await createTestApp()
  for (const code of ['DEMO', 'OTHER']) {
    const council = (await findCouncil(t.db.db, code))!
    const page = await listProviders(t.db.db, council.id, {}, { page: 1, pageSize: 100 })
    for (const p of page.items) ids.set(`${code}:${p.name}`, p.id)
  }
})
after(async () => t.close())

const id = (key: string) => {
  const value = ids.get(key)
  assert.ok(value, `no demo provider ${key}`)
  return value
}

/** Provider names in the table, in order. */
const namesIn = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/providers\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]!)

const form = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Tees Valley Toy Library',
  legalForm: 'cio',
  identifierScheme1: 'GB-CHC',
  identifierId1: '1199001',
  flags: ['vcse'],
  addressLine1: '5 Station Road',
  town: 'Middlesbrough',
  postcode: 'ts1 2aa',
  website: 'toys.example',
  serviceCategories: ['childrens-social-care', 'libraries'],
  areasServed: ['E06000002'],
  published: 'yes',
  privateNotes: 'Met them at the VCSE forum.',
  ...overrides,
})

describe('the list', () => {
  test('shows the council’s providers with a count, and none of another council’s', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const response = await client.get('/providers')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /15 providers/)
    assert.match(text, /Riverside Community Care/)
    assert.doesNotMatch(text, /Westfield Care Homes/)
  })

  test('filters by supplier flag, service, area and text, and says how many match', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    assert.deepEqual(namesIn((await client.get('/providers?flag=mutual')).body), ['Kindred Care Mutual CIC'])
    assert.deepEqual(namesIn((await client.get('/providers?flag=supported-employment&flag=vcse')).body), ['Ability Works'])
    assert.deepEqual(namesIn((await client.get('/providers?category=waste-recycling')).body), ['Greenway Recycling Ltd', 'Meridian Facilities Services plc'])
    assert.deepEqual(namesIn((await client.get('/providers?area=E09000011')).body), ['Meridian Facilities Services plc'])
    const byName = await client.get('/providers?q=advice')
    assert.deepEqual(namesIn(byName.body), ['Northbank Advice Centre'])
    assert.match(pageText(byName.body), /1 provider\b/)
    assert.deepEqual(namesIn((await client.get('/providers?q=GB-COH-8123456')).body), ['Greenway Recycling Ltd'])
    assert.deepEqual(namesIn((await client.get('/providers?q=1109876')).body), ['Northbank Advice Centre'])
    assert.match(pageText((await client.get('/providers?q=zzzz')).body), /0 providers .*No providers match these filters/)
  })

  test('keeps the filter form’s values and sorts by the column links', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const asc = await client.get('/providers?flag=sme')
    assert.match(asc.body, /<input class="govuk-checkboxes__input" id="flag" name="flag" type="checkbox" value="sme" checked>/)
    assert.match(asc.body, /href="\/providers\?flag=sme&amp;order=desc"/)
    const names = namesIn(asc.body)
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)))
    const desc = namesIn((await client.get('/providers?flag=sme&order=desc')).body)
    assert.deepEqual(desc, [...names].reverse())
    const updated = await client.get('/providers?sort=updated&order=desc')
    assert.equal(updated.statusCode, 200)
    assert.match(updated.body, /aria-sort="descending"/)
  })

  test('downloads the filtered list as CSV, without private notes', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const response = await client.get('/providers/download.csv?flag=vcse&category=adult-social-care')
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/csv/)
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="providers-demo-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = response.body.trim().split('\n')
    assert.match(lines[0]!, /^Catalyst id,Name,Legal form,Identifiers,SME,VCSE/)
    assert.equal(lines.length, 3)
    assert.match(response.body, /Kindred Care Mutual CIC,Community interest company,GB-COH-09876543,Yes,Yes,No,Yes/)
    assert.match(response.body, /Riverside Community Care/)
    assert.doesNotMatch(response.body, /reablement|small reserves/)
  })

  test('is refused to providers and to people not signed in', async () => {
    const provider = await t.signedIn('provider@demo.catalyst.test')
    assert.equal((await provider.get('/providers')).statusCode, 403)
    assert.equal((await provider.get('/providers/download.csv')).statusCode, 403)
    const visitor = await t.client().get('/providers')
    assert.equal(visitor.statusCode, 303)
  })
})

describe('adding a provider', () => {
  test('bad input gets 400, an error summary linking to each field, and every typed value back', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    await client.get('/providers/new')
    const response = await client.post('/providers', form({ name: '', identifierId1: '12', postcode: 'nowhere', website: 'javascript:alert(1)', published: [] }))
    assert.equal(response.statusCode, 400)
    assert.match(pageText(response.body), /^Error: Add a provider/)
    assert.match(response.body, /href="#name">Enter the provider’s name/)
    assert.match(response.body, /href="#identifierId1">Enter a charity number of 6 or 7 digits/)
    assert.match(response.body, /href="#postcode">Enter a real postcode, like SW1A 2AA/)
    assert.match(response.body, /href="#website">Enter a website address in the correct format/)
    assert.match(response.body, /href="#published">Select yes if the provider should appear/)
    assert.match(response.body, /id="postcode" name="postcode" type="text" value="nowhere"/)
    assert.match(response.body, /id="identifierId1" name="identifierId1" type="text" spellcheck="false" value="12"/)
    assert.match(response.body, /value="GB-CHC" selected/)
    assert.match(response.body, /value="childrens-social-care" checked/)
    assert.match(response.body, /Met them at the VCSE forum\./)
  })

  test('good input is saved and shown on its record page', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    await client.get('/providers/new')
    const response = await client.post('/providers', form())
    assert.equal(response.statusCode, 303)
    const location = response.headers.location!
    assert.match(location, /^\/providers\/[0-9a-f-]{36}\?saved=created$/)
    const text = pageText((await client.get(location)).body)
    assert.match(text, /Provider added to the register/)
    assert.match(text, /Tees Valley Toy Library VCSE/)
    assert.match(text, /Legal form Charitable incorporated organisation/)
    assert.match(text, /Registered address 5 Station Road Middlesbrough TS1 2AA/)
    assert.match(text, /Website https:\/\/toys\.example\//)
    assert.match(text, /Services Children’s social care, Libraries/)
    assert.match(text, /Areas served Middlesbrough Council/)
    assert.match(text, /Charity Commission for England and Wales GB-CHC-1199001/)
    assert.match(text, /Private notes Met them at the VCSE forum\./)
  })

  test('a name like an existing provider’s is warned about, and saved once confirmed', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    await client.get('/providers/new')
    const values = form({ name: 'The Riverside Community Care Ltd', identifierScheme1: '', identifierId1: '' })
    const warned = await client.post('/providers', values)
    assert.equal(warned.statusCode, 200)
    assert.match(pageText(warned.body), /This may be a provider the register already has/)
    assert.match(warned.body, new RegExp(`href="/providers/${id('DEMO:Riverside Community Care')}">Riverside Community Care</a> \\(same name\\)`))
    assert.match(warned.body, /name="confirmDuplicate" type="checkbox" value="yes"/)
    assert.match(warned.body, /value="The Riverside Community Care Ltd"/)
    const confirmed = await client.post('/providers', { ...values, confirmDuplicate: 'yes' })
    assert.equal(confirmed.statusCode, 303)
  })

  test('an identifier another provider of the council holds is refused', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    await client.get('/providers/new')
    const response = await client.post('/providers', form({ name: 'Someone Else', identifierScheme1: 'GB-COH', identifierId1: '8123456', confirmDuplicate: 'yes' }))
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#identifierId1">Companies House 08123456 is already recorded for Greenway Recycling Ltd/)
  })

  test('needs the write permission', async () => {
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.equal((await councillor.get('/providers/new')).statusCode, 403)
    assert.equal((await councillor.post('/providers', form({ name: 'Nope' }))).statusCode, 403)
  })
})

describe('a record', () => {
  test('says how many other councils know the organisation, and nothing else of theirs', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const text = pageText((await client.get(`/providers/${id('DEMO:Greenway Recycling Ltd')}`)).body)
    assert.match(text, /Also known to 1 other council, matched by identifier/)
    assert.doesNotMatch(text, /missed-bin/)
    assert.doesNotMatch(pageText((await client.get(`/providers/${id('DEMO:Ability Works')}`)).body), /Also known to/)
  })

  test('edits are saved, and the history shows them to admins, and to councillors once the council allows it (ADR 0062), but not commissioners', async () => {
    const providerId = id('DEMO:Hilltop Youth Trust')
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    const edit = await commissioner.get(`/providers/${providerId}/edit`)
    assert.equal(edit.statusCode, 200)
    assert.match(edit.body, /id="name" name="name" type="text" value="Hilltop Youth Trust"/)
    const saved = await commissioner.post(`/providers/${providerId}`, {
      name: 'Hilltop Youth Trust',
      legalForm: 'unincorporated-charity',
      identifierScheme1: 'GB-CHC',
      identifierId1: '512345',
      flags: ['vcse', 'sme'],
      addressLine1: 'Hilltop Community Hall, Park Lane',
      town: 'Guisborough',
      postcode: 'TS14 6AA',
      serviceCategories: ['childrens-social-care'],
      areasServed: ['E06000002'],
      published: 'yes',
      privateNotes: 'Now also runs holiday clubs.',
    })
    assert.equal(saved.statusCode, 303)
    const page = pageText((await commissioner.get(saved.headers.location!)).body)
    assert.match(page, /Provider record updated/)
    assert.match(page, /Supplier type SME VCSE/)
    assert.doesNotMatch(page, /History/)

    // Councillors see the audit log only when the council's settings say so: not by default, then once turned on.
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.doesNotMatch(pageText((await councillor.get(`/providers/${providerId}`)).body), /History/)
    const admin = await t.signedIn('admin@demo.catalyst.test')
    assert.equal((await admin.post('/admin/access', { moderatorsReadProviderNotes: 'no', dismissFlagsOnOwnRecords: 'no', councillorsSeeRiskAssessments: 'no', councillorsSeeAuditLog: 'yes' })).statusCode, 303)
    for (const email of ['admin@demo.catalyst.test', 'councillor@demo.catalyst.test']) {
      const reader = await t.signedIn(email)
      const text = pageText((await reader.get(`/providers/${providerId}`)).body)
      assert.match(text, /History Changed by Cara Commissioner/, email)
      assert.match(text, /SME changed from No to Yes/)
      assert.match(text, /Services changed from Children’s social care, Leisure and culture to Children’s social care/)
      assert.doesNotMatch(text, /isSme|serviceCategories|privateNotes/)
      assert.match(text, /Added to the register by catalyst demo/)
    }
  })

  test('bad edits get 400 with the values kept', async () => {
    const client = await t.signedIn('finance@demo.catalyst.test')
    await client.get(`/providers/${id('DEMO:Ability Works')}/edit`)
    const response = await client.post(`/providers/${id('DEMO:Ability Works')}`, form({ name: 'Ability Works', postcode: 'XX', identifierId1: '' }))
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#postcode">Enter a real postcode/)
    assert.match(response.body, /value="XX"/)
  })

  test('another council’s record is not found, never forbidden', async () => {
    const demoUser = await t.signedIn('admin@demo.catalyst.test')
    const otherId = id('OTHER:Westfield Care Homes Ltd')
    assert.equal((await demoUser.get(`/providers/${otherId}`)).statusCode, 404)
    assert.equal((await demoUser.get(`/providers/${otherId}/edit`)).statusCode, 404)
    assert.equal((await demoUser.post(`/providers/${otherId}`, form({ name: 'Hijack' }))).statusCode, 404)
    assert.equal((await demoUser.get('/providers/not-a-uuid')).statusCode, 404)
    const otherUser = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await otherUser.get(`/providers/${id('DEMO:Riverside Community Care')}`)).statusCode, 404)
    assert.match(pageText((await otherUser.get(`/providers/${otherId}`)).body), /CQC rating under review/)
  })
})

describe('a provider user', () => {
  test('sees and edits only their own record, without the council’s private notes or publishing', async () => {
    const client = await t.signedIn('provider@demo.catalyst.test')
    const own = id('DEMO:Riverside Community Care')
    const page = await client.get(`/providers/${own}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(pageText(page.body), /small reserves|Private notes/)
    assert.equal((await client.get(`/providers/${id('DEMO:Ability Works')}`)).statusCode, 404)
    assert.equal((await client.get(`/providers/${id('DEMO:Ability Works')}/edit`)).statusCode, 404)

    const edit = await client.get(`/providers/${own}/edit`)
    assert.equal(edit.statusCode, 200)
    assert.doesNotMatch(edit.body, /name="privateNotes"|name="published"/)
    const saved = await client.post(`/providers/${own}`, {
      name: 'Riverside Community Care',
      legalForm: 'cio',
      identifierScheme1: 'GB-CHC',
      identifierId1: '1181234',
      flags: 'vcse',
      addressLine1: '14 Wharf Street',
      town: 'Middlesbrough',
      postcode: 'TS1 1AA',
      serviceCategories: 'adult-social-care',
      areasServed: 'E06000002',
      published: 'no',
      privateNotes: 'overwritten?',
    })
    assert.equal(saved.statusCode, 303)
    const admin = await t.signedIn('admin@demo.catalyst.test')
    const text = pageText((await admin.get(`/providers/${own}`)).body)
    assert.match(text, /14 Wharf Street/)
    assert.match(text, /Published on the public register Yes/)
    assert.match(text, /small reserves/)
    assert.match(text, /Changed by Pat Provider/)
  })
})

describe('the public register', () => {
  test('lists published providers of every council, without signing in, and never private notes', async () => {
    const visitor = t.client()
    const response = await visitor.get('/public/providers')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /Riverside Community Care/)
    assert.match(text, /Riverbend Advocacy/)
    assert.doesNotMatch(text, /Brightpath Digital|Otherton Leisure Trust/)
    assert.doesNotMatch(text, /small reserves|CQC rating/)
    const search = pageText((await visitor.get('/public/providers?q=greenway')).body)
    assert.match(search, /2 providers/)
  })

  test('shows a published record and hides an unpublished one', async () => {
    const visitor = t.client()
    const published = await visitor.get(`/public/providers/${id('DEMO:Kindred Care Mutual CIC')}`)
    assert.equal(published.statusCode, 200)
    const text = pageText(published.body)
    assert.match(text, /Demo Borough Council register Kindred Care Mutual CIC/)
    assert.match(text, /Public service mutual/)
    assert.doesNotMatch(text, /reablement|Private notes/)
    assert.equal((await visitor.get(`/public/providers/${id('DEMO:Brightpath Digital Ltd')}`)).statusCode, 404)
    assert.equal((await visitor.get('/public/providers/not-an-id')).statusCode, 404)
  })
})

describe('paging', () => {
  test('shows 50 providers a page with GOV.UK pagination that keeps the filters', async () => {
    const council = (await findCouncil(t.db.db, 'DEMO'))!
    await t.db.db.transaction(async (tx) => {
      for (let i = 1; i <= 60; i++) {
        const input = {
          name: `Paging Test Provider ${String(i).padStart(2, '0')}`,
          legalForm: 'sole-trader' as const,
          identifiers: [],
          flags: ['sme' as const],
          addressLine1: null,
          addressLine2: null,
          town: null,
          postcode: null,
          website: null,
          serviceCategories: [],
          areasServed: [],
          published: false,
          privateNotes: null,
        }
        await createProvider(tx, council.id, input, systemActor('test'), new Date())
      }
    })
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const first = await client.get('/providers?q=Paging+Test')
    assert.match(pageText(first.body), /60 providers/)
    assert.equal(namesIn(first.body).length, 50)
    assert.match(first.body, /href="\/providers\?q=Paging\+Test&amp;page=2"/)
    const second = await client.get('/providers?q=Paging+Test&page=2')
    assert.deepEqual(namesIn(second.body), Array.from({ length: 10 }, (_, i) => `Paging Test Provider ${51 + i}`))
    assert.match(second.body, /govuk-pagination__prev/)
  })
})
