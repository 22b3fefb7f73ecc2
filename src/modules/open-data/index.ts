/** Public open data: the registers' files under /open-data/ and the "Who delivers our services" page. */
import type { CatalystModule } from '../../platform/modules.ts'
import { registerOpenDataRoutes } from './routes.ts'

export const openDataModule: CatalystModule = {
  name: 'open-data',
  register(app, context) {
    registerOpenDataRoutes(app, context)
  },
}
