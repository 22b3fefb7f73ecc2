/**
 * Public pages and open-data files, cached in memory per process and answered conditionally (ADR 0033).
 *
 * A route opts in with `app.get(pattern, publicCache(context, { kind }), handler)`. For a visitor who is not signed
 * in, the first request renders as usual and the response is kept with the public version it was built from; later
 * requests for the same URL cost one small query (the current version of the council it shows, or of every council)
 * and, while nothing has changed, are answered from memory, or with 304 when If-None-Match carries the ETag.
 * Database triggers bump a council's version on every write to the records the public sees, so a change shows at
 * once in every process. Signed-in people always get a freshly rendered page (it carries their navigation).
 *
 * A page's only per-response parts are the CSP nonce and the visitor's form token: they are stored as markers and
 * put back for each response, so the body is the visitor's own. Open-data files are the same bytes for everyone.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { Database } from '../db/database.ts'
import { COOKIE_NOTICE_COOKIE } from './pages.ts'

const NONCE_MARK = '\u0000catalyst-nonce\u0000'
const CSRF_MARK = '\u0000catalyst-csrf\u0000'
/** Headers a cached response is answered with again; the rest (security headers, cookies) come from each request. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'access-control-allow-origin'] as const
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024

export type PublicKind = 'page' | 'file'

interface Entry {
  key: string
  /** The council the response shows, or undefined for one that shows every council. */
  councilId: string | undefined
  version: number
  /** A response that goes out of date with no write (a story published at a set time) is not served after this. */
  expiresAt: number
  /** A page as text with markers; a file as the bytes sent (half the memory of a string, sent without encoding). */
  body: string | Buffer
  bytes: number
  etag: string
  headers: Partial<Record<(typeof KEPT_HEADERS)[number], string>>
}

interface Pending {
  key: string
  versions: Map<string, number>
  councilId?: string
  expiresAt?: number
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheFill?: Pending
  }
}

interface ReadState {
  running?: Promise<number>
  queued?: Promise<number>
}

const ignore = () => undefined

export class PublicCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  private readonly reads = new Map<string, ReadState>()
  hits = 0
  misses = 0

  constructor(
    readonly db: Database,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry) {
      // Least recently used goes first when memory runs short: move this one to the back.
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry
  }

  set(entry: Entry): void {
    this.delete(entry.key)
    if (entry.bytes > this.maxBytes / 2) return
    this.entries.set(entry.key, entry)
    this.bytes += entry.bytes
    for (const [key] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.delete(key)
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.entries.delete(key)
    this.bytes -= old.bytes
  }

  /**
   * The version one council's public records are at, or every council's together (their sum only ever grows).
   * Requests that arrive while a read is under way share the next read, which starts after they all arrived: so each
   * still sees every write committed before it came, and 50 visitors at once cost one or two queries, not 50.
   */
  versionOf(councilId: string | undefined): Promise<number> {
    const scope = councilId ?? ''
    const state = this.reads.get(scope) ?? {}
    this.reads.set(scope, state)
    if (!state.running) return this.startRead(scope, state, councilId)
    state.queued ??= state.running.then(ignore, ignore).then(() => {
      state.queued = undefined
      return this.startRead(scope, state, councilId)
    })
    return state.queued
  }

  private startRead(scope: string, state: ReadState, councilId: string | undefined): Promise<number> {
    const read: Promise<number> = this.readVersion(councilId).finally(() => {
      if (state.running !== read) return
      state.running = undefined
      if (!state.queued) this.reads.delete(scope)
    })
    state.running = read
    return read
  }

  private async readVersion(councilId: string | undefined): Promise<number> {
    const result = councilId
      ? await this.db.execute(sql`select version from public_versions where council_id = ${councilId}`)
      : await this.db.execute(sql`select coalesce(sum(version), 0) as version from public_versions`)
    const row = (result as unknown as { rows: { version: string | number }[] }).rows[0]
    return row ? Number(row.version) : 0
  }

  /** Every council's version, read before a response is built so that a write during the build is not missed. */
  async allVersions(): Promise<Map<string, number>> {
    const result = await this.db.execute(sql`select council_id, version from public_versions`)
    const rows = (result as unknown as { rows: { council_id: string; version: string | number }[] }).rows
    return new Map(rows.map((r) => [r.council_id, Number(r.version)]))
  }
}

const caches = new WeakMap<Database, PublicCache>()

