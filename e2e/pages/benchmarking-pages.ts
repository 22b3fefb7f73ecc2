/** Page objects for benchmarking: the index, the import form and result, the group builder, a group, an indicator. */
import { BasePage } from './base-page.ts'

export class BenchmarkingPage extends BasePage {
  readonly heading = 'Benchmarking'
}

export class ImportIndicatorsPage extends BasePage {
  readonly heading = 'Import indicators'

  async upload(layout: string, name: string, bytes: Buffer, polarity: string): Promise<void> {
    await this.page.getByLabel(layout, { exact: true }).check()
    await this.page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes })
    await this.page.getByLabel(polarity, { exact: true }).check()
    await this.page.getByRole('button', { name: 'Import', exact: true }).click()
  }
}

export class ImportResultPage extends BasePage {
  readonly heading = 'Indicators imported'
}

export class NewGroupPage extends BasePage {
  readonly heading = 'Build a comparator group'

  async uploadList(name: string, purpose: string, fileName: string, bytes: Buffer): Promise<void> {
    await this.page.locator('#upload-name').fill(name)
    await this.page.locator('#upload-purpose').fill(purpose)
    await this.page.locator('#upload-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: bytes })
    await this.page.getByRole('button', { name: 'Upload the list', exact: true }).click()
  }
}

export class GroupResultPage extends BasePage {
  readonly heading = 'Comparator group built'
}

export class GroupPage extends BasePage {
  readonly heading: string | RegExp
  constructor(page: BasePage['page'], name: string | RegExp = /.+/) {
    super(page)
    this.heading = name
  }
}

export class IndicatorPage extends BasePage {
  readonly heading: string | RegExp
  constructor(page: BasePage['page'], name: string | RegExp = /.+/) {
    super(page)
    this.heading = name
  }

  async compareWith(group: string): Promise<void> {
    await this.page.locator('#group').selectOption({ label: group })
    await Promise.all([this.page.waitForURL(/[?&]group=/), this.page.getByRole('button', { name: 'Show the comparison', exact: true }).click()])
  }

  /** The summary of the council's standing: each key with its value. */
  async standing(): Promise<Record<string, string>> {
    const rows = this.page.locator('#result ~ div .govuk-summary-list__row')
    const out: Record<string, string> = {}
    for (let i = 0; i < (await rows.count()); i++) {
      const key = ((await rows.nth(i).locator('.govuk-summary-list__key').innerText()) ?? '').trim()
      out[key] = ((await rows.nth(i).locator('.govuk-summary-list__value').innerText()) ?? '').replace(/\s+/g, ' ').trim()
    }
    return out
  }
}

export class NeighbourSuppliersPage extends BasePage {
  readonly heading = 'Who supplies my neighbours'
}

export class CostOutcomePage extends BasePage {
  readonly heading = 'Cost against outcome'
}

export class BenchmarkReportPage extends BasePage {
  readonly heading: string | RegExp
  constructor(page: BasePage['page'], name: string | RegExp = /.+ against .+/) {
    super(page)
    this.heading = name
  }
}
