/**
 * The secret that signs form tokens. Production sets SESSION_SECRET. Elsewhere Catalyst generates one and keeps it
 * in the database, so that every process on the same database signs alike and a restart keeps forms valid.
 */
import { eq } from 'drizzle-orm'
import type { Database } from './db/database.ts'
import { instanceSettings } from './auth/schema.ts'
import { randomToken } from './auth/tokens.ts'

const KEY = 'generated-session-secret'

export async function instanceSecret(db: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured
  await db.insert(instanceSettings).values({ key: KEY, value: randomToken(48) }).onConflictDoNothing()
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY))
  if (!row) throw new Error('Could not store the generated session secret')
  return row.value
}
