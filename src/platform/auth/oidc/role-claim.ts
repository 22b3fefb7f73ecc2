/**
 * From the claim that carries a person's roles to their Catalyst roles (ADR 0042). Pure functions: the council's
 * mapping says which claim values give which role; the provider is the source of the values, the council's
 * administrator of their meaning.
 */
import type { Role } from '../roles.ts'

/**
 * The roles a provider can give: the council's staff roles. A provider's or partner's role names the organisation
 * the person speaks for, which a claim value cannot say, so those are given in Catalyst.
 */
export const MAPPABLE_ROLES = ['admin', 'commissioner', 'finance', 'councillor', 'moderator'] as const satisfies readonly Role[]
export type MappableRole = (typeof MAPPABLE_ROLES)[number]

export type RoleMapping = Partial<Record<MappableRole, string[]>>

/**
 * The values of the roles claim. Entra ID sends app roles as an array of strings ("roles": ["Catalyst.Admin"]);
 * some providers send one string, or a space-separated list. A dotted claim name ("realm_access.roles") is read
 * as a path into nested objects, as Keycloak lays them out.
 */
export function claimValues(claims: Record<string, unknown>, claimName: string): string[] {
  let value: unknown = claims[claimName]
  if (value === undefined && claimName.includes('.')) {
    value = claimName.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims)
  }
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean)
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '')
  return []
}

/** The Catalyst roles the values give, in the order of MAPPABLE_ROLES. Values are compared exactly, as Entra does. */
export function mappedRoles(values: readonly string[], mapping: RoleMapping): MappableRole[] {
  const held = new Set(values)
  return MAPPABLE_ROLES.filter((role) => (mapping[role] ?? []).some((value) => held.has(value)))
}

/** The roles the mapping speaks for: only these are added or taken away at sign-in; others are left as given. */
export function governedRoles(mapping: RoleMapping): MappableRole[] {
  return MAPPABLE_ROLES.filter((role) => (mapping[role] ?? []).length > 0)
}
