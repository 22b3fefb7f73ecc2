/**
 * Every page a demo administrator (and a visitor) can reach by following links: its <title> names the page and the
 * service ("Page – Catalyst", "Error: " first when a form came back with errors, as GOV.UK does), and its dates are
 * written one way, "7 December 2026" (ISO dates belong in files, not pages).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp, type TestClient } from './support/app.ts'

let testApp: TestApp
before(async () => {
  testApp = await createTestApp()
})
after(async () => {
  await testApp.close()
})

const decode = (text: string) =>
  text
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

export function titleOf(html: string): string {
  return decode(/<title[^>]*>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '').replace(/\s+/g, ' ').trim()
}

/** The words a reader sees in <main>, without form hints, typed values and code, where a format is being shown. */
function mainText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? ''
  return decode(
    main
      .replace(/<div\b[^>]*class="govuk-hint[^"]*"[^>]*>[\s\S]*?<\/div>/g, ' ')
      .replace(/<(textarea|code|pre|script|title)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ')
}

const OTHER_DATE_FORMS: [string, RegExp][] = [
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['a numeric date', /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/],
  ['a short month', /\b\d{1,2} (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b/],
]

/** A route's shape, so that one record of each kind is visited rather than every record. */
const shapeOf = (url: string) => url.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\/\d+(?=\/|$)/g, '/:n')

interface Visit {
  url: string
  title: string
  problems: string[]
}

async function crawl(client: TestClient, start: string[]): Promise<Visit[]> {
  const queue = [...start]
  const seen = new Set<string>()
  const visits: Visit[] = []
  while (queue.length > 0 && visits.length < 400) {
    const url = queue.shift()!
    const shape = shapeOf(url)
    if (seen.has(shape)) continue
    seen.add(shape)
    const response = await client.get(url)
    if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue
    const html = response.body
    const title = titleOf(html)
    const problems: string[] = []
    const match = /^(?:Error: )?(.+) – Catalyst$/.exec(title)
    if (!match) problems.push(`title "${title}" is not "Page – Catalyst"`)
    else if (match[1]!.trim() === 'Catalyst' || match[1]!.trim() === '') problems.push(`title "${title}" does not name the page`)
    const text = mainText(html)
    for (const [name, pattern] of OTHER_DATE_FORMS) {
      const found = pattern.exec(text)
      if (found) problems.push(`${name} "${found[0]}" in "…${text.slice(Math.max(0, found.index - 40), found.index + 30)}…"`)
    }
    visits.push({ url, title, problems })
    for (const link of html.matchAll(/<a\b([^>]*)>/g)) {
      const attributes = link[1]!
      const href = /href="([^"]+)"/.exec(attributes)?.[1]
      if (!href || !href.startsWith('/') || href.startsWith('//') || /\bdownload\b/.test(attributes)) continue
      const path = decode(href).split('#')[0]!
      if (/^\/(assets|api)\//.test(path) || /\.(csv|json|zip|xlsx)(\?|$)/.test(path) || /download=/.test(path)) continue
      if (!seen.has(shapeOf(path))) queue.push(path)
    }
  }
  return visits
}

function report(visits: Visit[]): string {
  return visits
    .filter((v) => v.problems.length > 0)
    .map((v) => `${v.url}\n    ${v.problems.join('\n    ')}`)
    .join('\n')
}

describe('page titles and dates', () => {
  it('every page a demo administrator reaches says the page and the service, with dates written one way', async () => {
    const admin = await testApp.signedIn('admin@demo.catalyst.test')
    const visits = await crawl(admin, ['/'])
    assert.ok(visits.length >= 40, `the walk reached ${visits.length} pages; expected most of Catalyst`)
    process.stdout.write(`# ${visits.length} pages reached by a demo administrator\n`)
    assert.equal(report(visits), '', 'pages with a title or date problem')
  })

  it('every page a visitor reaches does the same, and the home page is not "Catalyst – Catalyst"', async () => {
    const visitor = testApp.client()
    const visits = await crawl(visitor, ['/'])
    assert.ok(visits.length >= 5, `the walk reached ${visits.length} pages`)
    assert.equal(report(visits), '', 'pages with a title or date problem')
    const home = visits.find((v) => v.url === '/')!
    assert.notEqual(home.title, 'Catalyst – Catalyst')
  })

  it('a form that comes back with errors puts "Error: " before its title', async () => {
    const admin = await testApp.signedIn('admin@demo.catalyst.test')
    await admin.get('/admin/users/new')
    const response = await admin.post('/admin/users', {})
    assert.equal(response.statusCode, 400)
    assert.match(titleOf(response.body), /^Error: .+ – Catalyst$/)
    assert.doesNotMatch(titleOf(response.body), /^Error: Catalyst – Catalyst$/)
  })
})
