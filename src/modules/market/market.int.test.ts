/**
 * The market through real HTTP: who may see and change what, another council's provider, bad input, the figures on
 * the demo data against the rows beneath them, capacity, a statement saved, published, read in public and
 * unpublished, and the public page naming only providers on the public register. The test adds the providers,
 * spend and accounts its figures rely on itself.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { historyOf } from '../../platform/audit/audit.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'
import { contracts } from '../contracts/schema.ts'
import { nameKey } from '../providers/names.ts'
import { providers } from '../providers/schema.ts'
import { listProviders } from '../providers/service.ts'
import { providerFinancials } from '../risk/schema.ts'
import { spendByPayee, spendPayees } from '../spend/schema.ts'
import { marketPositionStatements } from './schema.ts'

const NOW = new Date('2026-11-22T09:00:00Z')
const MIDDLESBROUGH = 'E06000002'
let t: TestApp
let demoId = ''
let otherId = ''
const ids = { entrant: randomUUID(), leaver: randomUUID(), hidden: randomUUID() }

/** Adds a provider of adult social care in Middlesbrough with a matched payee and its spend by financial year. */
async function addProvider(id: string, name: string, options: { published: boolean; sme: boolean; spend: Record<number, number> }) {
  const db = t.db.db
  await db.insert(providers).values({ id, councilId: demoId, name, nameKey: nameKey(name), legalForm: 'company-shares', isSme: options.sme, serviceCategories: ['adult-social-care'], areasServed: [MIDDLESBROUGH], published: options.published })
  const payeeId = randomUUID()
  await db.insert(spendPayees).values({ id: payeeId, councilId: demoId, name, nameKey: nameKey(name), providerId: id, matchStatus: 'confirmed' })
  const rows = Object.entries(options.spend).map(([year, pence]) => ({ councilId: demoId, year: Number(year), payeeId, category: 'Home care', amountPence: pence, payments: 3 }))
  if (rows.length) await db.insert(spendByPayee).values(rows)
}

before(async () => {
  t = await createTestApp({ clock: () => NOW })
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
  // New in 2025/26 by spend, small, with accounts giving turnover of exactly four times the council's spend (25%).
  await addProvider(ids.entrant, 'Brookside Homecare Ltd', { published: true, sme: true, spend: { 2025: 10_000_000 } })
  // Paid in 2024/25 and not since: it left.
  await addProvider(ids.leaver, 'Lastly Care Services Ltd', { published: true, sme: false, spend: { 2024: 5_000_000 } })
  // Not on the public register: officers see it, the public statement must not name it.
  await addProvider(ids.hidden, 'Quietwater Care Ltd', { published: false, sme: true, spend: { 2025: 2_000_000 } })
  await t.db.db.insert(providerFinancials).values([
    { councilId: demoId, providerId: ids.entrant, periodEnd: '2026-03-31', turnoverPence: 40_000_000, employees: 49, enteredBy: 'test' },
    { councilId: demoId, providerId: ids.hidden, periodEnd: '2026-03-31', turnoverPence: 8_000_001, employees: 250, enteredBy: 'test' },
  ])
})
after(async () => t.close())

const rowOf = (text: string, name: string) => {
  const at = text.indexOf(name)
  return at < 0 ? '' : text.slice(at, at + 400)
}

