/**
 * Money is held in whole pence as integers (ADR 0010): a council's largest contracts are a few billion pounds,
 * well inside the 2^53 pence a JavaScript number holds exactly, and integer pence never round.
 */
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })

/** "£1,234.56"; whole pounds ("£1,235") when `whole` is set, for tables of large values. */
export function formatPence(pence: number | bigint | null | undefined, options: { whole?: boolean } = {}): string {
  if (pence === null || pence === undefined) return ''
  const value = Number(pence) / 100
  return (options.whole ? wholePounds : poundsAndPence).format(value)
}

/**
 * Reads an amount an officer typed into a form: "1234", "£1,234.56", " 1234.5 ". Returns pence, or undefined when
 * the text is not an amount of money (letters, more than two decimal places, several points).
 */
export function parsePoundsToPence(text: string): number | undefined {
  const cleaned = text.trim().replace(/^£\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '')
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!match) return undefined
  const pence = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
  if (!Number.isSafeInteger(pence)) return undefined
  return match[1] ? -pence : pence
}
