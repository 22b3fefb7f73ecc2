/**
 * How wide a line of chart text will be, without a browser. Charts are drawn on the server, so label layout needs an
 * estimate of each label's width: Arial's advance widths (GOV.UK's fallback font, and GDS Transport's metrics are
 * close to it), with a margin so that the estimate errs wide. A label laid out with this estimate never overlaps
 * another in the browser, and the tests check the same boxes.
 */

// Arial / Helvetica advance widths for printable ASCII (32 to 126), in thousandths of an em.
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
]
const OTHER: Record<string, number> = { '£': 556, '–': 556, '—': 1000, '…': 1000, '’': 222, '‘': 222, '“': 333, '”': 333, '€': 556 }
/** Wider than Arial by this much, to be safe with GDS Transport and font hinting. */
const SAFETY = 1.1

export function textWidth(text: string, fontSize: number): number {
  let units = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    units += code >= 32 && code <= 126 ? ASCII[code - 32]! : (OTHER[char] ?? 700)
  }
  return (units / 1000) * fontSize * SAFETY
}

/** The text cut to fit `maxWidth`, ending in an ellipsis when cut (the full text goes in the label's <title>). */
export function truncateToWidth(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text
  const chars = [...text]
  let end = chars.length
  while (end > 0 && textWidth(`${chars.slice(0, end).join('').trimEnd()}…`, fontSize) > maxWidth) end--
  return end === 0 ? '…' : `${chars.slice(0, end).join('').trimEnd()}…`
}
