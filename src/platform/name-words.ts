/**
 * An organisation's name as the words a reader would compare: accents and case dropped, "&" read as "and",
 * apostrophes removed and every other mark a space. Provider name keys and council name matching both start here,
 * so "St John’s & Co" and "ST JOHNS AND CO" compare equal in either.
 */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '')
}
