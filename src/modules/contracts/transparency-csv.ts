/**
 * The Local Government Transparency Code 2015 contracts list (domain-rules 2.2) and VCSE grants list (2.3) as CSV,
 * streamed a page at a time. Column titles follow the Code's field wording; the register's OCID, CPV codes and
 * status follow as extra columns, as the LGA contracts-register schema does for the OCID.
 */
import { csvLine } from '../../platform/csv.ts'
import type { Executor } from '../../platform/db/database.ts'
import { orgId } from '../providers/identifiers.ts'
import { serviceCategoryName } from '../providers/service-categories.ts'
import { ocidOf, publishedContracts } from './ocds/export.ts'
import { CONTRACT_STATUSES, INVITATIONS, nameOf } from './vocabulary.ts'

export const CONTRACT_COLUMNS = [
  'Reference number',
  'Title of agreement',
  'Local authority department responsible',
  'Description of the goods and/or services being provided',
  'Supplier name and details',
  'Sum to be paid over the length of the contract',
  'Estimated annual spending',
  'Values include VAT',
  'Value Added Tax that cannot be recovered',
  'Start date',
  'End date',
  'Review date',
  'Invitation to quote or published invitation to tender',
  'SME or VCSE supplier',
  'Supplier registration number',
  'Open Contracting ID',
  'CPV codes',
  'Status',
  'Service category',
] as const

const money = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2))

export async function* transparencyContractsCsv(db: Executor, councilId: string, ocidPrefix: string): AsyncGenerator<string> {
  yield csvLine(CONTRACT_COLUMNS)
  for await (const { record, identifiers } of publishedContracts(db, councilId)) {
    const suppliers = record.suppliers
    const smeOrVcse = suppliers.map((s) => [s.isSme && 'SME', s.isVcse && 'VCSE'].filter(Boolean).join(' and ') || 'Neither')
    // The Code asks for a registration number where the supplier is an SME or VCS organisation.
    const numbers = suppliers.map((s) => ((s.isSme || s.isVcse) ? (identifiers.get(s.providerId) ?? []).map(orgId).join(' ') : ''))
    yield csvLine([
      record.reference,
      record.title,
      record.department ?? '',
      record.description ?? '',
      suppliers.map((s) => s.name).join('; '),
      money(record.totalValuePence),
      money(record.estimatedAnnualValuePence),
      record.valuesIncludeVat ? 'Yes' : 'No',
      money(record.irrecoverableVatPence),
      record.startDate ?? '',
      record.endDate ?? '',
      record.reviewDate ?? '',
      record.invitation ? nameOf(INVITATIONS, record.invitation) : '',
      smeOrVcse.join('; '),
      numbers.join('; '),
      ocidOf(record, { ocidPrefix }),
      record.cpvCodes.join(' '),
      nameOf(CONTRACT_STATUSES, record.status),
      record.serviceCategory ? serviceCategoryName(record.serviceCategory) : '',
    ])
  }
}
