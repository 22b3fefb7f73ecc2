/** Scrutiny and the decision trail: wards, executive decisions, the forward plan, call-in (ADR 0036). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { scrutinyReminders } from './reminders.ts'
import { callInAttention, councillorAttention, officerScrutinyAttention, outcomeAttention } from './attention.ts'
import { seedDemoScrutiny } from './demo.ts'
import { registerScrutinyRoutes } from './routes.ts'
import { decisionsSearch } from './search.ts'

export const scrutinyModule: CatalystModule = {
  name: 'scrutiny',
  stage: 'review',
  navigation: [
    { text: 'Decisions', href: paths.decisions.list.href(), permission: 'decisions:read', activeWhen: '/decisions' },
    { text: 'Wards', href: paths.wards.list.href(), permission: 'decisions:read', activeWhen: '/wards' },
    { text: 'Committees', href: paths.committees.list.href(), permission: 'decisions:read', activeWhen: '/committees' },
    { text: 'Recommendations', href: paths.recommendations.list.href(), permission: 'decisions:read', activeWhen: '/recommendations' },
    { text: 'Questions', href: paths.questions.list.href(), permission: 'decisions:read', activeWhen: '/questions' },
    { text: 'Audit trail', href: paths.auditTrail.href(), permission: 'audit:read', activeWhen: '/audit-trail' },
  ],
  settings: [
    {
      title: 'Scrutiny',
      description: 'The key decision threshold, the call-in period in working days, the response period for scrutiny recommendations, the time to answer a councillor’s question, and bank holidays.',
      href: paths.decisions.settings.href(),
    },
  ],
  attention: [callInAttention, outcomeAttention, officerScrutinyAttention, councillorAttention],
  search: [decisionsSearch],
  reminders: scrutinyReminders,
  demo: { seed: seedDemoScrutiny, after: ['projects', 'contracts'] },
  register: registerScrutinyRoutes,
}
