/** User administration: an administrator adds people to their council, and gives and removes roles. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerAdminRoutes } from './routes.ts'

export const adminModule: CatalystModule = {
  name: 'admin',
  stage: 'settings',
  navigation: [{ text: 'People', href: paths.admin.users.href(), permission: 'users:manage', activeWhen: '/admin' }],
  settings: [
    { title: 'People', description: 'Add people to the council, give and remove their roles.', href: paths.admin.users.href(), permission: 'users:manage' },
    { title: 'Sign-in security', description: 'Require administrators to use two-factor authentication.', href: paths.admin.security.href(), permission: 'users:manage' },
    { title: 'Who sees what', description: 'Whether moderators read providers’ private notes, councillors see supplier risk and the audit log, and officers dismiss red flags on records they entered.', href: paths.admin.access.href() },
  ],
  register: registerAdminRoutes,
}
