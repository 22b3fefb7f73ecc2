/** Spend analysis: import the council's published spend files and see where its money goes. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerAnalysisRoutes } from './routes-analysis.ts'
import { registerImportRoutes } from './routes-imports.ts'
import { registerReviewRoutes } from './routes-review.ts'
import { registerSettingsRoutes } from './routes-settings.ts'

export const spendModule: CatalystModule = {
  name: 'spend',
  navigation: [{ text: 'Spend', href: paths.spend.overview.href(), permission: 'spend:read', activeWhen: '/spend' }],
  register(app, context) {
    registerAnalysisRoutes(app, context)
    registerImportRoutes(app, context)
    registerReviewRoutes(app, context)
    registerSettingsRoutes(app, context)
  },
}
