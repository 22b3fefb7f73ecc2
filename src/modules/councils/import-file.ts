/**
 * Reading a file of local authorities: ONS lookups (LAD23CD, LAD23NM, CTY/UTLA variants) and mySociety's
 * uk_local_authorities register (local-authority-code, official-name, gss-code, local-authority-type, start-date,
 * end-date, replaced-by). Pure: bytes in, rows and reasons out. No SQL, no rules about what is already stored.
 *
 * What it tolerates: a UTF-8 BOM (also a BOM that was itself double-encoded), Windows-1252, blank lines, column
 * names in any case with spaces, underscores or hyphens, and any year digits in ONS names (LAD21CD, CTYUA24NM).
 * What it reports: every row it could not read, with its line number and why. Welsh, Scottish and Northern Irish
 * authorities are skipped with a reason (Catalyst records English councils), not rejected.
 */
import iconv from 'iconv-lite'
import { parse } from 'csv-parse/sync'
import type { CouncilType } from './service.ts'

export interface ParsedCouncil {
  /** The line of the file the row came from (1 is the header). */
  line: number
  name: string
  gssCode: string | null
  laeCode: string | null
  type: CouncilType
  /** undefined: the file has no such column (keep what is stored); null: the column is there and empty. */
  startDate: string | null | undefined
  endDate: string | null | undefined
  /**
   * The GSS or GB-LAE codes of the councils that replaced this one, resolved after every row is read. More than
   * one when a council was split (Northamptonshire into North and West Northamptonshire).
   */
  replacedBy: string[] | null | undefined
  /** Other names the file gives the council (mySociety's nice-name and alt-names); undefined: the file has none. */
  altNames: string[] | undefined
  /** The English region (mySociety's region, ONS's RGNnnNM); undefined: the file has no such column. */
  region: string | null | undefined
}

export interface RowProblem {
  line: number
  reason: string
}

export type ParsedCouncilFile =
  | {
      ok: true
      format: 'ons' | 'mysociety' | 'generic'
      encoding: 'utf-8' | 'utf-8 with BOM' | 'windows-1252'
      /** Rows of data read (not counting the header or blank lines). */
      rowsRead: number
      councils: ParsedCouncil[]
      rejected: RowProblem[]
      skipped: RowProblem[]
    }
  | { ok: false; reason: string }

export const GSS_CODE = /^E\d{8}$/
const NON_ENGLISH_GSS = /^[WSN]\d{8}$/
/** Three letters (the register's codes), or four for the combined authorities the council list adds (GMCA). */
const LAE_CODE = /^[A-Z]{3,4}$/

/** Local authority types as mySociety and ONS write them, to Catalyst's council types. */
const TYPE_ALIASES: Record<string, CouncilType | 'non-english'> = {
  cty: 'county',
  county: 'county',
  countycouncil: 'county',
  nmd: 'district',
  district: 'district',
  nonmetropolitandistrict: 'district',
  districtcouncil: 'district',
  ua: 'unitary',
  unitary: 'unitary',
  unitaryauthority: 'unitary',
  md: 'metropolitan-district',
  metropolitandistrict: 'metropolitan-district',
  metropolitanborough: 'metropolitan-district',
  lbo: 'london-borough',
  londonborough: 'london-borough',
  cc: 'city-of-london',
  cityoflondon: 'city-of-london',
  citycorporation: 'city-of-london',
  comb: 'combined-authority',
  ca: 'combined-authority',
  combinedauthority: 'combined-authority',
  sra: 'other',
  strategicregionalauthority: 'other',
  other: 'other',
  sco: 'non-english',
  wpa: 'non-english',
  nid: 'non-english',
}

/** The council type a GSS code's entity prefix implies (ONS files carry no type column). */
export function typeFromGss(gssCode: string): CouncilType | undefined {
  if (gssCode === 'E09000001') return 'city-of-london'
  const prefix = gssCode.slice(0, 3)
  const byPrefix: Record<string, CouncilType> = {
    E06: 'unitary',
    E07: 'district',
    E08: 'metropolitan-district',
    E09: 'london-borough',
    E10: 'county',
    E47: 'combined-authority',
  }
  return byPrefix[prefix]
}

/** A region cell: undefined when the file has no region column, null when the cell is empty. */
function regionOf(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return undefined
  const region = raw.replace(/\s+/g, ' ').trim()
  return region === '' ? null : region
}

