import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { barChart, CHART_WIDTH, FONT_SIZE, lineChart, tornadoChart } from './charts.ts'
import { boxesOverlap, dodgeVertically, thinAxisLabels, type Box } from './labels.ts'
import { textWidth, truncateToWidth } from './text.ts'

/** Every <text> in a chart with the box its glyphs take, from the same width estimate the layout uses. */
function labelBoxes(svg: string): (Box & { text: string; title: string | undefined })[] {
  const boxes = []
  for (const match of svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(start|middle|end)">(?:<title>([^<]*)<\/title>)?([^<]*)<\/text>/g)) {
    const [, xs, ys, anchor, title, raw] = match
    const text = raw!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    const width = textWidth(text, FONT_SIZE)
    const x = Number(xs)
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2
    boxes.push({ x: left, y: Number(ys) - FONT_SIZE * 0.8, width, height: FONT_SIZE * 1.05, text, title })
  }
  return boxes
}

function viewBoxHeight(svg: string): number {
  return Number(/viewBox="0 0 \d+ ([\d.]+)"/.exec(svg)![1])
}

function assertNoOverlapAndInside(svg: string): void {
  const boxes = labelBoxes(svg)
  assert.ok(boxes.length > 0, 'the chart has labels')
  const height = viewBoxHeight(svg)
  for (const box of boxes) {
    assert.ok(box.x >= 0 && box.x + box.width <= CHART_WIDTH + 0.5, `"${box.text}" lies across the chart's sides (${box.x.toFixed(1)} to ${(box.x + box.width).toFixed(1)})`)
    assert.ok(box.y >= 0 && box.y + box.height <= height + 0.5, `"${box.text}" lies across the chart's top or bottom`)
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!boxesOverlap(boxes[i]!, boxes[j]!), `"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`)
    }
  }
}

const LONG_CATEGORIES = [
  'Adult social care – residential and nursing placements for older people',
  'Adult social care – residential and nursing placements for younger adults',
  'Children’s services: independent fostering agencies',
  'Highways maintenance and street lighting',
  'Waste collection, recycling and disposal',
  'Information and communications technology',
  'Not stated',
  'Home to school transport (special educational needs)',
  'Supported living',
  'Temporary accommodation',
]

describe('bar chart labels', () => {
  it('never overlap and stay inside the chart with long category names, cutting them with the full name in a title', () => {
    const svg = barChart({ title: 'HHI by category', description: 'd', data: LONG_CATEGORIES.map((label, i) => ({ label, value: 10_000 - i * 900 })), format: (v) => v.toLocaleString('en-GB') })
    assertNoOverlapAndInside(svg)
    const cut = labelBoxes(svg).filter((b) => b.title !== undefined)
    assert.ok(cut.length > 0, 'long names are cut')
    for (const box of cut) {
      assert.ok(box.text.endsWith('…'), `"${box.text}" ends with an ellipsis`)
      assert.ok(LONG_CATEGORIES.includes(box.title!), 'the title holds the full name')
    }
    assert.ok(labelBoxes(svg).some((b) => b.text === 'Not stated'), 'a short name is shown whole')
  })

  it('never overlap with many labels, large values and negative ones', () => {
    const data = Array.from({ length: 60 }, (_, i) => ({ label: `Month number ${i + 1} of the period`, value: (i % 7 === 0 ? -1 : 1) * 123_456_789_00 * (i + 1) }))
    const svg = barChart({ title: 't', description: 'd', data, format: (v) => `£${Math.round(v / 100).toLocaleString('en-GB')}` })
    assertNoOverlapAndInside(svg)
    assert.equal(labelBoxes(svg).length, 120, 'every label and every value is shown')
  })

  it('draws a single bar and a chart of zeros', () => {
    assertNoOverlapAndInside(barChart({ title: 't', description: 'd', data: [{ label: '2024/25', value: 0 }], format: String }))
    assertNoOverlapAndInside(barChart({ title: 't', description: 'd', data: [{ label: 'A', value: 5 }], format: String }))
  })

  it('escapes labels', () => {
    const svg = barChart({ title: '<t>', description: 'd', data: [{ label: '<script>&', value: 1 }], format: String })
    assert.ok(!svg.includes('<script>'))
  })
})

