/** Page objects for the market: the market view, the statements list, a statement's editor and its public page. */
import { BasePage } from './base-page.ts'

export class MarketPage extends BasePage {
  readonly heading = 'The market'

  async choose(service: string, area: string): Promise<void> {
    await this.page.locator('#category').selectOption({ label: service })
    await this.page.locator('#area').selectOption({ label: area })
    await Promise.all([this.page.waitForURL(/[?&]category=/), this.page.getByRole('button', { name: 'Show the market', exact: true }).click()])
  }

  main(): Promise<string> {
    return this.page.locator('main').innerText().then((t) => t.replace(/\s+/g, ' '))
  }
}

export class StatementsPage extends BasePage {
  readonly heading = 'Market position statements'
}

export class StatementPage extends BasePage {
  readonly heading: string | RegExp

  constructor(page: BasePage['page'], service: string | RegExp = /.+/) {
    super(page)
    this.heading = service
  }

  async fill(fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await this.page.getByLabel(label, { exact: true }).fill(value)
  }

  async press(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click()
  }
}

export class PublicStatementPage extends BasePage {
  readonly heading: string | RegExp

  constructor(page: BasePage['page'], title: string | RegExp) {
    super(page)
    this.heading = title
  }
}
