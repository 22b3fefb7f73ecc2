/**
 * Two indicators from the council's contracts register, by financial year of award (the award date, or the start
 * date where the award date is not recorded; a contract with neither is not counted):
 * - the share of contracts awarded directly: contracts whose procedure is a direct award under s.41 and Schedule 5
 *   of the Procurement Act 2023, out of the contracts whose procedure is recorded ("not stated" is counted in
 *   neither, as the register's vocabulary says). Exemptions (Schedule 2) are not direct awards and are not counted.
 * - the average contract length: the mean initial term in months, start date to end date, of the contracts with
 *   both dates; extension options not yet taken are not part of the term.
 */
import { monthsBetween } from '../contracts/dates.ts'
import type { AwardRow } from '../contracts/service.ts'
import { financialYearOf, type FinancialYear } from '../../platform/financial-year.ts'

export interface ContractYear {
  year: FinancialYear
  /** Contracts counted in the year, with what each counted towards. */
  rows: { row: AwardRow; procedureStated: boolean; direct: boolean; termMonths: number | null }[]
  stated: number
  direct: number
  /** Percentage, one decimal; null when no contract of the year has its procedure recorded. */
  directShare: number | null
  withTerm: number
  /** Months, one decimal; null when no contract of the year has both dates. */
  averageTermMonths: number | null
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10

export function contractYearOf(row: AwardRow): FinancialYear | null {
  const date = row.awardDate ?? row.startDate
  return date ? financialYearOf(date) : null
}

export function contractFiguresByYear(rows: AwardRow[]): ContractYear[] {
  const years = new Map<number, ContractYear>()
  for (const row of rows) {
    const year = contractYearOf(row)
    if (!year) continue
    let y = years.get(year.startYear)
    if (!y) {
      y = { year, rows: [], stated: 0, direct: 0, directShare: null, withTerm: 0, averageTermMonths: null }
      years.set(year.startYear, y)
    }
    const procedureStated = row.awardProcedure !== 'not-stated'
    const direct = row.awardProcedure === 'direct-award'
    const termMonths = row.startDate && row.endDate && row.endDate >= row.startDate ? monthsBetween(row.startDate, row.endDate) : null
    y.rows.push({ row, procedureStated, direct, termMonths })
  }
  return [...years.values()]
    .sort((a, b) => a.year.startYear - b.year.startYear)
    .map((y) => {
      const stated = y.rows.filter((r) => r.procedureStated).length
      const direct = y.rows.filter((r) => r.direct).length
      const terms = y.rows.map((r) => r.termMonths).filter((m): m is number => m !== null)
      return {
        ...y,
        stated,
        direct,
        directShare: stated ? oneDecimal((direct / stated) * 100) : null,
        withTerm: terms.length,
        averageTermMonths: terms.length ? oneDecimal(terms.reduce((a, b) => a + b, 0) / terms.length) : null,
      }
    })
}
