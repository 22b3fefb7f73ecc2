/** The register as a CSV download: one row per provider, identifiers in org-id form. Private notes never leave. */
import { spreadsheetSafe } from '../../platform/csv.ts'
import { orgId } from './identifiers.ts'
import { serviceCategoryName } from './service-categories.ts'
import { flagsOf, type ProviderRecord } from './service.ts'
import { legalFormName } from './vocabulary.ts'

const cell = (value: string | null) => spreadsheetSafe(value ?? '')
const yesNo = (value: boolean) => (value ? 'Yes' : 'No')

export function csvRecords(items: ProviderRecord[]): Record<string, string>[] {
  return items.map((p) => {
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
}
