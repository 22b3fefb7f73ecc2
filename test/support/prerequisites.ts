/**
 * What the full suite needs besides npm packages: PostgreSQL's server binaries and Debian's Chromium.
 * Missing ones are installed with apt when running as root; otherwise the suite stops with one line saying what
 * to install. Nothing is ever silently skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const CHROMIUM = process.env.CATALYST_CHROMIUM ?? '/usr/bin/chromium'

export function postgresBinDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return path.dirname(fs.realpathSync(onPath))
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return undefined
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

function aptInstall(packages: string[]): boolean {
  if (!isRoot() || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) return false
  process.stderr.write(`Installing ${packages.join(', ')} with apt-get (needed by the test suite)…\n`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'ignore', env })
    return true
  } catch {
    return false
  }
}

/** Returns one line per missing prerequisite that could not be installed. */
export function ensurePrerequisites(): string[] {
  const problems: string[] = []
  if (!postgresBinDir() && !aptInstall(['postgresql'])) {
    problems.push('PostgreSQL server binaries (initdb, pg_ctl) are missing: install them with `sudo apt-get install postgresql`')
  }
  if (!fs.existsSync(CHROMIUM) && !aptInstall(['chromium', 'fonts-liberation'])) {
    problems.push(`Chromium is missing at ${CHROMIUM}: install it with \`sudo apt-get install chromium\``)
  }
  return problems
}
