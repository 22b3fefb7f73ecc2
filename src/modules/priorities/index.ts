/** Community priorities and participatory budgeting: rounds of ideas, review, voting, results and delivery. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { prioritiesAttention } from './attention.ts'
import { seedDemoRounds } from './demo.ts'
import { registerPriorityRoutes } from './routes.ts'
import { registerPriorityApi } from './api.ts'
import { prioritiesOpenApi } from './api-docs.ts'

export const prioritiesModule: CatalystModule = {
  name: 'priorities',
  stage: 'plan',
  navigation: [{ text: 'Priorities', href: paths.priorities.list.href(), permission: 'priorities:manage', activeWhen: '/priorities' }],
  attention: [prioritiesAttention],
  demo: { seed: seedDemoRounds },
  openApi: prioritiesOpenApi,
  register(app, context) {
    registerPriorityRoutes(app, context)
    registerPriorityApi(app, context)
  },
}
