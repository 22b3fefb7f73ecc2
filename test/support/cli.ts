/** Running the `catalyst` command as a child process on an empty embedded data folder or PostgreSQL database. */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import { openDatabase, type Database } from '../../src/platform/db/database.ts'
import { loadDemo } from '../../src/demo/seed.ts'
import { createServerDatabase, DEMO_PASSWORD, demoTemplate, migratedPglite, migratedPostgres, testDatabaseKind } from './database.ts'

export const root = path.resolve(import.meta.dirname, '../..')
export const cli = path.join(root, 'bin/catalyst.js')
export const fixtures = path.join(root, 'test/fixtures/councils')
export { DEMO_PASSWORD }

export interface Target {
  env: Record<string, string>
  withDb<T>(work: (db: Database) => Promise<T>): Promise<T>
  cleanup(): Promise<void>
}

/**
 * A database for the commands: a temporary data folder, or a new database on the test server. It is a copy of the
 * migrated template (so `catalyst migrate` finds nothing to do and no command pays for creating and migrating a
 * database again), or with `empty` a folder or database with nothing in it, for the tests of `catalyst migrate`.
 * With `demo` it also holds the demo as `catalyst demo` loads it now with DEMO_PASSWORD: a copy of the run's demo
 * template when there is one from today (ADR 0056), else seeded here. The tests of `catalyst demo` itself run it.
 */
async function newTarget(options: { empty?: boolean; demo?: boolean }): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-cli-'))
  let databaseUrl: string | undefined
  let drop = async () => {}
  const demo = options.demo && !options.empty ? demoTemplate() : undefined
  if (testDatabaseKind() === 'postgres') {
    const template = options.empty ? undefined : demo && 'postgres' in demo ? demo.postgres : await migratedPostgres()
    const server = await createServerDatabase(undefined, 'catalyst_test', template)
    databaseUrl = server.url
    drop = server.drop
  } else if (!options.empty) {
    const template = demo && 'pglite' in demo ? demo.pglite : await migratedPglite()
    const handle = await openDatabase({ databaseUrl: undefined, dataDir, template })
    await handle.close()
  }
  if (options.demo && !options.empty && !demo) {
    const handle = await openDatabase({ databaseUrl, dataDir })
    try {
      await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
    } finally {
      await handle.close()
    }
  }
  return {
    env: { CATALYST_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    async withDb(work) {
      // The embedded database is one process's at a time: open it only between commands.
      const handle = await openDatabase({ databaseUrl, dataDir })
      try {
        return await work(handle.db)
      } finally {
        await handle.close()
      }
    },
    async cleanup() {
      await drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface Run {
  status: number | null
  stdout: string
  stderr: string
  /** The last line of stdout, parsed, for --json runs. */
  json: Record<string, any>
}

export function catalyst(target: Target, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        TZ: 'Europe/London',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ...target.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // A command that loads the demo migrates and seeds a fresh embedded database: allow for a busy two-core machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      const last = stdout.trim().split('\n').at(-1) ?? ''
      let json: Record<string, any> = {}
      try {
        json = JSON.parse(last) as Record<string, any>
      } catch {
        // not a --json run
      }
      resolve({ status, stdout, stderr, json })
    })
  })
}

/** A user's mistake: one line on stderr naming it, no stack trace, exit status 1. */
export function assertUserError(run: Run, pattern: RegExp) {
  assert.equal(run.status, 1, `exit status: ${run.stdout}${run.stderr}`)
  const lines = run.stderr.trim().split('\n')
  assert.equal(lines.length, 1, `one line on stderr, got: ${run.stderr}`)
  assert.match(lines[0]!, pattern)
  assert.doesNotMatch(run.stderr, /\n\s+at /)
}

const targets: Target[] = []
after(async () => {
  for (const target of targets) await target.cleanup()
})
export async function target(options: { empty?: boolean; demo?: boolean } = {}): Promise<Target> {
  const created = await newTarget(options)
  targets.push(created)
  return created
}

/** Runs a command that needs no database, with `stdin` as its standard input. */
export function catalystWithInput(args: string[], stdin: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
    child.stdin.end(stdin)
  })
}
