/**
 * Charts drawn on the server as SVG: no script, readable by screen readers through role="img", a title and a
 * description, and always followed on the page by a table of the same figures.
 *
 * Legible at every width: the viewBox is narrow (360 units) with 14-unit text, so a chart shrunk to a 320 px phone
 * still shows text of about 12 px, and CSS caps its width so that text stays near GOV.UK's 19 px on a desktop. Labels
 * never overlap: bar charts run sideways with one row per label (a long label is cut to its column with the full
 * text in a <title>), a line chart's axis labels are thinned until they fit, and the names at the ends of its lines
 * are moved apart (see labels.ts).
 */
import { scaleLinear, scalePoint } from 'd3-scale'
import { line } from 'd3-shape'
import { dodgeVertically, thinAxisLabels } from './labels.ts'
import { textWidth, truncateToWidth } from './text.ts'

export const CHART_WIDTH = 360
export const FONT_SIZE = 14
const ROW = 28
const BAR = 18
const GAP = 8

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const n = (value: number) => value.toFixed(1)
let counter = 0
const nextId = () => `chart-${++counter}`

export interface ChartPoint {
  label: string
  value: number
}

/** A text element; a label cut short keeps its full text in a <title> (shown on hover, read by screen readers). */
function label(x: number, y: number, anchor: 'start' | 'middle' | 'end', shown: string, full: string): string {
  const title = shown === full ? '' : `<title>${escape(full)}</title>`
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}">${title}${escape(shown)}</text>`
}

/**
 * A bar chart of values (for example pence per month): one row per label, the label on the left, the bar, and the
 * value formatted by `format` at the bar's end.
 */
export function barChart(options: { title: string; description: string; data: ChartPoint[]; format: (value: number) => string }): string {
  const id = nextId()
  const { data } = options
  const values = data.map((d) => options.format(d.value))
  const valueWidth = Math.max(0, ...values.map((v) => textWidth(v, FONT_SIZE)))
  const labelColumn = Math.min(Math.max(0, ...data.map((d) => textWidth(d.label, FONT_SIZE))), CHART_WIDTH * 0.4)
  const plotLeft = labelColumn + GAP
  const plotRight = Math.max(plotLeft + 40, CHART_WIDTH - valueWidth - GAP)
  const min = Math.min(0, ...data.map((d) => d.value))
  const max = Math.max(0, ...data.map((d) => d.value))
  const x = scaleLinear().domain([min, max || 1]).range([plotLeft, plotRight])
  const top = GAP
  const height = top + data.length * ROW + GAP
  const rows = data
    .map((d, i) => {
      const rowTop = top + i * ROW
      const baseline = rowTop + ROW / 2 + FONT_SIZE * 0.35
      const from = Math.min(x(0), x(d.value))
      const to = Math.max(x(0), x(d.value))
      return (
        label(labelColumn, baseline, 'end', truncateToWidth(d.label, FONT_SIZE, labelColumn), d.label) +
        `<rect class="app-chart__bar" x="${n(from)}" y="${n(rowTop + (ROW - BAR) / 2)}" width="${n(to - from)}" height="${BAR}"></rect>` +
        label(to + 4, baseline, 'start', values[i]!, values[i]!)
      )
    })
    .join('')
  const zero = min < 0 ? `<line class="app-chart__axis" x1="${n(x(0))}" x2="${n(x(0))}" y1="${top}" y2="${height - GAP}"></line>` : ''
  return svg(id, height, options.title, options.description, rows + zero)
}

