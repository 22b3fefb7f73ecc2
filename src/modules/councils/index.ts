/** Councils: English local authorities with their codes, abolitions and successors. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerCouncilRoutes } from './routes.ts'

export const councilsModule: CatalystModule = {
  name: 'councils',
  navigation: [{ text: 'Councils', href: paths.councils.list.href(), activeWhen: '/councils' }],
  register: registerCouncilRoutes,
}
