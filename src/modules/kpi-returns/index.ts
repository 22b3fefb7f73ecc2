/**
 * KPI returns (ADR 0047): providers send a quarterly figure for each KPI of their contracts; contract managers accept
 * or query it; late returns reach the manager's home page. Review stage, beside performance assessments.
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { kpiReturnReminders } from './reminders.ts'
import { kpiReturnsAttention } from './attention.ts'
import { seedKpiReturnsDemo } from './demo.ts'
import { registerKpiReturnRoutes } from './routes.ts'
import { registerKpiReturnApi } from './api.ts'
import { kpiReturnsOpenApi } from './api-docs.ts'

export const kpiReturnsModule: CatalystModule = {
  name: 'kpi-returns',
  stage: 'review',
  navigation: [
    { text: 'KPI returns', href: paths.kpiReturns.list.href(), permission: 'registers:read', activeWhen: '/kpi-returns' },
    { text: 'Your returns', href: paths.kpiReturns.list.href(), permission: 'kpi-returns:submit-own', activeWhen: '/kpi-returns' },
  ],
  attention: kpiReturnsAttention,
  reminders: [kpiReturnReminders],
  // Returns are sent against the registers' demo contracts and their KPIs.
  demo: { seed: seedKpiReturnsDemo, after: ['contracts'] },
  openApi: kpiReturnsOpenApi,
  register(app, context) {
    registerKpiReturnRoutes(app, context)
    registerKpiReturnApi(app, context)
  },
}
