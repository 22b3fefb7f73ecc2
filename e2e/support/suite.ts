/**
 * One browser and one app for a test file: started before its tests and closed after them, when the file's axe
 * tally is printed so the run's log says how many page views were checked and what they found.
 */
import { after, before } from 'node:test'
import { axeLog } from './axe.ts'
import { startBrowserHarness, type BrowserHarness, type BrowserHarnessOptions } from './browser.ts'

/** `options` is read when the harness starts, so a file's own before() hooks (registered first) can fill it in. */
export function useBrowserHarness(options: () => BrowserHarnessOptions = () => ({})): BrowserHarness {
  let started: BrowserHarness | undefined
  const current = (): BrowserHarness => {
    if (!started) throw new Error('The browser harness starts in the file’s before() hook: use it inside a test')
    return started
  }
  before(async () => {
    started = await startBrowserHarness(options())
  })
  after(async () => {
    await started?.close()
    const violations = axeLog.reduce((sum, entry) => sum + entry.violations, 0)
    process.stdout.write(`# axe checked ${axeLog.length} page views; ${violations} violations\n`)
  })
  return {
    get app() {
      return current().app
    },
    get baseUrl() {
      return current().baseUrl
    },
    get browser() {
      return current().browser
    },
    get visited() {
      return current().visited
    },
    newPage: () => current().newPage(),
    close: () => current().close(),
  }
}
