/** The register as a CSV download: one row per provider, identifiers in org-id form. Private notes never leave. */
import { csvRecords } from '../../platform/csv.ts'
import { orgId } from './identifiers.ts'
import { serviceCategoryName } from './service-categories.ts'
import { flagsOf, type ProviderRecord } from './service.ts'
import { legalFormName } from './vocabulary.ts'

const cell = (value: string | null) => value ?? ''
const yesNo = (value: boolean) => (value ? 'Yes' : 'No')

const PROVIDER_COLUMNS = [
  'Catalyst id',
  'Name',
  'Legal form',
  'Identifiers',
  'SME',
  'VCSE',
  'Supported employment provider',
  'Public service mutual',
  'Address line 1',
  'Address line 2',
  'Town',
  'Postcode',
  'Website',
  'Services',
  'Areas served (GSS codes)',
  'Published',
  'Last updated',
] as const

/** The register as CSV, through the platform's safe writer. */
export function providersCsv(items: ProviderRecord[]): string {
  const rows = items.map((p) => {
    const flags = new Set(flagsOf(p))
    return {
      'Catalyst id': p.id,
      Name: cell(p.name),
      'Legal form': legalFormName(p.legalForm),
      Identifiers: p.identifiers.map(orgId).join('; '),
      SME: yesNo(flags.has('sme')),
      VCSE: yesNo(flags.has('vcse')),
      'Supported employment provider': yesNo(flags.has('supported-employment')),
      'Public service mutual': yesNo(flags.has('mutual')),
      'Address line 1': cell(p.addressLine1),
      'Address line 2': cell(p.addressLine2),
      Town: cell(p.town),
      Postcode: p.postcode ?? '',
      Website: cell(p.website),
      Services: p.serviceCategories.map(serviceCategoryName).join('; '),
      'Areas served (GSS codes)': p.areasServed.join('; '),
      Published: yesNo(p.published),
      'Last updated': p.updatedAt.toISOString(),
    }
  })
  return csvRecords(PROVIDER_COLUMNS, rows)
}
