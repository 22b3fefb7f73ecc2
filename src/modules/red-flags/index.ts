/** Red flags: rules in code over the registers and spend, with the evidence for each flag and an officer's dismissal. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerRedFlagRoutes } from './routes.ts'
import { registerRedFlagSettingsRoutes } from './routes-settings.ts'

export const redFlagsModule: CatalystModule = {
  name: 'red-flags',
  navigation: [{ text: 'Red flags', href: paths.redFlags.list.href(), permission: 'red-flags:read', activeWhen: '/red-flags' }],
  register(app, context) {
    registerRedFlagRoutes(app, context)
    registerRedFlagSettingsRoutes(app, context)
  },
}
