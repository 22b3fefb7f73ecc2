/**
 * An optional second factor: time-based one-time codes (TOTP, RFC 6238) from an authenticator app, with one-use
 * recovery codes for a lost phone (ADR 0043). `otpauth` computes and checks the codes; `qrcode` draws the setup
 * link as an SVG, and the secret is also shown as text for people who cannot scan.
 *
 * The shared secret is encrypted at rest (AES-256-GCM with a key derived from the instance secret), because anyone
 * who can read it can make codes. A code is accepted one step either side of now (phones drift) and never twice:
 * the last step used is kept, so a code seen over a shoulder cannot be replayed.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { and, eq, isNull, isNotNull } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { recordAudit, type Actor } from '../audit/audit.ts'
import type { Executor } from '../db/database.ts'
import { totpFactors, totpRecoveryCodes } from './schema.ts'
import { hmac, randomToken, safeEqual, sha256 } from './tokens.ts'

export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Steps accepted either side of now: 30 seconds of clock drift. */
export const TOTP_WINDOW = 1
export const RECOVERY_CODE_COUNT = 10
const ISSUER = 'Catalyst'

// ---------- The secret, encrypted at rest ----------

function keyFrom(instanceSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', instanceSecret, 'catalyst', 'totp secret v1', 32))
}

export function encryptSecret(instanceSecret: string, base32: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(instanceSecret), iv)
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

export function decryptSecret(instanceSecret: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('The stored TOTP secret is not in a known form')
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(instanceSecret), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

function totpFor(base32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(base32) })
}

/** The time step a code is for, at a moment. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code an authenticator shows at a moment (for tests and the demo; never shown by a page). */
export function codeAt(base32: string, now: Date): string {
  return totpFor(base32, 'x').generate({ timestamp: now.getTime() })
}

// ---------- Setting it up ----------

export interface TotpSetup {
  /** The secret as base32 text, for typing into an app by hand. */
  secret: string
  /** The otpauth:// link the QR code carries. */
  uri: string
  /** The QR code as inline SVG markup. */
  qrSvg: string
}

/** Whether the person has a confirmed second factor. */
export async function hasTotp(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: totpFactors.userId }).from(totpFactors).where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)))
  return row !== undefined
}

/**
 * The secret being set up: the unconfirmed one kept from an earlier visit (so reloading the page does not change
 * the QR code under someone who has already scanned it), or a new one. Undefined when a factor is already confirmed.
 */
export async function pendingSetup(db: Executor, input: { userId: string; email: string; instanceSecret: string; now: Date }): Promise<TotpSetup | undefined> {
  const [existing] = await db.select().from(totpFactors).where(eq(totpFactors.userId, input.userId))
  if (existing?.confirmedAt) return undefined
  let base32: string
  if (existing) {
    base32 = decryptSecret(input.instanceSecret, existing.secretCiphertext)
  } else {
    base32 = new Secret({ size: 20 }).base32
    await db
      .insert(totpFactors)
      .values({ userId: input.userId, secretCiphertext: encryptSecret(input.instanceSecret, base32), createdAt: input.now })
      .onConflictDoNothing()
    // Two tabs at once: keep whichever secret was stored first.
    const [stored] = await db.select().from(totpFactors).where(eq(totpFactors.userId, input.userId))
    base32 = decryptSecret(input.instanceSecret, stored!.secretCiphertext)
  }
  const uri = totpFor(base32, input.email).toString()
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { secret: base32.replace(/(.{4})(?=.)/g, '$1 '), uri, qrSvg }
}

/** Checks a code against a secret without the replay rule; the matching step, or undefined. */
function matchingStep(base32: string, code: string, now: Date): number | undefined {
  const token = code.replace(/\s+/g, '')
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return undefined
  const delta = totpFor(base32, 'x').validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW })
  return delta === null ? undefined : stepAt(now) + delta
}

/**
 * Confirms the pending secret with a code from the app. Returns the recovery codes, to be shown once, or
 * undefined when the code is wrong (or nothing is pending).
 */
