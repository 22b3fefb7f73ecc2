/**
 * Charts drawn on the server as SVG: no script, readable by screen readers through role="img", a title and a
 * description, and always followed on the page by a table of the same figures.
 */
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale'
import { line } from 'd3-shape'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const WIDTH = 640
const HEIGHT = 260
const MARGIN = { top: 16, right: 16, bottom: 48, left: 80 }
let counter = 0
const nextId = () => `chart-${++counter}`

export interface ChartPoint {
  label: string
  value: number
}

/** A bar chart of values (for example pence per month), with axis labels formatted by `format`. */
export function barChart(options: { title: string; description: string; data: ChartPoint[]; format: (value: number) => string }): string {
  const id = nextId()
  const { data } = options
  const x = scaleBand<string>().domain(data.map((d) => d.label)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.2)
  const max = Math.max(0, ...data.map((d) => d.value))
  const min = Math.min(0, ...data.map((d) => d.value))
  const y = scaleLinear().domain([min, max || 1]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top])
  const ticks = y.ticks(4)
  const bars = data
    .map((d) => {
      const top = y(Math.max(0, d.value))
      const height = Math.abs(y(d.value) - y(0))
      return `<rect class="app-chart__bar" x="${x(d.label)!.toFixed(1)}" y="${top.toFixed(1)}" width="${x.bandwidth().toFixed(1)}" height="${height.toFixed(1)}"></rect>`
    })
    .join('')
  const every = Math.max(1, Math.ceil(data.length / 12))
  const labels = data
    .map((d, i) => (i % every === 0 ? `<text x="${(x(d.label)! + x.bandwidth() / 2).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escape(d.label)}</text>` : ''))
    .join('')
  const grid = ticks
    .map((t) => `<line class="app-chart__grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"></line><text x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escape(options.format(t))}</text>`)
    .join('')
  return svg(id, options.title, options.description, grid + bars + labels)
}

/** Lines of percentages over time (for example the SME, VCSE and local shares by year). */
export function lineChart(options: { title: string; description: string; labels: string[]; series: { name: string; values: number[] }[] }): string {
  const id = nextId()
  const x = scalePoint<string>().domain(options.labels).range([MARGIN.left + 20, WIDTH - MARGIN.right - 120]).padding(0.2)
  const y = scaleLinear().domain([0, 100]).range([HEIGHT - MARGIN.bottom, MARGIN.top])
  const grid = y
    .ticks(5)
    .map((t) => `<line class="app-chart__grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right - 120}" y1="${y(t)}" y2="${y(t)}"></line><text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${t}%</text>`)
    .join('')
  const labels = options.labels.map((l) => `<text x="${x(l)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escape(l)}</text>`).join('')
  const path = line<[string, number]>()
    .x((d) => x(d[0])!)
    .y((d) => y(d[1]))
  const series = options.series
    .map((s, i) => {
      const points: [string, number][] = options.labels.map((l, j) => [l, s.values[j] ?? 0])
      const last = points[points.length - 1]
      const marks = points.map((p) => `<circle cx="${x(p[0])}" cy="${y(p[1]).toFixed(1)}" r="4"></circle>`).join('')
      return `<g class="app-chart__series app-chart__series--${i + 1}"><path d="${path(points) ?? ''}"></path>${marks}${
        last ? `<text x="${x(last[0])! + 10}" y="${(y(last[1]) + 4).toFixed(1)}">${escape(s.name)}</text>` : ''
      }</g>`
    })
    .join('')
  return svg(id, options.title, options.description, grid + labels + series)
}

function svg(id: string, title: string, description: string, body: string): string {
  return `<svg class="app-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(description)}</desc>${body}</svg>`
}
