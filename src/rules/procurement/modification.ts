/**
 * Whether a change to a contract's value or term is allowed, and what must be published: Procurement Act 2023
 * ss.74–77 and Schedule 8. Pure: the caller supplies the contract's figures and the officer's answers.
 */
import { mergeCitations, type Citation } from './citations.ts'
import { councilThresholdFor } from './thresholds.ts'

export const SCHEDULE_8_GROUNDS = {
  'provided-for': { paragraph: 'Sch 8 para 1', text: 'unambiguously provided for in the contract and the tender or transparency notice', capPercent: null },
  urgency: { paragraph: 'Sch 8 para 2', text: 'the purpose could be achieved by a direct award on grounds of urgency', capPercent: null },
  unforeseeable: { paragraph: 'Sch 8 para 4', text: 'circumstances the authority could not reasonably have foreseen', capPercent: 50 },
  'known-risk': { paragraph: 'Sch 8 para 5', text: 'a known risk identified in the tender or transparency notice has materialised', capPercent: 50 },
  'additional-supplies': { paragraph: 'Sch 8 para 8', text: 'additional goods, services or works that a different supplier could not provide without disproportionate difficulty and duplication of costs', capPercent: 50 },
  'corporate-restructuring': { paragraph: 'Sch 8 para 9', text: 'novation or assignment to a successor supplier on corporate restructuring', capPercent: null },
} as const
export type Schedule8Ground = keyof typeof SCHEDULE_8_GROUNDS

export interface ModificationInput {
  category: 'goods' | 'services' | 'works'
  lightTouch: boolean
  originalValuePence: number
  newValuePence: number
  /** The maximum term provided for on award, extensions included. */
  originalTermMonths: number
  newTermMonths: number
  /** When the modification is made (ISO date): decides the Sch 1 threshold in force. */
  date: string
  /** The officer's answers to s.74(3)(b) and (c). */
  materialScopeChange?: boolean
  economicBalanceToSupplier?: boolean
  /** Below-threshold modifications already made to this contract, in pence (s.74(4)(b) adds them up). */
  earlierBelowThresholdModificationsPence?: number
  ground?: Schedule8Ground
}

export type ModificationClassification =
  | 'light-touch'
  | 'below-threshold'
  | 'not-substantial'
  | 'schedule-8'
  | 'not-permitted'

export interface ModificationAdvice {
  classification: ModificationClassification
  permitted: boolean
  /** Plain English for the officer. */
  summary: string
  valueChangePercent: number
  termChangePercent: number
  substantial: boolean
  substantialBecause: string[]
  changeNoticeRequired: boolean
  /** A contract over £5m whose modification needed a change notice: publish the modification within 90 days. */
  publishWithin90Days: boolean
  warnings: string[]
  cites: Citation[]
}

const FIVE_MILLION_PENCE = 500_000_000

/** How far a contract's value may change in a below-threshold modification: s.74(4)(a), 15% for works, 10% otherwise. */
export function modificationValueLimit(category: 'goods' | 'services' | 'works'): { percent: number; cite: Citation } {
  return category === 'works' ? { percent: 15, cite: 's.74(4)(a)(i)' } : { percent: 10, cite: 's.74(4)(a)(ii)' }
}

function percentChange(from: number, to: number): number {
  if (from <= 0) return to === from ? 0 : Number.POSITIVE_INFINITY
  return (Math.abs(to - from) / from) * 100
}

