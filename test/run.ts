/**
 * `npm test`: every test Catalyst has, in one command.
 *
 *   1. type check (tsc)
 *   2. unit tests            src/**\/*.test.ts
 *   3. integration on PGlite **\/*.int.test.ts, CATALYST_TEST_DB=pglite
 *   4. the same integration suite on a real PostgreSQL server started here and stopped afterwards
 *   5. browser tests         e2e/**\/*.e2e.test.ts, in Debian's Chromium, with axe on every page visited
 *
 * Missing prerequisites are installed when possible, else the run stops with one line saying what to install.
 * The last line printed is "N passed, N failed".
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { run } from 'node:test'
import { spec } from 'node:test/reporters'
import { ensurePrerequisites } from './support/prerequisites.ts'
import { startPostgres, type PostgresServer } from './support/postgres-server.ts'
import { createDemoTemplate, createMigratedTemplate, dumpDemoPglite, dumpMigratedPglite } from './support/database.ts'
import os from 'node:os'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
process.env.TZ = 'Europe/London'
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim()

// `npm test -- unit pglite` runs only those phases; `--only=contracts` only the files whose path contains "contracts".
const args = process.argv.slice(2)
const only = args.filter((arg) => !arg.startsWith('--'))
const fileFilters = args.filter((arg) => arg.startsWith('--only=')).map((arg) => arg.slice('--only='.length))
const wanted = (phase: string) => only.length === 0 || only.includes(phase)

function findFiles(dir: string, suffix: string, exclude?: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix) && !(exclude && file.endsWith(exclude)) && !file.includes('node_modules'))
    .filter((file) => fileFilters.length === 0 || fileFilters.some((filter) => file.includes(filter)))
    .map((file) => path.join(dir, file))
    .sort()
}

let passed = 0
let failed = 0

/**
 * Longest files first, so that the two files running at once finish together instead of one long file starting
 * last and running alone (ADR 0056). Each phase's file times from the last run are kept in node_modules/.cache; a
 * file with no time yet counts as long when it runs the `catalyst` command (each command is a new process) and as
 * short otherwise, and ties keep their path order.
 */
const timesFile = path.join(root, 'node_modules/.cache/catalyst/test-times.json')
type Times = Record<string, Record<string, number>>
function readTimes(): Times {
  try {
    return JSON.parse(fs.readFileSync(timesFile, 'utf8')) as Times
  } catch {
    return {}
  }
}
function longestFirst(name: string, files: string[]): string[] {
  const known = readTimes()[name] ?? {}
  const guess = (file: string) => (fs.readFileSync(file, 'utf8').includes('support/cli.ts') ? 1e9 : 0)
  const cost = new Map(files.map((file) => [file, known[path.relative(root, file)] ?? guess(file)]))
  return [...files].sort((a, b) => cost.get(b)! - cost.get(a)!)
}
function recordTimes(name: string, times: [string, number][]): void {
  const all = readTimes()
  all[name] = { ...all[name], ...Object.fromEntries(times) }
  fs.mkdirSync(path.dirname(timesFile), { recursive: true })
  fs.writeFileSync(timesFile, `${JSON.stringify(all, null, 1)}\n`)
}

async function phase(name: string, files: string[], env: Record<string, string>, concurrency: number): Promise<void> {
  if (files.length === 0 && fileFilters.length > 0) return
  if (files.length === 0) {
    process.stdout.write(`\n# ${name}: no test files found\n`)
    failed++
    return
  }
  process.stdout.write(`\n# ${name} (${files.length} files)\n`)
  Object.assign(process.env, env)
  // A file that runs the `catalyst` command starts a fresh embedded database (migrations and demo) per command, so
  // allow ten minutes a file: the limit is there to stop a hung file, not to time a slow one.
  const stream = run({ files: longestFirst(name, files), concurrency, timeout: 10 * 60_000 })
  const started = performance.now()
  // Each file's wall time, from its process starting to its last result: the list of slowest files says where the
  // suite's time goes (measure before speeding anything up).
  const fileTimes = new Map<string, { start: number; end: number }>()
  // (A file's own dequeue event comes as its process starts, so the figures include loading its modules.)
  const seen = (data: { file?: string }) => {
    if (!data.file) return
    const now = performance.now()
    const entry = fileTimes.get(data.file)
    if (entry) entry.end = now
    else fileTimes.set(data.file, { start: now, end: now })
  }
  for (const event of ['test:dequeue', 'test:start', 'test:pass', 'test:fail'] as const) stream.on(event, seen)
  stream.on('test:pass', (data) => {
    if (data.details?.type !== 'suite') passed++
  })
  stream.on('test:fail', (data) => {
    if (data.details?.type !== 'suite') failed++
  })
  await new Promise<void>((resolve) => {
    stream.compose(new spec()).on('end', resolve).pipe(process.stdout, { end: false })
  })
  const seconds = (ms: number) => (ms / 1000).toFixed(1)
  const slowest = [...fileTimes].map(([file, t]) => [path.relative(root, file), t.end - t.start] as const).sort((a, b) => b[1] - a[1])
  process.stdout.write(`\n# ${name}: ${seconds(performance.now() - started)} s; slowest files:\n`)
  for (const [file, ms] of slowest.slice(0, 12)) process.stdout.write(`#   ${seconds(ms).padStart(6)} s  ${file}\n`)
  recordTimes(name, slowest.map(([file, ms]) => [file, Math.round(ms)]))
}

