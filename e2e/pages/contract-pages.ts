/** Page objects for the contracts register: the list, the contract form, a contract's record, modifications, the public register. */
import type { Locator } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class ContractsListPage extends BasePage {
  readonly heading = 'Contracts'

  async addContract(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a contract', exact: true }).or(this.page.getByRole('link', { name: 'Add a contract', exact: true })).first().click()
  }
}

export interface NewContractInput {
  reference: string
  title: string
  supplier: string
  totalValuePounds: string
  start: [string, string, string]
  end: [string, string, string]
}

export class NewContractPage extends BasePage {
  readonly heading = 'Add a contract'

  async fill(input: NewContractInput): Promise<void> {
    const p = this.page
    await p.locator('#reference').fill(input.reference)
    await p.locator('#title').fill(input.title)
    await p.locator('#supplier1').selectOption({ label: input.supplier })
    await p.locator('#cpvCodes').fill('85312000')
    await p.locator('input[name="mainCategory"][value="services"]').check()
    await p.locator('input[name="awardProcedure"][value="open"]').check()
    await p.locator('input[name="invitation"][value="invitation-to-tender"]').check()
    await p.locator('#totalValue').fill(input.totalValuePounds)
    await p.locator('input[name="valuesIncludeVat"][value="no"]').check()
    for (const [name, [day, month, year]] of [['startDate', input.start], ['endDate', input.end]] as const) {
      await p.locator(`#${name}-day`).fill(day)
      await p.locator(`#${name}-month`).fill(month)
      await p.locator(`#${name}-year`).fill(year)
    }
    await p.locator('input[name="lightTouch"][value="no"]').check()
    await p.locator('input[name="published"][value="yes"]').check()
  }

  async save(): Promise<void> {
    await this.page.locator('main').getByRole('button', { name: 'Save contract', exact: true }).click()
  }
}

export class ContractRecordPage extends BasePage {
  constructor(page: BasePage['page'], readonly heading: string | RegExp = /\S/) {
    super(page)
  }

  get main(): Locator {
    return this.page.locator('main')
  }

  async addKpi(name: string, target: string): Promise<void> {
    await this.page.locator('#kpiName').fill(name)
    await this.page.locator('#kpiTarget').fill(target)
    await this.main.getByRole('button', { name: 'Add KPI', exact: true }).click()
  }

  async recordAssessment(rating: string, notes: string): Promise<void> {
    await this.page.locator('input[name="rating"]').filter({ has: this.page.locator(':scope') }).first().waitFor()
    await this.page.getByLabel(rating, { exact: true }).check()
    await this.page.locator('#notes').fill(notes)
    await this.main.getByRole('button', { name: 'Record assessment', exact: true }).click()
  }
}

export class ModificationPage extends BasePage {
  readonly heading = 'Record a modification'

  async fill(description: string, newValuePounds: string): Promise<void> {
    await this.page.locator('#description').fill(description)
    await this.page.locator('#newValue').fill(newValuePounds)
  }

  async check(): Promise<void> {
    await this.page.locator('main').getByRole('button', { name: 'Check what the Act says', exact: true }).click()
  }

  async record(): Promise<void> {
    await this.page.locator('main').getByRole('button', { name: 'Record the modification', exact: true }).click()
  }
}

export class WhoDeliversPage extends BasePage {
  readonly heading = 'Who delivers our services'

  async search(fields: { council?: string; supplier?: string; service?: string }): Promise<void> {
    if (fields.council) await this.page.locator('#council').selectOption({ label: fields.council })
    if (fields.supplier) await this.page.locator('#supplier').fill(fields.supplier)
    if (fields.service) await this.page.locator('#service').fill(fields.service)
    await Promise.all([this.page.waitForURL(/who-delivers-our-services\?/), this.page.locator('main').getByRole('button', { name: 'Search', exact: true }).click()])
  }
}

export class ContractsImportPage extends BasePage {
  readonly heading = 'Import contracts or grants'

  async upload(kind: string, name: string, bytes: Buffer, mimeType = 'application/json'): Promise<void> {
    await this.page.getByLabel(kind).check()
    await this.page.locator('#file').setInputFiles({ name, mimeType, buffer: bytes })
    await this.page.getByRole('button', { name: 'Upload and check' }).click()
  }
}

export class ContractsImportPreviewPage extends BasePage {
  readonly heading = 'Check the import'

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Confirm and import' }).click()
  }
}

/** The progress of an OCDS import running as a job (ADR 0058): no automatic refresh, a link to look again. */
export class ContractsImportProgressPage extends BasePage {
  readonly heading: string | RegExp = /^(Importing the file|The file was not imported|Import complete)$/

  async checkAgain(): Promise<void> {
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole('link', { name: 'Check the progress again' }).click()])
  }

  async status(): Promise<string> {
    return ((await this.page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('.govuk-summary-list__value').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }
}
