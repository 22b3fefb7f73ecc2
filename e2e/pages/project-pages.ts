/** Page objects for commissioning projects: the list, a project, its options appraisal and report, route advice. */
import { BasePage } from './base-page.ts'

export class ProjectsListPage extends BasePage {
  readonly heading = 'Commissioning projects'

  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click()
  }
}

export class ProjectPage extends BasePage {
  constructor(
    page: BasePage['page'],
    readonly heading: string,
  ) {
    super(page)
  }

  async addNeed(need: string, evidence: string): Promise<void> {
    await this.page.getByLabel('Need', { exact: true }).fill(need)
    await this.page.getByLabel('Evidence (optional)').fill(evidence)
    await this.page.getByRole('button', { name: 'Add need' }).click()
  }

  async recordDecision(decision: string, reason: string): Promise<void> {
    await this.page.getByLabel('What was decided').fill(decision)
    await this.page.getByLabel('Why', { exact: true }).fill(reason)
    await this.page.getByRole('button', { name: 'Record decision' }).click()
  }

  async mainText(): Promise<string> {
    return ((await this.page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ')
  }
}

export class AppraisalPage extends BasePage {
  readonly heading = 'Options appraisal'

  /** The delivery models in ranked order. */
  async ranking(): Promise<string[]> {
    return this.page.locator('#ranking-table tbody th').allInnerTexts()
  }

  /** One cell of the options × criteria matrix, found by the label a screen reader hears. */
  async fillMatrix(option: string, criterion: string, score: number | string): Promise<void> {
    await this.page.getByLabel(`Score for ${criterion} for ${option}`, { exact: true }).fill(String(score))
  }

  async saveMatrix(): Promise<void> {
    await this.page.locator('#score-matrix').locator('xpath=ancestor::form').getByRole('button', { name: 'Save scores' }).click()
  }

  /** The delivery models with a row in the matrix. */
  async matrixOptions(): Promise<string[]> {
    return this.page.locator('#score-matrix tbody th').allInnerTexts()
  }

  async remove(option: string): Promise<void> {
    await this.page.getByRole('link', { name: `Remove ${option}`, exact: true }).click()
  }

  async setWeight(criterion: string, weight: number): Promise<void> {
    await this.page.locator('#weights ~ form').getByLabel(criterion, { exact: true }).fill(String(weight))
  }
}

export class ChooseOptionsPage extends BasePage {
  readonly heading = 'Choose the delivery models to compare'
}

export class RemoveOptionPage extends BasePage {
  readonly heading: RegExp = /^Are you sure you want to remove .+ from the appraisal\?$/
}

export class AppraisalReportPage extends BasePage {
  readonly heading: RegExp = /^Options appraisal: /
}

export class RouteAdvicePage extends BasePage {
  readonly heading = 'Route to market advice'
}
