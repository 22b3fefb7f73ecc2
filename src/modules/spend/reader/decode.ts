/**
 * Bytes to text, as spend files arrive: UTF-8 with or without a byte order mark, a BOM that went through a
 * Windows-1252 round trip and arrives as "ï»¿", Windows-1252 (a £ as the single byte 0xA3), and the UTF-16 that
 * Excel's "Unicode text" writes.
 */
import iconv from 'iconv-lite'

export type SpendEncoding = 'utf-8' | 'utf-8 with BOM' | 'utf-8 with a double-encoded BOM' | 'windows-1252' | 'utf-16'

export function decodeSpendBytes(bytes: Uint8Array): { text: string; encoding: SpendEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3))
    return text.startsWith('ï»¿') ? { text: text.slice(3), encoding: 'utf-8 with a double-encoded BOM' } : { text, encoding: 'utf-8 with BOM' }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes[0] === 0xff ? 'utf16le' : 'utf16be')
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-16' }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (text.startsWith('ï»¿')) return { text: text.slice(3), encoding: 'utf-8 with a double-encoded BOM' }
    return { text, encoding: 'utf-8' }
  } catch {
    // Not UTF-8: the Windows code page every council's spreadsheet package saves by default.
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252')
    return { text: text.startsWith('ï»¿') ? text.slice(3) : text, encoding: 'windows-1252' }
  }
}

/** Whether bytes look like a binary file (a spreadsheet saved as .xlsx, a PDF) rather than text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192)
  if (head[0] === 0xff || head[0] === 0xfe) return false // UTF-16 has zero bytes by design
  return head.includes(0)
}
