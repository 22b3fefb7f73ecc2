/** Finding the council a command names: DEMO, a GSS code (E06000002), a GB-LAE code (MDB) or GB-LAE-MDB. */
import { findCouncil, findCouncilById, listCouncils, type CouncilRow } from '../modules/councils/service.ts'
import type { Executor } from '../platform/db/database.ts'
import { UserError } from './common.ts'

export async function councilFor(db: Executor, code: string, today: string): Promise<CouncilRow> {
  const council = await findCouncil(db, code)
  if (!council) {
    throw new UserError(
      `no council has the code "${code}": use a GSS code (E06000002), a GB-LAE code (MDB or GB-LAE-MDB) or a Catalyst code such as DEMO; import councils with \`catalyst import councils FILE\``,
    )
  }
  if (council.endDate && council.endDate < today) {
    const successor = council.successorId ? await findCouncilById(db, council.successorId) : undefined
    throw new UserError(
      `${council.name} was abolished on ${council.endDate}` +
        (successor ? `; its successor is ${successor.name} (${successor.gssCode ?? successor.code})` : ''),
    )
  }
  return council
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/**
 * The council a command works for, among those that use Catalyst: the one named with --council, or the only one there
 * is. `what` names what the command brings in ("wards", "indicators"), for the messages.
 */
export async function tenantCouncilFor(db: Executor, code: string | undefined, what: string): Promise<CouncilRow> {
  if (code) {
    const council = await findCouncil(db, code)
    if (!council) throw new UserError(`no council with code ${code}`)
    if (!council.isTenant) throw new UserError(`${council.name} does not use Catalyst: ${what} are imported for a council with users`)
    return council
  }
  const tenants = (await listCouncils(db)).filter((c) => c.isTenant)
  if (tenants.length !== 1) throw new UserError(`say which council the ${what} are for with --council (${tenants.map((c) => c.code).join(', ') || 'no council uses Catalyst yet'})`)
  return tenants[0]!
}
