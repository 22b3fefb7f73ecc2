/** Red flags: rules in code over the registers and spend, with the evidence for each flag and an officer's dismissal. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { redFlagsAttention } from './attention.ts'
import { seedRedFlagsDemo } from './demo.ts'
import { registerRedFlagApi } from './api.ts'
import { redFlagsOpenApi } from './api-docs.ts'
import { registerRedFlagRoutes } from './routes.ts'
import { registerRedFlagSettingsRoutes } from './routes-settings.ts'

export const redFlagsModule: CatalystModule = {
  name: 'red-flags',
  stage: 'review',
  navigation: [{ text: 'Red flags', href: paths.redFlags.list.href(), permission: 'red-flags:read', activeWhen: '/red-flags' }],
  settings: [
    {
      title: 'Red flag thresholds',
      description: 'The levels at which contracts, spend and suppliers raise a red flag, each with its default explained.',
      href: paths.redFlags.settings.href(),
    },
  ],
  attention: [redFlagsAttention],
  // Its flags build on the registers' contracts, the spend demo's payments and the suppliers' figures.
  demo: { seed: seedRedFlagsDemo, after: ['contracts', 'spend', 'risk'] },
  openApi: redFlagsOpenApi,
  register(app, context) {
    registerRedFlagRoutes(app, context)
    registerRedFlagApi(app, context)
    registerRedFlagSettingsRoutes(app, context)
  },
}
