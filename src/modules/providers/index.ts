/** The provider register: who can deliver what, where. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'

export const providersModule: CatalystModule = {
  name: 'providers',
  navigation: [
    { text: 'Providers', href: paths.providers.list.href(), permission: 'providers:read', activeWhen: '/providers' },
  ],
  register() {},
}