export function adviseOnModification(input: ModificationInput): ModificationAdvice {
  const valueChangePercent = percentChange(input.originalValuePence, input.newValuePence)
  const termChangePercent = percentChange(input.originalTermMonths, input.newTermMonths)
  const { percent: valueLimitPercent, cite: valueLimitCite } = modificationValueLimit(input.category)
  const warnings: string[] = []

  const substantialBecause: string[] = []
  if (termChangePercent > 10) substantialBecause.push(`it changes the term by ${round(termChangePercent)}%, more than 10% of the maximum term (s.74(3)(a))`)
  if (input.materialScopeChange) substantialBecause.push('it materially changes the scope of the contract (s.74(3)(b))')
  if (input.economicBalanceToSupplier) substantialBecause.push("it materially changes the economic balance in the supplier's favour (s.74(3)(c))")
  const substantial = substantialBecause.length > 0

  if (input.lightTouch) {
    return {
      classification: 'light-touch',
      permitted: true,
      summary: 'A light touch contract may be modified freely, and no contract change notice is needed.',
      valueChangePercent,
      termChangePercent,
      substantial,
      substantialBecause,
      changeNoticeRequired: false,
      publishWithin90Days: false,
      warnings,
      cites: ['s.74(2)', 's.75(6)(b)'],
    }
  }

  // A change of term is always measured against s.74(3)(a): more than 10% of the maximum term provided for on award is
  // a substantial modification; within 10% the term alone does not make it one.
  const termChanged = input.newTermMonths !== input.originalTermMonths
  if (termChanged && termChangePercent <= 10) {
    warnings.push(`The term changes by ${round(termChangePercent)}% of the maximum term provided for on award, no more than 10%, so the change of term alone is not a substantial modification (s.74(3)(a)).`)
  }
  const termCites: Citation[] = termChanged ? ['s.74(3)(a)'] : []

  const threshold = councilThresholdFor(input.category, false, input.date)
  const valueChangePence = Math.abs(input.newValuePence - input.originalValuePence)
  const aggregate = (input.earlierBelowThresholdModificationsPence ?? 0) + valueChangePence
  const belowThreshold = valueChangePercent <= valueLimitPercent && aggregate < threshold.pence && !input.materialScopeChange

  // s.75(5): no change notice for a change within the value limit that also keeps the term within 10%. Where the
  // Act could be read as needing either condition, Catalyst asks for both: publishing a notice that was not strictly
  // needed does no harm, and failing to publish one that was is a breach.
  const withinNoticeExemption = valueChangePercent <= valueLimitPercent && termChangePercent <= 10
  const novation = input.ground === 'corporate-restructuring'
  const changeNoticeRequired = novation || !withinNoticeExemption
  const noticeCites: Citation[] = changeNoticeRequired ? ['s.75(1)', 's.76'] : ['s.75(5)']
  const publishWithin90Days = changeNoticeRequired && Math.max(input.originalValuePence, input.newValuePence) > FIVE_MILLION_PENCE

  let classification: ModificationClassification
  let summary: string
  let cites: Citation[]
  if (belowThreshold && !substantial && !novation) {
    classification = 'below-threshold'
    summary = `A below-threshold modification: the value changes by ${round(valueChangePercent)}% (no more than ${valueLimitPercent}%), below-threshold modifications stay under the ${threshold.name} threshold, and the scope is unchanged.`
    cites = ['s.74(1)(c)', valueLimitCite, 's.74(4)(b)', 's.74(4)(c)', ...threshold.cites]
  } else if (belowThreshold && !novation) {
    classification = 'below-threshold'
    summary = `A below-threshold modification by value (${round(valueChangePercent)}%, no more than ${valueLimitPercent}%), so it is permitted even though ${substantialBecause.join('; ')}.`
    cites = ['s.74(1)(c)', valueLimitCite, 's.74(4)(b)', 's.74(4)(c)', ...threshold.cites]
  } else if (!substantial && !novation && !input.ground) {
    classification = 'not-substantial'
    summary = `Not a substantial modification: the term changes by no more than 10%, and you have said it changes neither the scope nor the economic balance in the supplier's favour.`
    cites = ['s.74(1)(b)', 's.74(3)']
    if (valueChangePercent > valueLimitPercent) {
      warnings.push(
        `The value changes by ${round(valueChangePercent)}%, more than the ${valueLimitPercent}% of a below-threshold modification: check that this does not shift the economic balance in the supplier's favour (s.74(3)(c)).`,
      )
    }
  } else if (input.ground) {
    const ground = SCHEDULE_8_GROUNDS[input.ground]
    const increasePercent = input.newValuePence > input.originalValuePence ? valueChangePercent : 0
    if (ground.capPercent !== null && increasePercent > ground.capPercent) {
      classification = 'not-permitted'
      summary = `Not permitted on this ground: ${ground.paragraph} allows a value increase of at most ${ground.capPercent}%, and this one is ${round(increasePercent)}%. A new procurement is needed.`
      cites = ['s.74(1)', ground.paragraph]
    } else {
      classification = 'schedule-8'
      summary = `Permitted under ${ground.paragraph}: ${ground.text}.`
      cites = ['s.74(1)(a)', ground.paragraph]
    }
  } else {
    classification = 'not-permitted'
    summary = `Not permitted as it stands: it is a substantial modification (${substantialBecause.join('; ')}) and not a below-threshold one. It needs a Schedule 8 ground, or a new procurement.`
    cites = ['s.74(1)', 's.74(3)', valueLimitCite]
  }

  return {
    classification,
    permitted: classification !== 'not-permitted',
    summary,
    valueChangePercent,
    termChangePercent,
    substantial,
    substantialBecause,
    changeNoticeRequired,
    publishWithin90Days,
    warnings,
    cites: mergeCitations(cites, termCites, noticeCites, publishWithin90Days ? ['s.77'] : []),
  }
}

function round(percent: number): string {
  return Number.isFinite(percent) ? String(Math.round(percent * 10) / 10) : 'more than 100'
}