test('who may see and change the market; another council’s provider is not found', async () => {
  const visitor = t.client()
  const toSignIn = await visitor.get('/market')
  assert.equal(toSignIn.statusCode, 303)
  assert.match(String(toSignIn.headers.location), /^\/sign-in/)
  const provider = await t.signedIn('provider@demo.catalyst.test')
  assert.equal((await provider.get('/market')).statusCode, 403)
  const councillor = await t.signedIn('councillor@demo.catalyst.test')
  assert.equal((await councillor.get('/market')).statusCode, 200)
  assert.equal((await councillor.get('/market/statements/adult-social-care')).statusCode, 200)
  assert.doesNotMatch((await councillor.get('/market/statements/adult-social-care')).body, /value="publish"/, 'no editing buttons without market:write')
  assert.equal((await councillor.post('/market/statements/adult-social-care', { action: 'unpublish', title: 'x' })).statusCode, 403)
  const finance = await t.signedIn('finance@demo.catalyst.test')
  assert.equal((await finance.post(`/providers/${ids.entrant}/capacity`, {})).statusCode, 403)
  assert.equal((await finance.get(`/providers/${ids.entrant}/capacity`)).statusCode, 200)
  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  assert.equal((await commissioner.get('/market/settings')).statusCode, 403, 'settings need settings:manage')
  assert.equal((await commissioner.get('/market/statements/not-a-service')).statusCode, 404)
  const otherAdmin = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await otherAdmin.get(`/providers/${ids.entrant}/capacity`)).statusCode, 404)
  assert.equal((await otherAdmin.post(`/providers/${ids.entrant}/capacity`, { serviceCategory: 'adult-social-care', amount: '5', unit: 'beds', 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2026' })).statusCode, 404)
  const otherMarket = pageText((await otherAdmin.get('/market?category=adult-social-care&area=all')).body)
  assert.doesNotMatch(otherMarket, /Brookside Homecare|Riverside Community Care/, 'another council’s providers never show')
  assert.match(otherMarket, /Westfield Care Homes Ltd/)
})

test('the market for adult social care in Middlesbrough matches the spend, contract and accounts rows beneath it', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const page = pageText((await client.get('/market?category=adult-social-care&year=2025')).body)
  assert.match(page, /Adult social care in Middlesbrough Council, 2025\/26/, 'the council’s area by default')

  // The same providers and spend, straight from the tables.
  const rows = await queryRows<{ id: string; name: string; amount: string }>(
    t.db.db,
    sql`select p.id, p.name, coalesce(sum(b.amount_pence) filter (where b.year = 2025), 0) as amount
        from providers p left join spend_payees sp on sp.provider_id = p.id and sp.council_id = ${demoId}
        left join spend_by_payee b on b.payee_id = sp.id and b.council_id = ${demoId}
        where p.council_id = ${demoId} and ${MIDDLESBROUGH} = any(p.areas_served)
          and ('adult-social-care' = any(p.service_categories) or exists (select 1 from contract_suppliers cs join contracts c on c.id = cs.contract_id where cs.provider_id = p.id and c.service_category = 'adult-social-care'))
        group by p.id, p.name`,
  )
  assert.equal(rows.length, 6, 'three demo providers and the three added here')
  assert.match(page, new RegExp(`${rows.length} providers\\.`))
  const amounts = rows.map((r) => Number(r.amount)).filter((a) => a > 0)
  const total = amounts.reduce((s, a) => s + a, 0)
  const expectedHhi = Math.round(amounts.reduce((s, a) => s + ((a * 100) / total) ** 2, 0))
  const concentration = rowOf(page, 'Spend, 2025/26')
  assert.match(concentration, new RegExp(`£${(total / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} ${amounts.length} ${expectedHhi.toLocaleString('en-GB')} `))
  for (const r of rows.filter((r) => Number(r.amount) > 0)) {
    assert.match(rowOf(page, `${r.name} £`), new RegExp(`£${(Number(r.amount) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`), r.name)
  }

  // Live contracts: the demo's two adult social care contracts, at their annual values.
  const live = await t.db.db.select().from(contracts).where(and(eq(contracts.councilId, demoId), eq(contracts.serviceCategory, 'adult-social-care')))
  assert.equal(live.length, 2)
  const annual = live.map((c) => c.estimatedAnnualValuePence!)
  const contractTotal = annual.reduce((s, a) => s + a, 0)
  const contractHhi = Math.round(annual.reduce((s, a) => s + ((a * 100) / contractTotal) ** 2, 0))
  assert.match(rowOf(page, 'Live contracts, a year’s value'), new RegExp(`£${(contractTotal / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} 2 ${contractHhi.toLocaleString('en-GB')} Highly concentrated`))

  // Size from the accounts, at the SME limit: 49 employees is an SME, 250 is large despite the register's flag.
  assert.match(rowOf(page, 'Brookside Homecare Ltd Private'), /SME: 10 to 49 employees \(accounts to 31 March 2026\)/)
  assert.match(rowOf(page, 'Quietwater Care Ltd Private'), /Large: 250 or more employees/)
  // The supplier's dependency: £100,000 of spend on £400,000 turnover is exactly 25%, the default threshold.
  const brookside = rowOf(page, 'Brookside Homecare Ltd £100,000.00')
  assert.match(brookside, /£400,000 31 March 2026 25\.0% Yes/)
  // £20,000 on £80,000.01 is just under 25%.
  assert.match(rowOf(page, 'Quietwater Care Ltd £20,000.00'), /£80,000 31 March 2026 25\.0% No/)
  // Entrants and exits.
  assert.match(rowOf(page, 'Entered the market in 2025/26'), /Brookside Homecare Ltd first paid this year/)
  assert.match(rowOf(page, 'Left the market in 2025/26'), /Lastly Care Services Ltd paid last year, not since/)

  // A table as CSV.
  const csv = await client.get('/market?category=adult-social-care&year=2025&download=dependency')
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.match(csv.body, /Brookside Homecare Ltd,100000\.00,/)
})

test('the council’s dependency threshold is its setting, checked at and around it', async () => {
  const admin = await t.signedIn('admin@demo.catalyst.test')
  const bad = await admin.post('/market/settings', { homeArea: MIDDLESBROUGH, councilDependencyPercent: '0', supplierDependencyPercent: 'lots', smeMaxEmployees: '250', smeMaxTurnover: '44000000', employeeBandEdges: '10, x' })
  assert.equal(bad.statusCode, 400)
  const badText = pageText(bad.body)
  assert.match(badText, /There is a problem/)
  assert.match(badText, /must be between 1% and 100%/)
  assert.match(badText, /Enter the supplier’s dependency share as a number/)
  assert.match(badText, /Enter up to 6 whole numbers/)
  const saved = await admin.post('/market/settings', { homeArea: MIDDLESBROUGH, councilDependencyPercent: '25', supplierDependencyPercent: '26', smeMaxEmployees: '50', smeMaxTurnover: '44,000,000', employeeBandEdges: '50, 10' })
  assert.equal(saved.statusCode, 303)
  const page = pageText((await admin.get('/market?category=adult-social-care&year=2025')).body)
  assert.match(rowOf(page, 'Brookside Homecare Ltd £100,000.00'), /25\.0% No/, '25% is under a 26% threshold')
  assert.match(rowOf(page, 'Brookside Homecare Ltd Private'), /SME: 10 to 49 employees/, '49 is under 50')
  const entries = await historyOf(t.db.db, { councilId: demoId, entityType: 'council-settings', entityId: `${demoId}:market` })
  assert.ok(entries.length >= 1)
  await admin.post('/market/settings', { homeArea: MIDDLESBROUGH, councilDependencyPercent: '25', supplierDependencyPercent: '25', smeMaxEmployees: '250', smeMaxTurnover: '44000000', employeeBandEdges: '10, 50, 250' })
})

test('capacity: bad input is explained, a line is saved, replaced and removed, all audited, and the market adds it up', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const url = `/providers/${ids.entrant}/capacity`
  const bad = await client.post(url, { serviceCategory: 'nonsense', amount: '-3', unit: '', usedByCouncil: '50', 'asAt-day': '31', 'asAt-month': '2', 'asAt-year': '2026' })
  assert.equal(bad.statusCode, 400)
  const badText = pageText(bad.body)
  assert.match(badText, /There is a problem/)
  assert.match(badText, /Select the service/)
  assert.match(badText, /The capacity must be a whole number/)
  assert.match(badText, /Enter what the capacity is counted in/)
  assert.match(badText, /must be a real date/)
  const over = pageText((await client.post(url, { serviceCategory: 'adult-social-care', amount: '40', unit: 'hours of home care a week', usedByCouncil: '41', 'asAt-day': '1', 'asAt-month': '12', 'asAt-year': '2026' })).body)
  assert.match(over, /cannot be more than the capacity/)
  assert.match(over, /must be today or in the past/)

  const form = { serviceCategory: 'adult-social-care', amount: '40', unit: 'hours of home care a week', usedByCouncil: '40', 'asAt-day': '1', 'asAt-month': '11', 'asAt-year': '2026', notes: '' }
  assert.equal((await client.post(url, form)).statusCode, 303)
  assert.equal((await client.post(url, { ...form, amount: '60', usedByCouncil: '' })).statusCode, 303, 'the same service and unit replaces the line')
  let page = pageText((await client.get(url)).body)
  assert.match(page, /Adult social care 60 hours of home care a week Not known/)
  const market = pageText((await client.get('/market?category=adult-social-care')).body)
  assert.match(market, /hours of home care a week 1,660 1,330 3/, 'the demo’s 1,600 hours and these 60')

  const [line] = await queryRows<{ id: string }>(t.db.db, sql`select id from provider_capacity where provider_id = ${ids.entrant}`)
  const history = await historyOf(t.db.db, { councilId: demoId, entityType: 'provider-capacity', entityId: line!.id })
  assert.deepEqual(history.map((h) => h.action).sort(), ['create', 'update'])
  assert.equal((await client.post(url, { remove: randomUUID() })).statusCode, 404)
  assert.equal((await client.post(url, { remove: line!.id })).statusCode, 303)
  page = pageText((await client.get(url)).body)
  assert.match(page, /No capacity recorded yet/)
})

