/** Page objects for the provider register: the list with its filters, the new-provider form, a provider's record. */
import type { Locator } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class ProvidersListPage extends BasePage {
  readonly heading: string | RegExp = /^Providers$/

  /** Filters the list by text (the `q` filter) and applies the filter. */
  async filterByText(text: string): Promise<void> {
    // The list's own filter, not the header's search box (both are named q).
    await this.page.locator('main input[name="q"]').fill(text)
    const form = this.page.locator('main form:has(input[name="q"])')
    await Promise.all([
      this.page.waitForURL(/[?&]q=/),
      form.getByRole('button', { name: 'Apply filters', exact: true }).click(),
    ])
  }

  providerLink(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true })
  }

  /** The names of the providers the list shows (links to a record page). */
  async providerNames(): Promise<string[]> {
    return this.page.locator('main a').evaluateAll((links) =>
      (links as unknown as { getAttribute(name: string): string | null; textContent: string | null }[])
        .filter((link) => /\/providers\/[0-9a-f-]{36}$/.test(link.getAttribute('href') ?? ''))
        .map((link) => (link.textContent ?? '').trim()),
    )
  }

  async addProvider(): Promise<void> {
    // GOV.UK's button component renders a link styled as a button when it has an href.
    await this.page.getByRole('button', { name: 'Add a provider', exact: true }).or(this.page.getByRole('link', { name: 'Add a provider', exact: true })).first().click()
  }
}

export interface NewProviderInput {
  name: string
  /** A legal form code (the radio's value), such as 'cic'. */
  legalForm: string
  postcode: string
  published: boolean
}

export class NewProviderPage extends BasePage {
  readonly heading = 'Add a provider'

  /** Fills the form: name, legal form, postcode, the first service category, published or not. */
  async fill(input: NewProviderInput): Promise<void> {
    await this.page.locator('#name').fill(input.name)
    await this.page.locator(`input[name="legalForm"][value="${input.legalForm}"]`).check()
    await this.page.locator('#postcode').fill(input.postcode)
    await this.page.locator('input[name="serviceCategories"]').first().check()
    await this.page.locator(`input[name="published"][value="${input.published ? 'yes' : 'no'}"]`).check()
  }

  async save(): Promise<void> {
    await this.page.locator('main').getByRole('button', { name: 'Save provider', exact: true }).click()
  }
}

export class ProviderRecordPage extends BasePage {
  constructor(page: BasePage['page'], readonly heading: string | RegExp = /\S/) {
    super(page)
  }
}

export class PublicRegisterPage extends BasePage {
  readonly heading = 'Public provider register'
}
