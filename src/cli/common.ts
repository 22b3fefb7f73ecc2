/**
 * What every `catalyst` command shares: settings, opening (and always closing) the database, printing a human
 * summary or exactly one JSON object, a progress bar on terminals only, and one clear line for a user's mistake.
 */
import fs from 'node:fs'
import path from 'node:path'
import cliProgress from 'cli-progress'
import { ConfigError, isTerminal, loadConfig, type Config } from '../config.ts'
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts'
import { DataDirInUseError } from '../platform/db/data-dir-lock.ts'
import { prepareSchema, SchemaOutOfDateError } from '../platform/db/migrations.ts'

/**
 * Standard output closed by its reader (`catalyst export ocds | head`): Node reports EPIPE as an error on
 * process.stdout. Every command stops writing and ends quietly with status 0, as Unix tools do, after closing the
 * database as usual. Installed once by main.ts.
 */
export const output = { closed: false }

export class OutputClosedError extends Error {
  constructor() {
    super('standard output was closed by its reader')
    this.name = 'OutputClosedError'
  }
}

const isClosedPipe = (error: unknown) => error instanceof OutputClosedError || (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE'

export function endQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      output.closed = true
      return
    }
    throw error
  })
}

/** Writes a chunk to standard output, waiting for it to drain; throws OutputClosedError once the reader has gone. */
export async function writeStdout(chunk: string): Promise<void> {
  if (output.closed || process.stdout.destroyed) throw new OutputClosedError()
  if (process.stdout.write(chunk)) return
  await new Promise<void>((resolve) => {
    const done = () => {
      process.stdout.off('drain', done)
      process.stdout.off('error', done)
      process.stdout.off('close', done)
      resolve()
    }
    process.stdout.on('drain', done)
    process.stdout.on('error', done)
    process.stdout.on('close', done)
  })
  if (output.closed) throw new OutputClosedError()
}

/** A mistake the person running the command can fix: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** A file's bytes, or a UserError that says in plain words why it cannot be read. */
export function readFileForCommand(file: string): Buffer {
  try {
    return fs.readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(
      code === 'ENOENT' ? `no file at ${file}` : code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file} (${code ?? 'error'})`,
    )
  }
}

export interface OutputOptions {
  json?: boolean
}

/** Prints the human lines, or with --json exactly one JSON object as the last line of stdout. */
export function report(options: OutputOptions, human: string[], json: Record<string, unknown>): void {
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, ...json })}\n`)
  else process.stdout.write(`${human.join('\n')}\n`)
}

export interface CommandContext {
  config: Config
  handle: DatabaseHandle
}

/**
 * Opens the configured database for one command and closes it afterwards, whatever happens (the embedded
 * database holds a lock file). The embedded database is migrated on the way in, as the server does; a PostgreSQL
 * server must have been migrated with `catalyst migrate` first.
 */
export async function withDatabase<T>(
  work: (context: CommandContext) => Promise<T>,
  options: { migrate?: 'embedded-only' | 'never'; create?: boolean } = {},
): Promise<T> {
  const config = loadConfig()
  // Opening an embedded folder that has no database would make one: a command run in the wrong folder would
  // quietly work on a new, empty database. Only `catalyst migrate` (options.create) makes a new one.
  if (!config.databaseUrl && !options.create && !embeddedDatabaseExists(config.dataDir)) {
    throw new UserError(
      `there is no Catalyst database in ${config.dataDir}. Run the command in the folder that has one, or set CATALYST_DATA_DIR or DATABASE_URL to it; to start a new one there, run \`catalyst migrate\``,
    )
  }
  let handle: DatabaseHandle
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new UserError(error.message)
    if (config.databaseUrl) throw new UserError(`DATABASE_URL: could not connect (${(error as Error).message})`)
    throw error
  }
  try {
    if ((options.migrate ?? 'embedded-only') === 'embedded-only') {
      try {
        await prepareSchema(handle)
      } catch (error) {
        if (error instanceof SchemaOutOfDateError) throw new UserError(error.message)
        throw error
      }
    }
    return await work({ config, handle })
  } finally {
    await handle.close()
  }
}

/** Whether the embedded data folder holds a database (PGlite writes PG_VERSION when it creates one). */
function embeddedDatabaseExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))
}

/** A progress bar on a terminal; nothing at all when output goes to a file, a pipe or CI. */
export function progress(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!isTerminal()) return { update() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stdout, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0)
        started = true
      }
      bar.update(done)
    },
    stop() {
      if (started) bar.stop()
    },
  }
}

/** Runs a command's action: user errors and bad settings become one line on stderr and exit status 1. */
export function action<A extends unknown[]>(work: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await work(...args)
    } catch (error) {
      // The reader closed the pipe: nothing more can be said on standard output, and nothing went wrong.
      if (isClosedPipe(error) || output.closed) return
      const json = args.some((arg) => typeof arg === 'object' && arg !== null && (arg as OutputOptions).json === true)
      if (error instanceof UserError || error instanceof ConfigError) {
        const message = error instanceof ConfigError ? `setting ${error.message}` : error.message
        process.stderr.write(`catalyst: ${message}\n`)
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`)
      } else {
        process.stderr.write(`catalyst: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`)
      }
      process.exitCode = 1
    }
  }
}
