import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

describe('the councils page', () => {
  test('a signed-in user sees every council with its codes, type, dates and successor', async () => {
    const client = await t.signedIn('councillor@demo.catalyst.test')
    const response = await client.get('/councils')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /Councils/)
    assert.match(text, /Middlesbrough Council E06000002 Unitary authority/)
    assert.match(text, /Harrogate Borough Council E07000165 District council 31 March 2023 North Yorkshire Council \(E06000065\)/)
    assert.match(text, /North Yorkshire Council E06000065 Unitary authority 1 April 2023/)
    assert.match(response.body, /<table class="govuk-table"/)
    assert.match(text, /7 councils/)
  })

  test('filters by part of a name, ignoring case', async () => {
    const client = await t.signedIn('commissioner@demo.catalyst.test')
    const response = await client.get('/councils?name=york')
    const text = pageText(response.body)
    assert.match(text, /1 council whose name contains “york”/)
    assert.match(text, /North Yorkshire Council/)
    assert.doesNotMatch(text, /Middlesbrough/)
    const none = await client.get('/councils?name=%25')
    assert.match(pageText(none.body), /No council matches/)
  })

  test('a visitor is sent to sign in', async () => {
    const response = await t.client().get('/councils')
    assert.equal(response.statusCode, 303)
    assert.match(response.headers.location ?? '', /^\/sign-in\?returnTo=%2Fcouncils/)
  })
})
