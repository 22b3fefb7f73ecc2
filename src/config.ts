/**
 * Every setting Catalyst reads, parsed and checked once at start.
 *
 * This is the only file that reads `process.env`. Each setting states its default and its meaning; the README
 * lists the same table. A bad value raises a ConfigError whose message names the setting and says why, so that
 * `npm start` can stop with one clear line.
 */
import path from 'node:path'
import { z } from 'zod'
import { passwordProblem } from './platform/auth/passwords.ts'

export type Environment = 'development' | 'production' | 'test'
export type SeedDemo = 'auto' | 'always' | 'never'

export interface Config {
  /** PORT (3000): the TCP port the web server listens on. */
  port: number
  /** HOST (127.0.0.1): the address to listen on; 0.0.0.0 to accept connections from other machines. */
  host: string
  /** CATALYST_DATA_DIR (./data): where the embedded database keeps its files. */
  dataDir: string
  /** DATABASE_URL (unset): a postgres:// URL; when unset Catalyst uses the embedded database in the data dir. */
  databaseUrl: string | undefined
  /** NODE_ENV (development): production turns on Secure cookies, HSTS and requires SESSION_SECRET. */
  environment: Environment
  /** SESSION_SECRET (required in production): signs CSRF tokens. At least 32 characters. */
  sessionSecret: string | undefined
  /** CATALYST_DEMO_PASSWORD (unset): when set, every demo user gets this password; otherwise they are generated. */
  demoPassword: string | undefined
  /** CATALYST_SEED_DEMO (auto): auto seeds only an empty embedded database; always; never. */
  seedDemo: SeedDemo
  /**
   * CATALYST_TRUST_PROXY (false): whether to believe X-Forwarded-For, so that sign-in limits and logs see the
   * client's address behind a load balancer: false; true (any proxy: only when nothing can reach Catalyst
   * directly); a number of proxy hops; or a comma-separated list of the proxies' addresses or CIDR ranges.
   */
  trustProxy: boolean | number | string[]
  /** LOG_LEVEL (info): fatal, error, warn, info, debug, trace or silent. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

export class ConfigError extends Error {
  constructor(readonly setting: string, reason: string) {
    super(`${setting} ${reason}`)
    this.name = 'ConfigError'
  }
}

const portSchema = z.coerce.number().int().min(0).max(65535)

/** Reads the settings from an environment (process.env by default) and checks each one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }

  const environment = oneOf('NODE_ENV', read('NODE_ENV') ?? 'development', ['development', 'production', 'test'])

  const rawPort = read('PORT') ?? '3000'
  const port = portSchema.safeParse(rawPort)
  if (!port.success || !/^\d+$/.test(rawPort)) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${rawPort}")`)
  }

  const host = read('HOST') ?? '127.0.0.1'
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    throw new ConfigError('HOST', `must be a host name or IP address (got "${host}")`)
  }

  const databaseUrl = read('DATABASE_URL')
  if (databaseUrl !== undefined) {
    let url: URL
    try {
      url = new URL(databaseUrl)
    } catch {
      throw new ConfigError('DATABASE_URL', 'must be a URL such as postgres://user:password@localhost:5432/catalyst')
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql:// (got "${url.protocol}//")`)
    }
  }

  const sessionSecret = read('SESSION_SECRET')
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', `must be at least 32 characters long (got ${sessionSecret.length})`)
  }
  if (environment === 'production' && sessionSecret === undefined) {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV is production (at least 32 random characters)')
  }

  const demoPassword = read('CATALYST_DEMO_PASSWORD')
  if (demoPassword !== undefined) {
    // The same rule every password meets (length, common passwords), checked here so a bad one stops the start
    // with one line instead of failing half-way through loading the demo.
    const problem = passwordProblem(demoPassword)
    if (problem) throw new ConfigError('CATALYST_DEMO_PASSWORD', `is not accepted: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`)
  }

  return {
    port: port.data,
    host,
    dataDir: path.resolve(read('CATALYST_DATA_DIR') ?? './data'),
    databaseUrl,
    environment,
    sessionSecret,
    demoPassword,
    trustProxy: parseTrustProxy(read('CATALYST_TRUST_PROXY')),
    seedDemo: oneOf('CATALYST_SEED_DEMO', read('CATALYST_SEED_DEMO') ?? 'auto', ['auto', 'always', 'never']),
    logLevel: oneOf('LOG_LEVEL', read('LOG_LEVEL') ?? 'info', [
      'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent',
    ]),
  }
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  if (/^\d{1,2}$/.test(value)) return Number(value)
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean)
  const address = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/
  const bad = entries.find((entry) => !address.test(entry))
  if (entries.length === 0 || bad !== undefined) {
    throw new ConfigError('CATALYST_TRUST_PROXY', `must be false, true, a number of proxy hops, or proxy addresses such as 10.0.0.0/8 (got "${bad ?? value}")`)
  }
  return entries
}

function oneOf<T extends string>(setting: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ConfigError(setting, `must be one of ${allowed.join(', ')} (got "${value}")`)
}

/** The settings the test suites and benchmarks read about their own environment (not the app's). */
export function isTerminal(): boolean {
  return Boolean(process.stdout.isTTY) && process.env.CI !== 'true'
}
