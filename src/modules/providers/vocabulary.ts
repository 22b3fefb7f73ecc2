/** Legal forms and the supplier flags of the Procurement Regulations 2024, with the words pages use for them. */
import type { providers } from './schema.ts'

export const LEGAL_FORMS = {
  'company-shares': 'Company limited by shares',
  'company-guarantee': 'Company limited by guarantee',
  cio: 'Charitable incorporated organisation',
  'unincorporated-charity': 'Unincorporated charity or association',
  cic: 'Community interest company',
  'co-operative': 'Co-operative or community benefit society',
  partnership: 'Partnership or LLP',
  'sole-trader': 'Sole trader',
  'public-body': 'Public body',
  other: 'Other',
} as const
export type LegalForm = keyof typeof LEGAL_FORMS
export const LEGAL_FORM_CODES = Object.keys(LEGAL_FORMS) as [LegalForm, ...LegalForm[]]

export function legalFormName(code: string): string {
  return (LEGAL_FORMS as Record<string, string>)[code] ?? code
}

type ProviderColumns = keyof typeof providers.$inferSelect

/**
 * Reg 9(3)(k) of the Procurement Regulations 2024 (domain-rules 1.12): whether the supplier is an SME, a VCSE,
 * a supported employment provider, a public service mutual. The code is what forms, filters and the API use.
 */
export const SUPPLIER_FLAGS = [
  { code: 'sme', name: 'SME', column: 'isSme' },
  { code: 'vcse', name: 'VCSE', column: 'isVcse' },
  { code: 'supported-employment', name: 'Supported employment provider', column: 'isSupportedEmploymentProvider' },
  { code: 'mutual', name: 'Public service mutual', column: 'isPublicServiceMutual' },
] as const satisfies readonly { code: string; name: string; column: ProviderColumns }[]

export type SupplierFlag = (typeof SUPPLIER_FLAGS)[number]['code']
export const FLAG_CODES = SUPPLIER_FLAGS.map((f) => f.code) as [SupplierFlag, ...SupplierFlag[]]
