/** Proportionate financial standing: a provider's figures, events and assessments, the naive-rule report, the thresholds. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerAssessmentRoutes } from './routes-assessments.ts'
import { registerCouncilRiskRoutes } from './routes-council.ts'
import { registerProviderRiskRoutes } from './routes-provider.ts'

export const riskModule: CatalystModule = {
  name: 'risk',
  navigation: [{ text: 'Supplier risk', href: paths.risk.naiveRuleReport.href(), permission: 'risk:read', activeWhen: '/risk' }],
  register(app, context) {
    registerProviderRiskRoutes(app, context)
    registerAssessmentRoutes(app, context)
    registerCouncilRiskRoutes(app, context)
  },
}
