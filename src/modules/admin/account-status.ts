/**
 * Disabling and enabling a person's account (ADR 0043). Disabling ends at once everything that lets the account
 * act: its sessions are deleted, its API tokens revoked, its open password reset links closed; sign-in, the reset
 * link and invitations all refuse a disabled account. Enabling lets the person sign in again (their old tokens stay
 * revoked: they make new ones).
 *
 * An account is one person across councils, so one council's administrator may disable it only when every role it
 * has is in their council; for anyone else they remove their council's roles instead, which is theirs to decide.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { apiTokens, memberships, passwordResetTokens, sessions, users } from '../../platform/auth/schema.ts'
import type { Database } from '../../platform/db/database.ts'
import { AdminError } from './service.ts'

export async function setAccountDisabled(
  db: Database,
  input: { councilId: string; userId: string; disabled: boolean },
  actor: Actor,
  now: Date,
): Promise<void> {
  if (input.disabled && actor.userId === input.userId) {
    throw new AdminError('account', 'You cannot disable your own account. Ask another administrator to do it')
  }
  await db.transaction(async (tx) => {
    const roles = await tx.select({ id: memberships.id, councilId: memberships.councilId }).from(memberships).where(eq(memberships.userId, input.userId))
    if (!roles.some((role) => role.councilId === input.councilId)) throw new AdminError('account', 'They have no role in your council')
    if (roles.some((role) => role.councilId !== input.councilId)) {
      throw new AdminError(
        'account',
        'This person also works for another council on Catalyst, so only their roles here are yours to change. Remove their roles in your council instead',
      )
    }
    const [before] = await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, input.userId)).for('update')
    if (!before) throw new AdminError('account', 'They have no role in your council')
    if (before.disabled === input.disabled) return
    await tx.update(users).set({ disabled: input.disabled, updatedAt: now }).where(eq(users.id, input.userId))
    let ended = { sessions: 0, tokens: 0 }
    if (input.disabled) {
      const deleted = await tx.delete(sessions).where(eq(sessions.userId, input.userId)).returning({ id: sessions.id })
      const revoked = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(inArray(apiTokens.membershipId, roles.map((role) => role.id)), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id })
      await tx
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.userId, input.userId), isNull(passwordResetTokens.usedAt)))
      ended = { sessions: deleted.length, tokens: revoked.length }
    }
    await recordAudit(tx, {
      actor,
      councilId: input.councilId,
      action: input.disabled ? 'disable-account' : 'enable-account',
      entityType: 'user',
      entityId: input.userId,
      before: { disabled: before.disabled },
      after: { disabled: input.disabled, ...(input.disabled ? { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } : {}) },
      at: now,
    })
  })
}
