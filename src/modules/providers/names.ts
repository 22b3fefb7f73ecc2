/**
 * The name key: a provider's name reduced to what distinguishes it, so that "The Riverside Care Co. Ltd" and
 * "Riverside Care Co Limited" are seen as the same name when warning about duplicates.
 */
import { nameWords } from '../../platform/name-words.ts'

const LEGAL_SUFFIXES = new Set(['limited', 'ltd', 'plc', 'llp', 'llc', 'cic', 'cio', 'inc'])

export function nameKey(name: string): string {
  const words = nameWords(name)
  if (words[0] === 'the' && words.length > 1) words.shift()
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop()
  return words.join(' ')
}
