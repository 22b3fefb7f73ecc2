/**
 * A spend import run as a job (ADR 0052), in a real browser with axe on every page, at a desktop's width and a
 * phone's: the officer uploads a file, imports it, lands on the progress page at once, and looks again until it
 * has finished and shows the import's summary. A second upload of the same file, confirmed before the first job
 * ran, ends on the progress page saying why it was not imported. The harness runs no worker: the test runs the
 * due jobs, as the server's worker would.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { CheckColumnsPage, NewSpendImportPage, SpendImportPage, SpendImportProgressPage } from './pages/spend-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'
import { runSpendImportJobs } from '../test/support/spend-import-jobs.ts'

const h = useBrowserHarness()

/** 3,000 payments in a month of `year` the demo spend does not touch. */
function spendFile(year: number): Buffer {
  const lines = ['Payment Date,Supplier Name,Amount,Directorate']
  for (let i = 0; i < 3_000; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/09/${year},Supplier ${i % 50},${(i % 900) + 100}.50,Children's Services`)
  return Buffer.from(lines.join('\n'))
}

describe('a spend import running as a job, in a browser', () => {
  for (const [width, year] of [[1280, 2013], [375, 2012]] as const) {
    test(`upload, import, watch the progress page until the summary, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('finance@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)

      const file = spendFile(year)
      const checkColumns = async (name: string) => {
        await page.goto('/spend/imports/new')
        await (await verifyOnPage(NewSpendImportPage, page)).upload(name, file)
        await page.waitForURL(/\/spend\/imports\/preview\?upload=/)
        return verifyOnPage(CheckColumnsPage, page)
      }
      await checkColumns(`september-${year}.csv`)
      const firstPreview = page.url()
      const again = await checkColumns(`september-${year}-again.csv`)
      await again.importFile()
      await page.waitForURL(/\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
      const secondProgress = page.url()
      await page.goto(firstPreview)
      await (await verifyOnPage(CheckColumnsPage, page)).importFile()

      await page.waitForURL(/\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
      const progress = await verifyOnPage(SpendImportProgressPage, page)
      assert.equal(await progress.status(), 'Waiting to start')
      const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
      assert.match(main, /Rows read 0 so far/)
      assert.match(main, /File size 0\.1 MB/)
      assert.match(main, /This page does not update by itself/)
      assert.equal(await progress.scrollsSideways(), false)

      // Looking again before the job has run changes nothing.
      await progress.checkAgain()
      assert.equal(await (await verifyOnPage(SpendImportProgressPage, page)).status(), 'Waiting to start')
      // The second upload was confirmed first, so its job runs first and imports the file; this one's job then
      // finds the same file already imported.
      assert.deepEqual(await runSpendImportJobs(h.app.db.db), { done: 2, retried: 0, dead: 0 })
      await (await verifyOnPage(SpendImportProgressPage, page)).checkAgain()
      const refused = await verifyOnPage(SpendImportProgressPage, page)
      assert.equal(await refused.status(), 'Not imported')
      assert.equal(await refused.h1.textContent(), 'The file was not imported')
      assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), new RegExp(`this file was imported before, as september-${year}-again\\.csv`))
      assert.equal(await refused.scrollsSideways(), false)

      await page.goto(secondProgress)
      await page.waitForURL(/\/spend\/imports\/[0-9a-f-]{36}\?imported=1$/)
      await new SpendImportPage(page, `september-${year}-again.csv`).verify()
      assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /File imported: 3,000 payments/)
    })
  }
})
