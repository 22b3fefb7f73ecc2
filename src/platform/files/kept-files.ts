/**
 * Uploaded files that Catalyst keeps (a provider's evidence), as opposed to files it reads and throws away (imports).
 *
 * - What a file is comes from its content (`file-type` reads its magic numbers, and looks inside zip containers for
 *   Word, Excel and OpenDocument), never from its name or the browser's Content-Type alone; the name's extension must
 *   agree with the content, so a program renamed `.pdf` is refused, and so is a PDF renamed `.exe`.
 * - A kept file is stored under the configured files folder with a random name (no part of the uploader's name
 *   reaches the file system); the original name is kept in the database and only sent back in Content-Disposition.
 * - It is sent back only as an attachment, with `nosniff` and a sandboxing Content-Security-Policy, so a browser never
 *   renders it as a page of Catalyst's origin.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { FastifyReply } from 'fastify'
import { fileTypeFromFile } from 'file-type'
import { NotFoundError } from '../http/authentication.ts'

export interface KeptType {
  mediaType: string
  /** The name's endings this content may carry. */
  extensions: readonly string[]
  /** How the type is named to a person. */
  name: string
}

/** The types of evidence accepted: documents, spreadsheets, images and CSV. */
export const EVIDENCE_TYPES: readonly KeptType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], name: 'PDF' },
  { mediaType: 'image/png', extensions: ['png'], name: 'PNG image' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], name: 'JPEG image' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], name: 'Word document' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], name: 'Excel spreadsheet' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], name: 'PowerPoint presentation' },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], name: 'OpenDocument text' },
  { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], name: 'OpenDocument spreadsheet' },
  // Word 97-2003 and Excel 97-2003 files are OLE compound files: their content says "compound file", the name which.
  { mediaType: 'application/msword', extensions: ['doc'], name: 'Word 97-2003 document' },
  { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], name: 'Excel 97-2003 spreadsheet' },
  { mediaType: 'text/csv', extensions: ['csv'], name: 'CSV file' },
]

export const EVIDENCE_TYPES_TEXT = 'a PDF, a JPEG or PNG image, a Word, Excel, PowerPoint or OpenDocument file, or a CSV file'

export type Sniffed = { ok: true; type: KeptType } | { ok: false; message: string }

const extensionOf = (name: string) => (path.extname(name).slice(1) || '').toLowerCase()

/** Reads the start of a file to say whether it is plain text a CSV could be: no NUL bytes and no control characters but tab, CR, LF and form feed. */
async function looksLikeText(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    for (let i = 0; i < bytesRead; i++) {
      const byte = buffer[i]!
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false
      if (byte === 0x7f) return false
    }
    return bytesRead > 0
  } finally {
    await handle.close()
  }
}

/** What an uploaded file is, from its content, checked against the accepted types and the name's extension. */
export async function sniffFile(file: string, originalName: string, accepted: readonly KeptType[] = EVIDENCE_TYPES): Promise<Sniffed> {
  const extension = extensionOf(originalName)
  const refused: Sniffed = { ok: false, message: `The selected file must be ${EVIDENCE_TYPES_TEXT}` }
  const detected = await fileTypeFromFile(file)
  let type: KeptType | undefined
  if (!detected) {
    // Plain text has no magic number: it is accepted only as CSV, named so.
    type = extension === 'csv' && (await looksLikeText(file)) ? accepted.find((t) => t.mediaType === 'text/csv') : undefined
  } else if (detected.mime === 'application/x-cfb') {
    type = accepted.find((t) => (t.mediaType === 'application/msword' || t.mediaType === 'application/vnd.ms-excel') && t.extensions.includes(extension))
  } else {
    type = accepted.find((t) => t.mediaType === detected.mime)
  }
  if (!type) return refused
  if (!type.extensions.includes(extension)) {
    return { ok: false, message: `The selected file is a ${type.name} but its name ends “.${extension || '(nothing)'}”: rename it to end .${type.extensions[0]}` }
  }
  return { ok: true, type }
}

/** The name a person gave the file, without any folder a browser sent with it or control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200)
  return cleaned || 'evidence'
}

export interface StoredFile {
  storedName: string
  sizeBytes: number
  sha256: string
}

/** Moves an uploaded temporary file into `folder/area` under a new random name. */
export async function keepFile(folder: string, area: string, temporary: string): Promise<StoredFile> {
  const directory = path.join(folder, area)
  await mkdir(directory, { recursive: true, mode: 0o700 })
  const storedName = randomBytes(18).toString('hex')
  const target = path.join(directory, storedName)
  const hash = createHash('sha256')
  await pipeline(createReadStream(temporary), hash)
  try {
    await rename(temporary, target)
  } catch (error) {
    // The temporary folder may be on another file system.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await copyFile(temporary, target)
  }
  const { size } = await stat(target)
  return { storedName, sizeBytes: size, sha256: hash.digest('hex') }
}

/** Removes a kept file (when the record that would have pointed at it was not written). */
export async function discardFile(folder: string, area: string, storedName: string): Promise<void> {
  await rm(path.join(folder, area, storedName), { force: true })
}

/** Sends a kept file as a download: never shown inline, never sniffed, never cached by a shared cache. */
export async function sendKeptFile(reply: FastifyReply, folder: string, area: string, file: { storedName: string; originalName: string; mediaType: string }) {
  if (!/^[0-9a-f]{36}$/.test(file.storedName)) throw new Error('A kept file has a stored name Catalyst did not give it')
  const location = path.join(folder, area, file.storedName)
  let size: number
  try {
    size = (await stat(location)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    // The record survived but its file did not (a files folder not restored with the database, or not shared between
    // machines): the user is told it is not there, and the log says which, so an administrator can restore it.
    reply.log.error({ area, storedName: file.storedName }, 'A kept file is missing from the files folder')
    throw new NotFoundError('File')
  }
  const ascii = file.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_')
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', size)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(createReadStream(location))
}
