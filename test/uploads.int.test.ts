/**
 * Uploads are refused before their body is read: a 150 MB multipart request from a visitor gets its 403 while the
 * client is still sending, and the server's memory does not grow by the size of the file.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from './support/app.ts'

let t: TestApp
let port = 0
before(async () => {
  t = await createTestApp({ demo: false })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  port = (t.app.server.address() as AddressInfo).port
})
after(async () => t.close())

const TOTAL = 150 * 1024 * 1024

/** Sends a large multipart body a megabyte at a time until the server answers; returns the answer and the bytes sent. */
function sendLargeUpload(url: string): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const boundary = '----catalyst-upload-test'
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': TOTAL } })
    let sent = 0
    let answered = false
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    request.on('response', (response) => {
      answered = true
      response.resume()
      resolve({ status: response.statusCode ?? 0, sent })
      request.destroy()
    })
    request.on('error', (error) => (answered ? undefined : reject(error)))
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`)
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += chunk.length
        if (!request.write(chunk)) return void request.once('drain', pump)
      }
    }
    pump()
  })
}

for (const url of ['/spend/imports', '/contracts/import', `/providers/${randomUUID()}/social-value/commitments/${randomUUID()}`]) {
  test(`a visitor's 150 MB upload to ${url} is refused before it is read`, async () => {
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    const started = Date.now()
    const { status, sent } = await sendLargeUpload(url)
    const grew = process.memoryUsage().rss - rssBefore
    console.log(`# ${url}: ${status} after ${(sent / 1024 / 1024).toFixed(0)} MB sent of 150, ${Date.now() - started} ms, rss grew ${(grew / 1024 / 1024).toFixed(0)} MB`)
    assert.equal(status, 403)
    assert.ok(sent < 32 * 1024 * 1024, `answered after ${sent} bytes were sent`)
    assert.ok(grew < 64 * 1024 * 1024, `memory grew by ${grew} bytes`)
  })
}
