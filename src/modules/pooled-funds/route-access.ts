/** How every pooled fund page finds the fund in its address and the audit context of a change (ADR 0039). */
import type { FastifyRequest } from 'fastify'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { actorOf } from '../stories/routes.ts'
import * as service from './service.ts'

/** The largest spreadsheet a pooled fund page reads (a scheme list, the partner organisations). */
export const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024

export function fundAccess(context: AppContext) {
  const { db } = context
  const ctx = (request: FastifyRequest, principal: Principal) => ({ actor: actorOf(request, principal), now: context.clock() })

  const scopeOf = (principal: Principal) => {
    const scope = service.scopeOf(principal)
    if (!scope) throw new NotFoundError('Pooled fund')
    return scope
  }
  /** The fund in the address, if this person may see it: another council's, or one a partner is not party to, is 404. */
  const reachable = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const scope = scopeOf(principal)
    const fund = await service.getFund(db, scope, (request.params as { id: string }).id)
    if (!fund) throw new NotFoundError('Pooled fund')
    return { principal, scope, fund }
  }
  return { ctx, scopeOf, reachable }
}