/** Column names compared without case, spaces, underscores, hyphens or other punctuation. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF|^ï»¿/, '').toLowerCase().replace(/[^a-z0-9]/g, '')
}

const ALIASES = {
  name: ['officialname', 'name', 'councilname', 'authorityname', 'localauthorityname', 'laname', 'nicename'],
  gss: ['gsscode', 'gss', 'onscode', 'localauthoritygsscode', 'areacode'],
  lae: ['localauthoritycode', 'laecode', 'gblaecode', 'gblae', 'registercode'],
  type: ['localauthoritytype', 'authoritytype', 'type', 'latype', 'counciltype'],
  start: ['startdate', 'start', 'from', 'validfrom'],
  end: ['enddate', 'end', 'abolished', 'validto'],
  replacedBy: ['replacedby', 'successor', 'successorcode', 'replacedbycode'],
  altNames: ['altnames', 'alternativenames', 'othernames'],
  niceName: ['nicename'],
  region: ['region', 'regionname', 'englishregion'],
} as const
type Field = keyof typeof ALIASES

/** ONS geography columns: LAD23CD, CTY21NM, UTLA22CD, CTYUA24NM, LTLA21CD, CAUTH23CD… */
const ONS_COLUMN = /^(lad|cty|utla|ltla|ctyua|ua|cauth|cmlad|lau1)(\d{2})(cd|nm)$/

