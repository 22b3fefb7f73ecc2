/**
 * A spend file as uploaded: one CSV or TSV, or a zip of them. Opens each part, decodes it and finds its layout;
 * says plainly when a file cannot be read at all (a spreadsheet not saved as CSV, an empty file, a broken zip).
 */
import { unzipWithLimits, ZipLimitError } from '../../../platform/zip.ts'
import { decodeSpendBytes, looksBinary, type SpendEncoding } from './decode.ts'
import { SPEND_FIELDS } from './fields.ts'
import { candidateSignatures, detectLayout, withChoices, type FileLayout, type MappingChoices } from './layout.ts'

export interface SpendPart {
  /** The file's name, or the zip member's. */
  name: string
  encoding: SpendEncoding
  text: string
  layout: FileLayout
}

export type OpenedSpendFile = { ok: true; parts: SpendPart[] } | { ok: false; reason: string }

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/** A council's remembered mappings, each for the header signature it was confirmed on. */
export type RememberedMappings = Map<string, MappingChoices>

export function openSpendFile(
  name: string,
  bytes: Uint8Array,
  options: { remembered?: RememberedMappings; chosen?: MappingChoices } = {},
): OpenedSpendFile {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' }
  let files: { name: string; bytes: Uint8Array }[]
  if (isZip(bytes)) {
    try {
      const entries = unzipWithLimits(bytes, (entryName) => /\.(csv|tsv|txt)$/i.test(entryName) && !/(^|\/)(__MACOSX|\.)/.test(entryName))
      files = Object.entries(entries)
        .map(([entryName, entryBytes]) => ({ name: entryName, bytes: entryBytes }))
        .sort((a, b) => a.name.localeCompare(b.name))
    } catch (error) {
      if (error instanceof ZipLimitError) return { ok: false, reason: error.message }
      return { ok: false, reason: `the zip file could not be opened (${(error as Error).message})` }
    }
    if (files.length === 0) return { ok: false, reason: 'the zip file holds no CSV, TSV or TXT files' }
  } else {
    files = [{ name, bytes }]
  }
  const parts: SpendPart[] = []
  for (const file of files) {
    if (looksBinary(file.bytes)) {
      return { ok: false, reason: `${file.name} is not a CSV file (it contains binary data; save a spreadsheet as CSV first)` }
    }
    const { text, encoding } = decodeSpendBytes(file.bytes)
    if (text.trim() === '') return { ok: false, reason: `${file.name} is empty` }
    let layout = layoutFor(text, file.name, options.remembered)
    if (options.chosen) layout = withChoices(layout, options.chosen)
    parts.push({ name: file.name, encoding, text, layout })
  }
  return { ok: true, parts }
}

/**
 * The layout worked out from the file, or the council's remembered mapping when one was confirmed for this very header
 * (the same column names in the same order); a mapping remembered for another header never overrides a better fit.
 */
function layoutFor(text: string, fileName: string, remembered: RememberedMappings | undefined): FileLayout {
  const automatic = detectLayout(text, {}, { fileName })
  if (!remembered || remembered.size === 0) return automatic
  const signature = remembered.has(automatic.headerSignature) ? automatic.headerSignature : candidateSignatures(text).find((s) => remembered.has(s))
  if (signature !== undefined) {
    const layout = detectLayout(text, remembered.get(signature)!, { fileName, remembered: true })
    if (layout.headerSignature === signature) return layout
  }
  return { ...automatic, rememberedOtherHeader: true }
}

/** Why a part cannot be imported with confidence, naming the fields no column was found for. */
export function unmappedReason(part: SpendPart): string | undefined {
  if (part.layout.missing.length === 0) return undefined
  const names = part.layout.missing.map((field) => SPEND_FIELDS[field].toLowerCase())
  const found = part.layout.columns.filter((c) => c.header !== '').map((c) => `"${c.header}"`)
  return `could not find a column for the ${names.join(', the ')}${found.length > 0 ? ` among ${found.slice(0, 20).join(', ')}` : ' (the file has no header row)'}`
}
