/** Grant rounds: calls for applications, applications from providers, assessment, decisions and awards (ADR 0040). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { grantRoundsAttention } from './attention.ts'
import { seedGrantRoundsDemo } from './demo.ts'
import { registerGrantRoundRoutes } from './routes.ts'
import { registerGrantRoundSettingsRoutes } from './settings-routes.ts'

export const grantRoundsModule: CatalystModule = {
  name: 'grant-rounds',
  stage: 'do',
  navigation: [
    { text: 'Grant rounds', href: paths.grantRounds.list.href(), permission: 'grant-rounds:read', activeWhen: '/grant-rounds' },
    { text: 'Grants to apply for', href: paths.grantRounds.list.href(), permission: 'grant-rounds:apply-own', activeWhen: '/grant-rounds' },
  ],
  settings: [
    {
      title: 'Grant rounds',
      description: 'Up to what amount applicants use the short form, the income bands that describe an organisation’s size, and how far apart two assessors’ scores may be before moderation.',
      href: paths.grantRounds.settings.href(),
    },
  ],
  attention: grantRoundsAttention,
  demo: { seed: seedGrantRoundsDemo, after: ['contracts'] },
  register(app, context) {
    registerGrantRoundSettingsRoutes(app, context)
    registerGrantRoundRoutes(app, context)
  },
}
