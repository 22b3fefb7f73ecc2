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
  ]
  for (const [env, message] of cases) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message))
  }
})

test('production with a long secret starts', () => {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
  assert.equal(config.environment, 'production')
})
