/** Commissioning projects: from residents' needs to a way of meeting them, with an options appraisal and route advice. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerProjectRoutes } from './routes.ts'

export const projectsModule: CatalystModule = {
  name: 'projects',
  navigation: [{ text: 'Projects', href: paths.projects.list.href(), permission: 'projects:read', activeWhen: '/projects' }],
  register: registerProjectRoutes,
}
