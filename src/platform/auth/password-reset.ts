/**
 * Resetting a forgotten password by an emailed link (ADR 0043).
 *
 * No account enumeration: asking for a link does the same thing whatever the email: it enqueues one job, in the
 * request, and answers "check your email". The job, later and outside any request, looks the email up and sends a
 * link only to an account that exists and is not disabled. So the page, its status and its timing cannot tell an
 * attacker whether an address has an account.
 *
 * The link's token is random, stored only as its SHA-256, works for 30 minutes and once: using it (or any other
 * link of the same person) closes every link still open for them. The link is built on the configured public
 * address (CATALYST_PUBLIC_URL), never on the Host header of the request that asked for it.
 */
import { randomUUID } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { paths } from '../../paths.ts'
import { recordAudit } from '../audit/audit.ts'
import type { Database, Executor } from '../db/database.ts'
import { enqueue, type JobHandler } from '../jobs/queue.ts'
import { publicLink } from '../notify/links.ts'
import { notifierFor, type Notifier } from '../notify/notifier.ts'
import { overAnyLimit, recordUse, type Limit } from '../notify/rate-limit.ts'
import { hashPassword, passwordProblem } from './passwords.ts'
import { passwordResetTokens, sessions, users, memberships } from './schema.ts'
import { normaliseEmail } from './service.ts'
import { randomToken, sha256 } from './tokens.ts'

/** A reset link works for this long. */
export const RESET_LINK_TTL_MS = 30 * 60 * 1000
export const PASSWORD_RESET_JOB = 'auth.password-reset'

/** Links one email may be sent, and requests one address may make, in an hour: stops Catalyst being used to flood an inbox. */
export const RESET_LIMITS = { perEmail: 5, perAddress: 30, windowMs: 60 * 60 * 1000 }

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function limitsFor(email: string, clientAddress: string): Limit[] {
  return [
    { bucket: 'password-reset:email', key: email, max: RESET_LIMITS.perEmail, windowMs: RESET_LIMITS.windowMs },
    { bucket: 'password-reset:address', key: clientAddress, max: RESET_LIMITS.perAddress, windowMs: RESET_LIMITS.windowMs },
  ]
}

/**
 * Asks for a reset link. Returns false only for an address that is not an email address at all (the form says
 * so); otherwise true, whatever happens next, so that the page cannot reveal whether the account exists or was
 * limited.
 */
export async function requestPasswordReset(db: Database, input: { email: string; clientAddress: string; now: Date }): Promise<boolean> {
  const email = normaliseEmail(input.email)
  if (!EMAIL_FORMAT.test(email) || email.length > 320) return false
  const limits = limitsFor(email, input.clientAddress)
  await db.transaction(async (tx) => {
    if (await overAnyLimit(tx, limits, input.now)) return
    await recordUse(tx, limits, input.now)
    await enqueue(tx, { name: PASSWORD_RESET_JOB, key: `password-reset:${randomUUID()}`, payload: { email }, maxAttempts: 3 }, input.now)
  })
  return true
}

/**
 * The job that sends a reset link: nothing for an unknown or disabled account. The token and the email are written
 * in one transaction, so a link exists exactly when its email does.
 */
export function passwordResetHandler(config: Pick<Config, 'publicUrl' | 'email'>, notifier: Notifier = notifierFor(config as Config)): [string, JobHandler] {
  const handler: JobHandler = async (payload, { db, now }) => {
    const email = normaliseEmail(String(payload.email ?? ''))
    const [user] = await db.select().from(users).where(eq(users.email, email))
    if (!user || user.disabled) return
    await db.transaction(async (tx) => {
      const token = randomToken()
      await tx.insert(passwordResetTokens).values({
        userId: user.id,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
      })
      await recordAudit(tx, {
        actor: { userId: null, label: 'Password reset request' },
        councilId: await landingCouncil(tx, user.id),
        action: 'request-password-reset',
        entityType: 'user',
        entityId: user.id,
        at: now,
      })
      await notifier.send(
        tx,
        {
          to: user.email,
          subject: 'Reset your Catalyst password',
          body: [
            `Hello ${user.displayName},`,
            '',
            `To choose a new password for Catalyst, open this link within 30 minutes: ${publicLink(config, paths.passwordReset.href({ token }))}`,
            '',
            'The link works once. If you did not ask to reset your password, ignore this email: your password has not changed.',
          ].join('\n'),
        },
        now,
      )
    })
  }
  return [PASSWORD_RESET_JOB, handler]
}

/** The council an account's audit entries about itself are filed under: the first it joined. */
async function landingCouncil(db: Executor, userId: string): Promise<string | null> {
  const rows = await db.select({ councilId: memberships.councilId, createdAt: memberships.createdAt }).from(memberships).where(eq(memberships.userId, userId))
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]?.councilId ?? null
}

export interface OpenResetLink {
  tokenId: string
  userId: string
  email: string
  displayName: string
}

/** The person a reset link stands for, while it is open (unused, unexpired) and their account is not disabled. */
export async function openResetLink(db: Executor, token: string, now: Date, options: { lock?: boolean } = {}): Promise<OpenResetLink | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  const query = db
    .select({ tokenId: passwordResetTokens.id, userId: users.id, email: users.email, displayName: users.displayName })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, sha256(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
        eq(users.disabled, false),
      ),
    )
  const [row] = options.lock ? await query.for('update', { of: passwordResetTokens }) : await query
  return row
}

export type ResetResult = { outcome: 'reset'; userId: string } | { outcome: 'gone' } | { outcome: 'bad-password'; message: string }

/**
 * Sets the new password: checked as at sign-up, every open link of the person closed, every session of theirs
 * ended (whoever took over the account is signed out), audited. Row-locked so a link is used once.
 */
export async function completePasswordReset(
  tx: Executor,
  token: string,
  input: { password: string; requestId?: string | undefined },
  now: Date,
): Promise<ResetResult> {
  const link = await openResetLink(tx, token, now, { lock: true })
  if (!link) return { outcome: 'gone' }
  const problem = passwordProblem(input.password, link.email)
  if (problem) return { outcome: 'bad-password', message: problem }
  await tx.update(users).set({ passwordHash: await hashPassword(input.password), updatedAt: now }).where(eq(users.id, link.userId))
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, link.userId), isNull(passwordResetTokens.usedAt)))
  const ended = await tx.delete(sessions).where(eq(sessions.userId, link.userId)).returning({ id: sessions.id })
  await recordAudit(tx, {
    actor: { userId: link.userId, label: link.displayName, requestId: input.requestId },
    councilId: await landingCouncil(tx, link.userId),
    action: 'reset-password',
    entityType: 'user',
    entityId: link.userId,
    after: { via: 'emailed link', sessionsEnded: ended.length },
    at: now,
  })
  return { outcome: 'reset', userId: link.userId }
}
