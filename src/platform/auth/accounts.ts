/** Adding people and giving them roles: used by the admin pages, the `catalyst users` command and the demo. */
import { and, asc, eq } from 'drizzle-orm'
import { providers } from '../../modules/providers/schema.ts'
import { recordAudit, type Actor } from '../audit/audit.ts'
import type { Executor } from '../db/database.ts'
import { hashPassword, passwordProblem } from './passwords.ts'
import type { Role } from './roles.ts'
import { memberships, users } from './schema.ts'
import { normaliseEmail } from './service.ts'
import { randomToken } from './tokens.ts'

export class AccountError extends Error {
  constructor(
    readonly field: 'email' | 'password' | 'role' | 'council' | 'provider' | 'partner',
    message: string,
  ) {
    super(message)
    this.name = 'AccountError'
  }
}

export interface NewAccount {
  email: string
  displayName: string
  /** Omitted: a strong random password is generated and returned once. */
  password?: string | undefined
  councilId: string
  role: Role
  providerId?: string | null | undefined
  /** For the partner role: the pooled fund partner organisation the person speaks for. */
  partnerOrganisationId?: string | null | undefined
}

export interface AccountResult {
  userId: string
  membershipId: string
  /** Set only when Catalyst generated the password. */
  generatedPassword?: string
  createdUser: boolean
}

/**
 * Gives a person a role in a council, creating their account if it does not exist. An existing account keeps its
 * password unless `resetPassword` is set.
 */
export async function addAccount(
  tx: Executor,
  input: NewAccount,
  actor: Actor,
  now: Date,
  options: { resetPassword?: boolean } = {},
): Promise<AccountResult> {
  const email = normaliseEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new AccountError('email', 'Enter an email address in the correct format, like name@example.gov.uk')
  }
  const generatedPassword = input.password === undefined ? generatePassword() : undefined
  const password = input.password ?? generatedPassword!
  const problem = passwordProblem(password, email)
  if (problem) throw new AccountError('password', problem)
  if (input.role === 'provider' && !input.providerId) {
    throw new AccountError('provider', 'Choose the provider this person speaks for')
  }
  if (input.role === 'partner' && !input.partnerOrganisationId) {
    throw new AccountError('partner', 'Choose the partner organisation this person speaks for')
  }
  await assertProviderOfCouncil(tx, input.providerId, input.councilId)

  let [user] = await tx.select().from(users).where(eq(users.email, email))
  let createdUser = false
  if (!user) {
    ;[user] = await tx
      .insert(users)
      .values({ email, displayName: input.displayName, passwordHash: await hashPassword(password), createdAt: now, updatedAt: now })
      .returning()
    createdUser = true
    await recordAudit(tx, {
      actor,
      councilId: input.councilId,
      action: 'create',
      entityType: 'user',
      entityId: user!.id,
      after: { email, displayName: input.displayName },
      at: now,
    })
  } else if (options.resetPassword) {
    await tx.update(users).set({ passwordHash: await hashPassword(password), updatedAt: now }).where(eq(users.id, user.id))
    await recordAudit(tx, { actor, councilId: input.councilId, action: 'reset-password', entityType: 'user', entityId: user.id, at: now })
  }
  const userId = user!.id

  const [existing] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.councilId, input.councilId), eq(memberships.role, input.role)))
  let membershipId = existing?.id
  if (!existing) {
    const [membership] = await tx
      .insert(memberships)
      .values({ userId, councilId: input.councilId, role: input.role, providerId: input.providerId ?? null, partnerOrganisationId: input.partnerOrganisationId ?? null, createdAt: now })
      .returning()
    membershipId = membership!.id
    await recordAudit(tx, {
      actor,
      councilId: input.councilId,
      action: 'grant-role',
      entityType: 'user',
      entityId: userId,
      after: { role: input.role, providerId: input.providerId ?? null, ...(input.partnerOrganisationId ? { partnerOrganisationId: input.partnerOrganisationId } : {}) },
      at: now,
    })
  }
  return {
    userId,
    membershipId: membershipId!,
    createdUser,
    ...(generatedPassword && (createdUser || options.resetPassword) ? { generatedPassword } : {}),
  }
}

/** Four random words' worth of entropy in a form that is easy to copy: 20 characters of base64url. */
export function generatePassword(): string {
  return randomToken(15)
}

export async function listMembers(db: Executor, councilId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      membershipId: memberships.id,
      disabled: users.disabled,
      lastSignedInAt: users.lastSignedInAt,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.councilId, councilId))
    .orderBy(asc(users.email), asc(memberships.role))
}

/** A user's membership in a council (the first, admin first), for commands that act as that user. */
export async function membershipFor(db: Executor, email: string, councilId?: string) {
  const rows = await db
    .select({ membershipId: memberships.id, councilId: memberships.councilId, role: memberships.role, userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(councilId ? and(eq(users.email, normaliseEmail(email)), eq(memberships.councilId, councilId)) : eq(users.email, normaliseEmail(email)))
  return rows.sort((a, b) => (a.role === 'admin' ? -1 : b.role === 'admin' ? 1 : 0))[0]
}

/**
 * A provider user speaks for a provider record of the council that gives them the role: each council keeps its own
 * register (ADR 0007), so another council's record (or a mistyped id) is refused wherever a role is given, rather
 * than letting the person see and answer for another council's provider.
 */
export async function assertProviderOfCouncil(tx: Executor, providerId: string | null | undefined, councilId: string): Promise<void> {
  if (!providerId) return
  const [found] = await tx
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.id, providerId), eq(providers.councilId, councilId)))
  if (!found) throw new AccountError('provider', `This council's provider register has no provider with the id ${providerId}`)
}
