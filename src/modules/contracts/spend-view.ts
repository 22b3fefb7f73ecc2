/**
 * The spend inside a contract's term, for its page: a bar chart by month and the same figures as a table. The
 * figures come from the spend module's service; only payees matched to one of the contract's suppliers count, and
 * the page says so, because a supplier paid under several names is undercounted until its payees are reviewed.
 */
import { formatPence } from '../../platform/money.ts'
import { barChart } from '../../platform/charts/charts.ts'
import type { MonthSpend } from '../spend/provider-spend.ts'
import type { ContractRecord } from './service.ts'

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const monthName = (month: string, names: string[]) => `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

export interface ContractSpendView {
  /** Why there is nothing to show, when there is not. */
  missing?: string
  from?: string
  to?: string
  totalPence?: number
  /** Total against the contract's total value, as a whole percentage, when it has one. */
  shareOfValue?: number | undefined
  chart?: string
  table?: { caption: string; firstCellIsHeader: boolean; head: { text: string; format?: string }[]; rows: { text: string; format?: string }[][] }
}

export function contractSpendView(contract: ContractRecord, months: MonthSpend[] | undefined, to: string): ContractSpendView {
  if (!contract.startDate) return { missing: 'The contract has no start date, so its spend cannot be placed inside its term.' }
  if (contract.suppliers.length === 0) return { missing: 'The contract has no supplier recorded, so no payments can be matched to it.' }
  if (!months || months.length === 0) return { missing: 'No payments found to its suppliers inside its term. Payments count once the council’s spend files are imported and their payees matched to the provider register.', from: contract.startDate, to }
  // Every month of the term so far, months without payments as zero, so the chart's gaps are honest.
  const paid = new Map(months.map((m) => [m.month, m]))
  const filled: MonthSpend[] = []
  for (let month = contract.startDate.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) filled.push(paid.get(month) ?? { month, amountPence: 0, payments: 0 })
  months = filled
  const totalPence = months.reduce((sum, m) => sum + m.amountPence, 0)
  return {
    from: contract.startDate,
    to,
    totalPence,
    shareOfValue: contract.totalValuePence ? Math.round((totalPence / contract.totalValuePence) * 100) : undefined,
    chart: barChart({
      title: `Spend with the suppliers of ${contract.title}, by month`,
      description: `Payments each month from the start of the contract, in pounds. Total ${formatPence(totalPence)}.`,
      data: months.map((m) => ({ label: monthName(m.month, LONG_MONTHS), value: m.amountPence })),
      format: (pence) => formatPence(pence, { whole: true }),
    }),
    table: {
      caption: 'Spend by month inside the term',
      firstCellIsHeader: true,
      head: [{ text: 'Month' }, { text: 'Payments', format: 'numeric' }, { text: 'Amount', format: 'numeric' }],
      rows: months.map((m) => [{ text: monthName(m.month, LONG_MONTHS) }, { text: String(m.payments), format: 'numeric' }, { text: formatPence(m.amountPence), format: 'numeric' }]),
    },
  }
}
