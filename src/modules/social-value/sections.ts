/**
 * The social value parts of other modules' pages: a contract's or grant's commitments (staff), and a provider's
 * committed, reported and verified value on its public page. Each returns what views/_value.njk expects.
 */
import type { Executor } from '../../platform/db/database.ts'
import { paths } from '../../paths.ts'
import { commitmentsWhere, totalsOf } from './commitments.ts'
import { sroiModelsFor } from './sroi-service.ts'
import { commitmentRows, valueSummary } from './view-models.ts'

export async function contractSocialValue(db: Executor, councilId: string, target: { contractId: string } | { grantId: string }, options: { canManage: boolean }) {
  const list = await commitmentsWhere(db, councilId, target)
  const models = 'contractId' in target ? await sroiModelsFor(db, councilId, target) : []
  const query = 'contractId' in target ? `contract=${encodeURIComponent(target.contractId)}` : `grant=${encodeURIComponent(target.grantId)}`
  return {
    any: list.length > 0,
    summary: valueSummary(totalsOf(list)),
    table: { caption: 'Commitments, in units and pounds', captionClasses: 'govuk-table__caption--s', ...commitmentRows(list, { withProvider: true }) },
    addHref: options.canManage ? `${paths.socialValue.newCommitment.href()}?${query}` : undefined,
    listHref: paths.socialValue.commitments.href(),
    sroi: models.map((m) => ({ text: m.title, href: paths.socialValue.sroi.href({ id: m.id }) })),
    newSroiHref: options.canManage && 'contractId' in target ? `${paths.socialValue.newSroi.href()}?${query}` : undefined,
    lm3Href: 'contractId' in target ? `${paths.socialValue.lm3.href()}?${query}` : undefined,
  }
}

/** What the public sees: the provider's commitments to this council and their value, with the framework's licence. */
export async function publicProviderSocialValue(db: Executor, councilId: string, providerId: string) {
  const list = await commitmentsWhere(db, councilId, { providerId, publishedOnly: true })
  if (list.length === 0) return undefined
  return {
    summary: valueSummary(totalsOf(list)),
    table: { caption: 'Social value commitments, in units and pounds', captionClasses: 'govuk-table__caption--s', ...commitmentRows(list, { withRecord: true }) },
  }
}
