/**
 * Crash safety: a writer process is killed with SIGKILL at a random moment, five times over on the same database,
 * and each time the database must open again with every acknowledged transaction wholly present and no
 * transaction partly present. Runs on PGlite (a data folder) and on PostgreSQL (CATALYST_TEST_DB=postgres).
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, type DatabaseHandle } from '../src/platform/db/database.ts'
import { createServerDatabase, testDatabaseKind } from './support/database.ts'

const KILLS = 5
const writer = path.join(import.meta.dirname, 'support/kill-writer.ts')
const kind = testDatabaseKind()

let target = ''
let cleanup: () => Promise<void> = async () => {}

before(async () => {
  if (kind === 'postgres') {
    const server = await createServerDatabase()
    target = server.url
    cleanup = server.drop
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-kill-'))
    target = path.join(dir, 'data')
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true })
  }
})
after(async () => cleanup())

async function open(): Promise<DatabaseHandle> {
  return kind === 'postgres'
    ? openDatabase({ databaseUrl: target, dataDir: 'memory' })
    : openDatabase({ databaseUrl: undefined, dataDir: target })
}

/** Starts the writer, lets it commit at least `atLeast` transactions, kills it at a random moment after that. */
async function runAndKill(run: number, atLeast: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, String(run), target], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  const acknowledged: string[] = []
  let stderr = ''
  let buffered = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  await new Promise<void>((resolve, reject) => {
    let scheduled = false
    const timer = setTimeout(() => reject(new Error(`writer run ${run} committed only ${acknowledged.length} in 30 s: ${stderr}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^committed ([0-9a-f-]{36})$/.exec(line)
        if (match?.[1]) acknowledged.push(match[1])
      }
      if (!scheduled && acknowledged.length >= atLeast) {
        scheduled = true
        clearTimeout(timer)
        // A random moment: anywhere in the next few transactions, usually in the middle of one.
        setTimeout(() => {
          child.kill('SIGKILL')
          resolve()
        }, Math.random() * 250)
      }
    })
    void exited.then(({ code, signal }) => {
      if (!scheduled) {
        clearTimeout(timer)
        reject(new Error(`writer run ${run} exited early (code ${code}, signal ${signal}): ${stderr}`))
      }
    })
  })
  const { signal } = await exited
  assert.equal(signal, 'SIGKILL', `writer run ${run} was killed, not ended some other way: ${stderr}`)
  // Anything the pipe still held when the process died was written before the kill: it counts as acknowledged.
  for (const line of buffered.split('\n')) {
    const match = /^committed ([0-9a-f-]{36})$/.exec(line)
    if (match?.[1]) acknowledged.push(match[1])
  }
  return acknowledged
}

interface ProviderCheck {
  id: string
  identifiers: number
  audits: number
}

describe(`killing a writer with SIGKILL (${kind})`, () => {
  test(`${KILLS} kills at random moments lose no acknowledged transaction and leave none half-written`, async (t) => {
    const allAcknowledged: string[] = []
    for (let run = 1; run <= KILLS; run++) {
      const acknowledged = await runAndKill(run, 3)
      allAcknowledged.push(...acknowledged)

      const handle = await open() // the database opens after the kill (PGlite recovers; the lock is taken over)
      try {
        const rows = await queryRows<ProviderCheck>(
          handle.db,
          sql`select p.id,
                (select count(*)::int from provider_identifiers i where i.provider_id = p.id) as identifiers,
                (select count(*)::int from audit_entries a where a.entity_type = 'provider' and a.entity_id = p.id::text) as audits
              from providers p join councils c on c.id = p.council_id
              where c.code = 'KILLTEST'`,
        )
        const present = new Map(rows.map((row) => [row.id, row]))
        for (const id of allAcknowledged) {
          assert.ok(present.has(id), `run ${run}: acknowledged provider ${id} is present`)
        }
        const partial = rows.filter((row) => row.identifiers !== 2 || row.audits !== 1)
        assert.deepEqual(partial, [], `run ${run}: every provider has exactly its 2 identifiers and 1 audit entry`)

        const [orphans] = await queryRows<{ identifiers: number; audits: number }>(
          handle.db,
          sql`select
                (select count(*)::int from provider_identifiers i
                   where not exists (select 1 from providers p where p.id = i.provider_id)) as identifiers,
                (select count(*)::int from audit_entries a
                   where a.entity_type = 'provider' and a.actor_label = 'kill test writer'
                     and not exists (select 1 from providers p where p.id::text = a.entity_id)) as audits`,
        )
        assert.deepEqual(orphans, { identifiers: 0, audits: 0 }, `run ${run}: no orphaned identifiers or audit entries`)
        t.diagnostic(`run ${run}: ${acknowledged.length} acknowledged before the kill; ${rows.length} providers in all, all whole`)
        // At most the transaction in flight at the kill committed without being acknowledged.
        assert.ok(rows.length - allAcknowledged.length <= run, `run ${run}: ${rows.length} providers for ${allAcknowledged.length} acknowledged`)
      } finally {
        await handle.close()
      }
    }
  })
})
