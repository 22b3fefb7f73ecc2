import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

test('defaults match the README', () => {
  const config = loadConfig({})
  assert.equal(config.port, 3000)
  assert.equal(config.host, '127.0.0.1')
  assert.match(config.dataDir, /\/data$/)
  assert.equal(config.databaseUrl, undefined)
  assert.equal(config.environment, 'development')
  assert.equal(config.seedDemo, 'auto')
})

test('a bad value names the setting and says why', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT must be a whole number from 0 to 65535 \(got "eighty"\)$/],
    [{ PORT: '70000' }, /^PORT /],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /^DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of development, production, test/],
    [{ NODE_ENV: 'production' }, /^SESSION_SECRET is required when NODE_ENV is production/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET must be at least 32 characters/],
    [{ CATALYST_SEED_DEMO: 'sometimes' }, /^CATALYST_SEED_DEMO must be one of auto, always, never/],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }, /^CATALYST_PUBLIC_URL is required when NODE_ENV is production/],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), CATALYST_PUBLIC_URL: 'http://catalyst.example' }, /^CATALYST_PUBLIC_URL must start with https:\/\/ in production/],
    [{ CATALYST_PUBLIC_URL: 'https://catalyst.example/app' }, /^CATALYST_PUBLIC_URL must be an address without a path/],
    [{ EMAIL_TRANSPORT: 'pigeon' }, /^EMAIL_TRANSPORT must be one of none, smtp, notify/],
    [{ EMAIL_TRANSPORT: 'smtp', EMAIL_FROM: 'a@example.com' }, /^SMTP_HOST is required when EMAIL_TRANSPORT is smtp/],
    [{ EMAIL_TRANSPORT: 'smtp', SMTP_HOST: 'mail.example' }, /^EMAIL_FROM is required/],
    [{ SMTP_USER: 'catalyst' }, /^SMTP_PASSWORD must be set together with SMTP_USER/],
    [{ EMAIL_TRANSPORT: 'notify', NOTIFY_TEMPLATE_ID: 't' }, /^NOTIFY_API_KEY is required/],
    [{ EMAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: 'k' }, /^NOTIFY_TEMPLATE_ID is required/],
    [{ CATALYST_JOBS_POLL_SECONDS: '0' }, /^CATALYST_JOBS_POLL_SECONDS must be a number of seconds above 0/],
    // Every password the demo would refuse while loading is refused here, before anything is written.
    [{ CATALYST_DEMO_PASSWORD: 'kettle-or' }, /^CATALYST_DEMO_PASSWORD is not accepted: password must be 10 characters or more$/],
    [{ CATALYST_DEMO_PASSWORD: 'kettleor' }, /^CATALYST_DEMO_PASSWORD is not accepted: password must be 10 characters or more$/],
    [{ CATALYST_DEMO_PASSWORD: 'moderator-kettle' }, /^CATALYST_DEMO_PASSWORD is not accepted: it must not contain a demo user's email address \(moderator@demo\.catalyst\.test\)$/],
  ]
  for (const [env, message] of cases) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message))
  }
})

test('production with a long secret starts', () => {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), CATALYST_PUBLIC_URL: 'https://catalyst.example.gov.uk/' })
  assert.equal(config.environment, 'production')
  assert.equal(config.publicUrl, 'https://catalyst.example.gov.uk')
  assert.equal(config.email.transport, 'none')
})

test('email defaults: outbox only, public address on localhost, SMTP port by TLS mode', () => {
  const config = loadConfig({ PORT: '4000' })
  assert.equal(config.publicUrl, 'http://localhost:4000')
  assert.equal(config.email.transport, 'none')
  assert.equal(config.email.smtp.port, 587)
  assert.equal(loadConfig({ SMTP_SECURE: 'true' }).email.smtp.port, 465)
  assert.equal(config.email.notify.baseUrl, 'https://api.notifications.service.gov.uk')
  assert.equal(config.jobsPollMs, 5000)
})
