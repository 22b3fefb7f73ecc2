/**
 * The comparison chart, drawn on the server as SVG in the platform's chart style (src/platform/charts): one row per
 * council, best first, a bar to its value, the group's median as a line and the band of one MAD either side shaded
 * behind the bars. The council's own bar is drawn in another colour and its name in bold, so that the chart does not
 * rely on colour alone. The page's table gives the same figures.
 */
import { escapeHtml as escape } from '../../platform/http/html.ts'
import { scaleLinear } from 'd3-scale'
import { CHART_WIDTH, FONT_SIZE } from '../../platform/charts/charts.ts'
import { textWidth, truncateToWidth } from '../../platform/charts/text.ts'

const ROW = 28
const BAR = 18
const GAP = 8
const n = (value: number) => value.toFixed(1)
let counter = 0

export interface BandChartInput {
  title: string
  description: string
  rows: { label: string; value: number; highlight: boolean }[]
  median: number
  mad: number
  format: (value: number) => string
}

export function bandChart(input: BandChartInput): string {
  const id = `benchmark-chart-${++counter}`
  const values = input.rows.map((r) => input.format(r.value))
  const valueWidth = Math.max(0, ...values.map((v) => textWidth(v, FONT_SIZE)))
  const labelColumn = Math.min(Math.max(0, ...input.rows.map((r) => textWidth(r.label, FONT_SIZE))), CHART_WIDTH * 0.4)
  const plotLeft = labelColumn + GAP
  const plotRight = Math.max(plotLeft + 40, CHART_WIDTH - valueWidth - GAP)
  const low = Math.min(0, input.median - input.mad, ...input.rows.map((r) => r.value))
  const high = Math.max(0, input.median + input.mad, ...input.rows.map((r) => r.value))
  const x = scaleLinear().domain([low, high || 1]).range([plotLeft, plotRight])
  const top = GAP + FONT_SIZE + 6
  const bottom = top + input.rows.length * ROW
  const height = bottom + GAP
  const band = `<rect class="app-benchmark__band" x="${n(x(input.median - input.mad))}" y="${top}" width="${n(x(input.median + input.mad) - x(input.median - input.mad))}" height="${bottom - top}"></rect>`
  const medianX = x(input.median)
  const medianLine = `<line class="app-benchmark__median" x1="${n(medianX)}" x2="${n(medianX)}" y1="${top - 4}" y2="${bottom}"></line>`
  const medianText = `Median ${input.format(input.median)}`
  const anchor = medianX + textWidth(medianText, FONT_SIZE) / 2 > CHART_WIDTH ? 'end' : medianX - textWidth(medianText, FONT_SIZE) / 2 < 0 ? 'start' : 'middle'
  const medianLabel = `<text x="${n(medianX)}" y="${GAP + FONT_SIZE * 0.8}" text-anchor="${anchor}">${escape(medianText)}</text>`
  const bars = input.rows
    .map((r, i) => {
      const rowTop = top + i * ROW
      const baseline = rowTop + ROW / 2 + FONT_SIZE * 0.35
      const from = Math.min(x(0), x(r.value))
      const to = Math.max(x(0), x(r.value))
      const shown = truncateToWidth(r.label, FONT_SIZE, labelColumn)
      const title = shown === r.label ? '' : `<title>${escape(r.label)}</title>`
      const weight = r.highlight ? ' font-weight="bold"' : ''
      return (
        `<text x="${n(labelColumn)}" y="${n(baseline)}" text-anchor="end"${weight}>${title}${escape(shown)}</text>` +
        `<rect class="app-chart__bar${r.highlight ? ' app-benchmark__own' : ''}" x="${n(from)}" y="${n(rowTop + (ROW - BAR) / 2)}" width="${n(to - from)}" height="${BAR}"></rect>` +
        `<text x="${n(to + 4)}" y="${n(baseline)}" text-anchor="start"${weight}>${escape(values[i]!)}</text>`
      )
    })
    .join('')
  return `<svg class="app-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" font-size="${FONT_SIZE}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${escape(input.title)}</title><desc id="${id}-desc">${escape(input.description)}</desc>${band}${bars}${medianLine}${medianLabel}</svg>`
}
