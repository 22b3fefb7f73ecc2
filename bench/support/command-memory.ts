/**
 * The memory a real `catalyst import spend` takes: the command as a user runs it, in its own process, on a database
 * of its own (the embedded database in a folder on disk, or a fresh database on a PostgreSQL server), with its peak
 * resident memory read from the process itself at exit (peak-rss.mjs). Migrations and the demo go in first, in
 * processes of their own, so their memory is not counted.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

export interface CommandMemory {
  peakRssMiB: number
  millis: number
  output: string
}

function catalyst(args: string[], env: NodeJS.ProcessEnv, peakFile?: string): { output: string; millis: number } {
  const started = performance.now()
  const result = spawnSync(
    process.execPath,
    [...(peakFile ? ['--import', path.join(import.meta.dirname, 'peak-rss.mjs')] : []), path.join(root, 'bin/catalyst.js'), ...args],
    { cwd: root, env: { ...process.env, ...env, ...(peakFile ? { CATALYST_PEAK_RSS_FILE: peakFile } : {}) }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  if (result.status !== 0) throw new Error(`catalyst ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`)
  return { output: result.stdout, millis: performance.now() - started }
}

/** Runs `catalyst import spend <file> --council DEMO --json` on a fresh database: `databaseUrl`, or the embedded one. */
export function spendImportMemory(file: string, env: { databaseUrl?: string; demoPassword: string }): CommandMemory {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-bench-memory-'))
  try {
    // An empty DATABASE_URL is unset: the embedded database, in the scratch folder.
    const childEnv = { CATALYST_DEMO_PASSWORD: env.demoPassword, CATALYST_DATA_DIR: path.join(scratch, 'data'), DATABASE_URL: env.databaseUrl ?? '' }
    catalyst(['migrate'], childEnv)
    catalyst(['demo', '--json'], childEnv)
    const peakFile = path.join(scratch, 'peak-rss')
    const run = catalyst(['import', 'spend', file, '--council', 'DEMO', '--json'], childEnv, peakFile)
    return { peakRssMiB: Number(fs.readFileSync(peakFile, 'utf8')), millis: run.millis, output: run.output }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
