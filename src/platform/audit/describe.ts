/**
 * Audit entries in words: "Budget changed from £1,000,000 to £1,200,000", never "budgetPence: 100000000". The audit
 * trail stores records as they were (JSON, field names as in the code); this is the one place that turns a before
 * and after into sentences, so every history page (projects, contracts, providers...) reads the same way. A module
 * says how its fields are named and formatted; a field it did not describe still reads as words (camelCase split,
 * money by the "Pence" suffix, dates by their shape), never as its raw key.
 */
import { formatDate, formatIfDate } from '../dates.ts'
import { formatPence } from '../money.ts'
import type { HistoryEntry } from './audit.ts'

/** How a field's value is written: a kind, a table of display names (enums), or a function. */
export type FieldFormat = 'text' | 'money' | 'date' | 'boolean' | 'number' | Readonly<Record<string, string | { name: string }>> | ((value: unknown) => string)

export interface FieldSpec {
  label: string
  format?: FieldFormat
  /** Not shown at all (identifiers, internal keys). */
  hidden?: boolean
}
export type FieldSpecs = Readonly<Record<string, FieldSpec>>

/** Never shown: bookkeeping every record has. Keys ending in Id or Ids (database identifiers) are hidden too unless described. */
const ALWAYS_HIDDEN = new Set(['id', 'councilId', 'createdAt', 'updatedAt', 'nameKey'])
const ID_KEY = /(Id|Ids)$/

/** A key as words: "serviceArea" → "Service area", "extensionsTakenNote" → "Extensions taken note", "budgetPence" → "Budget". */
export function humanise(key: string): string {
  const base = key.replace(/Pence$/, '') || key
  // Only the capitals that camelCase put in become lower case, so names already in words ("Whole-life cost",
  // "NHS body", a criterion's or option's name used as a key) keep their own spelling.
  const words = base
    .replace(/[_]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])(?=[a-z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

function penceOf(value: unknown): number | bigint | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim())
  return undefined
}

/** One value in words, by its field's format (or its key's shape when the field is not described). */
export function formatValue(value: unknown, format: FieldFormat | undefined, key = ''): string {
  if (isBlank(value)) return 'blank'
  if (Array.isArray(value)) return value.map((v) => formatValue(v, format, key)).join(', ')
  const kind = format ?? (/Pence$/.test(key) ? 'money' : undefined)
  if (typeof kind === 'function') return kind(value)
  if (typeof kind === 'object') {
    const entry = kind[String(value)]
    if (entry === undefined) return String(value)
    return typeof entry === 'string' ? entry : entry.name
  }
  if (kind === 'money') {
    const pence = penceOf(value)
    if (pence === undefined) return datesInWords(String(value))
    // Whole pounds unless there are pence to show: "£1,200,000", "£12.50".
    return formatPence(pence, { whole: BigInt(pence) % 100n === 0n })
  }
  if (kind === 'date') return formatDate(value) || String(value)
  if (typeof value === 'boolean' || kind === 'boolean') return value === true || value === 'true' ? 'Yes' : 'No'
  if (typeof value === 'object') {
    // A small map such as scores by criterion: "Whole-life cost 3, Quality 4".
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${/[a-z][A-Z]/.test(k) ? humanise(k) : k} ${isBlank(v) ? 'blank' : formatValue(v, undefined, k)}`)
      .join(', ')
  }
  return datesInWords(formatIfDate(String(value)))
}

/**
 * Calendar dates inside a stored text ("year to 2026-03-31", a notice's "UK7 2026-11-07") written as pages write
 * dates, so a value that carries a date reads the same as the pages around it.
 */
function datesInWords(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b(?!T)/g, (iso) => formatDate(iso) || iso)
}

function specOf(key: string, specs: FieldSpecs): FieldSpec | undefined {
  const spec = specs[key]
  if (spec) return spec.hidden ? undefined : spec
  if (ALWAYS_HIDDEN.has(key) || ID_KEY.test(key)) return undefined
  return { label: humanise(key) }
}

/** Long free text (a decision's reason) is cut, so one entry does not fill the page; the record itself has it all. */
const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

const same = (a: unknown, b: unknown) => JSON.stringify(isBlank(a) ? null : a) === JSON.stringify(isBlank(b) ? null : b)

/**
 * What an audit entry recorded, as sentences. With a before and an after: one sentence per field that changed
 * ("Budget changed from £1,000,000 to £1,200,000", "Summary added: …", "Budget removed (was £5,000)"). With only
 * one of them (a record added or removed): "Label: value" per field that has a value. Fields follow the order the
 * module described them in, then the record's own order.
 */
export function describeChanges(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined, specs: FieldSpecs = {}): string[] {
  const order = [...new Set([...Object.keys(specs), ...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const present = (k: string) => (before && k in before) || (after && k in after)
  const lines: string[] = []
  for (const key of order) {
    if (!present(key)) continue
    const spec = specOf(key, specs)
    if (!spec) continue
    const show = (v: unknown) => clip(formatValue(v, spec.format, key))
    if (before && after) {
      const [b, a] = [before[key], after[key]]
      if (same(b, a)) continue
      if (isBlank(b)) lines.push(`${spec.label} set to ${show(a)}`)
      else if (isBlank(a)) lines.push(`${spec.label} removed (was ${show(b)})`)
      else lines.push(`${spec.label} changed from ${show(b)} to ${show(a)}`)
    } else {
      const value = (after ?? before)![key]
      if (isBlank(value)) continue
      lines.push(`${spec.label}: ${show(value)}`)
    }
  }
  return lines
}

/** How actions stored as codes read; modules whose actions are already phrases ("add need") keep them. */
const ACTION_WORDS: Record<string, string> = { create: 'Created', update: 'Changed', delete: 'Deleted', import: 'Imported' }

export interface HistoryItem {
  at: Date
  who: string
  action: string
  changes: string[]
}

export interface HistoryOptions {
  /** How the module's action codes read, where they are not already phrases. */
  actions?: Readonly<Record<string, string>>
  /**
   * Whether an entry with only an after (a record added) or only a before (removed) lists its fields. Off for
   * registers whose "create" entry holds the whole record the page already shows.
   */
  describeAdded?: boolean
}

/** A record's history for a page: who did what, when, and what changed, in words. */
export function historyItems(entries: readonly HistoryEntry[], specs: FieldSpecs = {}, options: HistoryOptions = {}): HistoryItem[] {
  const { actions = {}, describeAdded = true } = options
  return entries.map((entry) => {
    const words = actions[entry.action] ?? ACTION_WORDS[entry.action] ?? entry.action
    const oneSided = !(entry.before && entry.after)
    return {
      at: entry.at,
      who: entry.actorLabel,
      action: words.charAt(0).toUpperCase() + words.slice(1),
      changes: oneSided && !describeAdded ? [] : describeChanges(entry.before, entry.after, specs),
    }
  })
}
