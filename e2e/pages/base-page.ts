/**
 * What every page object does first: check the browser is on the page it models (by its one h1) and that axe finds
 * no WCAG 2.2 A or AA violation there. Page objects are made with `await SomePage.verifyOnPage(page)`.
 */
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'
import { assertAccessible } from '../support/axe.ts'

export abstract class BasePage {
  constructor(readonly page: Page) {}

  /** The text of the page's h1 (a RegExp where it varies, such as a record's name). */
  abstract readonly heading: string | RegExp

  get h1(): Locator {
    return this.page.locator('h1')
  }

  async verify(): Promise<this> {
    await this.h1.first().waitFor({ state: 'visible' })
    assert.equal(await this.h1.count(), 1, `expected exactly one h1 on ${this.page.url()}`)
    const text = ((await this.h1.textContent()) ?? '').replace(/\s+/g, ' ').trim()
    if (typeof this.heading === 'string') assert.equal(text, this.heading, `h1 on ${this.page.url()}`)
    else assert.match(text, this.heading, `h1 on ${this.page.url()}`)
    await assertAccessible(this.page, `${this.constructor.name} (${this.page.url()})`)
    return this
  }

  /**
   * A link to one of the user's pages as the navigation offers it (ADR 0028): a stage in the service navigation, an
   * entry in the current stage's sub navigation, or an entry in a stage's card on the home page.
   */
  navigationLink(name: string): Locator {
    return this.page
      .locator('.govuk-service-navigation, .catalyst-sub-navigation, .govuk-summary-card')
      .getByRole('link', { name, exact: true })
      .first()
  }

  /** Opens a stage of the cycle from the service navigation, opening its menu first on a narrow screen. */
  async openStage(name: string): Promise<void> {
    const toggle = this.page.locator('.govuk-service-navigation__toggle')
    if (await toggle.isVisible()) await toggle.click()
    await this.page.locator('.govuk-service-navigation').getByRole('link', { name, exact: true }).click()
  }

  /** Whether the page scrolls sideways (it must not, at any width). */
  async scrollsSideways(): Promise<boolean> {
    return this.page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement
      return root.scrollWidth > root.clientWidth
    })
  }

  async signOut(): Promise<void> {
    await this.page.locator('.catalyst-header').getByRole('button', { name: 'Sign out' }).click()
  }

  /** The GOV.UK error summary, when a form came back with errors. */
  get errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary')
  }

  async errorSummaryLinks(): Promise<{ text: string; href: string }[]> {
    const links = this.errorSummary.locator('.govuk-error-summary__list a')
    const result: { text: string; href: string }[] = []
    for (let i = 0; i < (await links.count()); i++) {
      const link = links.nth(i)
      result.push({ text: ((await link.textContent()) ?? '').trim(), href: (await link.getAttribute('href')) ?? '' })
    }
    return result
  }

  /** The id of the element that has focus ('' when none has). */
  async focusedId(): Promise<string> {
    return this.page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { id?: string } | null } }).document.activeElement
      return active?.id ?? ''
    })
  }
}

/** Builds a page object and verifies it: `await verifyOnPage(HomePage, page)`. */
export async function verifyOnPage<T extends BasePage>(Kind: new (page: Page) => T, page: Page): Promise<T> {
  return new Kind(page).verify()
}
