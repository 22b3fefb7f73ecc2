/**
 * The report as one CSV: a row per scheme, then a row per stream and the fund's total, then each partner's share of
 * the risk. Amounts are in pounds (what a spreadsheet reads as a number), and every text cell goes
 * through the platform's spreadsheet guard (src/platform/csv.ts).
 */
import { csvDocument, type CsvValue } from '../../platform/csv.ts'
import type { Figures, FundReport } from './report.ts'

// Numbers, not strings: a negative variance must reach the spreadsheet as a number, not a guarded text cell.
// (An integer number of pence divided by 100 always prints as its shortest decimal, so 1234.5 is £1,234.50.)
const pounds = (pence: number | null) => (pence === null ? null : pence / 100)

function figures(f: Figures): CsvValue[] {
  return [pounds(f.plannedPence), pounds(f.plannedToDatePence), ...f.quarters.map(pounds), pounds(f.actualToDatePence), pounds(f.forecastPence), pounds(f.variancePence)]
}

export const REPORT_CSV_HEADINGS = ['line', 'scheme_id', 'name', 'funding_stream', 'planned', 'planned_to_date', 'actual_q1', 'actual_q2', 'actual_q3', 'actual_q4', 'actual_to_date', 'forecast', 'variance', 'contributed', 'risk_share']

export function reportCsv(report: FundReport): string {
  const rows: CsvValue[][] = [
    ...report.schemes.map((s) => ['scheme', s.reference, s.name, s.streamName, ...figures(s), '', '']),
    ...report.streams.map((s) => ['stream', '', s.streamName, s.streamName, ...figures(s), pounds(s.contributedPence), '']),
    ['total', '', 'Total', '', ...figures(report.total), pounds(report.total.contributedPence), ''],
    ...report.partners.map((p) => ['partner', '', p.name, '', '', '', '', '', '', '', '', '', '', pounds(p.contributedPence), pounds(report.riskShare.shares.find((s) => s.partnerId === p.partnerId)?.sharePence ?? 0)]),
  ]
  return csvDocument(REPORT_CSV_HEADINGS, rows)
}
