import type { FastifyRequest } from 'fastify'
import type { Executor } from '../../platform/db/database.ts'
import { NotFoundError, principalOf } from '../../platform/http/authentication.ts'
import { isUuid } from '../../platform/ids.ts'
import { findGroup } from './groups.ts'

/** The council's comparator group named in a page's address; any other id, or a malformed one, is "not found". */
export async function groupInAddress(db: Executor, request: FastifyRequest) {
  const principal = principalOf(request)
  const id = (request.params as { id: string }).id
  const group = isUuid(id) ? await findGroup(db, principal.councilId, id) : undefined
  if (!group) throw new NotFoundError('Comparator group')
  return { principal, group }
}
