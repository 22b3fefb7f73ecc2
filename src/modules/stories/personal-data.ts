/**
 * Finds text in a story that looks like personal data, so a moderator can de-identify it before publication
 * (Care Opinion's first moderation rule). It over-reports on purpose: a moderator dismisses a false alarm in a
 * second, while a missed name is published. Pure: text in, spans out; pages render the spans as text.
 */

export type PersonalDataKind = 'phone' | 'email' | 'postcode' | 'address' | 'name'

export interface Span {
  start: number
  end: number
  kind: PersonalDataKind
}

export interface Segment {
  text: string
  kind?: PersonalDataKind
}

const KIND_LABELS: Record<PersonalDataKind, string> = {
  phone: 'phone number',
  email: 'email address',
  postcode: 'postcode',
  address: 'address',
  name: 'possible name',
}

export const kindLabel = (kind: PersonalDataKind) => KIND_LABELS[kind]

const TITLE = '(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Sr|Cllr|Councillor|Rev|Father|Nurse)'
const ROLE_WORDS = ['nurse', 'doctor', 'carer', 'care worker', 'social worker', 'manager', 'receptionist', 'matron', 'sister', 'midwife', 'therapist', 'officer', 'driver', 'warden', 'support worker', 'consultant', 'surgeon', 'physio', 'paramedic', 'cleaner', 'teacher']
/** Role words in either case ("nurse", "Nurse"), while the name after them must start with a capital. */
const ROLE = `(?:GP|${ROLE_WORDS.map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`).join('|')})`
const NAME = "[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?"

const PATTERNS: { kind: PersonalDataKind; pattern: RegExp; group?: number }[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  // UK numbers: 07xxx xxxxxx, 01234 567890, +44 7700 900123, (020) 7946 0018.
  { kind: 'phone', pattern: /(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g },
  { kind: 'postcode', pattern: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi },
  {
    kind: 'address',
    pattern: /\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Drive|Way|Court|Crescent|Grove|Place|Terrace|Gardens|Walk|Square|Hill|Row|View)\b\.?/g,
  },
  // "Dr Smith", "Nurse Jane", "Mrs Ann Jones".
  { kind: 'name', pattern: new RegExp(`\\b${TITLE}\\.?\\s+${NAME}(?:\\s+${NAME})?`, 'g') },
  // "nurse Jane", "the carer Tom Hill".
  { kind: 'name', pattern: new RegExp(`\\b${ROLE}\\s+(${NAME}(?:\\s+${NAME})?)`, 'g'), group: 1 },
  // "called Jane Smith", "named Tom", "my son Jack".
  {
    kind: 'name',
    pattern: new RegExp(`\\b(?:called|named|name is|known as|my (?:son|daughter|husband|wife|partner|mum|mother|dad|father|brother|sister|friend|neighbour))\\s+(${NAME}(?:\\s+${NAME})?)`, 'g'),
    group: 1,
  },
]

/** Every stretch of the text that looks like personal data, in order, without overlaps (the longest wins). */
export function findPersonalData(text: string): Span[] {
  const found: Span[] = []
  for (const { kind, pattern, group } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const whole = match[0]
      const part = group ? match[group] : whole
      if (!part || match.index === undefined) continue
      // A role word followed by an ordinary capitalised word ("nurse The") is not a name; names need a capital.
      if (kind === 'name' && !/^[A-Z]/.test(part)) continue
      const start = match.index + (group ? whole.lastIndexOf(part) : 0)
      found.push({ start, end: start + part.length, kind })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const spans: Span[] = []
  for (const span of found) {
    const last = spans[spans.length - 1]
    if (last && span.start < last.end) {
      if (span.end > last.end) last.end = span.end
      continue
    }
    spans.push({ ...span })
  }
  return spans
}

/** The text cut into plain and highlighted pieces, in order; joining every piece's text gives the text back. */
export function segments(text: string, spans: Span[] = findPersonalData(text)): Segment[] {
  const result: Segment[] = []
  let at = 0
  for (const span of spans) {
    if (span.start > at) result.push({ text: text.slice(at, span.start) })
    result.push({ text: text.slice(span.start, span.end), kind: span.kind })
    at = span.end
  }
  if (at < text.length) result.push({ text: text.slice(at) })
  return result
}
