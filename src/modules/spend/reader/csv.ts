/**
 * A fast, forgiving CSV reader for spend files. csv-parse is thorough but spent longer on a million-row file than the
 * database took to store it (bench/spend-import.ts), so rows with no quotes take a fast path (split on the
 * separator) and the rest are read character by character.
 *
 * Forgiving as a person is: a quote in the middle of a value is a character (relaxed quotes), rows may have more or
 * fewer cells than the header (ragged rows), a quoted value may span lines, CRLF, LF or CR line ends. Never throws:
 * a quote left open at the end of the file takes the rest of the file as its value, which the row checks then reject.
 */
export interface CsvRecordHandler {
  /** One record and the line it starts on (from 1). Return false to stop reading. */
  (cells: string[], line: number): boolean | void
}

/** Where a read stopped: the next record starts at `position`, on `line`. */
export interface CsvPlace {
  position: number
  line: number
}

/**
 * Reads the records that start from `from` up to `until` (a character position; the record that starts before it is
 * read whole), and returns where the next one starts, so that a long file can be read in slices with pauses between.
 */
export function readCsv(text: string, delimiter: string, onRecord: CsvRecordHandler, from: CsvPlace = { position: 0, line: 1 }, until = Infinity): CsvPlace {
  const length = text.length
  let position = from.position
  let line = from.line
  while (position < length && position < until) {
    const startLine = line
    let end = text.indexOf('\n', position)
    if (end === -1) end = length
    let lineText = text.slice(position, end)
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1)
    if (lineText.indexOf('"') === -1) {
      position = end + 1
      line++
      if (lineText.indexOf('\r') !== -1) {
        // Old Mac line ends: several records on one "line".
        for (const part of lineText.split('\r')) if (isBlank(part, delimiter) === false && onRecord(part.split(delimiter), startLine) === false) return { position: length, line }
        continue
      }
      if (isBlank(lineText, delimiter)) continue
      if (onRecord(lineText.split(delimiter), startLine) === false) return { position: length, line }
      continue
    }
    // A row with quotes: read character by character, possibly over several lines.
    const cells: string[] = []
    let cell = ''
    let quoted = false
    let atCellStart = true
    let i = position
    for (; i < length; i++) {
      const ch = text[i]!
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"'
            i++
          } else quoted = false
        } else {
          if (ch === '\n') line++
          cell += ch
        }
        continue
      }
      if (ch === '"' && atCellStart) {
        // Spaces before an opening quote (` "1,708.75"`) are not part of the value.
        quoted = true
        atCellStart = false
        cell = ''
        continue
      }
      if (ch === delimiter) {
        cells.push(cell)
        cell = ''
        atCellStart = true
        continue
      }
      if (ch === '\n' || ch === '\r') break
      if (ch !== ' ') atCellStart = false
      cell += ch
    }
    cells.push(cell)
    // Past the line end (CRLF counts once).
    if (text[i] === '\r' && text[i + 1] === '\n') i++
    position = i + 1
    line++
    if (cells.every((c) => c.trim() === '')) continue
    if (onRecord(cells, startLine) === false) return { position: length, line }
  }
  return { position, line }
}

function isBlank(lineText: string, delimiter: string): boolean {
  for (let i = 0; i < lineText.length; i++) {
    const ch = lineText[i]!
    if (ch !== delimiter && ch !== ' ' && ch !== '\t') return false
  }
  return true
}

/** The first `limit` records, for finding a file's layout. */
export function firstRecords(text: string, delimiter: string, limit: number): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = []
  readCsv(text, delimiter, (cells, line) => {
    records.push({ cells, line })
    return records.length < limit
  })
  return records
}
