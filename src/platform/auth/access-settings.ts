/**
 * Who sees what (ADR 0062): the council's choices about records that some roles need only in some councils. Each
 * setting starts at the cautious answer, and the council's administrator opens it up on the settings page; the
 * choice is audited like every other council setting (ADR 0012).
 */
import { z } from 'zod'
import type { Executor } from '../db/database.ts'
import { readSettings, settingsSection } from '../settings/settings.ts'
import type { Permission, Role } from './roles.ts'

export const accessSettings = settingsSection(
  'access',
  z.object({
    /** Moderators read the council's private notes on providers' records. */
    moderatorsReadProviderNotes: z.boolean().default(false),
    /** An officer dismisses a red flag raised on a record they entered or last changed themselves. */
    dismissFlagsOnOwnRecords: z.boolean().default(false),
    /** Councillors see supplier risk assessments: financial standing, events and assessments. */
    councillorsSeeRiskAssessments: z.boolean().default(false),
    /** Councillors see the audit log: the audit trail page and each record's history. */
    councillorsSeeAuditLog: z.boolean().default(false),
  }),
)

export type AccessSettings = z.output<typeof accessSettings.schema>
export type AccessSettingName = keyof AccessSettings

/** What each setting gives, to which role: the only grants that depend on a council's choice. */
const SETTING_GRANTS: { setting: AccessSettingName; role: Role; permission: Permission }[] = [
  { setting: 'moderatorsReadProviderNotes', role: 'moderator', permission: 'providers:read-notes' },
  { setting: 'councillorsSeeRiskAssessments', role: 'councillor', permission: 'risk:read' },
  { setting: 'councillorsSeeAuditLog', role: 'councillor', permission: 'audit:read' },
]

/** The permissions a council's settings add to a role (none for a role no setting mentions). */
export function grantedBySettings(role: Role, settings: AccessSettings): Permission[] {
  return SETTING_GRANTS.filter((g) => g.role === role && settings[g.setting]).map((g) => g.permission)
}

/** Whether any setting can change what this role may do: only then is the council's section worth reading. */
export const settingsCanGrant = (role: Role): boolean => SETTING_GRANTS.some((g) => g.role === role)

/** The permissions the council's settings add for a role, read from the database. */
export async function grantsFor(db: Executor, councilId: string, role: Role): Promise<Permission[]> {
  if (!settingsCanGrant(role)) return []
  return grantedBySettings(role, await readSettings(db, councilId, accessSettings))
}
