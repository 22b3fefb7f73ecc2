/**
 * Cost against outcome: one point per council of the group with a figure for both indicators, drawn on the server as
 * SVG in the platform's chart style (src/platform/charts). The group's median of each is a dashed line, so the four
 * quarters read as "costs more or less, achieves more or less". The council's own point is larger, of another
 * colour and named, so that the chart does not rely on colour alone; the page's table gives every point's figures.
 */
import { scaleLinear } from 'd3-scale'
import { CHART_WIDTH, FONT_SIZE } from '../../platform/charts/charts.ts'
import { textWidth, truncateToWidth } from '../../platform/charts/text.ts'
import { escapeHtml as escape } from '../../platform/http/html.ts'

const GAP = 8
const HEIGHT = 300
const n = (value: number) => value.toFixed(1)
let counter = 0

export interface ScatterInput {
  title: string
  description: string
  xLabel: string
  yLabel: string
  points: { label: string; x: number; y: number; highlight: boolean }[]
  xMedian: number
  yMedian: number
  format: (value: number) => string
}

/** A domain with a little room either side, and a non-zero width when every value is the same. */
function domainOf(values: number[]): [number, number] {
  const low = Math.min(...values)
  const high = Math.max(...values)
  const pad = high === low ? Math.abs(high) * 0.1 || 1 : (high - low) * 0.08
  return [low - pad, high + pad]
}

export function scatterChart(input: ScatterInput): string {
  const id = `benchmark-scatter-${++counter}`
  const x = scaleLinear().domain(domainOf(input.points.map((p) => p.x))).nice(5)
  const y = scaleLinear().domain(domainOf(input.points.map((p) => p.y))).nice(5)
  const yTicks = y.ticks(5)
  const tickWidth = Math.max(...yTicks.map((t) => textWidth(input.format(t), FONT_SIZE)))
  const plot = { left: tickWidth + GAP + FONT_SIZE + 4, right: CHART_WIDTH - GAP, top: GAP, bottom: HEIGHT - FONT_SIZE * 2 - GAP * 2 }
  x.range([plot.left, plot.right])
  y.range([plot.bottom, plot.top])
  const label = (at: [number, number], anchor: string, text: string, extra = '') => `<text x="${n(at[0])}" y="${n(at[1])}" text-anchor="${anchor}"${extra}>${escape(text)}</text>`
  const xTicks = x.ticks(4)
  const grid =
    yTicks.map((t) => `<line class="app-chart__grid" x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(y(t))}" y2="${n(y(t))}"></line>` + label([plot.left - 6, y(t) + FONT_SIZE * 0.35], 'end', input.format(t))).join('') +
    xTicks.map((t) => label([x(t), plot.bottom + FONT_SIZE + 4], 'middle', input.format(t))).join('') +
    `<line class="app-chart__axis" x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(plot.bottom)}" y2="${n(plot.bottom)}"></line>` +
    `<line class="app-chart__axis" x1="${n(plot.left)}" x2="${n(plot.left)}" y1="${n(plot.top)}" y2="${n(plot.bottom)}"></line>`
  const axisNames =
    label([(plot.left + plot.right) / 2, HEIGHT - GAP], 'middle', truncateToWidth(input.xLabel, FONT_SIZE, plot.right - plot.left)) +
    `<text x="0" y="0" text-anchor="middle" transform="translate(${n(FONT_SIZE)} ${n((plot.top + plot.bottom) / 2)}) rotate(-90)">${escape(truncateToWidth(input.yLabel, FONT_SIZE, plot.bottom - plot.top))}</text>`
  const medians =
    `<line class="app-benchmark__median-dashed" x1="${n(x(input.xMedian))}" x2="${n(x(input.xMedian))}" y1="${n(plot.top)}" y2="${n(plot.bottom)}"></line>` +
    `<line class="app-benchmark__median-dashed" x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(y(input.yMedian))}" y2="${n(y(input.yMedian))}"></line>`
  // The council's own point is drawn last, on top of any neighbour at the same place.
  const ordered = [...input.points].sort((a, b) => Number(a.highlight) - Number(b.highlight))
  const points = ordered
    .map((p) => {
      const cx = x(p.x)
      const cy = y(p.y)
      if (!p.highlight) return `<circle class="app-benchmark__point" cx="${n(cx)}" cy="${n(cy)}" r="5"><title>${escape(`${p.label}: ${input.format(p.x)}, ${input.format(p.y)}`)}</title></circle>`
      const name = truncateToWidth(p.label, FONT_SIZE, CHART_WIDTH * 0.45)
      const right = cx + 10 + textWidth(name, FONT_SIZE) <= plot.right
      return (
        `<circle class="app-benchmark__point app-benchmark__own-point" cx="${n(cx)}" cy="${n(cy)}" r="8"><title>${escape(`${p.label}: ${input.format(p.x)}, ${input.format(p.y)}`)}</title></circle>` +
        label([right ? cx + 11 : cx - 11, Math.max(plot.top + FONT_SIZE, cy - 10)], right ? 'start' : 'end', name, ' font-weight="bold"')
      )
    })
    .join('')
  return `<svg class="app-chart" viewBox="0 0 ${CHART_WIDTH} ${HEIGHT}" font-size="${FONT_SIZE}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${escape(input.title)}</title><desc id="${id}-desc">${escape(input.description)}</desc>${grid}${medians}${axisNames}${points}</svg>`
}
