/**
 * An app on a fresh database with the demo loaded, and a cookie-keeping client that talks to it through real
 * HTTP handling (`app.inject`): sign in, follow forms with their CSRF tokens, read the HTML that comes back.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { loadDemo } from '../../src/demo/seed.ts'
import type { Clock } from '../../src/platform/clock.ts'
import { createTestDatabase, DEMO_PASSWORD, type TestDatabase } from './database.ts'

export { DEMO_PASSWORD }

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase
  /** The folder kept files are stored in. */
  filesDir: string
  /** A new client with its own cookies, as if a new browser. */
  client(): TestClient
  /** A client already signed in as this user. */
  signedIn(email: string): Promise<TestClient>
  close(): Promise<void>
}

/** `env` adds settings to the test's configuration (an email transport, a public address). */
export async function createTestApp(options: { clock?: Clock; demo?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  // A test on the real clock starts from the run's demo template when there is one from today (ADR 0056); a test
  // with its own clock seeds the demo at its own "now".
  const db = await createTestDatabase({ demo: options.demo !== false && options.clock === undefined })
  const clock = options.clock ?? (() => new Date())
  if (options.demo !== false && !db.demoLoaded) await loadDemo(db.db, { password: DEMO_PASSWORD, now: clock() })
  // Kept files (evidence) go to a folder of the test's own, removed when it closes, never to the work tree's ./data.
  const filesDir = options.env?.CATALYST_FILES_DIR === undefined ? mkdtempSync(path.join(tmpdir(), 'catalyst-files-')) : undefined
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...(filesDir ? { CATALYST_FILES_DIR: filesDir } : {}), ...options.env })
  const app = await buildApp(config, { db: db.db, clock })
  await app.ready()
  return {
    app,
    db,
    filesDir: config.filesDir,
    client: () => new TestClient(app),
    async signedIn(email: string) {
      const client = new TestClient(app)
      await client.signIn(email)
      return client
    },
    async close() {
      await app.close()
      await db.close()
      if (filesDir) rmSync(filesDir, { recursive: true, force: true })
    },
  }
}

export class TestClient {
  private cookies = new Map<string, string>()
  /** The CSRF token from the last page this client read. */
  csrfToken = ''

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await this.app.inject({
      ...options,
      headers: { ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) },
    })
    for (const set of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = set.maxAge === 0 || (set.expires && set.expires.getTime() < Date.now())
      if (expired || set.value === '') this.cookies.delete(set.name)
      else this.cookies.set(set.name, set.value)
    }
    const token = response.body.match(/name="_csrf" value="([^"]+)"/)
    if (token?.[1]) this.csrfToken = token[1]
    return response
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers })
  }

  /** Posts a form as a browser would, with this client's CSRF token unless the form says otherwise. */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: boolean } = {}) {
    if (!this.csrfToken && options.csrf !== false) await this.get('/sign-in')
    const body = new URLSearchParams()
    if (options.csrf !== false && !('_csrf' in form)) body.append('_csrf', this.csrfToken)
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
    }
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.get('/sign-in')
    const response = await this.post('/sign-in', { email, password })
    if (response.statusCode !== 303) {
      throw new Error(`Could not sign in as ${email}: ${response.statusCode}`)
    }
    await this.get('/')
    return response
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name)
  }
}

/** The text of a page without tags and with spaces collapsed, for assertions that read like what a user sees. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim()
}
