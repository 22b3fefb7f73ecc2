/** Page objects for spend: imports, the upload form, the column check, an import's summary, overview, concentration. */
import { BasePage } from './base-page.ts'

export class SpendOverviewPage extends BasePage {
  readonly heading = 'Spend'

  async chooseYear(label: string): Promise<void> {
    await this.page.locator('#year').selectOption({ label })
    await Promise.all([this.page.waitForURL(/[?&]year=/), this.page.getByRole('button', { name: 'Show', exact: true }).click()])
  }

  charts() {
    return this.page.locator('svg.app-chart[role="img"]')
  }
}

export class SpendImportsPage extends BasePage {
  readonly heading = 'Spend imports'

  async importAFile(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import a spend file', exact: true }).or(this.page.getByRole('link', { name: 'Import a spend file', exact: true })).first().click()
  }
}

export class NewSpendImportPage extends BasePage {
  readonly heading = 'Import a spend file'

  async upload(name: string, bytes: Buffer): Promise<void> {
    await this.page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes })
    await this.page.getByRole('button', { name: 'Upload and check columns' }).click()
  }
}

export class CheckColumnsPage extends BasePage {
  readonly heading = 'Check the columns'

  /** Chooses what the column named `header` holds, by the field's label. */
  async setColumn(header: string, field: string): Promise<void> {
    await this.page.getByLabel(`Field for ${header}`, { exact: true }).selectOption({ label: field })
  }

  async checkAgain(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check again with these columns' }).click()
  }

  async importFile(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import the file' }).click()
  }
}

/** The progress of an import running as a job (ADR 0052): no automatic refresh, a link to look again. */
export class SpendImportProgressPage extends BasePage {
  readonly heading: string | RegExp = /^(Importing the file|The file was not imported|The file was imported)$/

  /** Follows the link to the same address (or on to the summary), waiting for the new page to load. */
  async checkAgain(): Promise<void> {
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole('link', { name: 'Check the progress again' }).click()])
  }

  async status(): Promise<string> {
    return ((await this.page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('.govuk-summary-list__value').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }
}

export class SpendImportPage extends BasePage {
  readonly heading: string | RegExp

  constructor(page: BasePage['page'], fileName = /.+/ as string | RegExp) {
    super(page)
    this.heading = fileName
  }

  async undo(): Promise<void> {
    await this.page.getByRole('checkbox', { name: /Remove this file's/ }).check()
    await this.page.getByRole('button', { name: 'Undo this import' }).click()
  }
}

export class ConcentrationPage extends BasePage {
  readonly heading = 'Concentration'
}

export class SpendCategoriesPage extends BasePage {
  readonly heading = 'Spend categories'

  /** Counts the categories (by their labels as published) under one name. */
  async countAsOne(categories: string[], name: string): Promise<void> {
    for (const category of categories) await this.page.getByRole('checkbox', { name: category, exact: true }).check()
    await this.page.getByLabel('Count them under', { exact: true }).fill(name)
    await this.page.getByRole('button', { name: 'Count as one' }).click()
  }

  async undo(category: string): Promise<void> {
    await this.page.getByRole('button', { name: `Undo for ${category}`, exact: true }).click()
  }
}

export class PayeesPage extends BasePage {
  readonly heading = 'Payees'
}

export class PayeePage extends BasePage {
  readonly heading: string | RegExp

  constructor(page: BasePage['page'], name = /.+/ as string | RegExp) {
    super(page)
    this.heading = name
  }
}

export class NewPayeeProviderPage extends BasePage {
  readonly heading = /^Add .+ to the provider register$/
}
