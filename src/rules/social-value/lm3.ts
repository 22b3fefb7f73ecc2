/**
 * The Local Multiplier 3 (New Economics Foundation, "The Money Trail", 2002; domain-rules §6) for a council's spend:
 *
 * - Round 1: the council's spend in scope, with each supplier.
 * - Round 2: what of it is spent locally at the first step. Spend with a local supplier is local in full; a supplier
 *   from outside the area adds only what it pays local staff (the local staff share of its income, from its LM3
 *   return). A local supplier's own staff are inside its Round 1 money already, so they are not added twice.
 * - Round 3: what the local suppliers re-spend locally: their spend on local staff and local suppliers, from their
 *   returns. Re-spend by the local staff of suppliers from outside the area is not surveyed and not counted.
 * - LM3 = (Round 1 + Round 2 + Round 3) ÷ Round 1, from 1 (nothing stays) to 3.
 *
 * Nothing is assumed where a supplier has not answered or its locality is not known: each round is a range, its low
 * end taking the unknown as nothing local and its high end as everything local, and the coverage says how much of
 * Round 1 the answers cover. Pure; pence as numbers.
 */

export type Locality = 'local' | 'not-local' | 'unknown'

export interface Lm3Supplier {
  id: string
  name: string
  /** The council's spend with it in scope (Round 1), in pence. */
  spendPence: number
  locality: Locality
  /** Its LM3 return for the year, as shares of its income from 0 to 1; null when it has not answered. */
  survey: { localStaffShare: number; localSupplierShare: number } | null
}

export interface Range {
  low: number
  high: number
}

export interface Lm3SupplierResult {
  id: string
  name: string
  spendPence: number
  locality: Locality
  answered: boolean
  round2: Range
  round3: Range
}

export interface Lm3Result {
  round1Pence: number
  round2: Range
  round3: Range
  /** The multiplier's range; low equals high when every supplier in scope has answered and its locality is known. */
  lm3: Range | null
  /** Share of Round 1 (by value) with suppliers whose locality is known and who answered: 0 to 1. */
  coverage: number | null
  /** Share of Round 1 with suppliers whose locality is known. */
  localityKnown: number | null
  suppliers: Lm3SupplierResult[]
  /** Suppliers that have not answered, largest spend first. */
  notAnswered: { id: string; name: string; spendPence: number }[]
}

const point = (value: number): Range => ({ low: value, high: value })

function supplierRounds(s: Lm3Supplier): { round2: Range; round3: Range } {
  const spend = Math.max(0, s.spendPence)
  // Whole pence, as all money is kept (ADR 0010).
  const staff = s.survey ? Math.round(spend * s.survey.localStaffShare) : null
  const respend = s.survey ? Math.round(spend * s.survey.localStaffShare) + Math.round(spend * s.survey.localSupplierShare) : null
  const asLocal = { round2: point(spend), round3: respend === null ? { low: 0, high: spend } : point(respend) }
  const asNotLocal = { round2: staff === null ? { low: 0, high: spend } : point(staff), round3: point(0) }
  if (s.locality === 'local') return asLocal
  if (s.locality === 'not-local') return asNotLocal
  return {
    round2: { low: Math.min(asLocal.round2.low, asNotLocal.round2.low), high: Math.max(asLocal.round2.high, asNotLocal.round2.high) },
    round3: { low: Math.min(asLocal.round3.low, asNotLocal.round3.low), high: Math.max(asLocal.round3.high, asNotLocal.round3.high) },
  }
}

/** Checks a return's shares: each from 0 to 1 and together no more than the whole of the supplier's income. */
export function surveyProblem(localStaffShare: number, localSupplierShare: number): string | null {
  if (!(localStaffShare >= 0 && localStaffShare <= 1)) return 'The share spent on local staff must be from 0% to 100%'
  if (!(localSupplierShare >= 0 && localSupplierShare <= 1)) return 'The share spent with local suppliers must be from 0% to 100%'
  if (localStaffShare + localSupplierShare > 1 + 1e-9) return 'The shares spent on local staff and with local suppliers cannot add up to more than 100% of income'
  return null
}

export function calculateLm3(suppliers: Lm3Supplier[]): Lm3Result {
  const results = suppliers.map((s) => ({ id: s.id, name: s.name, spendPence: Math.max(0, s.spendPence), locality: s.locality, answered: s.survey !== null, ...supplierRounds(s) }))
  const sum = (f: (r: Lm3SupplierResult) => number) => results.reduce((total, r) => total + f(r), 0)
  const round1 = sum((r) => r.spendPence)
  const round2 = { low: sum((r) => r.round2.low), high: sum((r) => r.round2.high) }
  const round3 = { low: sum((r) => r.round3.low), high: sum((r) => r.round3.high) }
  return {
    round1Pence: round1,
    round2,
    round3,
    lm3: round1 > 0 ? { low: (round1 + round2.low + round3.low) / round1, high: (round1 + round2.high + round3.high) / round1 } : null,
    coverage: round1 > 0 ? sum((r) => (r.answered && r.locality !== 'unknown' ? r.spendPence : 0)) / round1 : null,
    localityKnown: round1 > 0 ? sum((r) => (r.locality !== 'unknown' ? r.spendPence : 0)) / round1 : null,
    suppliers: results,
    notAnswered: results.filter((r) => !r.answered && r.spendPence > 0).sort((a, b) => b.spendPence - a.spendPence || a.name.localeCompare(b.name)).map(({ id, name, spendPence }) => ({ id, name, spendPence })),
  }
}
