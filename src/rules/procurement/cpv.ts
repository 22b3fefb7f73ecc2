/**
 * CPV codes (the Common Procurement Vocabulary) as the route advice reads them: well-formed, in a known division,
 * and — only for the codes the light touch table is known to list — light touch and reservable for a public
 * service mutual (Procurement Regulations 2024 reg 42 and Sch 1 Table 1).
 *
 * Catalyst does not hold the whole light touch table. It recognises the codes marked "R" (reservable) and a few
 * named light touch codes that are not reservable; for any other code it cannot tell, and the person asking must
 * say whether the services are light touch. It never guesses from a code it does not know.
 */

/** The 45 divisions (first two digits) of CPV 2008. A code outside them is not a CPV code. */
export const CPV_DIVISIONS: ReadonlySet<string> = new Set([
  '03', '09', '14', '15', '16', '18', '19', '22', '24', '30', '31', '32', '33', '34', '35', '37', '38', '39', '41',
  '42', '43', '44', '45', '48', '50', '51', '55', '60', '63', '64', '65', '66', '70', '71', '72', '73', '75', '76',
  '77', '79', '80', '85', '90', '92', '98',
])

/** "85311000-2" or "85311000": eight digits, then an optional check digit. */
const CPV_PATTERN = /^(\d{8})(?:-(\d))?$/

export type CpvProblem = 'ill-formed' | 'unknown-division'

export function checkCpv(code: string): { ok: true; code: string } | { ok: false; problem: CpvProblem } {
  const match = CPV_PATTERN.exec(code.trim())
  if (!match) return { ok: false, problem: 'ill-formed' }
  const digits = match[1]!
  if (!CPV_DIVISIONS.has(digits.slice(0, 2))) return { ok: false, problem: 'unknown-division' }
  return { ok: true, code: digits }
}

/** Division 45 is construction work; 03 to 44 and 48 are goods; the rest are services. */
export function cpvCategory(code: string): 'goods' | 'services' | 'works' {
  const division = Number(code.slice(0, 2))
  if (division === 45) return 'works'
  if (division <= 44 || division === 48) return 'goods'
  return 'services'
}

type Range = readonly [from: number, to: number]

/**
 * Light touch services marked "R" in column (3) of Procurement Regulations 2024 Sch 1 Table 1: reservable for
 * public service mutuals under s.33 (reg 42(2)). Inclusive ranges of eight-digit codes.
 */
const RESERVABLE: readonly Range[] = [
  [79622000, 79622000], [79624000, 79624000], [79625000, 79625000], // domestic help, nursing and medical personnel
  [85000000, 85323000], // all health and social work services
  [98133000, 98133000], [98133100, 98133100], [98133110, 98133110], // social membership organisations
  [75121000, 75123000], // administrative educational, healthcare and housing services
  [80110000, 80110000], [80300000, 80340000], [80420000, 80420000], [80430000, 80430000], [80511000, 80511000],
  [80520000, 80522000], [80590000, 80590000], // education and training
  [92500000, 92534000], [92600000, 92622000], // libraries, archives, museums, heritage; sporting services
]

/** Light touch services the table lists without "R": light touch, but not reservable for a mutual. */
const LIGHT_TOUCH_NOT_RESERVABLE: readonly Range[] = [
  [75231240, 75231240], // probation services
  [79611000, 79611000], // job search services
  [98500000, 98599999], // private households with employed persons (household domestic services)
  [55521100, 55521100], // meals-on-wheels
]

const inRanges = (ranges: readonly Range[], code: string) => {
  const n = Number(code)
  return ranges.some(([from, to]) => n >= from && n <= to)
}

export interface CpvLightTouch {
  code: string
  /** null: Catalyst does not know this code's place in the light touch table. */
  lightTouch: boolean | null
  reservable: boolean
}

export function lightTouchOfCpv(code: string): CpvLightTouch {
  if (inRanges(RESERVABLE, code)) return { code, lightTouch: true, reservable: true }
  if (inRanges(LIGHT_TOUCH_NOT_RESERVABLE, code)) return { code, lightTouch: true, reservable: false }
  // Goods and works are never light touch services.
  if (cpvCategory(code) !== 'services') return { code, lightTouch: false, reservable: false }
  return { code, lightTouch: null, reservable: false }
}

/** What the CPV codes say about light touch: true or false when every code is known and they agree; else null. */
export function lightTouchFromCpv(codes: readonly string[]): { lightTouch: boolean | null; reservable: boolean } {
  if (codes.length === 0) return { lightTouch: null, reservable: false }
  const each = codes.map(lightTouchOfCpv)
  const reservable = each.every((c) => c.reservable)
  if (each.every((c) => c.lightTouch === true)) return { lightTouch: true, reservable }
  if (each.every((c) => c.lightTouch === false)) return { lightTouch: false, reservable: false }
  return { lightTouch: null, reservable: false }
}
