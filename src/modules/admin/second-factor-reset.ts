/**
 * An administrator resets the second factor of someone who has lost their authenticator app and their recovery
 * codes (ADR 0043, ADR 0051). The app's secret and the recovery codes are deleted and every session of the account
 * ends, in one audited transaction: whoever holds the lost phone, or a session opened with it, has nothing left. The
 * person signs in with their password alone next time; where their council requires a second factor of their role,
 * they are sent to set up an app again before they can do anything else.
 *
 * As with disabling (account-status.ts), the factor belongs to the account, which is one person across councils, so
 * one council's administrator may reset it only when every role the account has is in their council.
 */
import { eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { memberships, sessions, totpFactors, totpRecoveryCodes } from '../../platform/auth/schema.ts'
import type { Database } from '../../platform/db/database.ts'
import { AdminError } from './service.ts'

export async function resetSecondFactor(db: Database, input: { councilId: string; userId: string }, actor: Actor, now: Date): Promise<{ sessionsEnded: number }> {
  if (actor.userId === input.userId) {
    throw new AdminError('twoFactor', 'You cannot reset your own two-factor authentication. Ask another administrator to do it')
  }
  return db.transaction(async (tx) => {
    const roles = await tx.select({ councilId: memberships.councilId }).from(memberships).where(eq(memberships.userId, input.userId))
    if (!roles.some((role) => role.councilId === input.councilId)) throw new AdminError('twoFactor', 'They have no role in your council')
    if (roles.some((role) => role.councilId !== input.councilId)) {
      throw new AdminError(
        'twoFactor',
        'This person also works for another council on Catalyst, so their two-factor authentication is not yours alone to reset. Ask Catalyst’s operator to reset it',
      )
    }
    const [factor] = await tx.select({ confirmedAt: totpFactors.confirmedAt }).from(totpFactors).where(eq(totpFactors.userId, input.userId)).for('update')
    if (!factor?.confirmedAt) throw new AdminError('twoFactor', 'They have not set up two-factor authentication, so there is nothing to reset')
    await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, input.userId))
    await tx.delete(totpFactors).where(eq(totpFactors.userId, input.userId))
    const ended = await tx.delete(sessions).where(eq(sessions.userId, input.userId)).returning({ id: sessions.id })
    await recordAudit(tx, {
      actor,
      councilId: input.councilId,
      action: 'reset-second-factor',
      entityType: 'user',
      entityId: input.userId,
      before: { twoFactor: true },
      after: { twoFactor: false, sessionsEnded: ended.length },
      at: now,
    })
    return { sessionsEnded: ended.length }
  })
}
