/** Page objects for looking after a password account: the reset link and the pages around it (ADR 0043). */
import type { Locator } from 'playwright-core'
import { BasePage } from './base-page.ts'

export class PasswordResetRequestPage extends BasePage {
  readonly heading = 'Reset your password'

  async ask(email: string): Promise<void> {
    await this.page.getByLabel('Email address', { exact: true }).fill(email)
    await this.page.getByRole('button', { name: 'Send the link' }).click()
  }
}

export class PasswordResetSentPage extends BasePage {
  readonly heading = 'Check your email'
}

export class ChooseNewPasswordPage extends BasePage {
  readonly heading = 'Choose a new password'

  async choose(password: string): Promise<void> {
    await this.page.getByLabel('New password', { exact: true }).fill(password)
    await this.page.getByRole('button', { name: 'Change password' }).click()
  }
}

export class ResetLinkGonePage extends BasePage {
  readonly heading = 'This password reset link has expired or has been used'
}

export class SignInCodePage extends BasePage {
  readonly heading = 'Enter the code from your authenticator app'
}

export class TwoFactorSetupPage extends BasePage {
  readonly heading = 'Set up two-factor authentication'

  get setupKey(): Locator {
    return this.page.locator('#setup-key')
  }
}
