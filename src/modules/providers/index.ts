/** The provider register: who can deliver what, where. Pages for council staff and providers, public pages, API. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerProviderApi } from './api.ts'
import { providersOpenApi } from './api-docs.ts'
import { providersSearch } from './search.ts'
import { registerPublicRoutes } from './public-routes.ts'
import { registerProviderRoutes } from './routes.ts'

export { providersOpenApi } from './api-docs.ts'

export const providersModule: CatalystModule = {
  name: 'providers',
  stage: 'analyse',
  navigation: [
    { text: 'Providers', href: paths.providers.list.href(), permission: 'providers:read', activeWhen: '/providers' },
  ],
  search: [providersSearch],
  openApi: providersOpenApi,
  register(app, context) {
    registerProviderRoutes(app, context)
    registerPublicRoutes(app, context)
    registerProviderApi(app, context)
  },
}
