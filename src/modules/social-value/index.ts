/**
 * Social and local value (ADR 0038): the council's measures framework (Settings), commitments on contracts and
 * grants with providers' returns and officers' verification (Do), SROI and the Local Multiplier 3 (Review).
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { socialValueReturnReminders } from './reminders.ts'
import { socialValueAttention } from './attention.ts'
import { seedSocialValueDemo } from './demo.ts'
import { registerCommitmentRoutes } from './routes-commitments.ts'
import { registerMeasureRoutes } from './routes-measures.ts'
import { registerReviewRoutes } from './routes-review.ts'

export const socialValueModule: CatalystModule = {
  name: 'social-value',
  stage: 'review',
  navigation: [
    { text: 'Social value', href: paths.socialValue.commitments.href(), permission: 'social-value:read', activeWhen: '/social-value/commitments', stage: 'do' },
    { text: 'SROI', href: paths.socialValue.sroiList.href(), permission: 'social-value:read', activeWhen: '/social-value/sroi' },
    { text: 'Local Multiplier 3', href: paths.socialValue.lm3.href(), permission: 'social-value:read', activeWhen: '/social-value/lm3' },
  ],
  settings: [
    {
      title: 'Social value measures',
      description: 'The council’s own measures of social value by year: themes, outcomes, units, proxy values with their source and licence, and which count as local. Import the framework the council holds a licence for.',
      href: paths.socialValue.measures.href(),
    },
    {
      title: 'Social value settings',
      description: 'The discount rate for SROI (3.5% by default), how far the sensitivity analysis moves each assumption, and when providers are reminded of returns.',
      href: paths.socialValue.settings.href(),
    },
  ],
  attention: socialValueAttention,
  reminders: [socialValueReturnReminders],
  // Commitments and the SROI model are made on the registers' contracts.
  demo: { seed: seedSocialValueDemo, after: ['contracts'] },
  async register(app, context) {
    await registerMeasureRoutes(app, context)
    registerCommitmentRoutes(app, context)
    registerReviewRoutes(app, context)
  },
}