test('a contract records its service category, the register filters by it, and a bad one is refused', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const page = pageText((await client.get('/contracts?category=adult-social-care')).body)
  const list = page.slice(page.indexOf('Apply filters'))
  assert.match(list, /2 contracts/)
  assert.match(list, /Home care for older people \(north\)/)
  assert.doesNotMatch(list, /Household waste collection/)
  const [contract] = await t.db.db.select().from(contracts).where(and(eq(contracts.councilId, demoId), eq(contracts.reference, 'DBC-ASC-001')))
  assert.match(pageText((await client.get(`/contracts/${contract!.id}`)).body), /Service category Adult social care/)
  const supplier = (await listProviders(t.db.db, demoId, { q: 'Riverside' }, { page: 1, pageSize: 1 })).items[0]!
  const form = {
    reference: 'DBC-MKT-1', title: 'Day opportunities', supplier1: supplier.id, mainCategory: 'services', awardProcedure: 'open', totalValue: '100000',
    valuesIncludeVat: 'no', 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026', 'endDate-day': '31', 'endDate-month': '3', 'endDate-year': '2027',
    extensionOptions: '0', extensionsTaken: '0', lightTouch: 'yes', status: 'active', published: 'yes',
  }
  const bad = await client.post('/contracts', { ...form, serviceCategory: 'day-care' })
  assert.equal(bad.statusCode, 400)
  assert.match(pageText(bad.body), /Select a service category from the list/)
  const created = await client.post('/contracts', { ...form, serviceCategory: 'adult-social-care' })
  assert.equal(created.statusCode, 303)
  const [row] = await t.db.db.select().from(contracts).where(and(eq(contracts.councilId, demoId), eq(contracts.reference, 'DBC-MKT-1')))
  assert.equal(row!.serviceCategory, 'adult-social-care')
})

