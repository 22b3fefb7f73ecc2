/**
 * The report as an Excel workbook, laid out as a finance officer would lay it out by hand: a summary by funding
 * stream, the schemes, the contributions by partner and stream, and the risk share with its workings. Amounts are
 * numbers in pounds with a £ format (negatives in red, in brackets), headings are frozen, and every total is a SUM
 * formula over the rows above it, saved with its value, so the sheet still adds up when someone edits a line.
 */
import ExcelJS from 'exceljs'
import type { Figures, FundReport } from './report.ts'

const MONEY = '£#,##0.00;[Red](£#,##0.00);£0.00'
const pounds = (pence: number | null) => (pence === null ? null : pence / 100)
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } }

/** Excel's column letter for a 1-based column number. */
export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

interface SheetTable {
  headings: string[]
  /** Which columns (1-based) are money, to format and total. */
  moneyColumns: number[]
  rows: (string | number | null)[][]
  totalLabel?: string
  widths: number[]
}

/** Writes the title block, then a table with a frozen header and a SUM total row; returns the total row's number. */
function writeTable(sheet: ExcelJS.Worksheet, titleLines: string[], table: SheetTable): { headerRow: number; firstRow: number; lastRow: number; totalRow?: number } {
  titleLines.forEach((line, i) => {
    const row = sheet.addRow([line])
    if (i === 0) row.font = { bold: true, size: 14 }
  })
  sheet.addRow([])
  const header = sheet.addRow(table.headings)
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL
    cell.border = { bottom: { style: 'thin' } }
    cell.alignment = { wrapText: true, vertical: 'bottom' }
  })
  const headerRow = header.number
  sheet.views = [{ state: 'frozen', ySplit: headerRow }]
  const firstRow = headerRow + 1
  for (const values of table.rows) sheet.addRow(values)
  const lastRow = headerRow + table.rows.length
  let totalRow: number | undefined
  if (table.totalLabel) {
    const total = sheet.addRow([table.totalLabel])
    total.font = { bold: true }
    for (const col of table.moneyColumns) {
      const letter = columnLetter(col)
      const sum = table.rows.reduce((acc, row) => acc + (typeof row[col - 1] === 'number' ? (row[col - 1] as number) : 0), 0)
      total.getCell(col).value = table.rows.length > 0 ? { formula: `SUM(${letter}${firstRow}:${letter}${lastRow})`, result: Math.round(sum * 100) / 100 } : 0
      total.getCell(col).border = { top: { style: 'thin' }, bottom: { style: 'double' } }
    }
    totalRow = total.number
  }
  for (const col of table.moneyColumns) sheet.getColumn(col).numFmt = MONEY
  table.widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  return { headerRow, firstRow, lastRow, ...(totalRow ? { totalRow } : {}) }
}

const figures = (f: Figures) => [pounds(f.plannedPence), pounds(f.plannedToDatePence), ...f.quarters.map(pounds), pounds(f.actualToDatePence), pounds(f.forecastPence), pounds(f.variancePence)]

export async function reportWorkbook(report: FundReport & { warnings?: string[] }, about: { fundName: string; poolManager: string; printed: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Catalyst'
  workbook.created = about.printed
  const period = report.isYearEnd ? `Year end ${report.yearLabel}` : `Quarter ${report.quarter} ${report.yearLabel}`
  const title = [about.fundName, `${period}: actual to ${report.periodEnd}`, `Pool manager: ${about.poolManager}`]
  const quarterHeadings = report.quarterLabels.map((q) => `Actual ${q}`)

  const summary = workbook.addWorksheet('Summary')
  writeTable(summary, [...title, 'Summary by funding stream'], {
    headings: ['Funding stream', 'Pool (contributions)', 'Planned', 'Planned to date', ...quarterHeadings, 'Actual to date', 'Forecast outturn', 'Variance (forecast less plan)'],
    moneyColumns: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    rows: report.streams.map((s) => [s.streamName, pounds(s.contributedPence), ...figures(s)]),
    totalLabel: 'Total',
    widths: [32, 18, 16, 16, 16, 16, 16, 16, 16, 18, 18],
  })

  const schemes = workbook.addWorksheet('Schemes')
  const schemeLayout = writeTable(schemes, [...title, 'Planned against actual by scheme'], {
    headings: ['Scheme ID', 'Scheme', 'Scheme type', 'Funding stream', 'Planned', 'Planned to date', ...quarterHeadings, 'Actual to date', 'Forecast outturn', 'Variance (forecast less plan)', 'Delivered through'],
    moneyColumns: [5, 6, 7, 8, 9, 10, 11, 12, 13],
    rows: report.schemes.map((s) => [s.reference, s.name, s.schemeType, s.streamName, ...figures(s), s.links.join('; ')]),
    totalLabel: 'Total',
    widths: [10, 36, 20, 28, 16, 16, 16, 16, 16, 16, 16, 18, 18, 48],
  })
  schemes.autoFilter = { from: { row: schemeLayout.headerRow, column: 1 }, to: { row: schemeLayout.headerRow, column: 14 } }

  const contributions = workbook.addWorksheet('Contributions')
  const streams = report.streams.map((s) => s.stream)
  writeTable(contributions, [...title, `Contributions to the pool for ${report.yearLabel}, with variations`], {
    headings: ['Partner', ...report.streams.map((s) => s.streamName), 'Total'],
    moneyColumns: streams.map((_, i) => i + 2).concat(streams.length + 2),
    rows: report.partners.map((p) => [p.name, ...streams.map((s) => pounds(p.byStream[s] ?? 0)), pounds(p.contributedPence)]),
    totalLabel: 'Total',
    widths: [40, ...streams.map(() => 20), 18],
  })

  const risk = workbook.addWorksheet('Risk share')
  const direction = report.riskShare.direction
  const layout = writeTable(risk, [...title, `Risk share: forecast ${direction === 'on budget' ? 'on budget' : `${direction} of £${(Math.abs(report.riskShare.variancePence) / 100).toFixed(2)}`}`], {
    headings: ['Partner', 'Contribution', `Share of the ${direction === 'on budget' ? 'variance' : direction}`],
    moneyColumns: [2, 3],
    rows: report.partners.map((p) => [p.name, pounds(p.contributedPence), pounds(report.riskShare.shares.find((s) => s.partnerId === p.partnerId)?.sharePence ?? 0)]),
    totalLabel: 'Total',
    widths: [40, 18, 22],
  })
  let at = (layout.totalRow ?? layout.lastRow) + 2
  if (report.riskShare.unallocatedPence > 0) {
    risk.getCell(`A${at}`).value = 'Not allocated by the rule'
    risk.getCell(`C${at}`).value = pounds(report.riskShare.unallocatedPence)
    at += 2
  }
  risk.getCell(`A${at}`).value = 'Workings'
  risk.getCell(`A${at}`).font = { bold: true }
  for (const line of report.riskShare.workings) risk.getCell(`A${++at}`).value = line

  const method = workbook.addWorksheet('Method')
  method.getColumn(1).width = 120
  method.addRow(['How the figures are worked out']).font = { bold: true }
  for (const line of [...report.method, ...(report.warnings ?? [])]) method.addRow([line])

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
