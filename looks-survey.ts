import { startBrowserHarness, DEMO_PASSWORD } from './e2e/support/browser.ts'
import { runAxe } from './e2e/support/axe.ts'
const h = await startBrowserHarness()
const byRule = new Map<string, Set<string>>()
try {
  for (const who of [undefined, 'admin@demo.catalyst.test']) {
    const { page } = await h.newPage()
    await page.setViewportSize({ width: 375, height: 900 })
    if (who) {
      await page.goto('/sign-in'); await page.locator('#email').fill(who); await page.locator('#password').fill(DEMO_PASSWORD)
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()])
    }
    const queue = ['/']; const seen = new Set<string>(); let n = 0
    const shape = (u: string) => u.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id').replace(/\/\d+(?=\/|$)/g, '/:n')
    while (queue.length && n < Number(process.env.MAX ?? 200)) {
      const url = queue.shift()!; if (seen.has(shape(url))) continue; seen.add(shape(url))
      const r = await page.goto(url); if (!r || r.status() !== 200 || !(r.headers()['content-type'] ?? '').includes('html')) continue
      n++
      const sw = await page.evaluate(() => { const d = (globalThis as any).document.documentElement; return d.scrollWidth - d.clientWidth })
      if (sw > 0) { const k = 'SIDEWAYS'; if (!byRule.has(k)) byRule.set(k, new Set()); byRule.get(k)!.add(`${url} by ${sw}px`) }
      for (const v of await runAxe(page)) {
        if (!byRule.has(v.id)) byRule.set(v.id, new Set())
        for (const node of v.nodes) byRule.get(v.id)!.add(`${shape(url)} :: ${node.target.map(String).join(' ')}`)
      }
      const hrefs = await page.$$eval('a[href^="/"]:not([download])', (as) => as.map((a) => a.getAttribute('href')!))
      for (const href of hrefs) { const p = href.split('#')[0]!; if (/^\/(assets|api)\/|\.(csv|json|zip)|download=|sign-out/.test(p)) continue; if (!seen.has(shape(p))) queue.push(p) }
    }
    console.log(`${who ?? 'visitor'}: ${n} pages`)
  }
} finally { await h.close() }
for (const [rule, nodes] of byRule) { console.log(`\n## ${rule} (${nodes.size})`); for (const n of [...nodes].slice(0, 25)) console.log('  ' + n) }
