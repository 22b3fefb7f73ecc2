/**
 * Where a chart's labels go so that no two overlap. Pure functions on positions and widths, so that the rules can be
 * tested for long and many labels without drawing anything.
 */

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * Labels along a horizontal axis, centred on their points: which to show so that neighbours keep `gap` apart. Shows
 * every k-th label (the first always), with k the smallest step that fits; the data table has every figure.
 */
export function thinAxisLabels(centres: number[], widths: number[], gap: number): boolean[] {
  const n = centres.length
  for (let step = 1; step <= Math.max(1, n); step++) {
    const shown = centres.map((_, i) => i % step === 0)
    let fits = true
    let previous = -1
    for (let i = 0; i < n && fits; i++) {
      if (!shown[i]) continue
      if (previous >= 0) {
        const rightOfPrevious = centres[previous]! + widths[previous]! / 2
        const leftOfThis = centres[i]! - widths[i]! / 2
        if (leftOfThis - rightOfPrevious < gap) fits = false
      }
      previous = i
    }
    if (fits) return shown
  }
  return centres.map((_, i) => i === 0)
}

/**
 * Labels stacked beside the ends of lines (a series' name at its last point): each wants to sit at its own y, but
 * two close values would put their names on top of each other. Moves them apart to at least `height` between
 * centres, as little as it can, keeping them within [min, max]. Returns the new centres in the order given.
 */
export function dodgeVertically(wanted: number[], height: number, min: number, max: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i)
  const placed = order.map((o) => o.y)
  // Push down from the top: each label at least one height below the one above.
  for (let k = 0; k < placed.length; k++) {
    placed[k] = Math.max(placed[k]!, k === 0 ? min : placed[k - 1]! + height)
  }
  // If that ran past the bottom, push up from the bottom.
  for (let k = placed.length - 1; k >= 0; k--) {
    placed[k] = Math.min(placed[k]!, k === placed.length - 1 ? max : placed[k + 1]! - height)
  }
  const result = new Array<number>(wanted.length)
  order.forEach((o, k) => {
    result[o.i] = placed[k]!
  })
  return result
}
