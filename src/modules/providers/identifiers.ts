/**
 * Organisation identifiers in the org-id scheme (domain-rules 3.3): a list code such as GB-COH and an identifier
 * in that register. Each scheme has its own shape; these pure functions normalise what a person types and say
 * plainly what is wrong, so that the same organisation is recognised across councils by an exact match.
 */
export const IDENTIFIER_SCHEMES = {
  'GB-COH': 'Companies House',
  'GB-CHC': 'Charity Commission for England and Wales',
  'GB-SC': 'Scottish Charity Regulator (OSCR)',
  'GB-NIC': 'Charity Commission for Northern Ireland',
  'GB-MPR': 'Mutuals Public Register (FCA)',
  'GB-EDU': 'Register of Schools (URN)',
  'GB-UKPRN': 'UK Register of Learning Providers',
  'GB-NHS': 'NHS Organisation Data Service',
  'GB-SHPE': 'Registered social housing providers (England)',
  'GB-LAE': 'Local Authorities for England',
  // GB-PPON (Public Procurement Organisation Number) is what Find a Tender gives suppliers under reg 8 of the
  // Procurement Regulations 2024, but it is not yet a list in org-id.guide (domain-rules 3.3, snapshot 31 Jul 2026).
  'GB-PPON': 'Public Procurement Organisation Number (Find a Tender)',
  // A VAT registration number is part of a supplier's basic information (Procurement Regulations 2024 reg 9(3)) and
  // many spend files carry one, so payees can be matched by it. Like GB-PPON it is not a list in org-id.guide.
  'GB-VAT': 'VAT registration number (HMRC)',
} as const
export type IdentifierScheme = keyof typeof IDENTIFIER_SCHEMES
export const SCHEME_CODES = Object.keys(IDENTIFIER_SCHEMES) as [IdentifierScheme, ...IdentifierScheme[]]

export function isIdentifierScheme(value: string): value is IdentifierScheme {
  return Object.hasOwn(IDENTIFIER_SCHEMES, value)
}

export type IdentifierCheck = { ok: true; identifier: string } | { ok: false; message: string }

/** Companies House prefixes for companies not registered in England and Wales as ordinary companies (SC, NI, OC …). */
const COMPANY_PREFIXES = new Set([
  'AC', 'BR', 'CE', 'CS', 'FC', 'GE', 'GN', 'GS', 'IC', 'IP', 'LP', 'NA', 'NC', 'NF', 'NI', 'NL', 'NO', 'NP', 'NR',
  'NZ', 'OC', 'R0', 'RC', 'RS', 'SA', 'SC', 'SE', 'SF', 'SG', 'SI', 'SL', 'SO', 'SP', 'SR', 'SZ', 'ZC',
])

type Rule = (value: string) => IdentifierCheck

const ok = (identifier: string): IdentifierCheck => ({ ok: true, identifier })
const fail = (message: string): IdentifierCheck => ({ ok: false, message })

