/**
 * A contract's value for one year, so that contracts of different lengths can be compared: the estimated annual value
 * where the register has one, else the total value spread over the term in months (a term under a year, or no dates,
 * counts as one year). Null when the register holds no value at all.
 */
import { monthsBetween } from './dates.ts'

export interface ContractValueFacts {
  estimatedAnnualValuePence: number | null
  totalValuePence: number | null
  startDate: string | null
  endDate: string | null
}

export function annualValueOf(c: ContractValueFacts): number | null {
  if (c.estimatedAnnualValuePence != null && c.estimatedAnnualValuePence > 0) return c.estimatedAnnualValuePence
  if (c.totalValuePence == null || c.totalValuePence <= 0) return null
  const months = c.startDate && c.endDate ? monthsBetween(c.startDate, c.endDate) : 12
  return Math.round((c.totalValuePence * 12) / Math.max(12, months))
}
