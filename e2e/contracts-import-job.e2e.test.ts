/**
 * An OCDS package imported on the page runs as a job (ADR 0058), in a real browser with axe on every page, at a
 * desktop's width and a phone's: the officer uploads the package, sees the preview, confirms, lands on the progress
 * page at once, and looks again once the job has run to see the import's summary. The harness runs no worker: the
 * test runs the due jobs, as the server's worker would.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { verifyOnPage } from './pages/base-page.ts'
import { SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { ContractsImportPage, ContractsImportPreviewPage, ContractsImportProgressPage } from './pages/contract-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'
import { runDueJobs } from '../src/platform/jobs/queue.ts'
import { registerImportHandler } from '../src/modules/contracts/import-job.ts'

const h = useBrowserHarness()
const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../test/fixtures/ocds/find-a-tender-release-package.json'), 'utf8')

describe('an OCDS package imported as a job, in a browser', () => {
  for (const [width, series] of [[1280, '61'], [375, '62']] as const) {
    test(`upload, preview, confirm, watch the progress page until the summary, at ${width} px`, async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/sign-in')
      await (await verifyOnPage(SignInPage, page)).signIn('finance@demo.catalyst.test', DEMO_PASSWORD)
      await verifyOnPage(SignedInHomePage, page)

      // The same notices under other ocids and references for each width, so each run creates its own contracts.
      const bytes = Buffer.from(fixture.replaceAll('ocds-h6vhtk-05', `ocds-h6vhtk-${series}`).replaceAll('DBC-TEN-', `DBC-T${series}-`))
      await page.goto('/contracts/import')
      await (await verifyOnPage(ContractsImportPage, page)).upload('OCDS release or record package (JSON)', `notices-${series}.json`, bytes)
      await page.waitForURL(/\/contracts\/import\/preview\?token=/)
      const preview = await verifyOnPage(ContractsImportPreviewPage, page)
      assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), /Created 2 Updated 0 Unchanged 0/)
      await preview.confirm()

      await page.waitForURL(/\/contracts\/import\/progress\/[0-9a-f-]{36}$/)
      const progress = await verifyOnPage(ContractsImportProgressPage, page)
      assert.equal(await progress.status(), 'Waiting to start')
      const waiting = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
      assert.match(waiting, new RegExp(`notices-${series}\\.json`))
      assert.match(waiting, /This page does not update by itself/)
      assert.equal(await progress.scrollsSideways(), false)

      assert.deepEqual(await runDueJobs(h.app.db.db, new Map([registerImportHandler()]), { clock: () => new Date() }), { done: 1, retried: 0, dead: 0 })
      await progress.checkAgain()
      const done = await verifyOnPage(ContractsImportProgressPage, page)
      assert.equal(await done.h1.textContent(), 'Import complete')
      assert.equal(await done.status(), 'Imported')
      const summary = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
      assert.match(summary, /Created 2 Updated 0 Unchanged 0 Skipped 1/)
      assert.match(summary, /Opportunities not yet awarded 1 new/)
      assert.equal(await done.scrollsSideways(), false)

      // The import page lists the run, linked to its progress page.
      await page.goto('/contracts/import')
      await verifyOnPage(ContractsImportPage, page)
      assert.match((await page.locator('main').innerText()).replace(/\s+/g, ' '), new RegExp(`notices-${series}\\.json: Imported`))
    })
  }
})
