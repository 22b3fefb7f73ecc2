/** Spend analysis: import the council's published spend files and see where its money goes. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerSpendApi } from './api.ts'
import { spendOpenApi } from './api-docs.ts'
import { spendAttention } from './attention.ts'
import { seedDemoSpend } from './demo.ts'
import { payeesSearch } from './search.ts'
import { registerAnalysisRoutes } from './routes-analysis.ts'
import { registerCategoryRoutes } from './routes-categories.ts'
import { registerImportRoutes } from './routes-imports.ts'
import { registerReviewRoutes } from './routes-review.ts'
import { registerSettingsRoutes } from './routes-settings.ts'

export const spendModule: CatalystModule = {
  name: 'spend',
  stage: 'analyse',
  navigation: [{ text: 'Spend', href: paths.spend.overview.href(), permission: 'spend:read', activeWhen: '/spend' }],
  settings: [
    {
      title: 'Spend analysis',
      description: 'The dependency share, the no-contract threshold and how alike two payee names must be to be suggested as one.',
      href: paths.spend.settings.href(),
    },
    {
      title: 'Spend categories',
      description: 'Count the categories the spend files spell differently as one, so the figures by category show them as one line.',
      href: paths.spend.categories.href(),
      permission: 'spend:import',
    },
    {
      title: 'The council’s area',
      description: 'The postcode districts that count as local when spend with local organisations is measured.',
      href: paths.settings.area.href(),
    },
  ],
  attention: [spendAttention],
  search: [payeesSearch],
  demo: { seed: seedDemoSpend },
  openApi: spendOpenApi,
  register(app, context) {
    registerSpendApi(app, context)
    registerAnalysisRoutes(app, context)
    registerImportRoutes(app, context)
    registerReviewRoutes(app, context)
    registerSettingsRoutes(app, context)
    registerCategoryRoutes(app, context)
  },
}
