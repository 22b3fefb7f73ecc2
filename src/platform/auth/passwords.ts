/**
 * Passwords the NCSC way: a minimum length, a deny list of common passwords, and no composition rules
 * (NCSC "Password administration for system owners"). Hashes are argon2id.
 */
import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 256

const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))

/** Says what is wrong with a new password, or returns undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  }
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower) || commonPasswords.has(lower.replace(/[0-9!?.]+$/, ''))) {
    return 'Password is too common. Try three random words, like ‘kettle orbit meadow’'
  }
  const mailbox = email?.split('@')[0]?.toLowerCase()
  if (mailbox && mailbox.length >= 4 && lower.includes(mailbox)) {
    return 'Password must not contain your email address'
  }
  return undefined
}

export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of a random password, verified against when the email is unknown, so both paths take as long. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('decoy password that is never used')
  return decoyHash
}
