/**
 * Real Catalyst server processes for tests: `node --import tsx src/server.ts` with a chosen environment, and a
 * cookie-keeping HTTP client (fetch) that reads CSRF tokens from the pages it gets, as a browser's forms would.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { DEMO_PASSWORD } from './app.ts'

export const root = path.resolve(import.meta.dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** The environment a server child gets: nothing inherited but PATH and HOME, so the test states every setting. */
export function serverEnv(settings: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    TZ: 'Europe/London',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    CATALYST_DEMO_PASSWORD: DEMO_PASSWORD,
    ...settings,
  }
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** Everything the process wrote on stderr so far. */
  stderr(): string
  /** Sends a signal and waits for the exit; resolves with the exit code and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>
}

export interface Exited {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function spawnServer(env: Record<string, string>): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<Exited> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const out = { stdout: '', stderr: '' }
  child.stdout?.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()))
  const exited = new Promise<Exited>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ...out })))
  return { child, out, exited }
}

/** Starts a server and waits until it prints "Catalyst is running at …" (or fails if it exits first). */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const { child, out, exited } = spawnServer(env)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in ${timeoutMs} ms: ${out.stderr}`))
    }, timeoutMs)
    const check = () => {
      const match = /Catalyst is running at (http:\/\/\S+)/.exec(out.stderr)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stderr?.on('data', check)
    void exited.then((result) => {
      clearTimeout(timer)
      reject(new Error(`server exited (code ${result.code}) before it was ready: ${result.stderr}`))
    })
  })
  return {
    child,
    url,
    stderr: () => out.stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      const started = performance.now()
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const result = await exited
      return { code: result.code, signal: result.signal, ms: performance.now() - started }
    },
  }
}

/** Runs a server that is expected to refuse to start, and returns how it exited and what it printed. */
export async function runToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<Exited> {
  const { child, exited } = spawnServer(env)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const result = await exited
  clearTimeout(timer)
  return result
}

/** The lines a process wrote on stderr, without blank ones. */
export function stderrLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

/** A browser-like HTTP client: keeps cookies, does not follow redirects, remembers the last CSRF token it saw. */
export class HttpClient {
  readonly cookies = new Map<string, string>()
  csrfToken = ''

  async request(url: string, init: RequestInit = {}): Promise<{ status: number; location: string | null; body: string }> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const set of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = set.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const body = await response.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)
    if (token?.[1]) this.csrfToken = token[1]
    return { status: response.status, location: response.headers.get('location'), body }
  }

  get(url: string) {
    return this.request(url)
  }

  postForm(url: string, form: Record<string, string>) {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrfToken, ...form }).toString(),
    })
  }

  async signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.get(`${baseUrl}/sign-in`)
    const response = await this.postForm(`${baseUrl}/sign-in`, { email, password })
    if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`)
  }
}
