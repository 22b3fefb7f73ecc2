/**
 * The estimated value of a contract as the Act measures it (s.4 and Schedule 3): the most the council could expect
 * to pay over the whole term, options and extensions included, VAT included.
 *
 * VAT: the thresholds include VAT, so a value quoted without it is grossed up. Catalyst does not decide the VAT
 * treatment of a supply. It uses the rate the person gives, offering the UK standard rate of 20% as the default
 * (most services and works bought by councils are standard-rated; a zero-rated or exempt supply is 0%).
 */
import { formatPence } from '../../platform/money.ts'
import type { Citation } from './citations.ts'

export const STANDARD_VAT_RATE_PERCENT = 20

export interface ValueEstimateInput {
  /** What one year of the contract costs, in pence. */
  annualValuePence: number
  /** Whether annualValuePence already includes VAT. */
  includesVat: boolean
  /** The VAT rate that applies to the supply, when the value excludes it. */
  vatRatePercent?: number
  termMonths: number
  /** All optional extensions added together, in months. */
  extensionMonths?: number
}

export interface ValueEstimate {
  /** Incl. VAT, over the term and every extension. */
  valuePence: number
  months: number
  vatRatePercent: number
  /** The working, in plain English, for the page. */
  working: string
  cites: Citation[]
}

/** Adds VAT at the given rate to a value that excludes it, rounding to the nearest penny. */
export function withVat(valueExVatPence: number, vatRatePercent = STANDARD_VAT_RATE_PERCENT): number {
  return Math.round((valueExVatPence * (100 + vatRatePercent)) / 100)
}

export function estimateValue(input: ValueEstimateInput): ValueEstimate {
  const months = input.termMonths + (input.extensionMonths ?? 0)
  const vatRatePercent = input.includesVat ? 0 : (input.vatRatePercent ?? STANDARD_VAT_RATE_PERCENT)
  const exOrIncl = Math.round((input.annualValuePence * months) / 12)
  const valuePence = input.includesVat ? exOrIncl : withVat(exOrIncl, vatRatePercent)
  const working = [
    `${input.termMonths} months`,
    input.extensionMonths ? ` plus ${input.extensionMonths} months of extensions` : '',
    ` at ${formatPence(input.annualValuePence)} a year`,
    input.includesVat ? ' (VAT included)' : ` plus VAT at ${vatRatePercent}%`,
    ` = ${formatPence(valuePence)}`,
  ].join('')
  return { valuePence, months, vatRatePercent, working, cites: ['s.4'] }
}
