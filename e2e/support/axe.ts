/**
 * axe-core on a live page. The app's Content Security Policy allows only same-origin scripts with a nonce, so
 * `page.addScriptTag({ content })` would be refused by the page. Instead axe's source is evaluated through the
 * DevTools protocol (`page.evaluate`), which CSP does not govern: the page keeps its real, strict CSP while axe runs,
 * so the browser tests also prove the CSP does not break the pages. (No `bypassCSP` is needed.)
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA (what the Public Sector Bodies Accessibility Regulations require), and axe's best practice rules (landmarks, headings, regions). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** Every page any browser test checked, with its URL and what it found: the suite reports the total at the end. */
export const axeLog: { url: string; violations: number }[] = []

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined')
  if (!present) await page.evaluate(axeSource)
  const violations = await page.evaluate(async (tags: string[]) => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })
    return result.violations
  }, WCAG_TAGS)
  return violations as AxeViolation[]
}

/** Runs axe and throws listing each violation (rule id, help text, the elements it found) if there is any. */
export async function assertAccessible(page: Page, label = ''): Promise<void> {
  const violations = await runAxe(page)
  axeLog.push({ url: page.url(), violations: violations.length })
  if (violations.length === 0) return
  const lines = violations.flatMap((v) => [
    `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} <${v.helpUrl}>`,
    ...v.nodes.map((node) => `      at ${node.target.map(String).join(' ')}`),
  ])
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${label || page.url()}:\n${lines.join('\n')}`)
}
