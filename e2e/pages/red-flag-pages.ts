/** Page objects for red flags: the list, the dismiss form, the settings. */
import type { Locator } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class RedFlagsPage extends BasePage {
  readonly heading = 'Red flags'

  get main(): Locator {
    return this.page.locator('main')
  }

  /** The flag card whose summary matches. */
  flag(summary: RegExp): Locator {
    return this.page.locator('.govuk-summary-card').filter({ has: this.page.locator('.govuk-summary-card__title', { hasText: summary }) })
  }

  async showRule(label: string): Promise<void> {
    await this.page.locator('#rule').selectOption({ label })
    await Promise.all([this.page.waitForURL(/[?&]rule=/), this.page.getByRole('button', { name: 'Show', exact: true }).click()])
  }

  async dismiss(summary: RegExp): Promise<void> {
    await this.flag(summary).first().getByRole('link', { name: /^Dismiss/ }).click()
  }

  async restore(summary: RegExp): Promise<void> {
    await this.flag(summary).first().getByRole('button', { name: /^Restore/ }).click()
  }
}

export class DismissRedFlagPage extends BasePage {
  readonly heading = 'Dismiss a red flag'

  async dismissWith(reason: string): Promise<void> {
    await this.page.locator('#reason').fill(reason)
    await this.page.getByRole('button', { name: 'Dismiss flag', exact: true }).click()
  }
}

export class RedFlagSettingsPage extends BasePage {
  readonly heading = 'Red flag settings'
}
