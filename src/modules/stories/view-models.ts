/** What story pages show, shaped for the templates: paragraphs of plain text, highlighted pieces, rating words. */
import { serviceCategoryName } from '../providers/service-categories.ts'
import { RATING_ASPECTS, RATING_WORDS } from './forms.ts'
import { findPersonalData, kindLabel, segments, type Segment } from './personal-data.ts'

/** A story's text as paragraphs (split on line breaks); each is rendered as text, never as HTML. */
export function paragraphs(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
}

/** Paragraphs cut into plain and highlighted pieces for the moderator. */
export function highlightedParagraphs(text: string): (Segment & { label?: string })[][] {
  return paragraphs(text).map((paragraph) =>
    segments(paragraph, findPersonalData(paragraph)).map((piece) => (piece.kind ? { ...piece, label: kindLabel(piece.kind) } : piece)),
  )
}

export function countHighlights(text: string): number {
  return paragraphs(text).reduce((sum, paragraph) => sum + findPersonalData(paragraph).length, 0)
}

type Rated = Partial<Record<(typeof RATING_ASPECTS)[number]['field'], number | null>>

export function ratingRows(story: Rated): { key: { text: string }; value: { text: string } }[] {
  return RATING_ASPECTS.filter((aspect) => typeof story[aspect.field] === 'number').map((aspect) => {
    const value = story[aspect.field] as number
    return { key: { text: aspect.name }, value: { text: `${value} out of 5 (${RATING_WORDS[value - 1]})` } }
  })
}

export function serviceLabel(story: { providerName: string | null; serviceDescription: string | null; serviceCategory: string | null }): string {
  const parts = [story.providerName, story.serviceDescription, story.serviceCategory ? serviceCategoryName(story.serviceCategory) : null].filter(Boolean)
  return parts.join(' – ') || 'A service'
}

export const STATUS_NAMES: Record<string, { text: string; colour: string }> = {
  'awaiting-confirmation': { text: 'Waiting for the author to confirm', colour: 'grey' },
  'awaiting-moderation': { text: 'Waiting for a moderator', colour: 'blue' },
  published: { text: 'Published', colour: 'green' },
  'edit-requested': { text: 'Author asked to change it', colour: 'yellow' },
  rejected: { text: 'Not published', colour: 'red' },
  hidden: { text: 'Taken down', colour: 'orange' },
}

export function statusTag(status: string, publishedAt: Date | null, now: Date): { text: string; classes: string } {
  if (status === 'published' && publishedAt && publishedAt > now) return { text: 'With the provider before publication', classes: 'govuk-tag--purple' }
  const known = STATUS_NAMES[status] ?? { text: status, colour: 'grey' }
  return { text: known.text, classes: `govuk-tag--${known.colour}` }
}

/** The same states in words for the author, who is told about their own story. */
const AUTHOR_STATUS_NAMES: Record<string, string> = {
  'awaiting-confirmation': 'Waiting for you to confirm',
  'awaiting-moderation': 'Waiting for a moderator',
  published: 'Published',
  'edit-requested': 'Waiting for you to change it',
  rejected: 'Not published',
  hidden: 'Taken down',
}

export function authorStatusTag(status: string, publishedAt: Date | null, now: Date): { text: string; classes: string } {
  const tag = statusTag(status, publishedAt, now)
  if (status === 'published' && publishedAt && publishedAt > now) return { ...tag, text: 'Accepted: with the provider before publication' }
  return { ...tag, text: AUTHOR_STATUS_NAMES[status] ?? tag.text }
}

export function average(value: number | null): string {
  return value === null ? '–' : value.toFixed(1)
}
