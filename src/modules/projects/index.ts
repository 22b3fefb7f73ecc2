/** Commissioning projects: from residents' needs to a way of meeting them, with an options appraisal and route advice. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerProjectApi } from './api.ts'
import { projectsOpenApi } from './api-docs.ts'
import { projectsAttention } from './attention.ts'
import { seedDemoProjects } from './demo.ts'
import { projectsSearch } from './search.ts'
import { registerProjectRoutes } from './routes.ts'

export const projectsModule: CatalystModule = {
  name: 'projects',
  stage: 'plan',
  navigation: [{ text: 'Projects', href: paths.projects.list.href(), permission: 'projects:read', activeWhen: '/projects' }],
  attention: [projectsAttention],
  search: [projectsSearch],
  // A demo project is linked to the registers' home care contract.
  demo: { seed: seedDemoProjects, after: ['contracts'] },
  openApi: projectsOpenApi,
  register(app, context) {
    registerProjectRoutes(app, context)
    registerProjectApi(app, context)
  },
}
