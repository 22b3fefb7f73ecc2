/**
 * Signing in with a council's own OpenID Connect provider (ADR 0042): its settings page in the settings hub and its
 * routes. The sign-in page offers the providers councils have switched on; signing out ends the provider's session too.
 */
import type { CatalystModule } from '../../modules.ts'
import { paths } from '../../../paths.ts'
import { registerIdentityProviderRoutes } from './routes.ts'

export const identityProviderModule: CatalystModule = {
  name: 'identity-provider',
  settings: [
    {
      title: 'Sign in with your council’s accounts',
      description: 'Let staff sign in with their council accounts through its OpenID Connect provider (such as Microsoft Entra ID), and say which of its roles give which Catalyst role.',
      href: paths.settings.identityProvider.href(),
    },
  ],
  register: registerIdentityProviderRoutes,
}