const RULES: Record<IdentifierScheme, Rule> = {
  // Company numbers are 8 characters: 8 digits (leading zeros are often dropped: 4336774 is 04336774),
  // or a 2-letter prefix and 6 digits (SC123456 in Scotland, NI… in Northern Ireland, OC… for an LLP).
  'GB-COH': (v) => {
    if (/^\d{1,8}$/.test(v)) return ok(v.padStart(8, '0'))
    const prefixed = v.match(/^([A-Z][A-Z0-9])(\d{1,6})$/)
    if (prefixed && COMPANY_PREFIXES.has(prefixed[1]!)) return ok(prefixed[1]! + prefixed[2]!.padStart(6, '0'))
    return fail('Enter a company number of 8 characters, like 04336774 or SC123456')
  },
  // Registered charity numbers are 6 or 7 digits; a linked charity adds "-" and its number, like 1090095-1.
  'GB-CHC': (v) =>
    /^\d{6,7}(-\d{1,3})?$/.test(v) ? ok(v) : fail('Enter a charity number of 6 or 7 digits, like 1090095 or 1090095-1'),
  'GB-SC': (v) => {
    const match = v.match(/^SC(\d{6})$/)
    return match ? ok(v) : fail('Enter a Scottish charity number: SC and 6 digits, like SC042386')
  },
  'GB-NIC': (v) => {
    const digits = v.replace(/^NIC/, '')
    return /^1\d{5}$/.test(digits) ? ok(digits) : fail('Enter a Northern Ireland charity number of 6 digits, like 100019')
  },
  // FCA society numbers: digits with an optional suffix letter (235C, 30062R), or IP/RS with digits (IP031455).
  'GB-MPR': (v) =>
    /^(\d{1,6}[A-Z]{0,2}|(IP|RS)\d{4,6}[A-Z]?)$/.test(v)
      ? ok(v)
      : fail('Enter a Mutuals Public Register number, like 235C or IP031455'),
  'GB-EDU': (v) => (/^\d{6}$/.test(v) ? ok(v) : fail('Enter a school URN of 6 digits, like 125554')),
  'GB-UKPRN': (v) => (/^1\d{7}$/.test(v) ? ok(v) : fail('Enter a UKPRN of 8 digits starting with 1, like 10000346')),
  'GB-NHS': (v) => (/^[A-Z0-9]{3,6}$/.test(v) ? ok(v) : fail('Enter an NHS ODS code of 3 to 6 letters or digits, like RAX or 01F')),
  'GB-SHPE': (v) =>
    /^[A-Z]{0,2}\d{3,5}$/.test(v) ? ok(v) : fail('Enter a social housing provider registration number, like LH4401 or 4805'),
  // Three letters, or four for a combined authority as the council list gives it (GMCA).
  'GB-LAE': (v) => (/^[A-Z]{3,4}$/.test(v) ? ok(v) : fail('Enter a 3 or 4-letter local authority code, like BAS or GMCA')),
  'GB-PPON': (v) =>
    /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(v) ? ok(v) : fail('Enter a PPON in 3 groups of 4 characters, like PBCP-5168-ZDGP'),
  // 9 digits, or 12 for a branch; "GB" and the spaces people type are dropped (spend files' form, normaliseVatNumber).
  'GB-VAT': (v) => {
    const digits = v.replace(/[.-]/g, '').replace(/^GB/, '')
    return /^(\d{9}|\d{12})$/.test(digits) ? ok(digits) : fail('Enter a VAT registration number of 9 digits, like GB 123 4567 89')
  },
}

/**
 * Checks and normalises an identifier for its scheme: upper case, spaces removed, and the scheme's own prefix
 * dropped if someone pasted the full org-id (GB-COH-04336774).
 */
export function checkIdentifier(scheme: IdentifierScheme, raw: string): IdentifierCheck {
  let value = raw.trim().toUpperCase().replace(/\s+/g, '')
  if (value.startsWith(`${scheme}-`)) value = value.slice(scheme.length + 1)
  if (value === '') return fail(`Enter the ${IDENTIFIER_SCHEMES[scheme]} identifier`)
  return RULES[scheme](value)
}

/** The org-id form used across data standards: scheme, hyphen, identifier (GB-COH-04336774). */
export function orgId(identifier: { scheme: string; identifier: string }): string {
  return `${identifier.scheme}-${identifier.identifier}`
}

/** Reads a full org-id typed into a search box, if it is one. */
export function parseOrgId(text: string): { scheme: IdentifierScheme; identifier: string } | undefined {
  const value = text.trim().toUpperCase().replace(/\s+/g, '')
  const scheme = SCHEME_CODES.filter((code) => value.startsWith(`${code}-`)).sort((a, b) => b.length - a.length)[0]
  if (!scheme) return undefined
  const check = checkIdentifier(scheme, value)
  return check.ok ? { scheme, identifier: check.identifier } : undefined
}
