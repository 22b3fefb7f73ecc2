/**
 * Finding the council a notice or a grant names, the way a reader would: real buyers write "Cheshire west and
 * Chester Borough Council", "The North Yorkshire Council", "Hertfordshire County Council - Children's Services",
 * "Warwickshire County Council (WCC)" or "East Herts Council". Pure: the councils in, a match or near misses out.
 *
 * Order: identifier (GB-LAE or GSS, done by the caller), then the name with council words and department suffixes
 * normalised against each council's official name and the council list's alternative names, then similarity of the
 * normalised names. A council that still exists is preferred to an abolished one of the same name; two current
 * councils with the same name, or a similarity that is close but not close enough, are near misses, never guesses.
 */
import { nameWords } from '../../platform/name-words.ts'

/** What a council needs for matching: its names. */
export interface NamedCouncil {
  id: string
  name: string
  altNames: string[]
  endDate: string | null
}

/** The short county names councils write themselves (the Royal Mail and Ordnance Survey abbreviations). */
const SHORT_COUNTIES: Record<string, string> = {
  beds: 'bedfordshire',
  berks: 'berkshire',
  bucks: 'buckinghamshire',
  cambs: 'cambridgeshire',
  derbys: 'derbyshire',
  glos: 'gloucestershire',
  gloucs: 'gloucestershire',
  hants: 'hampshire',
  herts: 'hertfordshire',
  lancs: 'lancashire',
  leics: 'leicestershire',
  lincs: 'lincolnshire',
  northants: 'northamptonshire',
  notts: 'nottinghamshire',
  oxon: 'oxfordshire',
  staffs: 'staffordshire',
  warks: 'warwickshire',
  wilts: 'wiltshire',
  worcs: 'worcestershire',
}

/** Words that say what kind of council it is, not which: "Borough", "County", "City"... */
const COUNCIL_WORDS = new Set(['the', 'council', 'borough', 'county', 'district', 'metropolitan', 'city', 'of', 'corporation'])
/** Prefixes that name the kind of council before its place. */
const PREFIXES = [/^london borough of /, /^royal borough of /, /^metropolitan borough of /, /^borough of /, /^city and county of /, /^city of /, /^county of /]

const words = nameWords

/**
 * A council's name reduced to the place it names: "Hertfordshire County Council - Children's Services" and
 * "Herts County Council" both give "hertfordshire". Empty when the name is nothing but council words.
 */
export function councilKey(name: string): string {
  // A department after a dash, a colon or in brackets: "Anyshire County Council - Adult Services", "… (WCC)".
  let text = name.split(/\s+[-–—:|]\s+|\s*\(/)[0] ?? name
  let list = words(text)
  // A department after the word "council": "Suffolk County Council Passenger Transport".
  const at = list.lastIndexOf('council')
  if (at > 0 && at < list.length - 1 && list.slice(0, at).some((w) => !COUNCIL_WORDS.has(w))) list = list.slice(0, at + 1)
  list = list.map((w) => SHORT_COUNTIES[w] ?? w)
  text = list.join(' ')
  for (const prefix of PREFIXES) text = text.replace(prefix, '')
  return text
    .split(' ')
    .filter((w) => w && !COUNCIL_WORDS.has(w))
    .join(' ')
}

function bigrams(text: string): Map<string, number> {
  const padded = ` ${text} `
  const counts = new Map<string, number>()
  for (let i = 0; i < padded.length - 1; i++) {
    const pair = padded.slice(i, i + 2)
    counts.set(pair, (counts.get(pair) ?? 0) + 1)
  }
  return counts
}

/** Sørensen–Dice similarity of two strings' letter pairs: 1 for the same, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1
  const x = bigrams(a)
  const y = bigrams(b)
  let shared = 0
  let total = 0
  for (const [pair, n] of x) {
    shared += Math.min(n, y.get(pair) ?? 0)
    total += n
  }
  for (const n of y.values()) total += n
  return total === 0 ? 0 : (2 * shared) / total
}

/** At or above this, a name is taken as the council's; between NEAR and ACCEPT it is reported as a near miss. */
export const ACCEPT_SIMILARITY = 0.9
export const NEAR_SIMILARITY = 0.7

export type CouncilMatch<C extends NamedCouncil> =
  | { council: C; how: 'name' | 'alternative name' | 'similar name'; score: number }
  | { council: undefined; nearMisses: { council: C; score: number }[] }

export class CouncilNames<C extends NamedCouncil> {
  private readonly byKey = new Map<string, { council: C; official: boolean }[]>()
  private readonly keys: { key: string; council: C }[] = []

  constructor(councils: C[], private readonly today: string) {
    for (const council of councils) {
      const seen = new Set<string>()
      for (const [i, name] of [council.name, ...council.altNames].entries()) {
        const key = councilKey(name)
        if (!key || seen.has(key)) continue
        seen.add(key)
        const list = this.byKey.get(key) ?? []
        list.push({ council, official: i === 0 })
        this.byKey.set(key, list)
        this.keys.push({ key, council })
      }
    }
  }

  private current(council: C) {
    return !council.endDate || council.endDate >= this.today
  }

  /** Keeps the councils that still exist when there are any; then one, or none when it is still ambiguous. */
  private pick(candidates: C[]): C | undefined {
    const unique = [...new Map(candidates.map((c) => [c.id, c])).values()]
    const current = unique.filter((c) => this.current(c))
    const pool = current.length > 0 ? current : unique
    return pool.length === 1 ? pool[0] : undefined
  }

  match(name: string): CouncilMatch<C> {
    const key = councilKey(name)
    if (!key) return { council: undefined, nearMisses: [] }
    const exact = this.byKey.get(key)
    if (exact) {
      const official = this.pick(exact.filter((e) => e.official).map((e) => e.council))
      if (official) return { council: official, how: 'name', score: 1 }
      const any = this.pick(exact.map((e) => e.council))
      if (any) return { council: any, how: 'alternative name', score: 1 }
      return { council: undefined, nearMisses: exact.map((e) => ({ council: e.council, score: 1 })) }
    }
    const best = new Map<string, { council: C; score: number }>()
    for (const entry of this.keys) {
      const score = similarity(key, entry.key)
      if (score < NEAR_SIMILARITY) continue
      const held = best.get(entry.council.id)
      if (!held || held.score < score) best.set(entry.council.id, { council: entry.council, score })
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || Number(this.current(b.council)) - Number(this.current(a.council)))
    const [first, second] = ranked
    if (first && first.score >= ACCEPT_SIMILARITY && this.current(first.council) && (!second || second.score < first.score - 0.05)) {
      return { council: first.council, how: 'similar name', score: first.score }
    }
    return { council: undefined, nearMisses: ranked.slice(0, 3) }
  }
}
