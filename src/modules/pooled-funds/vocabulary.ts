/** The words of a pooled fund: its kinds, the Better Care Fund's funding streams, and partner organisation codes. */

export const FUND_KINDS = { bcf: 'Better Care Fund', 'section-75': 'Other section 75 pooled fund' } as const
export type FundKind = keyof typeof FUND_KINDS

/**
 * The Better Care Fund's funding streams (domain-rules 11.1): the ICB's minimum contribution, the Disabled Facilities
 * Grant, the Local Authority BCF grant (formerly the improved BCF), and any additional contributions. Another s.75
 * pool uses "additional" for what its partners put in.
 */
export const STREAMS = {
  'nhs-minimum': 'NHS minimum contribution',
  dfg: 'Disabled Facilities Grant',
  'la-grant': 'Local Authority BCF grant',
  additional: 'Additional contributions',
} as const
export type Stream = keyof typeof STREAMS
export const STREAM_CODES = Object.keys(STREAMS) as Stream[]

export const streamName = (code: string) => STREAMS[code as Stream] ?? code

export const CONTRIBUTION_KINDS = { agreed: 'Agreed', variation: 'Variation' } as const

export type PartnerScheme = 'GSS' | 'ODS'

/**
 * Which register a partner's code is from: an ONS GSS code for a council (a letter for the nation and eight digits,
 * E06000002) or an NHS ODS code for an NHS body (three to five letters and digits: QHM, 15N, RAX). Undefined when it is
 * neither.
 */
export function schemeOfCode(code: string): PartnerScheme | undefined {
  const clean = code.trim().toUpperCase()
  if (/^[EWSN]\d{8}$/.test(clean)) return 'GSS'
  if (/^[A-Z0-9]{3,5}$/.test(clean) && /[A-Z]/.test(clean) || /^\d{2}[A-Z]$/.test(clean)) return 'ODS'
  return undefined
}

export const SCHEME_NAMES: Record<PartnerScheme, string> = { GSS: 'Council (ONS GSS code)', ODS: 'NHS body (NHS ODS code)' }

/** The quarters of a financial year that starts in April of `startYear`, with their months (YYYY-MM). */
export function quartersOf(startYear: number): { quarter: 1 | 2 | 3 | 4; label: string; months: string[]; start: string; end: string }[] {
  const month = (offset: number) => {
    const m = 3 + offset // 0-based April
    const year = startYear + Math.floor(m / 12)
    return `${year}-${String((m % 12) + 1).padStart(2, '0')}`
  }
  const lastDay = (ym: string) => {
    const [y, m] = ym.split('-').map(Number) as [number, number]
    return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
  }
  const labels = ['April to June', 'July to September', 'October to December', 'January to March']
  return [0, 1, 2, 3].map((q) => {
    const months = [month(q * 3), month(q * 3 + 1), month(q * 3 + 2)]
    return { quarter: (q + 1) as 1 | 2 | 3 | 4, label: labels[q]!, months, start: `${months[0]}-01`, end: lastDay(months[2]!) }
  })
}
