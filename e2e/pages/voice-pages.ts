/** Page objects for stories (tell, confirm, moderate, answer, read) and priorities (rounds, ideas, voting, results). */
import type { Page } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class TellStoryPage extends BasePage {
  readonly heading = 'Tell your story about a service'

  async tell(input: { provider: string; title: string; body: string; overall: string; ward: string; email: string }): Promise<void> {
    await this.page.locator('#providerId').selectOption({ label: input.provider })
    await this.page.locator('#title').fill(input.title)
    await this.page.locator('#body').fill(input.body)
    await this.page.getByText('Rate the service (optional)').click()
    await this.page.locator(`input[name="ratingOverall"][value="${input.overall}"]`).check()
    await this.page.locator('#ward').fill(input.ward)
    await this.page.locator('#email').fill(input.email)
    await this.page.getByRole('button', { name: 'Send your story' }).click()
  }
}

export class StorySentPage extends BasePage {
  readonly heading = 'Check your email to confirm your story'
}

export class ConfirmStoryPage extends BasePage {
  readonly heading = 'Confirm your story'
  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Confirm my story' }).click()
  }
}

export class StoryConfirmedPage extends BasePage {
  readonly heading = 'Your story has been sent to the moderators'
}

export class ModerationQueuePage extends BasePage {
  readonly heading = 'Stories to moderate'
  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click()
  }
}

export class ModerateStoryPage extends BasePage {
  constructor(page: Page, readonly heading: string | RegExp) {
    super(page)
  }
  async decide(decision: 'publish' | 'request-edit' | 'reject', note = ''): Promise<void> {
    await this.page.locator(`input[name="decision"][value="${decision}"]`).check()
    if (note) await this.page.locator('#note').fill(note)
    await this.page.getByRole('button', { name: 'Save decision' }).click()
  }
  highlighted() {
    return this.page.locator('mark.catalyst-personal-data')
  }
}

export class ProviderStoriesPage extends BasePage {
  readonly heading = 'Stories about your services'
  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click()
  }
}

export class RespondPage extends BasePage {
  constructor(page: Page, readonly heading: string) {
    super(page)
  }
  async answer(text: string): Promise<void> {
    await this.page.locator('#body').fill(text)
    await this.page.getByRole('button', { name: 'Publish response' }).click()
  }
  async publishNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Publish the story now' }).click()
  }
}

export class StoriesListPage extends BasePage {
  readonly heading = 'Stories about local services'
}

export class StoryPage extends BasePage {
  constructor(page: Page, readonly heading: string) {
    super(page)
  }
}

export class PrioritiesPage extends BasePage {
  readonly heading = 'Community priorities'
}

export class NewRoundPage extends BasePage {
  readonly heading = 'Start a round'
  async start(input: { title: string; description: string; method: 'approval' | 'budget'; budget: string }): Promise<void> {
    await this.page.locator('#title').fill(input.title)
    await this.page.locator('#description').fill(input.description)
    await this.page.locator(`input[name="votingMethod"][value="${input.method}"]`).check()
    await this.page.locator('#budget').fill(input.budget)
    await this.page.getByRole('button', { name: 'Start the round' }).click()
  }
}

export class ManageRoundPage extends BasePage {
  readonly heading: RegExp = /^Run the round: /
  async moveOn(to: string): Promise<void> {
    await this.page.getByLabel(`I want to move the round to ${to}`).check()
    await this.page.getByRole('button', { name: `Move to ${to}` }).click()
  }
  async review(title: string, cost: string): Promise<void> {
    const form = this.page.locator('form').filter({ has: this.page.getByLabel(`Cost of “${title}”`) })
    await form.getByLabel('Yes').check()
    await form.getByLabel(`Cost of “${title}”`).fill(cost)
    await form.getByRole('button', { name: 'Save review' }).click()
  }
}

export class RoundPage extends BasePage {
  constructor(page: Page, readonly heading: string) {
    super(page)
  }
}

export class ProposeIdeaPage extends BasePage {
  readonly heading = 'Propose an idea'
  async propose(title: string, description: string, email: string): Promise<void> {
    await this.page.locator('#title').fill(title)
    await this.page.locator('#description').fill(description)
    await this.page.locator('#email').fill(email)
    await this.page.getByRole('button', { name: 'Send your idea' }).click()
  }
}

export class MessagePage extends BasePage {
  constructor(page: Page, readonly heading: string) {
    super(page)
  }
}

export class ConfirmPage extends BasePage {
  constructor(page: Page, readonly heading: 'Confirm your idea' | 'Confirm your vote') {
    super(page)
  }
  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Confirm', exact: true }).click()
  }
}

export class VotePage extends BasePage {
  readonly heading: RegExp = /^Vote: /
  async vote(ideas: string[], email: string, postcode: string): Promise<void> {
    for (const idea of ideas) await this.page.getByLabel(new RegExp(`${idea} – £`)).check()
    await this.page.locator('#email').fill(email)
    await this.page.locator('#postcode').fill(postcode)
    await this.page.getByRole('button', { name: 'Send my vote' }).click()
  }
}

export class ResultsPage extends BasePage {
  readonly heading: RegExp = /^Results: /
}
