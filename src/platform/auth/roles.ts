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

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['providers:read', 'providers:write', 'audit:read', 'users:manage', 'api:use'],
  commissioner: ['providers:read', 'providers:write', 'api:use'],
  finance: ['providers:read', 'providers:write', 'api:use'],
  councillor: ['providers:read', 'audit:read', 'api:use'],
  moderator: ['providers:read'],
  provider: ['providers:read-own', 'providers:write-own', 'api:use'],
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission)
}
