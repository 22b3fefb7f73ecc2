/**
 * Every setting Catalyst reads, parsed and checked once at start.
 *
 * This is the only file that reads `process.env`. Each setting states its default and its meaning; the README
 * lists the same table. A bad value raises a ConfigError whose message names the setting and says why, so that
 * `npm start` can stop with one clear line.
 */
import path from 'node:path'
import { z } from 'zod'
import { DEMO_USERS } from './demo/users.ts'
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
  /**
   * CATALYST_FILES_DIR (<data dir>/files): where uploaded files that are kept (providers' evidence) are stored, each
   * under a random name. With several machines on one PostgreSQL database it must be a folder they all share.
   */
  filesDir: string
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
  /**
   * CATALYST_PUBLIC_URL (required in production; http://localhost:PORT otherwise): the address people use to reach
   * the service. Links in emails are built on it, never on the Host header of the request that caused the email.
   */
  publicUrl: string
  email: EmailConfig
  /** CATALYST_JOBS_POLL_SECONDS (5): how often the server looks for due background jobs. */
  jobsPollMs: number
  /**
   * CATALYST_API_RATE_PER_TOKEN (600) and CATALYST_API_RATE_PER_ADDRESS (120): how many API requests a minute one
   * valid token, and one client address without a valid token, may make before the API answers 429 (ADR 0044).
   */
  apiRateLimit: { perToken: number; perAddress: number }
}

export type EmailTransportKind = 'none' | 'smtp' | 'notify'

export interface EmailConfig {
  /** EMAIL_TRANSPORT (none): none keeps email in the outbox only; smtp sends through SMTP_*; notify through GOV.UK Notify. */
  transport: EmailTransportKind
  /** EMAIL_FROM (required for smtp): the sender, for example "Catalyst <catalyst@council.gov.uk>". */
  from: string | undefined
  smtp: {
    /** SMTP_HOST (required for smtp). */
    host: string | undefined
    /** SMTP_PORT (587, or 465 when SMTP_SECURE is true). */
    port: number
    /** SMTP_USER and SMTP_PASSWORD (unset): sign in to the SMTP server when both are set. */
    user: string | undefined
    password: string | undefined
    /** SMTP_SECURE (false): true for TLS from the first byte (port 465); false upgrades with STARTTLS when offered. */
    secure: boolean
  }
  notify: {
    /** NOTIFY_API_KEY (required for notify): a GOV.UK Notify API key. */
    apiKey: string | undefined
    /** NOTIFY_BASE_URL (https://api.notifications.service.gov.uk). */
    baseUrl: string
    /** NOTIFY_TEMPLATE_ID (required for notify): an email template whose subject is ((subject)) and body ((body)). */
    templateId: string | undefined
  }
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
    // Checked against every demo user's email too, as loading the demo checks it: a password that contains a
    // mailbox ("moderator-…") would pass a check without the email and then stop the demo half-loaded.
    const mailbox = DEMO_USERS.find((user) => passwordProblem(demoPassword, user.email))?.email
    const problem =
      passwordProblem(demoPassword) ?? (mailbox ? `It must not contain a demo user's email address (${mailbox})` : undefined)
    if (problem) throw new ConfigError('CATALYST_DEMO_PASSWORD', `is not accepted: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`)
  }

  const publicUrl = read('CATALYST_PUBLIC_URL')
  if (environment === 'production' && publicUrl === undefined) {
    throw new ConfigError('CATALYST_PUBLIC_URL', 'is required when NODE_ENV is production (the https:// address people use, for links in emails)')
  }
  const email = readEmail(read, environment)
  const poll = read('CATALYST_JOBS_POLL_SECONDS') ?? '5'
  if (!/^\d+(\.\d+)?$/.test(poll) || Number(poll) <= 0 || Number(poll) > 3600) {
    throw new ConfigError('CATALYST_JOBS_POLL_SECONDS', `must be a number of seconds above 0 and at most 3600 (got "${poll}")`)
  }

  const rate = (name: string, fallback: string) => {
    const value = read(name) ?? fallback
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
      throw new ConfigError(name, `must be a whole number of requests a minute from 1 to 1000000 (got "${value}")`)
    }
    return Number(value)
  }
  const apiRateLimit = { perToken: rate('CATALYST_API_RATE_PER_TOKEN', '600'), perAddress: rate('CATALYST_API_RATE_PER_ADDRESS', '120') }

  return {
    apiRateLimit,
    publicUrl: publicUrl === undefined ? `http://localhost:${port.data}` : checkPublicUrl(publicUrl, environment),
    email,
    jobsPollMs: Math.round(Number(poll) * 1000),
    port: port.data,
    host,
    dataDir: path.resolve(read('CATALYST_DATA_DIR') ?? './data'),
    filesDir: path.resolve(read('CATALYST_FILES_DIR') ?? path.join(read('CATALYST_DATA_DIR') ?? './data', 'files')),
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

/** An origin with no path, query or trailing slash, so that links are origin + path. */
function checkPublicUrl(value: string, environment: Environment): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError('CATALYST_PUBLIC_URL', `must be an address such as https://catalyst.council.gov.uk (got "${value}")`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('CATALYST_PUBLIC_URL', `must start with https:// (got "${url.protocol}//")`)
  }
  if (environment === 'production' && url.protocol !== 'https:') {
    throw new ConfigError('CATALYST_PUBLIC_URL', 'must start with https:// in production')
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError('CATALYST_PUBLIC_URL', `must be an address without a path, query or fragment (got "${value}")`)
  }
  return url.origin
}

