/**
 * Finding the council a line of an indicator file or an uploaded comparator list names: by GSS code, GB-LAE code
 * (with or without its `GB-LAE-` prefix) or Catalyst's own code first, then by name as the council list knows it.
 * A code that is not a council's is never guessed from the name beside it; the line is reported instead.
 */
import type { Executor } from '../../platform/db/database.ts'
import { CouncilNames, listCouncils, type CouncilRow } from '../councils/service.ts'

const AREA_NOT_COUNCIL: Record<string, string> = {
  E92: 'England',
  E12: 'a region',
  E13: 'Inner or Outer London',
  E11: 'a metropolitan county',
  W92: 'Wales',
  S92: 'Scotland',
  K02: 'the United Kingdom',
  K03: 'Great Britain',
  K04: 'England and Wales',
}

export type Found = { council: CouncilRow } | { reason: string }

export class CouncilLookup {
  private readonly byCode = new Map<string, CouncilRow>()
  private readonly names: CouncilNames<CouncilRow>

  private constructor(readonly all: CouncilRow[], today: string) {
    for (const c of all) {
      this.byCode.set(c.code.toUpperCase(), c)
      if (c.gssCode) this.byCode.set(c.gssCode, c)
      if (c.laeCode) this.byCode.set(c.laeCode, c)
    }
    this.names = new CouncilNames(all, today)
  }

  static async load(db: Executor, today: string): Promise<CouncilLookup> {
    return new CouncilLookup(await listCouncils(db), today)
  }

  find(code: string, name: string): Found {
    const raw = code.trim().toUpperCase()
    const bare = raw.startsWith('GB-LAE-') ? raw.slice('GB-LAE-'.length) : raw
    if (bare) {
      const council = this.byCode.get(bare)
      if (council) return { council }
      const area = AREA_NOT_COUNCIL[bare.slice(0, 3)]
      if (area && /^[EWSK]\d{8}$/.test(bare)) return { reason: `${bare} is ${area}, not a council` }
      return { reason: `no council with the code ${bare} in the council list${name ? ` (the line names ${name})` : ''}` }
    }
    if (!name.trim()) return { reason: 'no council code or name' }
    const match = this.names.match(name)
    if (match.council) return { council: match.council }
    const near = match.nearMisses.map((m) => m.council.name)
    return { reason: near.length ? `“${name}” is not a council name Catalyst knows; nearest: ${near.join(', ')}` : `“${name}” is not a council name Catalyst knows` }
  }
}
