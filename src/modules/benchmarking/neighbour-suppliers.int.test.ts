/**
 * "Who supplies my neighbours" through real HTTP on a real database: the demo council's group holds the other demo
 * council, whose published contracts name suppliers; an unpublished contract never shows, a supplier with the same
 * company number as the council's own record is linked to it, one matched only by name says so, a CPV prefix that is
 * not digits is refused with a message, and the CSV carries the same rows.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { sql } from 'drizzle-orm'
import { systemActor } from '../../platform/audit/audit.ts'
import { queryRows } from '../../platform/db/database.ts'
import { createContract, type ContractInput } from '../contracts/service.ts'
import { findCouncil } from '../councils/service.ts'
import type { ProviderInput } from '../providers/forms.ts'
import { createProvider } from '../providers/service.ts'
import { createUploadedGroup } from './groups.ts'

const NOW = new Date('2026-12-07T10:00:00Z')
const actor = systemActor('test')
let t: TestApp
let groupId = ''
let demoGreenwayId = ''

const contract = (reference: string, title: string, supplierId: string, pounds: number, extra: Partial<ContractInput> = {}): ContractInput => ({
  reference,
  title,
  description: null,
  department: null,
  supplierIds: [supplierId],
  cpvCodes: ['90511000'],
  mainCategory: 'services',
  awardProcedure: 'open',
  directAwardGround: null,
  invitation: null,
  totalValuePence: pounds * 100,
  estimatedAnnualValuePence: null,
  valuesIncludeVat: false,
  irrecoverableVatPence: null,
  awardDate: '2025-03-01',
  startDate: '2025-04-01',
  endDate: '2029-03-31',
  reviewDate: null,
  extensionOptions: 0,
  extensionMonths: null,
  extensionsTaken: 0,
  extensionsTakenNote: null,
  lightTouch: false,
  status: 'active',
  notices: [],
  ocid: null,
  published: true,
  serviceCategory: 'waste-recycling',
  ...extra,
})

const provider = async (councilId: string, name: string, identifiers: ProviderInput['identifiers'], flags: ('sme' | 'vcse')[] = []) => {
  const created = await createProvider(
    t.db.db,
    councilId,
    { name, legalForm: 'company-shares', identifiers, flags, addressLine1: null, addressLine2: null, town: null, postcode: null, website: null, serviceCategories: [], areasServed: [], published: true, privateNotes: null },
    actor,
    NOW,
    { confirmDuplicate: true },
  )
  assert.equal(created.outcome, 'created')
  return (created as { provider: { id: string } }).provider.id
}

before(async () => {
  t = await createTestApp({ clock: () => NOW })
  const db = t.db.db
  const demo = (await findCouncil(db, 'DEMO'))!
  const other = (await findCouncil(db, 'OTHER'))!
  const greenway = await queryRows<{ id: string; council_id: string }>(db, sql`select p.id, p.council_id from providers p join provider_identifiers i on i.provider_id = p.id where i.scheme = 'GB-COH' and i.identifier = '08123456'`)
  demoGreenwayId = greenway.find((g) => g.council_id === demo.id)!.id
  const otherGreenwayId = greenway.find((g) => g.council_id === other.id)!.id
  // Riverside Community Care is on the demo council's register; the other council's record of it has no identifier.
  const riverside = await provider(other.id, 'Riverside Community Care', [], ['vcse'])
  const hidden = await provider(other.id, 'Hidden Waste Services Ltd', [{ scheme: 'GB-COH', identifier: '09999999' }])
  await createContract(db, other.id, contract('ODC-WST-101', 'Kerbside recycling collection', otherGreenwayId, 2_400_000), actor, NOW)
  await createContract(db, other.id, contract('ODC-WST-102', 'Bulky waste collection', riverside, 150_000, { cpvCodes: ['90512000'] }), actor, NOW)
  await createContract(db, other.id, contract('ODC-WST-103', 'Clinical waste (not published)', hidden, 90_000, { published: false }), actor, NOW)
  const group = await createUploadedGroup(db, { councilId: demo.id, name: 'Demo neighbours', purpose: 'Waste', bytes: Buffer.from('code,name\nOTHER,Other District Council\n'), actor, now: NOW, today: '2026-12-07' })
  assert.ok(group.ok, JSON.stringify(group))
  groupId = group.groupId
})
after(async () => t.close())

test('the suppliers on the neighbours’ published waste contracts, linked to this council’s own records', async () => {
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const groupPage = await commissioner.get(`/benchmarking/groups/${groupId}`)
  assert.match(groupPage.body, new RegExp(`href="/benchmarking/groups/${groupId}/suppliers"`))

  const form = await commissioner.get(`/benchmarking/groups/${groupId}/suppliers`)
  assert.equal(form.statusCode, 200)
  assert.doesNotMatch(pageText(form.body), /Suppliers of/)

  const page = await commissioner.get(`/benchmarking/groups/${groupId}/suppliers?category=waste-recycling`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /2 suppliers on 2 published contracts of 1 of the group’s 1 councils; 2 already have a contract with this council/)
  assert.match(text, /Greenway Recycling Ltd GB-COH-08123456 Other District Council 1 £2,400,000\.00 1 April 2025 31 March 2029 Yes No Yes: 1 contract/)
  assert.match(text, /Riverside Community Care None recorded Other District Council 1 £150,000\.00 1 April 2025 31 March 2029 No Yes Yes: 1 contract \(matched by name only\)/)
  assert.doesNotMatch(text, /Hidden Waste|Clinical waste/)
  // The demo council's own Greenway record is the link; the neighbour's contract links to its public listing.
  assert.match(page.body, new RegExp(`<a class="govuk-link" href="/providers/${demoGreenwayId}">Yes: 1 contract</a>`))
  assert.match(page.body, /href="\/who-delivers-our-services\?council=OTHER(?:&amp;|&#38;)service=Kerbside\+recycling\+collection">Kerbside recycling collection<\/a>/)
  assert.match(page.body, new RegExp(`href="/benchmarking/groups/${groupId}"`))

  // By CPV code: 90512 is bulky waste only; 60 is the other council's community transport contract.
  const bulky = pageText((await commissioner.get(`/benchmarking/groups/${groupId}/suppliers?cpv=90512`)).body)
  assert.match(bulky, /1 supplier on 1 published contract/)
  assert.match(bulky, /Bulky waste collection/)
  const transport = pageText((await commissioner.get(`/benchmarking/groups/${groupId}/suppliers?cpv=60`)).body)
  assert.match(transport, /Community transport for day services/)

  const csv = await commissioner.get(`/benchmarking/groups/${groupId}/suppliers?category=waste-recycling&download=suppliers`)
  assert.equal(csv.statusCode, 200)
  assert.match(csv.headers['content-type'] as string, /text\/csv/)
  assert.match(csv.body, /Greenway Recycling Ltd,GB-COH-08123456,Other District Council,1,2400000\.00,2025-04-01,2029-03-31,Yes,No,Yes: 1 contract/)
})

test('a CPV prefix that is not digits is refused with a message, and another council cannot open the group', async () => {
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const bad = await commissioner.get(`/benchmarking/groups/${groupId}/suppliers?cpv=85x`)
  assert.equal(bad.statusCode, 400)
  assert.match(pageText(bad.body), /There is a problem Enter the first 2 to 8 digits of a CPV code, like 85 or 8531/)
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(`/benchmarking/groups/${groupId}/suppliers?category=waste-recycling`)).statusCode, 404)
})
