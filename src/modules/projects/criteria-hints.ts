/**
 * Which way each criterion's scores run, for the person scoring: 0 to 5, 5 always the better end, which for
 * cost-like criteria means the LOWER cost, risk or complexity. Criteria the council adds read "5 is best".
 */
const HINTS: Record<string, string> = {
  'whole-life cost': '5 is best: the lowest whole-life cost',
  'resilience and concentration risk': '5 is best: the most resilient, least concentration risk',
  'legal complexity': '5 is best: the least legal complexity',
  'time and deliverability': '5 is best: quickest and easiest to deliver',
}

export function criterionHint(name: string): string {
  const known = HINTS[name.trim().toLowerCase()]
  if (known) return known
  // A council's own cost-like criterion: a high score still means good, so low cost or risk.
  if (/\b(cost|price|risk|complexity)\b/i.test(name)) return '5 is best: a high score means low ' + (name.match(/\b(cost|price|risk|complexity)\b/i)![1]!.toLowerCase())
  return '5 is best'
}
