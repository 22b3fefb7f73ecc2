/** The market: providers by service and area, concentration, dependency, capacity and market position statements. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { seedMarketDemo } from './demo.ts'
import { registerCapacityRoutes } from './routes-capacity.ts'
import { registerStatementRoutes } from './routes-statements.ts'
import { registerMarketRoutes } from './routes.ts'
import { registerMarketApi } from './api.ts'
import { marketOpenApi } from './api-docs.ts'

export const marketModule: CatalystModule = {
  name: 'market',
  stage: 'analyse',
  navigation: [{ text: 'Market', href: paths.market.view.href(), permission: 'market:read', activeWhen: '/market' }],
  settings: [
    {
      title: 'Market thresholds',
      description: 'When a supplier’s share of a service, or the council’s share of a supplier’s turnover, counts as dependency.',
      href: paths.market.settings.href(),
    },
  ],
  // The market adds only the figures the risk demo does not, and reads the registers' contracts.
  demo: { seed: seedMarketDemo, after: ['contracts', 'risk'] },
  openApi: marketOpenApi,
  register(app, context) {
    registerMarketRoutes(app, context)
    registerStatementRoutes(app, context)
    registerCapacityRoutes(app, context)
    registerMarketApi(app, context)
  },
}
