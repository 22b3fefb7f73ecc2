/**
 * Benchmarking's later pages in a real browser, with axe at desktop width and at 375 px: the demo's comparator group
 * opens "who supplies my neighbours" for a service and shows the other demo council's supplier, the printable report,
 * and cost against outcome drawn from two imported indicators with its table.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { BenchmarkingPage, BenchmarkReportPage, CostOutcomePage, GroupPage, ImportIndicatorsPage, ImportResultPage, NeighbourSuppliersPage } from './pages/benchmarking-pages.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()

const FILE = [
  'area_code,area_name,period,indicator,measure,unit,value',
  ...[['DEMO', 400, 60], ['E06000002', 500, 65], ['E09000011', 600, 70], ['E07000008', 450, 62]].flatMap(([code, cost, outcome]) => [
    `${code},,2023/24,Spend per head on adult social care,Pounds,,${cost}`,
    `${code},,2023/24,Satisfaction with care and support,Percentage,,${outcome}`,
  ]),
].join('\n')

describe('benchmarking: neighbours’ suppliers, the report and cost against outcome', () => {
  test('the demo group’s suppliers, its report and a scatter, at desktop and at 375 px', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn('admin@demo.catalyst.test', DEMO_PASSWORD)
    await verifyOnPage(SignedInHomePage, page)

    await page.goto('/benchmarking')
    await verifyOnPage(BenchmarkingPage, page)
    await page.getByRole('link', { name: 'Demo neighbours' }).click()
    await new GroupPage(page, 'Demo neighbours').verify()
    await page.getByRole('link', { name: 'Who supplies these councils' }).click()
    const suppliers = await verifyOnPage(NeighbourSuppliersPage, page)
    await page.getByLabel('Service').selectOption({ label: 'Highways and transport' })
    await page.getByRole('button', { name: 'Show the suppliers' }).click()
    await suppliers.verify()
    const row = (await page.locator('#suppliers tbody tr').first().innerText()).replace(/\s+/g, ' ')
    assert.match(row, /Greenway Recycling Ltd GB-COH-08123456 Other District Council 1 £210,000\.00/)
    assert.match(row, /Yes: \d+ contracts?/)
    const suppliersUrl = page.url()

    await page.getByRole('link', { name: 'Demo neighbours' }).click()
    await page.getByRole('link', { name: 'Report on every indicator against this group' }).click()
    await new BenchmarkReportPage(page, 'Demo Borough Council against Demo neighbours').verify()
    const reportUrl = page.url()

    await page.goto('/benchmarking/import')
    await (await verifyOnPage(ImportIndicatorsPage, page)).upload('LG Inform long table (area_code, area_name, period, indicator, measure, unit, value)', 'care.csv', Buffer.from(FILE), 'A low value is good')
    await verifyOnPage(ImportResultPage, page)
    await page.goto('/benchmarking')
    await page.getByRole('link', { name: 'Cost against outcome' }).click()
    const scatter = await verifyOnPage(CostOutcomePage, page)
    await page.getByLabel('Comparator group').selectOption({ label: 'Demo neighbours' })
    await page.getByLabel('Cost (across)').selectOption({ label: 'Spend per head on adult social care (Pounds)' })
    await page.getByLabel('Outcome (up)').selectOption({ label: 'Satisfaction with care and support (Percentage)' })
    await page.getByRole('button', { name: 'Show the chart' }).click()
    await scatter.verify()
    assert.equal(await page.locator('svg.app-chart[role="img"] circle').count(), 4)
    const own = (await page.locator('#points tr', { hasText: 'this council' }).innerText()).replace(/\s+/g, ' ')
    assert.match(own, /Demo Borough Council \(this council\) 400 Below the median 60 Below the median/)

    await page.setViewportSize({ width: 375, height: 800 })
    const narrow = await verifyOnPage(CostOutcomePage, page)
    assert.equal(await narrow.scrollsSideways(), false)
    for (const [url, verify] of [
      [suppliersUrl, () => verifyOnPage(NeighbourSuppliersPage, page)],
      [reportUrl, () => new BenchmarkReportPage(page, 'Demo Borough Council against Demo neighbours').verify()],
    ] as const) {
      await page.goto(url)
      const shown = await verify()
      assert.equal(await shown.scrollsSideways(), false, url)
    }
  })
})