/** Windows-1252 through iconv-lite: Node 20's own TextDecoder treats it as Latin-1 and gets 0x80-0x9F (€, ‘ ’…) wrong. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'win1252')
}

function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-8 with BOM' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    // A BOM that went through a Windows-1252 round trip arrives as the three characters ï»¿.
    if (text.startsWith('ï»¿')) return { text: text.slice(3), encoding: 'utf-8 with BOM' }
    return { text, encoding: 'utf-8' }
  } catch {
    const text = decodeWindows1252(bytes)
    return { text: text.startsWith('ï»¿') ? text.slice(3) : text, encoding: 'windows-1252' }
  }
}

/** An ISO date (2023-04-01), a UK date (01/04/2023 or 1-4-2023), or an ISO timestamp (its date). */
export function parseDate(value: string): string | undefined {
  const iso = value.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/)
  const uk = value.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/)
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : uk
      ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
      : [NaN, NaN, NaN]
  if (!Number.isInteger(year)) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function parseCouncilFile(bytes: Uint8Array): ParsedCouncilFile {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, reason: 'the file is not a CSV file (it contains binary data; save a spreadsheet as CSV first)' }
  }
  const { text, encoding } = decode(bytes)

  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    return { ok: false, reason: `the file is not valid CSV (${(error as Error).message})` }
  }
  const [header, ...rows] = records
  if (!header) return { ok: false, reason: 'the file has no rows' }

  const columns = header.record.map(normaliseHeader)
  const index: Partial<Record<Field, number>> = {}
  for (const field of Object.keys(ALIASES) as Field[]) {
    for (const alias of ALIASES[field]) {
      const at = columns.indexOf(alias)
      if (at >= 0) {
        index[field] = at
        break
      }
    }
  }
  let format: 'ons' | 'mysociety' | 'generic' = index.lae !== undefined ? 'mysociety' : 'generic'
  if (index.gss === undefined || index.name === undefined) {
    // ONS: the first code column and the name column of the same geography and year.
    const ons = columns.map((column) => column.match(ONS_COLUMN))
    const code = ons.findIndex((m) => m?.[3] === 'cd')
    const prefix = code >= 0 ? `${ons[code]![1]}${ons[code]![2]}` : undefined
    const name = ons.findIndex((m) => m?.[3] === 'nm' && (prefix === undefined || `${m[1]}${m[2]}` === prefix))
    if (code >= 0 && index.gss === undefined) {
      index.gss = code
      format = 'ons'
    }
    if (name >= 0 && index.name === undefined) index.name = name
  }
  // ONS's local authority to region lookup names the region RGN23NM (the year changes with each release).
  if (index.region === undefined) {
    const region = columns.findIndex((column) => /^rgn\d{2}nm$/.test(column))
    if (region >= 0) index.region = region
  }
  const found = header.record.map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ')
  if (index.name === undefined) {
    return { ok: false, reason: `no column of council names (such as official-name, name or LAD23NM) among ${found}` }
  }
  if (index.gss === undefined && index.lae === undefined) {
    return {
      ok: false,
      reason: `no column of council codes (such as gss-code, local-authority-code or LAD23CD) among ${found}`,
    }
  }

  const councils: ParsedCouncil[] = []
  const rejected: RowProblem[] = []
  const skipped: RowProblem[] = []
  const seenGss = new Map<string, number>()
  const seenLae = new Map<string, number>()
  const cell = (record: string[], field: Field): string | undefined => {
    const at = index[field]
    return at === undefined ? undefined : (record[at] ?? '').trim()
  }

  for (const { record, info } of rows) {
    const line = info.lines
    const reject = (reason: string) => rejected.push({ line, reason })
    const name = cell(record, 'name')?.replace(/\s+/g, ' ') ?? ''
    const gssRaw = cell(record, 'gss')?.toUpperCase() ?? ''
    const laeRaw = (cell(record, 'lae') ?? '').toUpperCase().replace(/^GB-LAE-/, '')
    const typeRaw = cell(record, 'type') ?? ''

    if (NON_ENGLISH_GSS.test(gssRaw) || TYPE_ALIASES[normaliseHeader(typeRaw)] === 'non-english') {
      skipped.push({ line, reason: `${name || gssRaw || laeRaw} is not an English authority; Catalyst records English councils only` })
      continue
    }
    if (!name) {
      reject('no council name')
      continue
    }
    if (gssRaw && !GSS_CODE.test(gssRaw)) {
      reject(`"${gssRaw}" is not a GSS code for an English area: it should be E and 8 digits, like E06000002`)
      continue
    }
    if (laeRaw && !LAE_CODE.test(laeRaw)) {
      reject(`"${laeRaw}" is not a GB-LAE code: it should be 3 or 4 letters, like MDB or GMCA`)
      continue
    }
    if (!gssRaw && !laeRaw) {
      reject(`${name} has no GSS code or GB-LAE code`)
      continue
    }
    if (gssRaw && seenGss.has(gssRaw)) {
      reject(`GSS code ${gssRaw} is also on line ${seenGss.get(gssRaw)}`)
      continue
    }
    if (laeRaw && seenLae.has(laeRaw)) {
      reject(`GB-LAE code ${laeRaw} is also on line ${seenLae.get(laeRaw)}`)
      continue
    }

    let type: CouncilType | undefined
    if (typeRaw) {
      const mapped = TYPE_ALIASES[normaliseHeader(typeRaw)]
      if (!mapped || mapped === 'non-english') {
        reject(`"${typeRaw}" is not a local authority type Catalyst knows (CTY, NMD, UA, MD, LBO, CC, COMB, SRA)`)
        continue
      }
      type = mapped
    } else {
      type = gssRaw ? typeFromGss(gssRaw) : undefined
      if (!type && gssRaw) {
        reject(`${gssRaw} is not the code of a council (E06, E07, E08, E09, E10 or E47) and the row has no type`)
        continue
      }
      type ??= 'other'
    }

    const dates: { startDate?: string | null; endDate?: string | null } = {}
    let badDate = false
    for (const [field, key] of [['start', 'startDate'], ['end', 'endDate']] as const) {
      const raw = cell(record, field)
      if (raw === undefined) continue
      if (raw === '') {
        dates[key] = null
        continue
      }
      const parsed = parseDate(raw)
      if (!parsed) {
        reject(`"${raw}" is not a date (${field === 'start' ? 'start' : 'end'} date): use 2023-04-01 or 01/04/2023`)
        badDate = true
        break
      }
      dates[key] = parsed
    }
    if (badDate) continue
    if (dates.startDate && dates.endDate && dates.endDate < dates.startDate) {
      reject(`the end date ${dates.endDate} is before the start date ${dates.startDate}`)
      continue
    }

    const replacedRaw = cell(record, 'replacedBy')
    const replacedBy =
      replacedRaw === undefined
        ? undefined
        : replacedRaw === ''
          ? null
          : replacedRaw
              .toUpperCase()
              .split(/[\s,;|]+/)
              .filter(Boolean)
              .map((code) => code.replace(/^GB-LAE-/, ''))

    // mySociety separates alternative names with commas (a few official names have one, so a piece may be short).
    const altRaw = cell(record, 'altNames')
    const nice = index.name !== index.niceName ? cell(record, 'niceName') : undefined
    const altNames =
      altRaw === undefined && nice === undefined
        ? undefined
        : [...new Set([nice ?? '', ...(altRaw ?? '').split(/[,|;]/)].map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n && n.toLowerCase() !== name.toLowerCase()))]

    if (gssRaw) seenGss.set(gssRaw, line)
    if (laeRaw) seenLae.set(laeRaw, line)
    councils.push({
      line,
      name,
      gssCode: gssRaw || null,
      laeCode: laeRaw || null,
      type,
      startDate: dates.startDate === undefined && index.start === undefined ? undefined : (dates.startDate ?? null),
      endDate: dates.endDate === undefined && index.end === undefined ? undefined : (dates.endDate ?? null),
      replacedBy,
      altNames,
      region: regionOf(cell(record, 'region')),
    })
  }

  return { ok: true, format, encoding, rowsRead: rows.length, councils, rejected, skipped }
}
