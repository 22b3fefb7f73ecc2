/** Proportionate financial standing: a provider's figures, events and assessments, the naive-rule report, the thresholds. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { riskAttention } from './attention.ts'
import { seedRiskDemo } from './demo.ts'
import { registerAssessmentRoutes } from './routes-assessments.ts'
import { registerCouncilRiskRoutes } from './routes-council.ts'
import { registerProviderRiskRoutes } from './routes-provider.ts'
import { registerRiskApi } from './api.ts'
import { riskOpenApi } from './api-docs.ts'

export const riskModule: CatalystModule = {
  name: 'risk',
  stage: 'plan',
  navigation: [{ text: 'Supplier risk', href: paths.risk.naiveRuleReport.href(), permission: 'risk:read', activeWhen: '/risk' }],
  settings: [
    {
      title: 'Supplier risk thresholds',
      description: 'The financial standing measures’ thresholds for each tier of contract, and the tier a contract suggests.',
      href: paths.risk.settings.href(),
    },
  ],
  attention: riskAttention,
  // Assessments are made for the registers' contracts.
  demo: { seed: seedRiskDemo, after: ['contracts'] },
  openApi: riskOpenApi,
  register(app, context) {
    registerProviderRiskRoutes(app, context)
    registerAssessmentRoutes(app, context)
    registerCouncilRiskRoutes(app, context)
    registerRiskApi(app, context)
  },
}
