/** Page objects for financial standing: a provider's page, a year of figures, a new assessment, its result, the naive-rule report. */
import type { Locator } from 'playwright-core'
import { BasePage } from './base-page.ts'

/** GOV.UK's button component renders a link with the button role when it has an href. */
function buttonOrLink(page: BasePage['page'], name: string): Locator {
  return page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).first()
}

export class RiskProviderPage extends BasePage {
  readonly heading = 'Financial standing'

  async addYearOfFigures(): Promise<void> {
    await buttonOrLink(this.page, 'Add a year of figures').click()
  }

  async assessForAContract(): Promise<void> {
    await buttonOrLink(this.page, 'Assess for a contract').click()
  }
}

export interface FiguresInput {
  periodEnd: [string, string, string]
  tradingSince: [string, string, string]
  /** Pounds by field name (turnoverPence, operatingProfitPence, ...), with the evidence for each. */
  figures: Record<string, [string, string]>
  auditRequired: 'yes' | 'no' | 'unknown'
}

export class FiguresFormPage extends BasePage {
  readonly heading = 'Add a year of figures'

  async fill(input: FiguresInput): Promise<void> {
    const p = this.page
    for (const [name, [day, month, year]] of [['periodEnd', input.periodEnd], ['tradingSince', input.tradingSince]] as const) {
      await p.locator(`#${name}-day`).fill(day)
      await p.locator(`#${name}-month`).fill(month)
      await p.locator(`#${name}-year`).fill(year)
    }
    for (const [field, [amount, evidence]] of Object.entries(input.figures)) {
      await p.locator(`#${field}`).fill(amount)
      await p.locator(`#evidence-${field}`).fill(evidence)
    }
    await p.locator(`input[name="auditRequired"][value="${input.auditRequired}"]`).check()
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save figures', exact: true }).click()
  }
}

export class NewAssessmentPage extends BasePage {
  readonly heading = 'Assess financial standing for a contract'

  async proposedContract(title: string, annualValuePounds: string): Promise<void> {
    await this.page.getByLabel('A proposed contract', { exact: true }).check()
    await this.page.locator('#proposedTitle').fill(title)
    await this.page.locator('#proposedAnnualValue').fill(annualValuePounds)
  }

  async tick(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check()
  }

  async assess(): Promise<void> {
    await this.page.getByRole('button', { name: 'Assess', exact: true }).click()
  }
}

export class AssessmentPage extends BasePage {
  readonly heading = /^Financial standing for /

  get main(): Locator {
    return this.page.locator('main')
  }

  async tickMitigation(name: string): Promise<void> {
    await this.page.getByLabel(name, { exact: true }).check()
  }

  async decide(decision: string, reason: string): Promise<void> {
    await this.page.getByLabel(decision, { exact: true }).check()
    await this.page.getByLabel('Reason for the decision').fill(reason)
    await this.page.getByRole('button', { name: 'Save', exact: true }).click()
  }
}

export class NaiveRuleReportPage extends BasePage {
  readonly heading = 'What the naive turnover rule would do'
}