/** One cache per database handle (so each app built in the tests has its own), made on first use. */
export function publicCacheFor(db: Database): PublicCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = new PublicCache(db)
    caches.set(db, cache)
  }
  return cache
}

/** Tells the cache which council a public response shows; one that never says is taken to show every council. */
export function publicScope(request: FastifyRequest, councilId: string): void {
  if (request.publicCacheFill) request.publicCacheFill.councilId = councilId
}

/** A response that will change by itself at a known time (a story due to be published) is kept only until then. */
export function publicExpiry(request: FastifyRequest, at: Date | undefined): void {
  if (request.publicCacheFill && at) {
    const time = at.getTime()
    request.publicCacheFill.expiresAt = Math.min(request.publicCacheFill.expiresAt ?? Infinity, time)
  }
}

const nonceOf = (reply: FastifyReply): string | undefined => (reply as unknown as { cspNonce?: { script?: string } }).cspNonce?.script

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  // Weak comparison (RFC 9110 13.1.2), as If-None-Match asks: W/"x" and "x" match.
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)
}

function cacheControl(kind: PublicKind): string {
  // Stored but checked with us every time, so a change shows at once; a page carries the visitor's form token.
  return kind === 'file' ? 'public, no-cache' : 'private, no-cache'
}

async function text(payload: unknown): Promise<string | undefined> {
  if (typeof payload === 'string') return payload
  if (Buffer.isBuffer(payload)) return payload.toString('utf8')
  if (payload instanceof Readable) {
    const chunks: Buffer[] = []
    for await (const chunk of payload) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
    return Buffer.concat(chunks).toString('utf8')
  }
  return undefined
}

/** Route options that cache a public GET route's responses to visitors who are not signed in. */
export function publicCache(context: { db: Database; clock: () => Date }, options: { kind: PublicKind }): RouteShorthandOptions {
  const cache = publicCacheFor(context.db)
  const keyOf = (request: FastifyRequest) =>
    options.kind === 'page' ? `${request.url}\u0000${request.cookies?.[COOKIE_NOTICE_COOKIE] === 'hidden' ? 1 : 0}` : request.url

  return {
    preHandler: async (request, reply) => {
      if (request.principal || (request.method !== 'GET' && request.method !== 'HEAD')) return
      const key = keyOf(request)
      const entry = cache.get(key)
      if (entry && entry.expiresAt > context.clock().getTime() && entry.version === (await cache.versionOf(entry.councilId))) {
        cache.hits++
        for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value)
        reply.header('etag', entry.etag).header('cache-control', cacheControl(options.kind))
        if (matches(request.headers['if-none-match'], entry.etag)) {
          // Without a new CSP header the browser keeps the stored one, whose nonce matches the stored page.
          reply.removeHeader('content-security-policy')
          reply.code(304).send()
          return reply
        }
        const body = typeof entry.body === 'string'
          ? entry.body.split(NONCE_MARK).join(nonceOf(reply) ?? '').split(CSRF_MARK).join(request.csrfToken ?? '')
          : entry.body
        reply.send(body)
        return reply
      }
      cache.misses++
      if (entry) cache.delete(key)
      request.publicCacheFill = { key, versions: await cache.allVersions() }
    },
    onSend: async (request, reply, payload) => {
      const fill = request.publicCacheFill
      if (!fill || reply.statusCode !== 200) return payload
      request.publicCacheFill = undefined
      const body = await text(payload)
      if (body === undefined) return payload
      const versions = fill.versions
      const version = fill.councilId ? (versions.get(fill.councilId) ?? 0) : [...versions.values()].reduce((a, b) => a + b, 0)
      let stored = body
      if (options.kind === 'page') {
        const nonce = nonceOf(reply)
        if (nonce) stored = stored.split(nonce).join(NONCE_MARK)
        if (request.csrfToken) stored = stored.split(request.csrfToken).join(CSRF_MARK)
      }
      const hash = createHash('sha256').update(stored).digest('base64url').slice(0, 32)
      const kept = options.kind === 'page' ? stored : Buffer.from(stored)
      const etag = options.kind === 'page' ? `W/"${hash}"` : `"${hash}"`
      const headers: Entry['headers'] = {}
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name)
        if (typeof value === 'string') headers[name] = value
      }
      cache.set({ key: fill.key, councilId: fill.councilId, version, expiresAt: fill.expiresAt ?? Infinity, body: kept, bytes: typeof kept === 'string' ? kept.length * 2 : kept.length, etag, headers })
      reply.header('etag', etag).header('cache-control', cacheControl(options.kind))
      return body
    },
  }
}
