/**
 * Preliminary market engagement (ADR 0053): a commissioner asks providers about a pipeline entry before it goes to
 * tender; providers register interest and answer on their own page; the record supports the UK2 notice. Plan stage,
 * beside the pipeline and market position statements.
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { marketEngagementAttention } from './attention.ts'
import { seedMarketEngagementDemo } from './demo.ts'
import { registerMarketEngagementRoutes } from './routes.ts'

export const marketEngagementModule: CatalystModule = {
  name: 'market-engagement',
  stage: 'plan',
  navigation: [
    { text: 'Market engagement', href: paths.marketEngagement.list.href(), permission: 'market:read', activeWhen: '/market-engagement' },
    { text: 'Market engagement', href: paths.marketEngagement.list.href(), permission: 'market-engagement:respond-own', activeWhen: '/market-engagement' },
  ],
  attention: marketEngagementAttention,
  // Engagement opens on pipeline entries, which come from the registers' demo contracts.
  demo: { seed: seedMarketEngagementDemo, after: ['contracts'] },
  register(app, context) {
    registerMarketEngagementRoutes(app, context)
  },
}
