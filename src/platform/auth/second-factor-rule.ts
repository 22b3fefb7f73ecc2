/**
 * The council's rule that administrators use a second factor (ADR 0043), and how it treats sessions the council's
 * own identity provider opened (ADR 0051).
 *
 * The rule is about the session, not the account: a session meets it when it was opened with Catalyst's code (an
 * account with a confirmed authenticator app cannot open a password session without one), or when the council's own
 * OpenID Connect provider opened it, because the council enforces multi-factor authentication there (Entra ID
 * Conditional Access, Google 2-Step Verification) for every application at once. The same person signing in with a
 * password is held to the rule as before.
 */
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../db/database.ts'
import { readSettings } from '../settings/settings.ts'
import { oidcSessions } from './oidc/schema.ts'
import { signInSecuritySettings } from './security-settings.ts'
import type { Principal } from './service.ts'
import { hasTotp } from './totp.ts'

/** Whether this session was opened by the identity provider of the council it is now in. */
export async function openedByCouncilProvider(db: Executor, principal: Pick<Principal, 'sessionId' | 'councilId'>): Promise<boolean> {
  if (!principal.sessionId) return false
  // After switching council, the session no longer speaks for the provider that vouched for it.
  const [row] = await db
    .select({ sessionId: oidcSessions.sessionId })
    .from(oidcSessions)
    .where(and(eq(oidcSessions.sessionId, principal.sessionId), eq(oidcSessions.councilId, principal.councilId)))
  return row !== undefined
}

/** Whether this session meets a second-factor requirement: Catalyst's own code, or the council's provider. */
export async function sessionMeetsSecondFactorRule(db: Executor, principal: Principal): Promise<boolean> {
  if (await hasTotp(db, principal.userId)) return true
  return openedByCouncilProvider(db, principal)
}

/** Whether this request's principal is an administrator whose council requires a second factor their session lacks. */
export async function adminMustSetUpSecondFactor(db: Executor, principal: Principal | null | undefined): Promise<boolean> {
  if (!principal || principal.via !== 'session' || principal.role !== 'admin') return false
  const settings = await readSettings(db, principal.councilId, signInSecuritySettings)
  if (!settings.requireTwoFactorForAdmins) return false
  return !(await sessionMeetsSecondFactorRule(db, principal))
}
