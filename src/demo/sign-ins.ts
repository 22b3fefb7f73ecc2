/**
 * The demo sign-ins to print when Catalyst starts: every demo user whose password is still the demo password
 * (CATALYST_DEMO_PASSWORD). A user who has changed it is left out, so a password someone chose is never printed.
 * Without CATALYST_DEMO_PASSWORD the demo's passwords are generated, shown once when the demo is loaded, and not
 * kept anywhere they could be printed again.
 */
import { inArray } from 'drizzle-orm'
import type { Executor } from '../platform/db/database.ts'
import { users } from '../platform/auth/schema.ts'
import { verifyPassword } from '../platform/auth/passwords.ts'
import { findCouncil } from '../modules/councils/service.ts'
import { DEMO_USERS, type DemoResult } from './seed.ts'

export async function demoSignInsStillSet(db: Executor, demoPassword: string | undefined): Promise<DemoResult['signIns']> {
  if (demoPassword === undefined) return []
  const rows = await db
    .select({ email: users.email, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(inArray(users.email, DEMO_USERS.map((u) => u.email)))
  const byEmail = new Map(rows.map((r) => [r.email, r]))
  const signIns: DemoResult['signIns'] = []
  for (const user of DEMO_USERS) {
    const row = byEmail.get(user.email)
    if (!row || row.disabled || !(await verifyPassword(row.passwordHash, demoPassword))) continue
    if (!(await findCouncil(db, user.council))) continue
    signIns.push({ email: user.email, role: user.role, council: user.council, password: demoPassword })
  }
  return signIns
}
