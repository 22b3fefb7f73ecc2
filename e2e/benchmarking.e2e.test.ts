/**
 * Benchmarking in a real browser, with axe on every page at desktop width and again at 375 px: an administrator
 * builds a comparator group from an uploaded list (one line not a council, reported), imports an LG Inform file,
 * and reads the council's rank and MAD flag in the comparison's summary, chart and table.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { BenchmarkingPage, GroupPage, GroupResultPage, ImportIndicatorsPage, ImportResultPage, IndicatorPage, NewGroupPage } from './pages/benchmarking-pages.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()

// Neighbours held as councils hold CIPFA's lists: code and name, in order. The last line is no council.
const LIST = 'Code,Name\nE06000002,Middlesbrough\nE09000011,Greenwich\nE07000008,Cambridge\nE06000065,North Yorkshire\nE99999999,Nowhere\n'
const FILE = [
  'area_code,area_name,period,indicator,measure,unit,value',
  'DEMO,Demo Borough,2022/23,Household waste recycled,Percentage,Waste,27',
  'DEMO,Demo Borough,2023/24,Household waste recycled,Percentage,Waste,30',
  'E06000002,Middlesbrough,2023/24,Household waste recycled,Percentage,Waste,50',
  'E09000011,Greenwich,2023/24,Household waste recycled,Percentage,Waste,52',
  'E07000008,Cambridge,2023/24,Household waste recycled,Percentage,Waste,54',
  'E06000065,North Yorkshire,2023/24,Household waste recycled,Percentage,Waste,56',
].join('\n')

describe('benchmarking in a browser', () => {
  test('build a group, import an indicator file, read the rank and the MAD flag; the same pages at 375 px', async () => {
    const { page } = await h.newPage()
    await page.goto('/sign-in')
    await (await verifyOnPage(SignInPage, page)).signIn('admin@demo.catalyst.test', DEMO_PASSWORD)
    const home = await verifyOnPage(SignedInHomePage, page)
    await home.openStage('Review')
    await home.navigationLink('Benchmarking').click()
    await page.waitForURL(/\/benchmarking$/)
    await verifyOnPage(BenchmarkingPage, page)

    await page.getByRole('button', { name: 'Build a comparator group' }).click()
    const builder = await verifyOnPage(NewGroupPage, page)
    await builder.uploadList('Our CIPFA neighbours', 'Waste', 'cipfa.csv', Buffer.from(LIST))
    await verifyOnPage(GroupResultPage, page)
    assert.match((await page.locator('#problems').innerText()).replace(/\s+/g, ' '), /6 no council with the code E99999999 in the council list \(the line names Nowhere\)/)
    await page.getByRole('link', { name: 'See the group and its councils' }).click()
    await new GroupPage(page, 'Our CIPFA neighbours').verify()
    const members = (await page.locator('#members').innerText()).replace(/\s+/g, ' ')
    assert.match(members, /1 Middlesbrough Council .* 2 Royal Borough of Greenwich .* 3 Cambridge City Council .* 4 North Yorkshire Council/)

    await page.goto('/benchmarking/import')
    const form = await verifyOnPage(ImportIndicatorsPage, page)
    await form.upload('LG Inform long table (area_code, area_name, period, indicator, measure, unit, value)', 'recycling.csv', Buffer.from(FILE), 'A high value is good')
    await verifyOnPage(ImportResultPage, page)
    assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Councils 5 New figures 6/)
    await page.getByRole('link', { name: 'Household waste recycled' }).click()
    const indicator = await new IndicatorPage(page, 'Household waste recycled').verify()
    await indicator.compareWith('Our CIPFA neighbours')
    const compared = await new IndicatorPage(page, 'Household waste recycled').verify()
    // 30, 50, 52, 54, 56: median 52; deviations 22, 2, 0, 2, 4: MAD 2; (30 − 52) / 2 = −11 MADs.
    const standing = await compared.standing()
    assert.equal(standing['Rank'], '5 of 5 (best first)')
    assert.equal(standing['Group median'], '52')
    assert.equal(standing['Median absolute deviation (MAD)'], '2')
    assert.equal(standing['MADs from the median'], '-11.00')
    assert.equal(standing['Flag'], 'More than 2 MADs worse than the median')
    assert.equal(standing['Direction of travel'], 'Improving since 2022/23')
    assert.equal(await page.locator('svg.app-chart[role="img"]').count(), 1)
    const row = (await page.locator('#comparison tr', { hasText: 'this council' }).innerText()).replace(/\s+/g, ' ')
    assert.match(row, /Demo Borough Council \(this council\) 30 5 of 5 -11\.00 More than 2 MADs worse than the median 27 Improving/)
    assert.ok((await page.getByRole('link', { name: /Download this table as CSV/ }).count()) >= 2)

    // The same pages on a phone: still no axe violation, and nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 })
    const narrow = await new IndicatorPage(page, 'Household waste recycled').verify()
    assert.equal(await narrow.scrollsSideways(), false)
    const pages: [string, new (p: typeof page) => BenchmarkingPage | ImportIndicatorsPage | NewGroupPage][] = [
      ['/benchmarking', BenchmarkingPage],
      ['/benchmarking/import', ImportIndicatorsPage],
      ['/benchmarking/groups/new', NewGroupPage],
    ]
    for (const [url, Kind] of pages) {
      await page.goto(url)
      const shown = await new Kind(page).verify()
      assert.equal(await shown.scrollsSideways(), false, url)
    }
    await page.goto('/benchmarking')
    await page.getByRole('link', { name: 'Our CIPFA neighbours' }).click()
    const group = await new GroupPage(page, 'Our CIPFA neighbours').verify()
    assert.equal(await group.scrollsSideways(), false)
  })
})
