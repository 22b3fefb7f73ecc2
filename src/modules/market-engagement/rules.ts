/**
 * Preliminary market engagement (Procurement Act 2023 s.16–17; domain-rules 1.11, labelled [P]): a contracting
 * authority may engage the market before publishing a tender notice. If it did, it publishes a preliminary market
 * engagement notice (UK2) before the tender notice; if it did not, it gives its reasons in the tender notice.
 * Catalyst encodes only that: the notice's other content is not in the reference, so the record shows what the
 * council did (who was asked what, from when to when, who answered) for the officer who writes the notice.
 */

export const MAX_QUESTIONS = 10
export const MAX_CHOICES = 8
export const MAX_TEXT = 2000

/** What the UK2 part of an engagement's page says (s.16–17), and whether anyone has taken part yet. */
export function uk2Guidance(responses: number): { text: string } {
  const base = 'The Procurement Act 2023 (s.16 and s.17) requires a preliminary market engagement notice (UK2) to be published before the tender notice when the council has carried out preliminary market engagement; if it has not, the tender notice must give the reasons.'
  return { text: responses === 0 ? `${base} No provider has registered interest yet.` : base }
}

/** Whether providers may still register interest or change their answers on `today` (London date). */
export const isOpen = (e: { status: string; closesOn: string }, today: string) => e.status === 'open' && today <= e.closesOn

/**
 * The questions typed by a commissioner: one per box; a question's choices follow it on lines starting "- " (a
 * question with none is answered in free text). Returns the questions or the problem in words.
 */
export function parseQuestion(raw: string): { text: string; choices: string[] } | { problem: string } | null {
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  if (lines.length === 0) return null
  const [first, ...rest] = lines
  if (first!.startsWith('- ')) return { problem: 'Start with the question, then give each choice on its own line starting with "- "' }
  const text = [first!, ...rest.filter((l) => !l.startsWith('- '))].join(' ')
  const choices = rest.filter((l) => l.startsWith('- ')).map((l) => l.slice(2).trim()).filter(Boolean)
  if (text.length > 500) return { problem: 'Keep each question to 500 characters or fewer' }
  if (choices.length === 1) return { problem: 'Give at least two choices, or none for a free text answer' }
  if (choices.length > MAX_CHOICES) return { problem: `Give ${MAX_CHOICES} choices or fewer` }
  if (new Set(choices).size !== choices.length) return { problem: 'Give each choice once' }
  return { text, choices }
}
