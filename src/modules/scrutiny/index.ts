/** Scrutiny and the decision trail: wards, executive decisions, the forward plan, call-in (ADR 0036). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { callInAttention, outcomeAttention } from './attention.ts'
import { seedDemoScrutiny } from './demo.ts'
import { registerScrutinyRoutes } from './routes.ts'
import { decisionsSearch } from './search.ts'

export const scrutinyModule: CatalystModule = {
  name: 'scrutiny',
  stage: 'review',
  navigation: [
    { text: 'Decisions', href: paths.decisions.list.href(), permission: 'decisions:read', activeWhen: '/decisions' },
    { text: 'Wards', href: paths.wards.list.href(), permission: 'decisions:read', activeWhen: '/wards' },
  ],
  settings: [
    {
      title: 'Scrutiny',
      description: 'The key decision threshold, the call-in period in working days, the response period for scrutiny recommendations, and bank holidays.',
      href: paths.decisions.settings.href(),
    },
  ],
  attention: [callInAttention, outcomeAttention],
  search: [decisionsSearch],
  demo: { seed: seedDemoScrutiny, after: ['projects', 'contracts'] },
  register: registerScrutinyRoutes,
}
