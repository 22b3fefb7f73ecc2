/** The Transparency Code's annual list of grants to voluntary, community and social enterprise organisations (2.3). */
import { csvLine } from '../../platform/csv.ts'
import type { Executor } from '../../platform/db/database.ts'
import { orgId } from '../providers/identifiers.ts'
import { identifiersOf } from '../providers/repository.ts'
import { publishedGrants } from './service.ts'

export const VCSE_COLUMNS = [
  'Date the grant was awarded',
  'Time period for which the grant has been given',
  'Local authority department which awarded the grant',
  'Beneficiary',
  'Beneficiary’s registration number',
  'Summary of the purpose of the grant',
  'Amount',
  'Identifier',
] as const

export async function* vcseGrantsCsv(db: Executor, councilId: string): AsyncGenerator<string> {
  yield csvLine(VCSE_COLUMNS)
  for await (const grant of publishedGrants(db, councilId)) {
    if (!grant.recipient?.isVcse) continue
    const ids = await identifiersOf(db, { councilId }, [grant.recipient.id])
    const period = grant.plannedStartDate || grant.plannedEndDate ? `${grant.plannedStartDate ?? ''} to ${grant.plannedEndDate ?? ''}` : ''
    yield csvLine([
      grant.awardDate,
      period,
      grant.department ?? '',
      grant.recipient.name,
      (ids.get(grant.recipient.id) ?? []).map(orgId).join(' '),
      grant.description ?? grant.title,
      (grant.amountAwardedPence / 100).toFixed(2),
      grant.identifier,
    ])
  }
}
