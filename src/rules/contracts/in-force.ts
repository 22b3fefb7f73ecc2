/**
 * When a contract is in force: from its start date (or, when the register has none, its award date) to its end date.
 * One rule, used wherever Catalyst asks "which contracts were in force then": RF-NOCONTRACT and the spend pages'
 * "over £30,000 with no contract" list (a financial year), and RF-OVERSPEND (a payment's date, with the council's
 * tolerance for late invoices after the end). See ADR 0027.
 *
 * A contract with no start, award or end date is taken to be in force: the register does not say otherwise, and
 * saying a council had no contract when its register simply lacks the dates would raise a false flag.
 */

export interface ContractTerm {
  startDate: string | null
  awardDate: string | null
  endDate: string | null
}

/** The first day the contract is in force, or null when the register does not say. */
export function termStart(contract: ContractTerm): string | null {
  return contract.startDate ?? contract.awardDate
}

/** Whether the contract was in force at some time between two ISO dates, both included. */
export function inForceDuring(contract: ContractTerm, from: string, to: string): boolean {
  const start = termStart(contract)
  if (start && start > to) return false
  if (contract.endDate && contract.endDate < from) return false
  return true
}

/** Adds whole days to an ISO date (UTC arithmetic: dates here have no time of day). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * Whether a payment made on this date can be for the contract: on or after its start, and no later than its end plus
 * the tolerance for invoices paid after the contract ended.
 */
export function paymentWithinTerm(contract: ContractTerm, paymentDate: string, lateInvoiceDays: number): boolean {
  const start = termStart(contract)
  if (start && paymentDate < start) return false
  if (contract.endDate && paymentDate > addDays(contract.endDate, lateInvoiceDays)) return false
  return true
}
