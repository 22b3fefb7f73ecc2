/**
 * The contracts register in a real browser, with axe on every page visited: a commissioner adds a contract over £5m,
 * gives it three KPIs, records a performance assessment and a modification (seeing the Act's advice first), and a
 * resident finds it on the public "Who delivers our services" register with a link to the supplier's public page.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ContractRecordPage, ContractsListPage, ModificationPage, NewContractPage, WhoDeliversPage } from './pages/contract-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const COMMISSIONER = 'commissioner@demo.catalyst.test'
const TITLE = 'Community equipment service'

const h = useBrowserHarness()

describe('contracts register in a browser', () => {
  test('a commissioner adds a contract with KPIs, an assessment and a modification; a resident finds it', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn(COMMISSIONER, DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.navigationLink('Contracts').click()
    await page.waitForURL(/\/contracts$/)
    const list = await verifyOnPage(ContractsListPage, page)
    await list.addContract()
    await page.waitForURL(/\/contracts\/new$/)

    const form = await verifyOnPage(NewContractPage, page)
    await form.fill({ reference: 'DBC-E2E-001', title: TITLE, supplier: 'Riverside Community Care', totalValuePounds: '5,400,000', start: ['1', '4', '2026'], end: ['31', '3', '2030'] })
    await form.save()
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}\?saved=created$/)
    let record = await new ContractRecordPage(page, TITLE).verify()
    assert.match(await record.main.innerText(), /Fewer than 3 KPIs \(s\.52\)/)

    for (const [name, target] of [['Equipment delivered within 7 days', '95%'], ['Equipment recycled', '80%'], ['Users satisfied', '90%']] as const) {
      await record.addKpi(name, target)
      await page.waitForURL(/saved=kpi/)
      record = await new ContractRecordPage(page, TITLE).verify()
    }
    assert.doesNotMatch(await record.main.innerText(), /Fewer than 3 KPIs/)

    await record.recordAssessment('Good', 'Deliveries on time all quarter.')
    await page.waitForURL(/saved=assessment/)
    record = await new ContractRecordPage(page, TITLE).verify()
    assert.match(await record.main.innerText(), /Good\s+Deliveries on time all quarter\./)

    // GOV.UK's button component renders a link with the button role.
    await record.main.getByRole('button', { name: 'Record a modification', exact: true }).click()
    const modification = await verifyOnPage(ModificationPage, page)
    await modification.fill('Ceiling hoists added to the equipment list', '5,500,000')
    await modification.check()
    const advised = await verifyOnPage(ModificationPage, page)
    const advice = await page.locator('#advice').innerText()
    assert.match(advice, /A below-threshold modification: the value changes by 1.9%/)
    assert.match(advice, /Contract change notice \(UK10\): not needed/)
    assert.match(advice, /s\.74\(1\)\(c\)/)
    await advised.record()
    await page.waitForURL(/saved=modification/)
    record = await new ContractRecordPage(page, TITLE).verify()
    const details = (await record.main.innerText()).replace(/\s+/g, ' ')
    assert.match(details, /£5,500,000\.00 excluding VAT/)
    assert.match(details, /Ceiling hoists added to the equipment list/)

    // A resident, signed out, finds it by supplier and service; the supplier links to its public page.
    const { page: resident } = await h.newPage()
    await resident.goto('/who-delivers-our-services')
    const who = await verifyOnPage(WhoDeliversPage, resident)
    await who.search({ council: 'Demo Borough Council', supplier: 'Riverside', service: 'equipment' })
    const found = await verifyOnPage(WhoDeliversPage, resident)
    const row = found.page.locator('main tbody tr').filter({ hasText: TITLE })
    assert.equal(await row.count(), 1)
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Riverside Community Care £5,500,000/)
    await row.getByRole('link', { name: 'Riverside Community Care' }).click()
    await resident.waitForURL(/\/public\/providers\/[0-9a-f-]{36}$/)
    assert.equal(((await resident.locator('h1').textContent()) ?? '').trim(), 'Riverside Community Care')
  })
})
