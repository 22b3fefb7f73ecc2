/**
 * Email really sent by jobs: through a real SMTP server started here (smtp-server on the loopback) and through a
 * GOV.UK Notify-shaped HTTP server that first answers 429. The clock is fixed and moved by hand: the worker's
 * "run due jobs once" is called directly, never slept for.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts'
import { loadConfig } from '../../config.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { jobRegistry } from '../jobs/handlers.ts'
import { runDueJobs } from '../jobs/queue.ts'
import { jobs } from '../jobs/schema.ts'
import { linkIn, notifierFor } from './notifier.ts'
import { outboxMessages } from './schema.ts'

const PUBLIC_URL = 'https://catalyst.example.gov.uk'
let now = new Date('2026-03-02T10:00:00Z')
const clock = () => new Date(now)

// One app (and demo) for the file: the SMTP test sends through the app's own settings; the Notify tests build
// their notifier and jobs from a Notify configuration on the same database.
let t: TestApp
let smtpPort = 0

describe('email through a real SMTP server', () => {
  let smtp: TestSmtpServer

  before(async () => {
    smtp = await startSmtpServer()
    smtpPort = smtp.port
    t = await createTestApp({
      clock,
      env: { EMAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), EMAIL_FROM: 'catalyst@example.gov.uk', CATALYST_PUBLIC_URL: PUBLIC_URL },
    })
  })
  after(async () => {
    await smtp.stop()
  })

  test('a story’s confirmation email is queued with its job, sent by the job, and links to the public address whatever Host the request named', async () => {
    const registry = jobRegistry(loadConfig({ NODE_ENV: 'test', EMAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), EMAIL_FROM: 'catalyst@example.gov.uk' }))
    try {
      const resident = t.client()
      await resident.get('/stories/new')
      const demo = (await findCouncil(t.db.db, 'DEMO'))!
      const form = new URLSearchParams({
        _csrf: resident.csrfToken, providerId: '', councilId: demo.id, serviceDescription: 'Library van', serviceCategory: 'adult-social-care',
        title: 'The library van came every week', body: 'Always on time.', ratingOverall: '5', ward: 'Central', postcode: 'TS1 1AA', email: 'reader@example.com',
      })
      // A forged Host header: before, the emailed link was built on it and pointed at the attacker's site.
      const sent = await resident.request({ method: 'POST', url: '/stories', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'evil.example' } })
      assert.equal(sent.statusCode, 200, pageText(sent.body))

      const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, 'reader@example.com'))
      assert.ok(message)
      assert.equal(message.status, 'queued')
      const [job] = await t.db.db.select().from(jobs).where(eq(jobs.key, `email:${message.id}`))
      assert.equal(job?.status, 'queued', 'the send job was enqueued with the message')
      assert.equal(smtp.received.length, 0, 'nothing is sent inside the request')

      const result = await runDueJobs(t.db.db, registry.handlers, { clock })
      assert.deepEqual(result, { done: 1, retried: 0, dead: 0 })
      assert.equal(smtp.received.length, 1)
      const mail = smtp.received[0]!
      assert.deepEqual(mail.to, ['reader@example.com'])
      assert.equal(mail.from, 'catalyst@example.gov.uk')
      assert.match(mail.raw, /^Subject: Confirm your story\r?$/m)
      const body = mail.text
      assert.match(body, new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/stories/confirm/[A-Za-z0-9_-]+`))
      assert.doesNotMatch(body, /evil\.example/)

      const [delivered] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id))
      assert.equal(delivered?.status, 'sent')
      assert.equal(delivered?.attempts, 1)
      assert.deepEqual(delivered?.sentAt, now)
      assert.ok(delivered?.providerReference, 'the SMTP Message-ID is kept')

      // The link in the email works: it confirms the story.
      const link = linkIn(message.body, '/stories/confirm/')!
      assert.ok(message.body.includes(PUBLIC_URL + link))
      const confirmed = await t.client().get(link)
      assert.equal(confirmed.statusCode, 200)
      assert.match(pageText(confirmed.body), /Confirm that you told the story “The library van came every week”/)

      // Running again sends nothing more.
      assert.deepEqual(await runDueJobs(t.db.db, registry.handlers, { clock }), { done: 0, retried: 0, dead: 0 })
      assert.equal(smtp.received.length, 1)
    } finally {
      registry.close()
    }
  })
})

describe('email through GOV.UK Notify', () => {
  let server: http.Server
  const requests: { authorization: string | undefined; body: Record<string, unknown> }[] = []
  const notificationId = randomUUID()
  const serviceId = randomUUID()
  const apiKey = `catalyst_test-${serviceId}-${randomUUID()}`
  let baseUrl = ''

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v2/notifications/email') {
          response.writeHead(404).end()
          return
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
        requests.push({ authorization: request.headers.authorization, body })
        response.setHeader('content-type', 'application/json')
        if (requests.length === 1) {
          response.writeHead(429).end(JSON.stringify({ status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }] }))
          return
        }
        response.writeHead(201).end(JSON.stringify({
          id: notificationId, reference: body.reference, uri: `${baseUrl}/v2/notifications/${notificationId}`,
          template: { id: body.template_id, version: 1, uri: 'x' },
          content: { subject: 'x', body: 'x', from_email: 'catalyst@notifications.service.gov.uk' },
        }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await t?.close()
  })

  test('a 429 puts the job back with a backoff; after the wait it is sent and the outbox says so', async () => {
    const config = loadConfig({ NODE_ENV: 'test', EMAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: apiKey, NOTIFY_BASE_URL: baseUrl, NOTIFY_TEMPLATE_ID: 'f33517ff-2a88-4f6e-b855-c550268ce08a', CATALYST_PUBLIC_URL: PUBLIC_URL })
    const registry = jobRegistry(config)
    try {
      const demo = (await findCouncil(t.db.db, 'DEMO'))!
      await t.db.db.transaction((tx) => notifierFor(config).send(tx, { councilId: demo.id, to: 'officer@example.gov.uk', subject: 'Evidence requested', body: `Upload it at ${PUBLIC_URL}/risk/evidence` }, now))
      const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, 'officer@example.gov.uk'))
      assert.equal(message?.status, 'queued')

      const first = await runDueJobs(t.db.db, registry.handlers, { clock })
      assert.deepEqual(first, { done: 0, retried: 1, dead: 0 })
      assert.equal(requests.length, 1)
      assert.match(requests[0]!.authorization ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'Notify is called with a signed token')
      const [waiting] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id))
      assert.equal(waiting?.status, 'queued')
      assert.equal(waiting?.attempts, 1)
      assert.match(waiting?.lastError ?? '', /429/)
      const [job] = await t.db.db.select().from(jobs).where(eq(jobs.key, `email:${message.id}`))
      assert.equal(job?.runAt.getTime(), now.getTime() + 30_000, 'the first retry waits 30 seconds')

      // Not yet due: nothing is tried.
      now = new Date(now.getTime() + 29_000)
      assert.deepEqual(await runDueJobs(t.db.db, registry.handlers, { clock }), { done: 0, retried: 0, dead: 0 })
      assert.equal(requests.length, 1)

      now = new Date(now.getTime() + 1_000)
      assert.deepEqual(await runDueJobs(t.db.db, registry.handlers, { clock }), { done: 1, retried: 0, dead: 0 })
      assert.equal(requests.length, 2)
      const sentBody = requests[1]!.body
      assert.equal(sentBody.email_address, 'officer@example.gov.uk')
      assert.equal(sentBody.template_id, 'f33517ff-2a88-4f6e-b855-c550268ce08a')
      assert.equal(sentBody.reference, message.id)
      assert.deepEqual(sentBody.personalisation, { subject: 'Evidence requested', body: `Upload it at ${PUBLIC_URL}/risk/evidence` })

      const [sent] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id))
      assert.equal(sent?.status, 'sent')
      assert.equal(sent?.attempts, 2)
      assert.equal(sent?.providerReference, notificationId)
      assert.equal(sent?.lastError, null)
    } finally {
      registry.close()
    }
  })

  test('without a transport the outbox is the only delivery: no job is queued', async () => {
    const config = loadConfig({ NODE_ENV: 'test' })
    await t.db.db.transaction((tx) => notifierFor(config).send(tx, { to: 'kept@example.com', subject: 'Kept', body: 'Only in the outbox' }, now))
    const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, 'kept@example.com'))
    assert.equal(message?.status, 'stored')
    assert.equal((await t.db.db.select().from(jobs).where(eq(jobs.key, `email:${message!.id}`))).length, 0)
  })
})
