/**
 * Seals a council's client secret with the instance secret (ADR 0042): AES-256-GCM under a key derived from the
 * instance secret with HKDF, the council's id bound in as additional data so that a sealed value copied to another
 * council's row does not open. A database dump alone therefore does not give away the councils' client secrets.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const INFO = 'catalyst: council identity provider client secret'

function keyFrom(instanceSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(instanceSecret, 'utf8'), Buffer.alloc(0), INFO, 32))
}

export function seal(instanceSecret: string, councilId: string, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(instanceSecret), iv)
  cipher.setAAD(Buffer.from(councilId, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
}

/** The secret, or undefined when it cannot be opened (another instance secret, another council, or tampered). */
export function open(instanceSecret: string, councilId: string, sealed: string): string | undefined {
  const [version, iv, body, tag] = sealed.split('.')
  if (version !== VERSION || !iv || body === undefined || !tag) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(instanceSecret), Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(councilId, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}