function readEmail(read: (name: string) => string | undefined, environment: Environment): EmailConfig {
  const transport = oneOf('EMAIL_TRANSPORT', read('EMAIL_TRANSPORT') ?? 'none', ['none', 'smtp', 'notify'])
  const secureRaw = read('SMTP_SECURE') ?? 'false'
  const secure = oneOf('SMTP_SECURE', secureRaw, ['true', 'false']) === 'true'
  const rawPort = read('SMTP_PORT') ?? (secure ? '465' : '587')
  const smtpPort = portSchema.safeParse(rawPort)
  if (!smtpPort.success || !/^\d+$/.test(rawPort)) {
    throw new ConfigError('SMTP_PORT', `must be a whole number from 0 to 65535 (got "${rawPort}")`)
  }
  const email: EmailConfig = {
    transport,
    from: read('EMAIL_FROM'),
    smtp: { host: read('SMTP_HOST'), port: smtpPort.data, user: read('SMTP_USER'), password: read('SMTP_PASSWORD'), secure },
    notify: {
      apiKey: read('NOTIFY_API_KEY'),
      baseUrl: read('NOTIFY_BASE_URL') ?? 'https://api.notifications.service.gov.uk',
      templateId: read('NOTIFY_TEMPLATE_ID'),
    },
  }
  if ((email.smtp.user === undefined) !== (email.smtp.password === undefined)) {
    throw new ConfigError(email.smtp.user === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD', 'must be set together with ' + (email.smtp.user === undefined ? 'SMTP_PASSWORD' : 'SMTP_USER'))
  }
  if (transport === 'smtp') {
    if (!email.smtp.host) throw new ConfigError('SMTP_HOST', 'is required when EMAIL_TRANSPORT is smtp')
    if (!email.from) throw new ConfigError('EMAIL_FROM', 'is required when EMAIL_TRANSPORT is smtp (the sender address)')
  }
  if (transport === 'notify') {
    if (!email.notify.apiKey) throw new ConfigError('NOTIFY_API_KEY', 'is required when EMAIL_TRANSPORT is notify')
    if (!email.notify.templateId) throw new ConfigError('NOTIFY_TEMPLATE_ID', 'is required when EMAIL_TRANSPORT is notify (a template with ((subject)) and ((body)))')
    try {
      const base = new URL(email.notify.baseUrl)
      if (environment === 'production' && base.protocol !== 'https:') throw new Error('not https')
    } catch {
      throw new ConfigError('NOTIFY_BASE_URL', `must be an https:// address (got "${email.notify.baseUrl}")`)
    }
  }
  return email
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
