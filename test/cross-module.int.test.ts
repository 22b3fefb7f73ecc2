/**
 * The modules answer each other's questions: a commissioning project shows what the council pays the suppliers of
 * the contracts in place, and a contract shows what residents say about its suppliers. Checked on the demo data.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { contracts } from '../src/modules/contracts/schema.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { commissioningProjects } from '../src/modules/projects/schema.ts'
import { createTestApp, pageText, type TestApp } from './support/app.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

test('the home care project shows the council’s spending with the supplier of the home care contract in place', async () => {
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  const [project] = await t.db.db
    .select()
    .from(commissioningProjects)
    .where(and(eq(commissioningProjects.councilId, demo.id), eq(commissioningProjects.title, 'Home care for older people')))
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const page = await client.get(`/projects/${project!.id}`)
  assert.equal(page.statusCode, 200)
  const text = pageText(page.body)
  assert.match(text, /Contract: Home care for older people \(north\)/)
  assert.match(text, /Spending with these suppliers (Spending with the suppliers of the contracts and grants in place )?Supplier Latest financial year Spend that year All years Riverside Community Care \d{4}\/\d{2} £[\d,]+ £[\d,]+/)
})

test('a contract page lists residents’ published stories about its supplier, linking to each', async () => {
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  const [contract] = await t.db.db.select().from(contracts).where(and(eq(contracts.councilId, demo.id), eq(contracts.reference, 'DBC-ASC-001')))
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const page = await client.get(`/contracts/${contract!.id}`)
  assert.equal(page.statusCode, 200)
  assert.match(pageText(page.body), /What residents say about these suppliers .+ Riverside Community Care, \d{1,2} \w+ \d{4}/)
  assert.match(page.body, /href="\/stories\/[0-9a-f-]{36}"/)
})

test('a visitor’s home page leads to everything open without signing in', async () => {
  const page = await t.client().get('/')
  assert.equal(page.statusCode, 200)
  for (const href of ['/stories/new', '/stories', '/priorities', '/who-delivers-our-services', '/open-data', '/public/providers']) {
    assert.match(page.body, new RegExp(`href="${href}"`), `the home page links to ${href}`)
  }
})
