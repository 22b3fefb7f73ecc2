/** Page objects for pooled funds: each checks its heading and runs axe when verified. */
import type { Page } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class PooledFundsListPage extends BasePage {
  readonly heading = 'Pooled funds'
}

export class NewPooledFundPage extends BasePage {
  readonly heading = 'Record a pooled fund'
}

export class PooledFundPage extends BasePage {
  constructor(page: Page, readonly heading: string | RegExp) {
    super(page)
  }

  async mainText(): Promise<string> {
    return ((await this.page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ')
  }
}

export class ContributionPage extends BasePage {
  readonly heading = 'Record a contribution'
}

export class SchemePage extends BasePage {
  readonly heading = 'Add a scheme'
}

export class RiskSharePage extends BasePage {
  readonly heading = 'Risk share'
}

export class FundReportPage extends BasePage {
  readonly heading: RegExp = /^(Quarter \d|Year-end) report \d{4}\/\d{2}$/

  /** The cells of a table's row whose heading starts with `name`. */
  async row(tableId: string, name: string): Promise<string[]> {
    const row = this.page.locator(`#${tableId} tbody tr`).filter({ has: this.page.locator('th', { hasText: name }) }).first()
    return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim())
  }
}

export class SchemeImportPage extends BasePage {
  readonly heading = 'Import a scheme list'
}

export class SchemeMappingPage extends BasePage {
  readonly heading = 'Match the columns'
}
