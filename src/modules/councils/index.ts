/** Councils: English local authorities with their codes, abolitions and successors. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { seedDemoAreas } from './demo.ts'
import { registerCouncilRoutes } from './routes.ts'

export const councilsModule: CatalystModule = {
  name: 'councils',
  stage: 'analyse',
  navigation: [{ text: 'Councils', href: paths.councils.list.href(), activeWhen: '/councils' }],
  demo: { seed: seedDemoAreas },
  register: registerCouncilRoutes,
}
