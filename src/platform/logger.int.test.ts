import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { loggableUrl, loggerOptions } from './logger.ts'

const lines: Record<string, unknown>[] = []
let db: TestDatabase
let app: FastifyInstance
before(async () => {
  db = await createTestDatabase()
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: db.db, logger: { level: 'info', stream } })
  await app.ready()
})
after(async () => {
  await app.close()
  await db.close()
})

describe('request logs', () => {
  it('write one line per request with the method, URL, status and time, and the request id', async () => {
    lines.length = 0
    const response = await app.inject({ method: 'GET', url: '/accessibility?x=1' })
    assert.equal(response.statusCode, 200)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(lines.length, 1, `one line, got ${JSON.stringify(lines)}`)
    const line = lines[0]!
    assert.match(String(line.msg), /^GET \/accessibility\?x=1 200 \d+ms$/)
    assert.deepEqual(line.req, { method: 'GET', url: '/accessibility?x=1' })
    assert.deepEqual(line.res, { statusCode: 200 })
    assert.equal(typeof line.responseTime, 'number')
    assert.equal(line.reqId, response.headers['x-request-id'])
  })

  it('keep secrets in links out of the log', async () => {
    lines.length = 0
    await app.inject({ method: 'GET', url: '/accessibility?token=s3cret-token&page=2' })
    await new Promise((resolve) => setImmediate(resolve))
    assert.ok(!JSON.stringify(lines).includes('s3cret-token'))
    assert.equal(loggableUrl('/stories/confirm?token=abc&x=1'), '/stories/confirm?token=[redacted]&x=1')
  })
})

describe('log format by environment', () => {
  it('is readable (pino-pretty) in development and JSON in production and tests', () => {
    const development = loggerOptions({ logLevel: 'info', environment: 'development' }, true) as { transport?: { target: string } }
    assert.equal(development.transport?.target, 'pino-pretty')
    for (const environment of ['production', 'test'] as const) {
      const options = loggerOptions({ logLevel: 'info', environment }, true) as { transport?: unknown }
      assert.equal(options.transport, undefined, environment)
    }
  })

  it('falls back to JSON in development when pino-pretty is not installed, rather than failing to start', () => {
    const options = loggerOptions({ logLevel: 'info', environment: 'development' }, false) as { transport?: unknown }
    assert.equal(options.transport, undefined)
  })
})
