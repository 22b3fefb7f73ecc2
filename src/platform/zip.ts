/**
 * Reading zip files without trusting them. A zip states each member's size, but a hostile one can lie, and a
 * "zip bomb" of a few megabytes inflates to gigabytes. So members are inflated as streams, the zip fed a slice at
 * a time, and the bytes that actually come out are counted: past the total cap or the compression-ratio cap the
 * read stops at once with a ZipLimitError whose message a page, a problem document or the command line can show.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate'

/** The most a zip may inflate to, all members together. */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
/** Real CSVs compress 5 to 20 times; a member inflating more than this many times its zipped size is refused. */
export const MAX_COMPRESSION_RATIO = 200
/** Below this much output a member is never refused for its ratio (tiny files of repeated text compress well). */
const RATIO_GRACE_BYTES = 1024 * 1024
/** How much of the zip is given to the inflater at a time: it bounds the memory one step can take. */
const SLICE = 16 * 1024

export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ZipLimitError'
  }
}

export interface ZipLimits {
  maxTotalBytes?: number
  maxRatio?: number
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/** The members the filter accepts, inflated, with the caps enforced on what actually comes out. */
export function unzipWithLimits(bytes: Uint8Array, filter: (name: string) => boolean, limits: ZipLimits = {}): Record<string, Uint8Array> {
  const maxTotal = limits.maxTotalBytes ?? MAX_UNZIPPED_BYTES
  const maxRatio = limits.maxRatio ?? MAX_COMPRESSION_RATIO
  const out: Record<string, Uint8Array> = {}
  let total = 0
  let failure: Error | undefined
  /** How many of the zip's bytes have been given to the reader, counting the slice being read. */
  let pushed = 0
  const unzip = new Unzip((file) => {
    if (failure || !filter(file.name)) return
    const chunks: Uint8Array[] = []
    let produced = 0
    // The ratio is measured against the zipped bytes given to the inflater so far, so a bomb is caught early
    // in its stream, not only once it has inflated to its whole stated ratio.
    const startedAt = pushed
    const zippedSoFar = () => Math.max(1, Math.min(file.size ?? Infinity, pushed - startedAt + SLICE))
    file.ondata = (error, chunk, final) => {
      if (failure) return
      if (error) {
        failure = error
        return
      }
      produced += chunk.length
      total += chunk.length
      if (total > maxTotal) {
        failure = new ZipLimitError(`the zip file unpacks to more than ${mb(maxTotal)}: split it into smaller files`)
      } else if (produced > RATIO_GRACE_BYTES && produced / zippedSoFar() > maxRatio) {
        failure = new ZipLimitError(`${file.name} in the zip file is compressed more than ${maxRatio} times, which real spend or contract files never are: it looks like a zip bomb, so it was not opened`)
      }
      if (failure) {
        file.terminate()
        return
      }
      chunks.push(chunk)
      if (final) out[file.name] = concat(chunks, produced)
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  unzip.register(UnzipPassThrough)
  for (let offset = 0; offset < bytes.length && !failure; offset += SLICE) {
    pushed = Math.min(bytes.length, offset + SLICE)
    unzip.push(bytes.subarray(offset, Math.min(bytes.length, offset + SLICE)), offset + SLICE >= bytes.length)
  }
  if (failure) throw failure
  return out
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const joined = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    joined.set(chunk, at)
    at += chunk.length
  }
  return joined
}
