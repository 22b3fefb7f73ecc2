/**
 * The `catalyst` command run for real, as a child process, on a temporary embedded data folder (or, with
 * CATALYST_TEST_DB=postgres, a fresh database on the test server): what it prints, its --json objects, its exit
 * status, and what it leaves in the database.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { before, describe, test } from 'node:test'
import { and, eq, ne } from 'drizzle-orm'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { councils } from '../modules/councils/schema.ts'
import { findCouncil } from '../modules/councils/service.ts'
import { providers } from '../modules/providers/schema.ts'
import { memberships, users } from '../platform/auth/schema.ts'
import { verifyPassword } from '../platform/auth/passwords.ts'
import { auditEntries } from '../platform/audit/schema.ts'
import { migrationStatus } from '../platform/db/migrations.ts'
import { assertUserError, catalyst, DEMO_PASSWORD, target, type Target } from '../../test/support/cli.ts'

describe('catalyst migrate, demo, users create and tokens create', () => {
  let t: Target
  before(async () => {
    // Empty: these tests make the database with `catalyst migrate`.
    t = await target({ empty: true })
  })

  test('--help lists the commands', async () => {
    const run = await catalyst(t, ['--help'])
    assert.equal(run.status, 0)
    for (const command of ['migrate', 'demo', 'users', 'tokens', 'import']) assert.match(run.stdout, new RegExp(`\\n  ${command}`))
  })

  test('a command in a folder with no database refuses, and makes no database there', async () => {
    const run = await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk', '--org', 'DEMO', '--role', 'admin'])
    if (t.env.DATABASE_URL) {
      // A server database without Catalyst's tables: the command says to migrate it first.
      assertUserError(run, /the database has 0 of \d+ migrations\. Run `npx catalyst migrate`/)
    } else {
      assertUserError(run, /^catalyst: there is no Catalyst database in .*catalyst-cli-.*\. Run the command in the folder that has one, or set CATALYST_DATA_DIR or DATABASE_URL to it; to start a new one there, run `catalyst migrate`$/)
      assert.equal(fs.existsSync(path.join(t.env.CATALYST_DATA_DIR!, 'pglite')), false, 'no database was made')
    }
  })

  test('migrate applies every migration once and says so', async () => {
    const first = await catalyst(t, ['migrate'])
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /^Applied \d+ migrations? to the (embedded database in .*|PostgreSQL at .*): (\d+) of \2 now applied\.\n$/)
    const second = await catalyst(t, ['migrate', '--json'])
    assert.equal(second.status, 0, second.stderr)
    assert.equal(second.stdout.trim().split('\n').length, 1, 'exactly one JSON object')
    assert.equal(second.json.ok, true)
    assert.equal(second.json.applied, 0)
    assert.equal(second.json.total, second.json.available)
    const status = await t.withDb((db) => migrationStatus({ db } as Parameters<typeof migrationStatus>[0]))
    assert.equal(status.applied, status.available)
  })

  test('demo loads the demo once and prints the sign-ins', async () => {
    const run = await catalyst(t, ['demo'], { CATALYST_DEMO_PASSWORD: DEMO_PASSWORD })
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /Demo loaded: 7 councils, \d+ providers and 8 users created\./)
    assert.match(run.stdout, /admin@demo\.catalyst\.test\s+admin\s+DEMO\s+correct-horse-battery/)
    const again = await catalyst(t, ['demo', '--json'])
    assert.equal(again.json.ok, true)
    assert.equal(again.json.usersCreated, 0)
    assert.equal(again.json.councilsCreated, 0)
    assert.equal(again.json.signIns.length, 8)
    assert.equal(again.json.signIns[0].password, null, 'an existing password is never printed')
  })

  test('users create makes an account with a generated password in a council named by its GSS code', async () => {
    const run = await catalyst(t, ['users', 'create', '--email', 'Jo.Bloggs@Middlesbrough.gov.uk', '--org', 'E06000002', '--role', 'commissioner', '--name', 'Jo Bloggs', '--json'])
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout.trim().split('\n').length, 1)
    assert.equal(run.json.createdUser, true)
    assert.equal(run.json.council, 'E06000002')
    assert.match(run.json.password, /^[A-Za-z0-9_-]{20}$/)
    await t.withDb(async (db) => {
      const [user] = await db.select().from(users).where(eq(users.email, 'jo.bloggs@middlesbrough.gov.uk'))
      assert.ok(user)
      assert.equal(user.displayName, 'Jo Bloggs')
      assert.equal(await verifyPassword(user.passwordHash, run.json.password), true)
      const middlesbrough = await findCouncil(db, 'E06000002')
      assert.equal(middlesbrough?.isTenant, true, 'a council with users is a tenant')
      const [membership] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, user.id), eq(memberships.councilId, middlesbrough!.id)))
      assert.equal(membership?.role, 'commissioner')
      const audit = await db.select().from(auditEntries).where(eq(auditEntries.entityId, user.id))
      assert.ok(audit.some((a) => a.action === 'create' && a.actorLabel === 'catalyst users create'))
    })

    const human = await catalyst(t, ['users', 'create', '--email', 'jo.bloggs@middlesbrough.gov.uk', '--org', 'DEMO', '--role', 'finance'])
    assert.equal(human.status, 0, human.stderr)
    assert.match(human.stdout, /already had an account; their password is unchanged\.\nGave them the role Procurement or finance officer in Demo Borough Council \(DEMO\)\./)
    assert.doesNotMatch(human.stdout, /Password:/)
    const same = await catalyst(t, ['users', 'create', '--email', 'jo.bloggs@middlesbrough.gov.uk', '--org', 'demo', '--role', 'finance', '--json'])
    assert.equal(same.json.grantedRole, false)
  })

  test('users create refuses bad arguments with one line and exit status 1', async () => {
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk', '--org', 'DEMO', '--role', 'wizard']), /^catalyst: --role must be one of admin, commissioner/)
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk', '--org', 'E99999999', '--role', 'admin']), /^catalyst: no council has the code "E99999999"/)
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk', '--org', 'E07000165', '--role', 'admin']), /Harrogate Borough Council was abolished on 2023-03-31; its successor is North Yorkshire Council \(E06000065\)/)
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'not-an-email', '--org', 'DEMO', '--role', 'admin']), /Enter an email address in the correct format/)
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'p@b.gov.uk', '--org', 'DEMO', '--role', 'provider']), /Choose the provider this person speaks for/)
    assertUserError(await catalyst(t, ['users', 'create', '--email', 'p@b.gov.uk', '--org', 'DEMO', '--role', 'provider', '--provider', '00000000-0000-4000-8000-000000000000']), /This council's provider register has no provider with the id 00000000-0000-4000-8000-000000000000/)
    // Another council's provider record: refused, and nothing is written.
    const foreign = await t.withDb(async (db) => {
      const [row] = await db
        .select({ id: providers.id })
        .from(providers)
        .innerJoin(councils, eq(councils.id, providers.councilId))
        .where(ne(councils.code, 'DEMO'))
        .limit(1)
      return row!.id
    })
    assertUserError(
      await catalyst(t, ['users', 'create', '--email', 'p@b.gov.uk', '--org', 'DEMO', '--role', 'provider', '--provider', foreign]),
      new RegExp(`This council's provider register has no provider with the id ${foreign}`),
    )
    assert.equal((await t.withDb((db) => db.select().from(users).where(eq(users.email, 'p@b.gov.uk')))).length, 0)
    const json = await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk', '--org', 'NOWHERE', '--role', 'admin', '--json'])
    assert.equal(json.status, 1)
    assert.equal(json.json.ok, false)
    assert.match(json.json.error, /no council has the code "NOWHERE"/)
    const missing = await catalyst(t, ['users', 'create', '--email', 'a@b.gov.uk'])
    assert.equal(missing.status, 1)
    assert.match(missing.stderr, /required option '--org <code>' not specified/)
  })

  test('a bad setting stops a command with one line', async () => {
    assertUserError(await catalyst(t, ['migrate'], { DATABASE_URL: 'mysql://localhost/catalyst' }), /^catalyst: setting DATABASE_URL must start with postgres:\/\//)
  })

  test('tokens create prints a token once, and the token works on the API', async () => {
    const run = await catalyst(t, ['tokens', 'create', '--email', 'commissioner@demo.catalyst.test', '--name', 'Spreadsheet', '--json'])
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.json.token, /^cat_[A-Za-z0-9_-]{43}$/)
    assert.equal(run.json.role, 'commissioner')
    assert.deepEqual(run.json.scopes, ['*:read'], 'a token reads only, unless its maker says more')
    const days = (Date.parse(run.json.expiresAt) - Date.now()) / 86_400_000
    assert.ok(days > 89 && days <= 90, `expires in ${days} days`)
    const writer = await catalyst(t, ['tokens', 'create', '--email', 'commissioner@demo.catalyst.test', '--scope', 'providers:write', '--expires-in-days', '7', '--json'])
    assert.equal(writer.status, 0, writer.stderr)
    assert.deepEqual(writer.json.scopes, ['providers:write'])
    assertUserError(await catalyst(t, ['tokens', 'create', '--email', 'commissioner@demo.catalyst.test', '--scope', 'teapots:read']), /"teapots" has no API; scopes can name .*providers/)
    assertUserError(await catalyst(t, ['tokens', 'create', '--email', 'moderator@demo.catalyst.test']), /the Moderator role cannot use the API/)
    assertUserError(await catalyst(t, ['tokens', 'create', '--email', 'nobody@demo.catalyst.test']), /nobody@demo\.catalyst\.test has no role in any council/)
    assertUserError(await catalyst(t, ['tokens', 'create', '--email', 'commissioner@demo.catalyst.test', '--council', 'OTHER']), /has no role in Other District Council/)

    await t.withDb(async (db) => {
      const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { db })
      try {
        const ok = await app.inject({ method: 'GET', url: '/api/v1/providers', headers: { authorization: `Bearer ${run.json.token}` } })
        assert.equal(ok.statusCode, 200)
        const readOnly = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: { authorization: `Bearer ${run.json.token}`, 'content-type': 'application/json' }, payload: '{}' })
        assert.equal(readOnly.statusCode, 403)
        const written = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: { authorization: `Bearer ${writer.json.token}`, 'content-type': 'application/json' }, payload: '{}' })
        assert.equal(written.statusCode, 400, 'a providers:write token reaches the validation')
        const refused = await app.inject({ method: 'GET', url: '/api/v1/providers', headers: { authorization: 'Bearer cat_not-a-token' } })
        assert.equal(refused.statusCode, 401)
      } finally {
        await app.close()
      }
    })
  })
})

