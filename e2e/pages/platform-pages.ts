/** Page objects for the pages every Catalyst has: home, sign-in, the accessibility statement, cookies, errors. */
import type { Locator, Page } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class HomePage extends BasePage {
  readonly heading = 'Commissioning local services'
}

export class SignedInHomePage extends BasePage {
  readonly heading: string | RegExp = /Council$/
}

export class SignInPage extends BasePage {
  readonly heading = 'Sign in to Catalyst'

  async signIn(email: string, password: string): Promise<void> {
    await this.page.locator('#email').fill(email)
    await this.page.locator('#password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  get successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success')
  }
}

export class AccessibilityStatementPage extends BasePage {
  readonly heading = 'Accessibility statement for Catalyst'
}

export class CookiesPage extends BasePage {
  readonly heading = 'Cookies'
}

export class NotFoundPage extends BasePage {
  readonly heading = 'Page not found'
}

/** A page reached by following the navigation, known by its h1. */
export class PageTitled extends BasePage {
  constructor(page: Page, readonly heading: string | RegExp) {
    super(page)
  }
}

export class SearchResultsPage extends BasePage {
  readonly heading: string | RegExp = /^Search results for/
}

export class CouncilSettingsPage extends BasePage {
  readonly heading = 'Council settings'
}

export class OutboxPage extends BasePage {
  readonly heading = 'Emails in the outbox'
}
