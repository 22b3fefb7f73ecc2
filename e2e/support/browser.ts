/**
 * A real browser against the real app: Debian's Chromium (never a downloaded one) driven by playwright-core, and
 * Catalyst built in-process on a fresh PGlite with the demo loaded, listening on a random local port.
 */
import fs from 'node:fs'
import net from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../test/support/app.ts'
import { CHROMIUM } from '../../test/support/prerequisites.ts'

export { DEMO_PASSWORD }

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export interface BrowserHarness {
  app: TestApp
  baseUrl: string
  browser: Browser
  /** Every URL a page's main frame navigated to, so a test can prove axe checked each one. */
  visited: Set<string>
  /** A fresh context (no cookies) in the UK's time zone and locale, and a page in it. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

export interface BrowserHarnessOptions {
  /** Settings added to the app's configuration (an email transport, say). */
  env?: Record<string, string>
  /**
   * Listen on this port, with CATALYST_PUBLIC_URL set to the same address, for tests whose emails or identity
   * provider must send the browser back to this very server.
   */
  port?: number
}

/** A port free on the loopback now, for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startBrowserHarness(options: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`sudo apt-get install chromium\``)
  }
  const publicUrl: Record<string, string> = options.port ? { CATALYST_PUBLIC_URL: `http://127.0.0.1:${options.port}` } : {}
  const app = await createTestApp({ env: { ...options.env, ...publicUrl } })
  let browser: Browser | undefined
  try {
    await app.app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
    const address = app.app.server.address()
    if (typeof address !== 'object' || !address) throw new Error('The app did not report a listening port')
    const baseUrl = `http://127.0.0.1:${address.port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    const launched = browser
    const contexts: BrowserContext[] = []
    const visited = new Set<string>()
    return {
      app,
      baseUrl,
      browser: launched,
      visited,
      async newPage() {
        const context = await launched.newContext({ baseURL: baseUrl, timezoneId: 'Europe/London', locale: 'en-GB' })
        context.setDefaultTimeout(10_000)
        contexts.push(context)
        const page = await context.newPage()
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame() && frame.url().startsWith(baseUrl)) visited.add(frame.url())
        })
        return { context, page }
      },
      async close() {
        for (const context of contexts) await context.close().catch(() => {})
        await launched.close()
        await app.close()
      },
    }
  } catch (error) {
    await browser?.close().catch(() => {})
    await app.close()
    throw error
  }
}
