/** The cost-against-outcome chart: a point per council, the council's own named and drawn last, medians where they fall. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { scatterChart } from './scatter-chart.ts'

const chart = () =>
  scatterChart({
    title: 'Cost & outcome',
    description: 'Three councils',
    xLabel: 'Spend per head',
    yLabel: 'Satisfaction',
    points: [
      { label: 'Demo <Borough>', x: 400, y: 60, highlight: true },
      { label: 'Middlesbrough', x: 500, y: 65, highlight: false },
      { label: 'Greenwich', x: 600, y: 70, highlight: false },
    ],
    xMedian: 500,
    yMedian: 65,
    format: (v) => String(v),
  })

test('one circle per council, the council’s own last, larger and named, with its text escaped', () => {
  const svg = chart()
  const circles = [...svg.matchAll(/<circle class="([^"]+)" cx="([\d.]+)" cy="([\d.]+)" r="(\d+)">/g)]
  assert.equal(circles.length, 3)
  assert.equal(circles[2]![1], 'app-benchmark__point app-benchmark__own-point')
  assert.equal(circles[2]![4], '8')
  assert.match(svg, /font-weight="bold">Demo &lt;Borough&gt;<\/text>/)
  assert.match(svg, /<title id="[^"]+">Cost &amp; outcome<\/title>/)
  assert.match(svg, /role="img"/)
})

test('the medians cross at the middle council’s point, and higher values sit further right and higher up', () => {
  const svg = chart()
  const [vertical, horizontal] = [...svg.matchAll(/<line class="app-benchmark__median-dashed" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="([\d.]+)">/g)]
  const middle = [...svg.matchAll(/<circle class="app-benchmark__point" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])])
  const [mx, my] = middle[0]!
  assert.equal(Number(vertical![1]), mx)
  assert.equal(Number(horizontal![3]), my)
  const [gx, gy] = middle[1]!
  assert.ok(gx! > mx!, 'Greenwich spends more: further right')
  assert.ok(gy! < my!, 'Greenwich scores higher: higher up (smaller y)')
})