test('a statement is saved as a draft, published for anyone to read with only public providers named, and unpublished', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const visitor = t.client()
  const publicUrl = '/market-position-statements/DEMO/adult-social-care'

  const demoPublic = pageText((await visitor.get(publicUrl)).body)
  assert.match(demoPublic, /Adult social care: market position statement/)
  assert.match(demoPublic, /Brookside Homecare Ltd/, 'published providers are named')
  assert.doesNotMatch(demoPublic, /Quietwater Care Ltd/, 'a provider off the public register is not named')
  assert.match(demoPublic, /Public service mutual 1 0 1/)
  const officers = pageText((await client.get('/market?category=adult-social-care')).body)
  assert.match(officers, /Quietwater Care Ltd/, 'officers see every provider')

  // Public health: no statement yet.
  const phUrl = '/market/statements/public-health'
  const phPublic = '/market-position-statements/DEMO/public-health'
  assert.equal((await visitor.get(phPublic)).statusCode, 404)
  const noSummary = await client.post(phUrl, { action: 'publish', title: 'Public health market', summary: '' })
  assert.equal(noSummary.statusCode, 400)
  assert.match(pageText(noSummary.body), /There is a problem Write a summary before publishing the statement/)
  const noTitle = await client.post(phUrl, { action: 'save', title: '', summary: 'x'.repeat(10_001) })
  assert.equal(noTitle.statusCode, 400)
  assert.match(pageText(noTitle.body), /Enter the statement’s title/)
  assert.match(pageText(noTitle.body), /Summary must be 10,000 characters or fewer/)

  assert.equal((await client.post(phUrl, { action: 'save', title: 'Public health market', summary: 'Draft words.' })).statusCode, 303)
  assert.equal((await visitor.get(phPublic)).statusCode, 404, 'a draft is not public')
  assert.equal((await client.post(phUrl, { action: 'publish', title: 'Public health market', summary: 'We buy stop smoking and sexual health services.\n\nWe want more community providers.', demand: 'Rising.' })).statusCode, 303)
  const published = await visitor.get(phPublic)
  assert.equal(published.statusCode, 200)
  const text = pageText(published.body)
  assert.match(text, /Public health market/)
  assert.match(text, /We want more community providers\./)
  assert.match(text, /Demand Rising\./)
  assert.doesNotMatch(text, /Supply/, 'empty sections are left out')
  assert.match(pageText((await visitor.get('/open-data')).body), /Public health market \(Public health\)/, 'the open data index links it')
  assert.equal((await visitor.get('/market-position-statements/OTHER/public-health')).statusCode, 404, 'each council’s own statements')

  assert.equal((await client.post(phUrl, { action: 'unpublish', title: 'Public health market', summary: 'We buy stop smoking and sexual health services.' })).statusCode, 303)
  assert.equal((await visitor.get(phPublic)).statusCode, 404)
  const [statement] = await t.db.db.select().from(marketPositionStatements).where(and(eq(marketPositionStatements.councilId, demoId), eq(marketPositionStatements.serviceCategory, 'public-health')))
  const actions = (await historyOf(t.db.db, { councilId: demoId, entityType: 'market-position-statement', entityId: statement!.id })).map((h) => h.action)
  assert.deepEqual(actions, ['unpublish', 'publish', 'create'])
  assert.equal((await historyOf(t.db.db, { councilId: otherId, entityType: 'market-position-statement', entityId: statement!.id })).length, 0)
})
