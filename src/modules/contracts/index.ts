/** The contracts and grants registers: pages for council staff (the open data is in the open-data module). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerGrantRoutes } from '../grants/routes.ts'
import { registerGrantApi } from '../grants/api.ts'
import { grantsOpenApi } from '../grants/api-docs.ts'
import { registerContractApi } from './api.ts'
import { contractsOpenApi } from './api-docs.ts'
import { contractsAttention } from './attention.ts'
import { seedRegistersDemo } from './demo.ts'
import { contractsSearch, grantsSearch } from './search.ts'
import { registerContractImportRoutes } from './import-routes.ts'
import { registerContractRoutes } from './routes.ts'

export const contractsModule: CatalystModule = {
  name: 'contracts',
  stage: 'do',
  navigation: [
    { text: 'Contracts', href: paths.contracts.list.href(), permission: 'registers:read', activeWhen: '/contracts' },
    { text: 'Grants', href: paths.grants.list.href(), permission: 'registers:read', activeWhen: '/grants' },
  ],
  settings: [
    {
      title: 'Open data identifiers',
      description: 'The OCDS publisher prefix and the 360Giving prefix that the council’s published contracts and grants carry.',
      href: paths.contracts.settings.href(),
    },
  ],
  attention: contractsAttention,
  search: [contractsSearch, grantsSearch],
  demo: { seed: seedRegistersDemo },
  // The register's two APIs, contracts and grants, in one fragment (each its own scope, by the first path segment).
  openApi: {
    paths: { ...contractsOpenApi.paths, ...grantsOpenApi.paths },
    components: { schemas: { ...contractsOpenApi.components.schemas, ...grantsOpenApi.components.schemas } },
  },
  async register(app, context) {
    await registerContractRoutes(app, context)
    registerContractApi(app, context)
    await registerContractImportRoutes(app, context)
    registerGrantRoutes(app, context)
    registerGrantApi(app, context)
  },
}
