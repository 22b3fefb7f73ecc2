/**
 * Evidence files in a real browser, with axe on every page visited: the provider attaches a PDF to a return (after
 * first choosing a file that is not an accepted type, and reading why it was refused); the officer opens the return
 * and downloads the same bytes. Then the form and the return's page at 375 px.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { providers } from '../src/modules/providers/schema.ts'
import { verifyOnPage } from './pages/base-page.ts'
import { PageTitled, SignedInHomePage, SignInPage } from './pages/platform-pages.ts'
import { DEMO_PASSWORD } from './support/browser.ts'
import { useBrowserHarness } from './support/suite.ts'

const h = useBrowserHarness()
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const FILE_NAME = 'Apprentice timesheets.pdf'

const on = (page: Page, heading: string | RegExp) => new PageTitled(page, heading).verify()

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await (await verifyOnPage(SignInPage, page)).signIn(email, DEMO_PASSWORD)
  return verifyOnPage(SignedInHomePage, page)
}

describe('social value evidence files in a browser', () => {
  const seen: string[] = []

  test('a provider attaches a file to a return and the officer downloads it', async () => {
    const { page } = await h.newPage()
    await signIn(page, 'provider@demo.catalyst.test')
    const [riverside] = await h.app.db.db.select({ id: providers.id }).from(providers).where(eq(providers.name, 'Riverside Community Care'))
    await page.goto(`/providers/${riverside!.id}/social-value`)
    await on(page, 'Your social value')
    const providerPage = page.url()
    await page.getByRole('link', { name: /^Report delivery/ }).first().click()
    await on(page, 'Report social value delivered')
    seen.push(page.url())
    const fill = async () => {
      await page.getByLabel(/Quantity delivered/).fill('2')
      for (const [name, [d, m, y]] of [['periodStart', ['1', '4', '2026']], ['periodEnd', ['30', '6', '2026']]] as const) {
        await page.locator(`#${name}-day`).fill(d)
        await page.locator(`#${name}-month`).fill(m)
        await page.locator(`#${name}-year`).fill(y)
      }
    }
    // A text file is not evidence Catalyst keeps: the form says which files are.
    await fill()
    await page.getByLabel('Evidence file (optional)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('some notes\n') })
    await page.getByRole('button', { name: 'Send return' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, 'Report social value delivered')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /The selected file must be a PDF, a JPEG or PNG image, a Word, Excel, PowerPoint or OpenDocument file, or a CSV file/)
    await page.getByLabel('Evidence file (optional)').setInputFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: PDF })
    await page.getByRole('button', { name: 'Send return' }).click()
    await on(page, 'Your social value')
    assert.match(await page.locator('main').innerText(), new RegExp(`Thank you: your return has been sent[\\s\\S]*Evidence file: ${FILE_NAME.replace('.', '\\.')} \\(1 KB\\)`))
    await (await on(page, 'Your social value')).signOut()

    // The officer opens the provider's social value page, then the return, and downloads the file.
    await signIn(page, 'commissioner@demo.catalyst.test')
    await page.goto(providerPage)
    await on(page, 'Social value: Riverside Community Care')
    const item = page.locator('main li', { hasText: FILE_NAME })
    await item.getByRole('link', { name: /Open the return/ }).click()
    await on(page, 'Verify a social value return')
    seen.push(page.url())
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download ${FILE_NAME} (1 KB)` }).click()])
    assert.equal(download.suggestedFilename(), FILE_NAME)
    assert.deepEqual(await readFile((await download.path())!), PDF)
  })

  test('the form and the return’s page are axe clean at 375 px and do not scroll sideways', async () => {
    const { page } = await h.newPage()
    await page.setViewportSize({ width: 375, height: 900 })
    await signIn(page, 'provider@demo.catalyst.test')
    await page.goto(seen[0]!)
    assert.equal(await (await on(page, 'Report social value delivered')).scrollsSideways(), false)
    await page.getByRole('button', { name: 'Send return' }).click()
    await page.waitForSelector('.govuk-error-summary')
    await on(page, 'Report social value delivered')
    await (await on(page, 'Report social value delivered')).signOut()
    await signIn(page, 'commissioner@demo.catalyst.test')
    await page.goto(seen[1]!)
    assert.equal(await (await on(page, 'Verify a social value return')).scrollsSideways(), false)
  })
})