describe('line chart labels', () => {
  it('move the names at the ends of close lines apart (the share-of-spend chart overlapped)', () => {
    const svg = lineChart({
      title: 't',
      description: 'd',
      labels: ['2021/22', '2022/23', '2023/24', '2024/25'],
      series: [
        { name: 'SMEs', values: [40, 41, 42, 43] },
        { name: 'VCSEs', values: [41, 42, 43, 43.5] },
        { name: 'Local', values: [39, 42, 43, 42.8] },
      ],
    })
    assertNoOverlapAndInside(svg)
    for (const name of ['SMEs', 'VCSEs', 'Local', '2021/22', '2024/25']) assert.ok(labelBoxes(svg).some((b) => b.text === name), `${name} is shown`)
  })

  it('thin the axis labels when there are many years, and keep names inside at 0% and 100%', () => {
    const labels = Array.from({ length: 30 }, (_, i) => `${2000 + i}/${String((i + 1) % 100).padStart(2, '0')}`)
    const svg = lineChart({
      title: 't',
      description: 'd',
      labels,
      series: [
        { name: 'Small and medium-sized enterprises', values: labels.map(() => 100) },
        { name: 'Voluntary, community and social enterprises', values: labels.map(() => 99) },
        { name: 'Local', values: labels.map(() => 0) },
      ],
    })
    assertNoOverlapAndInside(svg)
    const shown = labelBoxes(svg).filter((b) => /^\d{4}\//.test(b.text))
    assert.ok(shown.length > 1 && shown.length < labels.length, `some but not all of 30 years are labelled (${shown.length})`)
  })
})

describe('label layout rules', () => {
  it('dodgeVertically keeps labels a line apart, inside the bounds, in their order', () => {
    const placed = dodgeVertically([50, 50, 51, 200, 10], 16, 0, 210)
    const sorted = [...placed].sort((a, b) => a - b)
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]! - sorted[i - 1]! >= 16 - 1e-9)
    assert.ok(placed.every((y) => y >= 0 && y <= 210))
    assert.ok(placed[4]! < placed[0]! && placed[0]! < placed[1]! && placed[1]! < placed[2]!, 'order by wanted position is kept')
    assert.deepEqual(dodgeVertically([100], 16, 0, 200), [100], 'a lone label stays where it wants')
  })

  it('dodgeVertically pushes up from the bottom bound', () => {
    const placed = dodgeVertically([200, 200, 200], 16, 0, 200)
    assert.deepEqual([...placed].sort((a, b) => a - b), [168, 184, 200])
  })

  it('thinAxisLabels shows all when they fit and every k-th when they do not', () => {
    assert.deepEqual(thinAxisLabels([0, 100, 200], [50, 50, 50], 8), [true, true, true])
    assert.deepEqual(thinAxisLabels([0, 40, 80, 120, 160], [50, 50, 50, 50, 50], 8), [true, false, true, false, true])
  })

  it('truncateToWidth cuts to the width with an ellipsis and leaves short text alone', () => {
    assert.equal(truncateToWidth('Short', 14, 200), 'Short')
    const cut = truncateToWidth(LONG_CATEGORIES[0]!, 14, 100)
    assert.ok(cut.endsWith('…') && textWidth(cut, 14) <= 100)
  })
})

describe('tornado chart', () => {
  const rows = [
    { label: 'Older people living at home longer: duration', low: 0.98, high: 1.86 },
    { label: 'Older people living at home longer: deadweight', low: 1.67, high: 1.2 },
    { label: 'Discount rate', low: 1.47, high: 1.42 },
  ]
  it('draws one bar a row around the base, a dashed break-even line, and no label overlaps another or leaves the chart', () => {
    const svg = tornadoChart({ title: 'Which assumptions move the ratio most', description: 'Tornado chart', base: 1.44, reference: 1, rows, format: (v) => `£${v.toFixed(2)}` })
    assert.match(svg, /role="img"/)
    assert.equal((svg.match(/<rect class="app-chart__bar"/g) ?? []).length, 3)
    assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1, 'the break-even line, inside the range')
    for (const text of ['£0.98', '£1.86', '£1.20', '£1.67', '£1.44']) assert.ok(svg.includes(`>${text}<`), text)
    assertNoOverlapAndInside(svg)
  })

  it('widens the scale to show break-even even when every bar stays above it', () => {
    const svg = tornadoChart({ title: 't', description: 'd', base: 3, reference: 1, rows: [{ label: 'x', low: 2.5, high: 3.5 }], format: (v) => v.toFixed(1) })
    assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1)
    assertNoOverlapAndInside(svg)
  })
})
