/** User administration: an administrator adds people to their council, and gives and removes roles. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerAdminRoutes } from './routes.ts'

export const adminModule: CatalystModule = {
  name: 'admin',
  navigation: [{ text: 'People', href: paths.admin.users.href(), permission: 'users:manage', activeWhen: '/admin' }],
  register: registerAdminRoutes,
}
