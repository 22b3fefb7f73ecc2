/**
 * Who a reminder goes to: people with an account in the council, never an address typed into a record. A disabled
 * account gets nothing. Both read the council from the sweep, so a council's reminders reach only its own people.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { grantsFor } from '../auth/access-settings.ts'
import { can, ROLES, type Permission, type Role } from '../auth/roles.ts'
import { memberships, users } from '../auth/schema.ts'
import type { Executor } from '../db/database.ts'

/** The email addresses of a provider's users in this council (the provider's contacts), by provider id. */
export async function providerContacts(db: Executor, councilId: string, providerIds: string[]): Promise<Map<string, string[]>> {
  const byProvider = new Map<string, string[]>()
  if (providerIds.length === 0) return byProvider
  const rows = await db
    .select({ providerId: memberships.providerId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.councilId, councilId), eq(memberships.role, 'provider'), inArray(memberships.providerId, providerIds), eq(users.disabled, false)))
  for (const row of rows) {
    if (!row.providerId) continue
    byProvider.set(row.providerId, [...(byProvider.get(row.providerId) ?? []), row.email])
  }
  return byProvider
}

/** The email addresses of the council's users whose role grants this permission. */
export async function councilUsersWith(db: Executor, councilId: string, permission: Permission): Promise<string[]> {
  // A council's access settings can give a role more (ADR 0062), so each role is asked with this council's grants.
  const roles: Role[] = []
  for (const role of ROLES) if (can({ role, granted: await grantsFor(db, councilId, role) }, permission)) roles.push(role)
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.councilId, councilId), inArray(memberships.role, roles), eq(users.disabled, false)))
  return rows.map((row) => row.email).sort()
}
