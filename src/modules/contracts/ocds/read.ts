/**
 * Reads an OCDS file as Contracts Finder and Find a Tender publish them (domain-rules 3.5): a release package, a
 * record package, a bare release or a bare record (or a list of releases). Each contracting process (ocid) becomes one
 * compiled release: its releases merged in date order, later values over earlier ones, as OCDS merging does for the
 * fields Catalyst reads. A file that is not JSON, or not OCDS, is refused whole.
 */
import { ocdsRecord, ocdsRelease, recordPackage, releasePackage, RELEASE_TAGS, type OcdsRelease } from './schemas.ts'

export type OcdsShape = 'release-package' | 'record-package' | 'release' | 'record' | 'release-list'

export interface OcdsProcess {
  ocid: string
  /** Where the process came from in the file, for reports: "release 3" or "record ocds-…". */
  source: string
  compiled: OcdsRelease
}

export type ReadResult =
  | { ok: true; shape: OcdsShape; processes: OcdsProcess[]; skipped: { ref: string; reason: string }[]; warnings: string[] }
  | { ok: false; reason: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function readOcds(bytes: Buffer | string): ReadResult {
  let data: unknown
  try {
    data = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    return { ok: false, reason: `the file is not valid JSON (${(error as Error).message})` }
  }
  let shape: OcdsShape
  let releases: { value: unknown; ref: string }[] = []
  const compiledFromRecords: { value: unknown; ref: string }[] = []
  if (Array.isArray(data)) {
    shape = 'release-list'
    releases = data.map((value, i) => ({ value, ref: `release ${i + 1}` }))
  } else if (isObject(data) && Array.isArray(data.releases) && !('ocid' in data)) {
    const parsed = releasePackage.safeParse(data)
    if (!parsed.success) return { ok: false, reason: 'the release package could not be read' }
    shape = 'release-package'
    releases = parsed.data.releases.map((value, i) => ({ value, ref: `release ${i + 1}` }))
  } else if (isObject(data) && Array.isArray(data.records)) {
    const parsed = recordPackage.safeParse(data)
    if (!parsed.success) return { ok: false, reason: 'the record package could not be read' }
    shape = 'record-package'
    for (const [i, record] of parsed.data.records.entries()) collectRecord(record, `record ${i + 1}`, releases, compiledFromRecords)
  } else if (isObject(data) && typeof data.ocid === 'string' && ('compiledRelease' in data || Array.isArray(data.releases))) {
    shape = 'record'
    collectRecord(data, `record ${data.ocid}`, releases, compiledFromRecords)
  } else if (isObject(data) && typeof data.ocid === 'string') {
    shape = 'release'
    releases = [{ value: data, ref: 'release 1' }]
  } else if (isObject(data) && Array.isArray(data.grants)) {
    return { ok: false, reason: 'this is a 360Giving file, not OCDS: import it as 360Giving' }
  } else {
    return { ok: false, reason: 'this is not an OCDS file: it has no releases, records or ocid' }
  }

  const skipped: { ref: string; reason: string }[] = []
  const warnings: string[] = []
  const byOcid = new Map<string, { releases: OcdsRelease[]; ref: string; compiled?: OcdsRelease }>()
  const take = (entry: { value: unknown; ref: string }, compiled: boolean) => {
    const parsed = ocdsRelease.safeParse(entry.value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      skipped.push({ ref: entry.ref, reason: `not a readable OCDS release (${issue ? `${issue.path.join('.') || 'release'}: ${issue.message}` : 'invalid'})` })
      return
    }
    const release = parsed.data
    for (const tag of release.tag ?? []) {
      if (!RELEASE_TAGS.has(tag)) warnings.push(`${entry.ref} (${release.ocid}): tag "${tag}" is not in the OCDS releaseTag codelist; imported anyway`)
    }
    const group = byOcid.get(release.ocid) ?? { releases: [], ref: entry.ref }
    if (compiled) group.compiled = release
    else group.releases.push(release)
    byOcid.set(release.ocid, group)
  }
  for (const entry of releases) take(entry, false)
  for (const entry of compiledFromRecords) take(entry, true)
  if (byOcid.size === 0 && skipped.length === 0) return { ok: false, reason: 'the file holds no releases' }

  const processes: OcdsProcess[] = []
  for (const [ocid, group] of byOcid) {
    const compiled = group.compiled ?? compile(group.releases)
    processes.push({ ocid, source: group.ref, compiled })
  }
  return { ok: true, shape, processes, skipped, warnings }
}

function collectRecord(record: unknown, ref: string, releases: { value: unknown; ref: string }[], compiled: { value: unknown; ref: string }[]) {
  const parsed = ocdsRecord.safeParse(record)
  if (!parsed.success) {
    releases.push({ value: record, ref })
    return
  }
  if (parsed.data.compiledRelease) {
    compiled.push({ value: parsed.data.compiledRelease, ref })
    return
  }
  // Embedded releases are merged; linked ones (only a url and date) cannot be read from this file.
  for (const [i, release] of (parsed.data.releases ?? []).entries()) {
    if (isObject(release) && 'ocid' in release) releases.push({ value: release, ref: `${ref} release ${i + 1}` })
  }
}

/** Merges a process's releases oldest first: later fields replace earlier; parties, awards and contracts merge by id. */
export function compile(releases: OcdsRelease[]): OcdsRelease {
  const sorted = [...releases].sort((a, b) => a.date.localeCompare(b.date))
  let result: Record<string, unknown> = {}
  for (const release of sorted) result = mergeObject(result, release as Record<string, unknown>)
  return result as OcdsRelease
}

function mergeObject(base: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue
    const current = merged[key]
    if (Array.isArray(value) && Array.isArray(current) && value.every((v) => isObject(v) && 'id' in v)) {
      const byId = new Map<string, Record<string, unknown>>(current.filter(isObject).map((v) => [String(v.id), v]))
      for (const item of value as Record<string, unknown>[]) {
        const id = String(item.id)
        byId.set(id, byId.has(id) ? mergeObject(byId.get(id)!, item) : item)
      }
      merged[key] = [...byId.values()]
    } else if (isObject(value) && isObject(current)) {
      merged[key] = mergeObject(current, value)
    } else {
      merged[key] = value
    }
  }
  return merged
}