/** Lines of percentages over time (for example the SME, VCSE and local shares by year). */
export function lineChart(options: { title: string; description: string; labels: string[]; series: { name: string; values: number[] }[] }): string {
  const id = nextId()
  const height = 240
  const lineHeight = FONT_SIZE * 1.2
  const names = options.series.map((s) => s.name)
  const gutter = Math.min(Math.max(0, ...names.map((s) => textWidth(s, FONT_SIZE))), CHART_WIDTH * 0.3) + GAP + 6
  const tickWidth = textWidth('100%', FONT_SIZE)
  const plot = { left: tickWidth + GAP, right: CHART_WIDTH - gutter, top: GAP + FONT_SIZE / 2, bottom: height - FONT_SIZE * 2 - GAP }
  const x = scalePoint<string>().domain(options.labels).range([plot.left + 12, plot.right - 6]).padding(0.3)
  const y = scaleLinear().domain([0, 100]).range([plot.bottom, plot.top])
  const grid = y
    .ticks(5)
    .map((t) => `<line class="app-chart__grid" x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(y(t))}" y2="${n(y(t))}"></line>` + label(plot.left - 6, y(t) + FONT_SIZE * 0.35, 'end', `${t}%`, `${t}%`))
    .join('')
  const centres = options.labels.map((l) => x(l)!)
  const shown = thinAxisLabels(centres, options.labels.map((l) => textWidth(l, FONT_SIZE)), GAP)
  const axis = options.labels
    .map((l, i) => (shown[i] ? label(centres[i]!, plot.bottom + FONT_SIZE + 6, 'middle', l, l) : ''))
    .join('')
  const path = line<[string, number]>()
    .x((d) => x(d[0])!)
    .y((d) => y(d[1]))
  const lastLabel = options.labels[options.labels.length - 1]
  const ends = dodgeVertically(
    options.series.map((s) => y(s.values[options.labels.length - 1] ?? 0)),
    lineHeight,
    plot.top,
    plot.bottom,
  )
  const series = options.series
    .map((s, i) => {
      const points: [string, number][] = options.labels.map((l, j) => [l, s.values[j] ?? 0])
      const marks = points.map((p) => `<circle cx="${n(x(p[0])!)}" cy="${n(y(p[1]))}" r="4"></circle>`).join('')
      const name = lastLabel === undefined ? '' : label(plot.right + GAP, ends[i]! + FONT_SIZE * 0.35, 'start', truncateToWidth(s.name, FONT_SIZE, gutter - GAP - 6), s.name)
      return `<g class="app-chart__series app-chart__series--${i + 1}"><path d="${path(points) ?? ''}"></path>${marks}${name}</g>`
    })
    .join('')
  return svg(id, height, options.title, options.description, grid + axis + series)
}

function svg(id: string, height: number, title: string, description: string, body: string): string {
  return `<svg class="app-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" font-size="${FONT_SIZE}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(description)}</desc>${body}</svg>`
}

export interface TornadoRow {
  label: string
  /** The result with the assumption moved down and up. */
  low: number
  high: number
}

/**
 * A tornado chart for a sensitivity analysis: one row per assumption (largest swing first, as given), a bar from
 * the result with the assumption moved one way to the result with it moved the other, around a line at the base
 * result, and a dashed line at a reference value (for example an SROI ratio of 1, break-even). The label sits above
 * its bar so long assumption names never squeeze the bars at phone widths.
 */
export function tornadoChart(options: { title: string; description: string; base: number; reference?: number; rows: TornadoRow[]; format: (value: number) => string }): string {
  const id = nextId()
  const rowHeight = FONT_SIZE + 4 + BAR + GAP
  const values = options.rows.flatMap((r) => [r.low, r.high]).concat(options.base, options.reference ?? options.base)
  const min = Math.min(...values)
  const max = Math.max(...values)
  const valueWidth = textWidth(options.format(max), FONT_SIZE)
  const x = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    .range([valueWidth + GAP, CHART_WIDTH - valueWidth - GAP])
  const top = GAP
  const height = top + options.rows.length * rowHeight + FONT_SIZE + GAP * 2
  const body = options.rows
    .map((r, i) => {
      const rowTop = top + i * rowHeight
      const barTop = rowTop + FONT_SIZE + 4
      const from = Math.min(x(r.low), x(r.high))
      const to = Math.max(x(r.low), x(r.high))
      const lowIsLeft = x(r.low) <= x(r.high)
      const left = lowIsLeft ? r.low : r.high
      const right = lowIsLeft ? r.high : r.low
      const baseline = barTop + BAR / 2 + FONT_SIZE * 0.35
      return (
        label(0, rowTop + FONT_SIZE, 'start', truncateToWidth(r.label, FONT_SIZE, CHART_WIDTH), r.label) +
        `<rect class="app-chart__bar" x="${n(from)}" y="${n(barTop)}" width="${n(Math.max(1, to - from))}" height="${BAR}"></rect>` +
        label(from - 4, baseline, 'end', options.format(left), options.format(left)) +
        label(to + 4, baseline, 'start', options.format(right), options.format(right))
      )
    })
    .join('')
  const bottom = top + options.rows.length * rowHeight
  const baseLine = `<line class="app-chart__axis" x1="${n(x(options.base))}" x2="${n(x(options.base))}" y1="${top}" y2="${n(bottom)}"></line>` + label(x(options.base), bottom + FONT_SIZE + 2, 'middle', options.format(options.base), options.format(options.base))
  // The reference is inside the scale (it was part of the domain), so break-even shows even when every bar clears it.
  const reference =
    options.reference === undefined
      ? ''
      : `<line class="app-chart__axis" stroke-dasharray="4 3" x1="${n(x(options.reference))}" x2="${n(x(options.reference))}" y1="${top}" y2="${n(bottom)}"></line>`
  return svg(id, height, options.title, options.description, body + baseLine + reference)
}
