/**
 * Each role starts at the home page and reaches its main task by following links only (after signing in through
 * the header's link), at a desktop width (1280 px) and a phone's (375 px). On every page: one h1, axe clean, and
 * no sideways scrolling.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { verifyOnPage, type BasePage } from '../pages/base-page.ts'
import { CouncilSettingsPage, HomePage, OutboxPage, PageTitled, SearchResultsPage, SignedInHomePage, SignInPage } from '../pages/platform-pages.ts'
import { DEMO_PASSWORD, type BrowserHarness } from './browser.ts'
import { useBrowserHarness } from './suite.ts'


async function checked<T extends BasePage>(view: T): Promise<T> {
  await view.verify()
  assert.equal(await view.scrollsSideways(), false, `${view.page.url()} scrolls sideways at ${view.page.viewportSize()?.width}px`)
  return view
}

async function start(h: BrowserHarness, width: number): Promise<Page> {
  const { page } = await h.newPage()
  await page.setViewportSize({ width, height: 900 })
  await page.goto('/')
  return page
}

async function signInFromHome(page: Page, email: string): Promise<SignedInHomePage> {
  await checked(new HomePage(page))
  await page.locator('.catalyst-header').getByRole('link', { name: 'Sign in' }).click()
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return checked(new SignedInHomePage(page))
}

/** Follows the home page's count link whose row reads like `words`. */
async function followCount(home: BasePage, words: RegExp): Promise<void> {
  const row = home.page.locator('.govuk-summary-list__row').filter({ hasText: words }).first()
  await row.getByRole('link').click()
}

/** Every role's task at one width, in the test file that called it (each width is its own file, for time). */
export function roleTasksAt(width: number): void {
  const h = useBrowserHarness()
  describe(`each role's main task at ${width} px`, () => {
    test('a resident finds how to tell a story, and searches the public records', async () => {
      const page = await start(h, width)
      const home = await checked(new HomePage(page))
      await page.locator('#header-search').fill('care')
      await page.locator('.catalyst-header').getByRole('button', { name: 'Search' }).click()
      const results = await checked(new SearchResultsPage(page))
      assert.ok(await results.page.getByRole('heading', { name: /Providers \(\d+\)/ }).isVisible())
      await page.goBack()
      await verifyOnPage(HomePage, page)
      await home.page.getByRole('link', { name: 'tell your story about a service' }).click()
      await checked(new PageTitled(page, 'Tell your story about a service'))
    })

    test('a commissioner opens Plan and their commissioning projects', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'commissioner@demo.catalyst.test')
      await home.openStage('Plan')
      const plan = await checked(new PageTitled(page, /.+/))
      await plan.navigationLink('Projects').click()
      const projects = await checked(new PageTitled(page, 'Commissioning projects'))
      await projects.page.getByRole('link', { name: 'Home care for older people' }).first().click()
      await checked(new PageTitled(page, 'Home care for older people'))
    })

    test('a finance officer follows the count of months without spend to the imports', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'finance@demo.catalyst.test')
      await followCount(home, /no spend imported/i)
      await checked(new PageTitled(page, 'Spend imports'))
    })

    test('a councillor follows a count of contracts to the attention list', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'councillor@demo.catalyst.test')
      await followCount(home, /ending in the next 3 months/i)
      await checked(new PageTitled(page, 'Contracts needing attention'))
    })

    test('a provider reaches the stories about it', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'provider@demo.catalyst.test')
      await home.navigationLink('Stories about you').click()
      await checked(new PageTitled(page, 'Stories about your services'))
    })

    test('a moderator follows the count of stories waiting to the queue', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'moderator@demo.catalyst.test')
      await followCount(home, /waiting for moderation/i)
      await checked(new PageTitled(page, 'Stories to moderate'))
    })

    test('an administrator opens the council settings and the outbox', async () => {
      const page = await start(h, width)
      const home = await signInFromHome(page, 'admin@demo.catalyst.test')
      await home.openStage('Settings')
      const people = await checked(new PageTitled(page, /.+/))
      await people.navigationLink('Council settings').click()
      const settings = await checked(new CouncilSettingsPage(page))
      await settings.page.getByRole('link', { name: 'Emails in the outbox' }).click()
      await checked(new OutboxPage(page))
    })
  })
}
