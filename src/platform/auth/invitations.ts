/**
 * Invitations: how an administrator gives a person a role in their council. The administrator's page says the
 * same thing whether or not the email already has a Catalyst account (so it reveals nothing about other
 * councils' people), and nothing changes for the person until they open the emailed link and accept: an account
 * that works in another council keeps working there, and only its owner decides to add this council.
 */
import { and, eq, gt, isNull } from 'drizzle-orm'
import { councils } from '../../modules/councils/schema.ts'
import { recordAudit, type Actor } from '../audit/audit.ts'
import type { Executor } from '../db/database.ts'
import type { Notifier } from '../notify/notifier.ts'
import { AccountError, assertProviderOfCouncil } from './accounts.ts'
import { hashPassword, passwordProblem, verifyPassword, decoyPasswordHash } from './passwords.ts'
import { ROLE_NAMES, type Role } from './roles.ts'
import { invitations, memberships, users } from './schema.ts'
import { normaliseEmail } from './service.ts'
import { randomToken, sha256 } from './tokens.ts'

/** An invitation link works for this long. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000

export interface NewInvitation {
  councilId: string
  councilName: string
  email: string
  displayName: string
  role: Role
  providerId?: string | undefined
  partnerOrganisationId?: string | undefined
}

/**
 * Records the invitation and emails its link (through the outbox, in the same transaction). Returns nothing
 * that depends on whether the account exists.
 */
export async function invite(
  tx: Executor,
  input: NewInvitation,
  context: { actor: Actor; now: Date; notifier: Notifier; link: (token: string) => string },
): Promise<{ invitationId: string }> {
  const email = normaliseEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new AccountError('email', 'Enter an email address in the correct format, like name@example.gov.uk')
  }
  if (input.role === 'provider' && !input.providerId) throw new AccountError('provider', 'Choose the provider this person speaks for')
  if (input.role === 'partner' && !input.partnerOrganisationId) throw new AccountError('partner', 'Choose the partner organisation this person speaks for')
  await assertProviderOfCouncil(tx, input.providerId, input.councilId)
  const token = randomToken()
  const [row] = await tx
    .insert(invitations)
    .values({
      councilId: input.councilId,
      email,
      displayName: input.displayName,
      role: input.role,
      providerId: input.providerId ?? null,
      partnerOrganisationId: input.partnerOrganisationId ?? null,
      tokenHash: sha256(token),
      invitedBy: context.actor.userId,
      createdAt: context.now,
      expiresAt: new Date(context.now.getTime() + INVITATION_TTL_MS),
    })
    .returning({ id: invitations.id })
  await recordAudit(tx, {
    actor: context.actor,
    councilId: input.councilId,
    action: 'invite',
    entityType: 'invitation',
    entityId: row!.id,
    after: { email, role: input.role, providerId: input.providerId ?? null, ...(input.partnerOrganisationId ? { partnerOrganisationId: input.partnerOrganisationId } : {}) },
    at: context.now,
  })
  await context.notifier.send(
    tx,
    {
      councilId: input.councilId,
      to: email,
      subject: `You are invited to use Catalyst for ${input.councilName}`,
      body: [
        `${context.actor.label} has invited you to be ${ROLE_NAMES[input.role]} in ${input.councilName} on Catalyst.`,
        '',
        `To accept, open this link within 14 days: ${context.link(token)}`,
        '',
        'If you already use Catalyst for another council, accepting adds this council: you choose which council to work in after you sign in.',
        'If you did not expect this email, ignore it: nothing changes unless you accept.',
      ].join('\n'),
    },
    context.now,
  )
  return { invitationId: row!.id }
}

export interface OpenInvitation {
  id: string
  councilId: string
  councilName: string
  email: string
  displayName: string
  role: Role
  providerId: string | null
  partnerOrganisationId: string | null
  /** The invitee's own account, when the email has one (shown only to whoever holds the emailed link). */
  userId: string | undefined
}

/** The invitation a link's token stands for, while it is open (not accepted, not expired). */
export async function openInvitation(db: Executor, token: string, now: Date, options: { lock?: boolean } = {}): Promise<OpenInvitation | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  const query = db
    .select({
      id: invitations.id,
      councilId: invitations.councilId,
      councilName: councils.name,
      email: invitations.email,
      displayName: invitations.displayName,
      role: invitations.role,
      providerId: invitations.providerId,
      partnerOrganisationId: invitations.partnerOrganisationId,
    })
    .from(invitations)
    .innerJoin(councils, eq(councils.id, invitations.councilId))
    .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
  const [row] = options.lock ? await query.for('update', { of: invitations }) : await query
  if (!row) return undefined
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email))
  return { ...row, role: row.role as Role, userId: user?.id }
}

export type AcceptResult =
  | { outcome: 'accepted'; userId: string; membershipId: string; displayName: string; councilId: string }
  | { outcome: 'gone' }
  | { outcome: 'wrong-password' }
  | { outcome: 'bad-password'; message: string }
  | { outcome: 'disabled' }

/**
 * Accepts an invitation: the invitee proves who they are (already signed in as that account, or its password),
 * or chooses a password when the email has no account yet. Row-locked so a link is used once.
 */
export async function acceptInvitation(
  tx: Executor,
  token: string,
  input: { password: string; signedInUserId?: string | undefined; requestId?: string | undefined },
  now: Date,
): Promise<AcceptResult> {
  const invitation = await openInvitation(tx, token, now, { lock: true })
  if (!invitation) return { outcome: 'gone' }
  let userId = invitation.userId
  let displayName = invitation.displayName
  if (userId) {
    const [user] = await tx.select().from(users).where(eq(users.id, userId))
    if (!user) return { outcome: 'gone' }
    if (user.disabled) return { outcome: 'disabled' }
    displayName = user.displayName
    if (input.signedInUserId !== userId && !(await verifyPassword(user.passwordHash, input.password))) return { outcome: 'wrong-password' }
  } else {
    const problem = passwordProblem(input.password, invitation.email)
    if (problem) {
      await decoyPasswordHash()
      return { outcome: 'bad-password', message: problem }
    }
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, displayName, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now })
      .returning({ id: users.id })
    userId = user!.id
    await recordAudit(tx, {
      actor: { userId, label: displayName, requestId: input.requestId },
      councilId: invitation.councilId,
      action: 'create',
      entityType: 'user',
      entityId: userId,
      after: { email: invitation.email, displayName },
      at: now,
    })
  }
  const actor: Actor = { userId, label: displayName, requestId: input.requestId }
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.councilId, invitation.councilId), eq(memberships.role, invitation.role)))
  let membershipId = existing?.id
  if (!membershipId) {
    const [membership] = await tx
      .insert(memberships)
      .values({ userId, councilId: invitation.councilId, role: invitation.role, providerId: invitation.providerId, partnerOrganisationId: invitation.partnerOrganisationId, createdAt: now })
      .returning({ id: memberships.id })
    membershipId = membership!.id
    await recordAudit(tx, {
      actor,
      councilId: invitation.councilId,
      action: 'grant-role',
      entityType: 'user',
      entityId: userId,
      after: { role: invitation.role, providerId: invitation.providerId, invitationId: invitation.id },
      at: now,
    })
  }
  await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id))
  await recordAudit(tx, { actor, councilId: invitation.councilId, action: 'accept', entityType: 'invitation', entityId: invitation.id, at: now })
  return { outcome: 'accepted', userId, membershipId, displayName, councilId: invitation.councilId }
}
