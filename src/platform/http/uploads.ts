/**
 * File uploads. Nothing of an upload's body is read before the platform has checked the request (csrf.ts: a
 * signed-in person, the form token in the form's action, the route's declared size; the route's permission runs
 * in its onRequest hook). Then the file is streamed to a temporary file, never held whole in memory while it
 * arrives, and refused with 413 as soon as it passes the route's cap. The temporary file is removed when the
 * response has been sent, whatever happened.
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { FastifyMultipartOptions, MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export interface UploadedFile {
  filename: string
  /** The temporary file holding the upload. */
  path: string
  size: number
}

const uploadsOf = new WeakMap<FastifyRequest, string[]>()

/** Options for @fastify/multipart in an upload route's scope, and the hook that removes temporary files. */
export function diskUploads(scope: FastifyInstance, limitBytes: number): FastifyMultipartOptions {
  scope.addHook('onResponse', async (request) => {
    for (const file of uploadsOf.get(request) ?? []) await rm(file, { force: true })
  })
  return {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: limitBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const file = path.join(tmpdir(), `catalyst-upload-${randomUUID()}`)
      uploadsOf.set(this, [...(uploadsOf.get(this) ?? []), file])
      let size = 0
      part.file.on('data', (chunk: Buffer) => (size += chunk.length))
      await pipeline(part.file, createWriteStream(file, { mode: 0o600 }))
      ;(part as unknown as { value: UploadedFile }).value = { filename: part.filename, path: file, size }
    },
  } as unknown as FastifyMultipartOptions
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && typeof (value as UploadedFile).path === 'string' && typeof (value as UploadedFile).size === 'number'
}

/** The upload's bytes, for code that works on a whole (already capped) file. */
export function readUpload(file: UploadedFile): Promise<Buffer> {
  return readFile(file.path)
}
