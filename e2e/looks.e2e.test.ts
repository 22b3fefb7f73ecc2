/**
 * How pages look on a phone (375 px) and a desktop: no page scrolls sideways (tables scroll inside their own box),
 * chart labels are legible and never overlap, and axe (WCAG 2.2 AA and best practice) finds nothing. The pages are
 * a set that has every kind of wide content: tables, charts, summary lists, long words, the checksum of a file.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible } from './support/axe.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const ADMIN = 'admin@demo.catalyst.test'
const h = useBrowserHarness()

interface Found {
  sideways: { scrollWidth: number; clientWidth: number; widest: string }
  charts: { overlaps: string[]; smallest: number; labels: number }
}

/** Whether the page is wider than the window (and what is widest), and how each chart's labels sit on screen. */
async function measure(page: Page): Promise<Found> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: any }).document
    const root = doc.documentElement
    let widest = ''
    let widestRight = 0
    for (const element of doc.querySelectorAll('body *')) {
      if (element.closest('.catalyst-table-scroll')) continue
      const rect = element.getBoundingClientRect()
      if (rect.right > widestRight) {
        widestRight = rect.right
        widest = `${element.tagName.toLowerCase()}.${String(element.className?.baseVal ?? element.className ?? '').replace(/\s+/g, '.')}`
      }
    }
    const overlaps: string[] = []
    let smallest = Infinity
    let labels = 0
    for (const svg of doc.querySelectorAll('svg.app-chart')) {
      const boxes = [...svg.querySelectorAll('text')].map((t: any) => ({ text: t.textContent, rect: t.getBoundingClientRect() }))
      labels += boxes.length
      for (const box of boxes) smallest = Math.min(smallest, box.rect.height)
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.rect
          const b = boxes[j]!.rect
          // Glyph boxes include the line's leading; a pixel of shared edge is not an overlap.
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 2 && b.top < a.bottom - 2) overlaps.push(`"${boxes[i]!.text}" and "${boxes[j]!.text}"`)
        }
      }
    }
    return {
      sideways: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: `${widest} (right edge ${Math.round(widestRight)})` },
      charts: { overlaps, smallest: labels ? smallest : 0, labels },
    }
  })
}

async function check(page: Page, label: string): Promise<Found> {
  await page.locator('h1').first().waitFor()
  const found = await measure(page)
  assert.ok(found.sideways.scrollWidth <= found.sideways.clientWidth, `${label} (${page.url()}) scrolls sideways: ${found.sideways.scrollWidth} px wide in ${found.sideways.clientWidth} px; widest: ${found.sideways.widest}`)
  assert.deepEqual(found.charts.overlaps, [], `${label}: chart labels overlap`)
  if (found.charts.labels > 0) assert.ok(found.charts.smallest >= 11, `${label}: chart text is ${found.charts.smallest.toFixed(1)} px high, too small to read`)
  await assertAccessible(page, `${label} at ${page.viewportSize()?.width} px`)
  return found
}

async function firstLinkIn(page: Page, selector: string): Promise<string> {
  const href = await page.locator(`${selector} a.govuk-link`).first().getAttribute('href')
  assert.ok(href, `a link in ${selector} on ${page.url()}`)
  return href
}

for (const width of [375, 1280]) {
  describe(`pages at ${width} px`, () => {
    test('no page scrolls sideways, chart labels are legible and apart, and axe finds nothing', async () => {
      const { page } = await h.newPage()
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/')
      await check(page, 'home (visitor)')
      await page.goto('/who-delivers-our-services')
      await check(page, 'who delivers our services')
      await page.goto('/sign-in')
      await page.locator('#email').fill(ADMIN)
      await page.locator('#password').fill(DEMO_PASSWORD)
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()])
      await check(page, 'home')

      await page.goto('/providers')
      await check(page, 'providers')
      await page.goto(await firstLinkIn(page, 'table'))
      await check(page, 'a provider')
      await page.goto('/contracts')
      await check(page, 'contracts')
      await page.goto(await firstLinkIn(page, 'table'))
      await check(page, 'a contract')

      await page.goto('/spend')
      const overview = await check(page, 'spend overview')
      assert.ok(overview.charts.labels > 10, 'the spend overview has its charts')
      const concentration = (await page.goto('/spend/concentration'), await check(page, 'concentration'))
      assert.ok(concentration.charts.labels > 4, 'the concentration page has its chart')
      await page.goto('/spend/payments')
      await check(page, 'payments')
      await page.goto('/spend/imports')
      await check(page, 'spend imports')
      await page.goto(await firstLinkIn(page, 'table'))
      await check(page, 'a spend import (its checksum)')

      await page.goto('/market')
      await page.locator('#category').selectOption({ label: 'Adult social care' })
      await page.locator('#area').selectOption({ index: 1 })
      await Promise.all([page.waitForURL(/[?&]category=/), page.getByRole('button', { name: 'Show the market', exact: true }).click()])
      const market = await check(page, 'the market')
      assert.ok(market.charts.labels > 0, 'the market has its chart')

      await page.goto('/red-flags')
      await check(page, 'red flags')
      await page.goto('/councils')
      await check(page, 'councils')
      await page.goto('/projects')
      await check(page, 'projects')
      await page.goto(await firstLinkIn(page, 'table'))
      await check(page, 'a project')
      await page.goto('/admin/users/new')
      await check(page, 'add a person')
      await page.getByRole('button', { name: 'Add person' }).click()
      await check(page, 'add a person, with errors')
    })
  })
}
