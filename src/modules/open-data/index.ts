/** Public open data: the registers' files under /open-data/ and the "Who delivers our services" page. */
import type { CatalystModule } from '../../platform/modules.ts'
import { openDataOpenApi } from './api-docs.ts'
import { registerOpenDataRoutes } from './routes.ts'

export const openDataModule: CatalystModule = {
  name: 'open-data',
  stage: 'review',
  openApi: openDataOpenApi,
  register(app, context) {
    registerOpenDataRoutes(app, context)
  },
}
