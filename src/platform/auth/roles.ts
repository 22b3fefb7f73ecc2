/**
 * Roles a user can hold in a council, and what each may do. Every route states the permission it needs;
 * this table is the one place that decides who has it.
 */
export const ROLES = ['admin', 'commissioner', 'finance', 'councillor', 'provider', 'moderator'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  commissioner: 'Commissioner',
  finance: 'Procurement or finance officer',
  councillor: 'Councillor',
  provider: 'Provider',
  moderator: 'Moderator',
}

export type Permission =
  | 'providers:read'
  | 'providers:write'
  | 'providers:read-own'
  | 'providers:write-own'
  | 'audit:read'
  | 'users:manage'
  | 'api:use'
  | 'settings:manage'
  | 'registers:read'
  | 'registers:write'
  | 'spend:read'
  | 'spend:import'
  | 'projects:read'
  | 'projects:write'
  | 'stories:moderate'
  | 'stories:read-council'
  | 'stories:respond-own'
  | 'stories:record-change'
  | 'priorities:manage'
  | 'risk:read'
  | 'risk:assess'
  | 'risk:evidence-own'
  | 'market:read'
  | 'market:write'
  | 'red-flags:read'
  | 'red-flags:dismiss'
  /** The council's forward pipeline of opportunities (processes not yet awarded): staff and providers. */
  | 'opportunities:read'
  /** Grant rounds: read them (staff), run them (publish, decide), score applications, and apply for the provider. */
  | 'grant-rounds:read'
  | 'grant-rounds:manage'
  | 'grant-rounds:assess'
  | 'grant-rounds:apply-own'

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'providers:read', 'providers:write', 'audit:read', 'users:manage', 'api:use', 'settings:manage',
    'registers:read', 'registers:write', 'spend:read', 'spend:import', 'projects:read', 'projects:write',
    'stories:moderate', 'stories:read-council', 'priorities:manage', 'stories:record-change',
    'risk:read', 'risk:assess', 'market:read', 'market:write', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read',
    'grant-rounds:read', 'grant-rounds:manage', 'grant-rounds:assess',
  ],
  commissioner: [
    'providers:read', 'providers:write', 'api:use', 'registers:read', 'registers:write', 'spend:read',
    'projects:read', 'projects:write', 'stories:read-council', 'priorities:manage', 'stories:record-change',
    'risk:read', 'risk:assess', 'market:read', 'market:write', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read',
    'grant-rounds:read', 'grant-rounds:manage', 'grant-rounds:assess',
  ],
  finance: [
    'providers:read', 'providers:write', 'api:use', 'registers:read', 'registers:write', 'spend:read', 'spend:import',
    'projects:read', 'risk:read', 'risk:assess', 'market:read', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read',
    'grant-rounds:read', 'grant-rounds:assess',
  ],
  councillor: [
    'providers:read', 'audit:read', 'api:use', 'registers:read', 'spend:read', 'projects:read', 'stories:read-council',
    'risk:read', 'market:read', 'red-flags:read',
    'opportunities:read',
    'grant-rounds:read',
  ],
  moderator: ['providers:read', 'stories:moderate'],
  provider: ['providers:read-own', 'providers:write-own', 'api:use', 'stories:respond-own', 'risk:evidence-own', 'opportunities:read',
    'grant-rounds:apply-own'],
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission)
}
