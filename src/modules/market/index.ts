/** The market: providers by service and area, concentration, dependency, capacity and market position statements. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerCapacityRoutes } from './routes-capacity.ts'
import { registerStatementRoutes } from './routes-statements.ts'
import { registerMarketRoutes } from './routes.ts'

export const marketModule: CatalystModule = {
  name: 'market',
  navigation: [{ text: 'Market', href: paths.market.view.href(), permission: 'market:read', activeWhen: '/market' }],
  register(app, context) {
    registerMarketRoutes(app, context)
    registerStatementRoutes(app, context)
    registerCapacityRoutes(app, context)
  },
}
