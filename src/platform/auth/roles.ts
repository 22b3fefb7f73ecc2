/**
 * Roles a user can hold in a council, and what each may do. Every route states the permission it needs;
 * this table is the one place that decides who has it.
 */
export const ROLES = ['admin', 'commissioner', 'finance', 'councillor', 'provider', 'moderator', 'partner'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  commissioner: 'Commissioner',
  finance: 'Procurement or finance officer',
  councillor: 'Councillor',
  provider: 'Provider',
  moderator: 'Moderator',
  partner: 'Pooled fund partner',
}

/**
 * The roles a council's administrator gives from the users page. A partner's role is given from a pooled fund's page,
 * because it needs the partner organisation the person speaks for (ADR 0039).
 */
export const COUNCIL_ROLES = ROLES.filter((role): role is Exclude<Role, 'partner'> => role !== 'partner')

export type Permission =
  | 'providers:read'
  | 'providers:write'
  | 'providers:read-own'
  | 'providers:write-own'
  /** The council's private notes on a provider's record (moderators only when the council allows it: ADR 0062). */
  | 'providers:read-notes'
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
  /** Executive decisions, the forward plan's notice, call-ins and wards' pictures (scrutiny). */
  | 'decisions:read'
  | 'decisions:write'
  /** Calling in a published decision: councillors. */
  | 'decisions:call-in'
  /** Social value: commitments, returns, SROI and LM3 (read); commitments, verification and SROI models (manage). */
  | 'social-value:read'
  | 'social-value:manage'
  /** A provider's own social value returns and LM3 survey. */
  | 'social-value:report-own'
  /** Pooled funds with NHS partners (s.75, Better Care Fund): every fund the council records. */
  | 'pooled-funds:read'
  | 'pooled-funds:write'
  /** A partner organisation's user: only the pooled funds their organisation is a party to (ADR 0039). */
  | 'pooled-funds:read-own'
  /** Grant rounds: read them (staff), run them (publish, decide), score applications, and apply for the provider. */
  | 'grant-rounds:read'
  | 'grant-rounds:manage'
  | 'grant-rounds:assess'
  | 'grant-rounds:apply-own'
  /** A provider's own KPI returns on its contracts (ADR 0047); staff read and decide them with registers:read and write. */
  | 'kpi-returns:submit-own'
  /** A provider's own interest and answers in the council's preliminary market engagement (ADR 0053); staff read with market:read and run it with market:write. */
  | 'market-engagement:respond-own'

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'providers:read', 'providers:write', 'providers:read-notes', 'audit:read', 'users:manage', 'api:use', 'settings:manage',
    'registers:read', 'registers:write', 'spend:read', 'spend:import', 'projects:read', 'projects:write',
    'stories:moderate', 'stories:read-council', 'priorities:manage', 'stories:record-change',
    'risk:read', 'risk:assess', 'market:read', 'market:write', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read', 'pooled-funds:read', 'pooled-funds:write',
    'decisions:read', 'decisions:write',
    'social-value:read', 'social-value:manage',
    'grant-rounds:read', 'grant-rounds:manage', 'grant-rounds:assess',
  ],
  commissioner: [
    'providers:read', 'providers:write', 'providers:read-notes', 'api:use', 'registers:read', 'registers:write', 'spend:read',
    'projects:read', 'projects:write', 'stories:read-council', 'priorities:manage', 'stories:record-change',
    'risk:read', 'risk:assess', 'market:read', 'market:write', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read', 'pooled-funds:read', 'pooled-funds:write',
    'decisions:read', 'decisions:write',
    'social-value:read', 'social-value:manage',
    'grant-rounds:read', 'grant-rounds:manage', 'grant-rounds:assess',
  ],
  finance: [
    'providers:read', 'providers:write', 'providers:read-notes', 'api:use', 'registers:read', 'registers:write', 'spend:read', 'spend:import',
    'projects:read', 'risk:read', 'risk:assess', 'market:read', 'red-flags:read', 'red-flags:dismiss',
    'opportunities:read', 'pooled-funds:read', 'pooled-funds:write',
    'decisions:read',
    'social-value:read', 'social-value:manage',
    'grant-rounds:read', 'grant-rounds:assess',
  ],
  // Supplier risk assessments and the audit log only when the council's settings give them (ADR 0062).
  councillor: [
    'providers:read', 'providers:read-notes', 'api:use', 'registers:read', 'spend:read', 'projects:read', 'stories:read-council',
    'market:read', 'red-flags:read',
    'opportunities:read', 'pooled-funds:read',
    'decisions:read', 'decisions:call-in',
    'grant-rounds:read',
    'social-value:read',
  ],
  // Providers' private notes only when the council's settings give them (ADR 0062).
  moderator: ['providers:read', 'stories:moderate'],
  provider: ['providers:read-own', 'providers:write-own', 'api:use', 'stories:respond-own', 'risk:evidence-own', 'opportunities:read', 'social-value:report-own',
    'grant-rounds:apply-own', 'kpi-returns:submit-own', 'market-engagement:respond-own'],
  // A partner organisation's user (an ICB's finance lead, say) sees the pooled funds their organisation is a party
  // to and nothing else of the council: no registers, spend, projects or people.
  partner: ['pooled-funds:read-own'],
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/**
 * Who is asking: a role, and what the council's own settings add to it (ADR 0062). A principal is a subject; so is
 * `{ role }` where only the role is known, which gets the role's cautious default and nothing more.
 */
export interface Subject {
  role: Role
  /** Permissions the council's settings give this role beyond GRANTS; see access-settings.ts. */
  granted?: readonly Permission[] | undefined
}

export function can(subject: Subject, permission: Permission): boolean {
  return GRANTS[subject.role].includes(permission) || (subject.granted?.includes(permission) ?? false)
}