const problems = ensurePrerequisites()
if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${problem}\n`)
  process.exit(1)
}

if (wanted('typecheck')) {
  process.stdout.write('\n# type check\n')
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit'], { stdio: 'inherit' })
  if (tsc.status === 0) passed++
  else failed++
}

const integration = [...findFiles('src', '.int.test.ts'), ...findFiles('test', '.int.test.ts')]
if (wanted('unit')) {
  await phase('unit', [...findFiles('src', '.test.ts', '.int.test.ts'), ...findFiles('test', '.test.ts', '.int.test.ts')], {}, 2)
}
// Every integration file's database is a copy of one migrated template made here (ADR 0045).
const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-template-'))
const pgliteTemplate = path.join(templateDir, 'pglite.tar')
// And a copy with the demo seeded, for the tests that seed it at the real time (ADR 0056): one seed per run and
// database instead of one per test app. Tests use it only on the London day it was seeded.
const pgliteDemo = path.join(templateDir, 'pglite-demo.tar')
const pgliteEnv = { CATALYST_TEST_DB: 'pglite', CATALYST_TEST_PGLITE_TEMPLATE: pgliteTemplate, CATALYST_TEST_PGLITE_DEMO: pgliteDemo, CATALYST_TEST_DEMO_SEEDED_AT: '' }
async function makePgliteTemplate(): Promise<void> {
  if (fs.existsSync(pgliteTemplate)) return
  const dump = await dumpMigratedPglite()
  fs.writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()))
  const seededAt = new Date()
  const demo = await dumpDemoPglite(dump, seededAt)
  fs.writeFileSync(pgliteDemo, Buffer.from(await demo.arrayBuffer()))
  pgliteEnv.CATALYST_TEST_DEMO_SEEDED_AT = seededAt.toISOString()
}
process.on('exit', () => fs.rmSync(templateDir, { recursive: true, force: true }))

if (wanted('pglite')) {
  if (integration.length > 0) await makePgliteTemplate()
  await phase('integration on PGlite', integration, pgliteEnv, 2)
}
if (wanted('postgres')) {
  let server: PostgresServer | undefined
  try {
    server = await startPostgres()
    await createMigratedTemplate(server.url, 'catalyst_template')
    const seededAt = new Date()
    await createDemoTemplate(server.url, 'catalyst_demo_template', 'catalyst_template', seededAt)
    await phase(
      'integration on PostgreSQL',
      integration,
      {
        CATALYST_TEST_DB: 'postgres',
        CATALYST_TEST_PG_URL: server.url,
        CATALYST_TEST_PG_TEMPLATE: 'catalyst_template',
        CATALYST_TEST_PG_DEMO: 'catalyst_demo_template',
        CATALYST_TEST_DEMO_SEEDED_AT: seededAt.toISOString(),
      },
      2,
    )
  } catch (error) {
    process.stderr.write(`Could not start PostgreSQL for the tests: ${(error as Error).message}\n`)
    failed++
  } finally {
    server?.stop()
  }
}
if (wanted('e2e')) {
  const files = findFiles('e2e', '.e2e.test.ts')
  if (files.length > 0) await makePgliteTemplate()
  await phase('browser', files, pgliteEnv, 1)
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 ? 0 : 1)