export async function confirmTotp(
  tx: Executor,
  input: { userId: string; code: string; instanceSecret: string; actor: Actor; councilId: string; now: Date },
): Promise<string[] | undefined> {
  const [factor] = await tx.select().from(totpFactors).where(and(eq(totpFactors.userId, input.userId), isNull(totpFactors.confirmedAt))).for('update')
  if (!factor) return undefined
  const step = matchingStep(decryptSecret(input.instanceSecret, factor.secretCiphertext), input.code, input.now)
  if (step === undefined) return undefined
  await tx.update(totpFactors).set({ confirmedAt: input.now, lastUsedStep: step }).where(eq(totpFactors.userId, input.userId))
  const codes = await replaceRecoveryCodes(tx, input.userId)
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'enable-two-factor', entityType: 'user', entityId: input.userId, at: input.now })
  return codes
}

/** Ten new recovery codes (the old ones stop working), shown once and stored as SHA-256. */
async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId))
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomBytes(8).toString('hex')))
  await tx.insert(totpRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: sha256(normaliseRecoveryCode(code)) })))
  return codes
}

/** xxxx-xxxx-xxxx-xxxx: long enough that guessing is hopeless, grouped so it is easy to copy. */
function formatRecoveryCode(hex: string): string {
  return hex.match(/.{4}/g)!.join('-')
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, '')
}

/**
 * Checks a second-factor answer: a code from the app (not one already used) or an unused recovery code, which is
 * then spent. Row-locked, so two requests with the same code cannot both pass.
 */
export async function verifySecondFactor(
  tx: Executor,
  input: { userId: string; code: string; instanceSecret: string; now: Date },
): Promise<'app' | 'recovery-code' | undefined> {
  const [factor] = await tx.select().from(totpFactors).where(and(eq(totpFactors.userId, input.userId), isNotNull(totpFactors.confirmedAt))).for('update')
  if (!factor) return undefined
  const step = matchingStep(decryptSecret(input.instanceSecret, factor.secretCiphertext), input.code, input.now)
  if (step !== undefined) {
    if (factor.lastUsedStep !== null && step <= factor.lastUsedStep) return undefined
    await tx.update(totpFactors).set({ lastUsedStep: step }).where(eq(totpFactors.userId, input.userId))
    return 'app'
  }
  const normalised = normaliseRecoveryCode(input.code)
  if (normalised.length !== 16) return undefined
  const [spent] = await tx
    .update(totpRecoveryCodes)
    .set({ usedAt: input.now })
    .where(and(eq(totpRecoveryCodes.userId, input.userId), eq(totpRecoveryCodes.codeHash, sha256(normalised)), isNull(totpRecoveryCodes.usedAt)))
    .returning({ id: totpRecoveryCodes.id })
  return spent ? 'recovery-code' : undefined
}

/** How many recovery codes the person has left. */
export async function recoveryCodesLeft(db: Executor, userId: string): Promise<number> {
  const rows = await db.select({ id: totpRecoveryCodes.id }).from(totpRecoveryCodes).where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)))
  return rows.length
}

// ---------- Between the password and the code ----------

/** How long someone has, after a right password, to enter their code. */
export const SECOND_FACTOR_TTL_MS = 5 * 60 * 1000

/**
 * A signed, short-lived note that a password was right, carried in a cookie until the code is entered: the user, the
 * deadline and where to go next, with an HMAC under the instance secret. It opens no session by itself.
 */
export function signPendingSignIn(instanceSecret: string, pending: { userId: string; expiresAt: Date; nonce?: string }): string {
  const body = `${pending.userId}.${pending.expiresAt.getTime()}.${pending.nonce ?? randomToken(9)}`
  return `${body}.${hmac(instanceSecret, `second-factor:${body}`)}`
}

export function readPendingSignIn(instanceSecret: string, value: string | undefined, now: Date): { userId: string } | undefined {
  if (!value) return undefined
  const parts = value.split('.')
  if (parts.length !== 4) return undefined
  const [userId, expires, nonce, signature] = parts as [string, string, string, string]
  if (!safeEqual(signature, hmac(instanceSecret, `second-factor:${userId}.${expires}.${nonce}`))) return undefined
  if (!(Number(expires) > now.getTime())) return undefined
  return { userId }
}
