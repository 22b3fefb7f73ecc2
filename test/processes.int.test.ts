/**
 * Catalyst as real processes. On PostgreSQL: migrations run once from the command, two server processes share
 * sessions through the database, SIGTERM stops a server promptly with exit code 0, and an out-of-date schema
 * stops a server from starting. On the embedded database: one process per data folder, data that outlives a
 * restart, and the demo loaded only once. On both: a bad setting stops the server with one line naming it.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { loadDemo, DEMO_COUNCILS, REAL_COUNCILS } from '../src/demo/seed.ts'
import { countCouncils } from '../src/modules/councils/service.ts'
import { openDatabase } from '../src/platform/db/database.ts'
import { migrationStatus, runMigrations } from '../src/platform/db/migrations.ts'
import { DEMO_PASSWORD, pageText } from './support/app.ts'
import { createServerDatabase, testDatabaseKind } from './support/database.ts'
import { freePort, HttpClient, root, runToExit, serverEnv, startServer, stderrLines, type ServerProcess } from './support/server-process.ts'

const kind = testDatabaseKind()
const COMMISSIONER = 'commissioner@demo.catalyst.test'
const DEMO_COUNCIL_COUNT = DEMO_COUNCILS.length + REAL_COUNCILS.length + 1 // and Harrogate, abolished in 2023

const running: ServerProcess[] = []
const cleanups: (() => Promise<void>)[] = []
after(async () => {
  for (const server of running) await server.stop('SIGKILL').catch(() => {})
  for (const cleanup of cleanups) await cleanup().catch(() => {})
})

async function serve(settings: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer(serverEnv({ PORT: String(await freePort()), ...settings }))
  running.push(server)
  return server
}

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-proc-'))
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'data')
}

test('a bad setting stops the server with one line naming it, and a non-zero exit code', async () => {
  const result = await runToExit(serverEnv({ PORT: 'abc', CATALYST_DATA_DIR: tempDataDir() }))
  assert.notEqual(result.code, 0)
  const lines = stderrLines(result.stderr)
  assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${result.stderr}`)
  assert.match(lines[0] ?? '', /PORT/)
  assert.match(lines[0] ?? '', /"abc"/)
})

if (kind === 'postgres') {
  describe('several processes on one PostgreSQL server', () => {
    test('migrated once, two servers share sessions: signed in on A is signed in on B; signed out on B is out on A', async () => {
      const database = await createServerDatabase()
      cleanups.push(database.drop)

      const cli = path.join(root, 'bin/catalyst.js')
      if (fs.existsSync(cli)) {
        const migrate = spawnSync(process.execPath, [cli, 'migrate'], {
          cwd: root,
          env: serverEnv({ DATABASE_URL: database.url }),
          encoding: 'utf8',
          timeout: 60_000,
        })
        assert.equal(migrate.status, 0, `catalyst migrate: ${migrate.stdout}${migrate.stderr}`)
      }
      const handle = await openDatabase({ databaseUrl: database.url, dataDir: 'memory' })
      try {
        if (!fs.existsSync(cli)) await runMigrations(handle)
        const status = await migrationStatus(handle)
        assert.equal(status.applied, status.available, 'every migration applied')
        await loadDemo(handle.db, { password: DEMO_PASSWORD, now: new Date() })
      } finally {
        await handle.close()
      }

      const [a, b] = await Promise.all([serve({ DATABASE_URL: database.url }), serve({ DATABASE_URL: database.url })])
      assert.ok(a && b)
      assert.notEqual(a.url, b.url)
      // The demo was loaded above, with the demo password: each process lists the sign-ins while that password is set.
      assert.match(a.stderr(), /Demo sign-ins/, 'process A lists the demo sign-ins')

      const browser = new HttpClient()
      await browser.signIn(a.url, COMMISSIONER)
      assert.ok(browser.cookies.has('catalyst_session'), 'process A set a session cookie')

      const onB = await browser.get(`${b.url}/`)
      assert.equal(onB.status, 200)
      assert.match(pageText(onB.body), /Demo Borough Council/, 'process B knows the session process A made')
      assert.match(pageText(onB.body), /Sign out/)

      const session = browser.cookies.get('catalyst_session') ?? ''
      const signOut = await browser.postForm(`${b.url}/sign-out`, {}) // with the form token from B's page
      assert.equal(signOut.status, 303)
      assert.match(signOut.location ?? '', /\/sign-in\?signedOut=1$/)
      assert.equal(browser.cookies.has('catalyst_session'), false, 'B clears the cookie')

      // The same session cookie, replayed to A after signing out on B, no longer signs anyone in.
      const replay = new HttpClient()
      replay.cookies.set('catalyst_session', session)
      const home = await replay.get(`${a.url}/`)
      assert.equal(home.status, 200)
      assert.doesNotMatch(pageText(home.body), /Demo Borough Council/, 'after signing out on B, the session is gone on A')
      assert.match(pageText(home.body), /Sign in/)

      const [stopA, stopB] = await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')])
      for (const [name, stop] of [['A', stopA], ['B', stopB]] as const) {
        assert.equal(stop.code, 0, `process ${name} exits 0 on SIGTERM`)
        assert.ok(stop.ms < 10_000, `process ${name} stopped in ${Math.round(stop.ms)} ms`)
      }
    })

    test('a server refuses to start on a database whose migrations have not run, naming `npx catalyst migrate`', async () => {
      const database = await createServerDatabase()
      cleanups.push(database.drop)
      const result = await runToExit(serverEnv({ DATABASE_URL: database.url, PORT: String(await freePort()) }))
      assert.notEqual(result.code, 0)
      const lines = stderrLines(result.stderr)
      assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${result.stderr}`)
      assert.match(lines[0] ?? '', /npx catalyst migrate/)
    })
  })
} else {
  describe('one process on an embedded database folder', () => {
    test('a second process is refused, data outlives a restart, and the demo is loaded only the first time', async () => {
      const dataDir = tempDataDir()
      const first = await serve({ CATALYST_DATA_DIR: dataDir })
      assert.match(first.stderr(), /Demo sign-ins/, 'the first start on an empty folder loads the demo')
      assert.match(first.stderr(), new RegExp(`${COMMISSIONER.replace(/\./g, '\\.')}.*${DEMO_PASSWORD}`))

      const second = await runToExit(serverEnv({ CATALYST_DATA_DIR: dataDir, PORT: String(await freePort()) }))
      assert.notEqual(second.code, 0)
      const lines = stderrLines(second.stderr)
      assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${second.stderr}`)
      assert.match(lines[0] ?? '', /already open/)

      // Sign in on the first run: the session row is data that must outlive the restart.
      const browser = new HttpClient()
      await browser.signIn(first.url, COMMISSIONER)
      assert.match(pageText((await browser.get(`${first.url}/`)).body), /Demo Borough Council/)

      const stopped = await first.stop('SIGTERM')
      assert.equal(stopped.code, 0, 'SIGTERM exits 0')
      assert.ok(stopped.ms < 10_000, `stopped in ${Math.round(stopped.ms)} ms`)
      assert.equal(fs.existsSync(path.join(dataDir, 'catalyst.lock')), false, 'a clean stop releases the folder')

      const restarted = await serve({ CATALYST_DATA_DIR: dataDir })
      // The demo is not loaded again (the council count below), but its sign-ins are printed again while the
      // passwords are still the demo password.
      assert.match(restarted.stderr(), new RegExp(`${COMMISSIONER.replace(/\./g, '\\.')}.*${DEMO_PASSWORD}`), 'the sign-ins are printed at every start')
      const home = await browser.get(`${restarted.url}/`)
      assert.match(pageText(home.body), /Demo Borough Council/, 'the session from before the restart still signs in')
      assert.equal((await restarted.stop('SIGTERM')).code, 0)

      const handle = await openDatabase({ databaseUrl: undefined, dataDir })
      try {
        assert.equal(await countCouncils(handle.db), DEMO_COUNCIL_COUNT, 'the demo councils are there once, not twice')
      } finally {
        await handle.close()
      }
    })
  })
}
