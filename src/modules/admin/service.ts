/**
 * Administering the people of one council: who has which role, adding a person, removing a role. Every change
 * is audited in the same transaction. Scoped to the administrator's own council throughout.
 */
import { and, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { listMembers } from '../../platform/auth/accounts.ts'
import { invite } from '../../platform/auth/invitations.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import type { Role } from '../../platform/auth/roles.ts'
import { memberships } from '../../platform/auth/schema.ts'
import type { Database } from '../../platform/db/database.ts'
import { normaliseEmail } from '../../platform/auth/service.ts'

export interface Member {
  userId: string
  email: string
  displayName: string
  disabled: boolean
  /** Null for someone who has never signed in. */
  lastSignedInAt: Date | null
  roles: Role[]
}

/** The people with a role in the council, one entry each with all their roles. */
export async function membersOf(db: Database, councilId: string): Promise<Member[]> {
  const rows = await listMembers(db, councilId)
  const byUser = new Map<string, Member>()
  for (const row of rows) {
    const member = byUser.get(row.userId) ?? {
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      disabled: row.disabled,
      lastSignedInAt: row.lastSignedInAt,
      roles: [],
    }
    member.roles.push(row.role as Role)
    byUser.set(row.userId, member)
  }
  return [...byUser.values()]
}

export async function memberOf(db: Database, councilId: string, userId: string): Promise<Member | undefined> {
  return (await membersOf(db, councilId)).find((member) => member.userId === userId)
}

export class AdminError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'AdminError'
  }
}

/**
 * Invites a person to a role in the council. The answer is the same whether or not their email has a Catalyst
 * account elsewhere: nothing about other councils' people is revealed, and no account is given a role until its
 * owner accepts by the emailed link.
 */
export async function invitePerson(
  db: Database,
  input: { councilId: string; councilName: string; email: string; displayName: string; role: Role; providerId?: string | undefined; partnerOrganisationId?: string | undefined },
  context: { actor: Actor; now: Date; notifier: Notifier; link: (token: string) => string },
): Promise<{ invitationId: string }> {
  const email = normaliseEmail(input.email)
  return db.transaction(async (tx) => {
    const existing = (await listMembers(tx, input.councilId)).find((m) => m.email === email && m.role === input.role)
    if (existing) throw new AdminError('role', `${email} already has this role in your council`)
    return invite(tx, { ...input, email }, context)
  })
}

/** Takes a role away. An administrator cannot take away their own admin role (the council could lose its last). */
export async function removeRole(
  db: Database,
  input: { councilId: string; userId: string; role: Role },
  actor: Actor,
  now: Date,
): Promise<void> {
  if (input.role === 'admin' && actor.userId === input.userId) {
    throw new AdminError('role', 'You cannot remove your own administrator role. Ask another administrator to do it')
  }
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(memberships)
      .where(
        and(eq(memberships.councilId, input.councilId), eq(memberships.userId, input.userId), eq(memberships.role, input.role)),
      )
      .returning()
    if (!removed) throw new AdminError('role', 'They do not have that role in your council')
    await recordAudit(tx, {
      actor,
      councilId: input.councilId,
      action: 'revoke-role',
      entityType: 'user',
      entityId: input.userId,
      before: { role: removed.role, providerId: removed.providerId },
      at: now,
    })
  })
}
