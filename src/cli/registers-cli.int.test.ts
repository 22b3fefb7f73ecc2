/** `catalyst import ocds|contracts|360giving` and `catalyst export ...` as a person runs them. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { spawn } from 'node:child_process'
import { assertUserError, catalyst, cli, root, target } from '../../test/support/cli.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { upsertCouncil } from '../modules/councils/service.ts'

const fixture = (name: string) => path.join(root, 'test/fixtures', name)

test('import ocds twice (the second run changes nothing), export ocds, and a file that cannot be read', async () => {
  const t = await target({ demo: true })

  const first = await catalyst(t, ['import', 'ocds', fixture('ocds/find-a-tender-release-package.json'), '--json'])
  assert.equal(first.status, 0, first.stderr)
  assert.equal(first.json.created, 2)
  assert.equal(first.json.updated, 0)
  assert.equal(first.json.skipped, 1)
  assert.deepEqual(first.json.opportunities, { created: 1, updated: 0, unchanged: 0 })
  assert.ok(first.json.skippedRows.every((r: { reason: string }) => r.reason.length > 0))
  assert.ok(first.json.warnings.some((w: string) => /preliminaryMarketEngagement/.test(w)))
  const second = await catalyst(t, ['import', 'ocds', fixture('ocds/find-a-tender-release-package.json'), '--json'])
  assert.deepEqual([second.json.created, second.json.updated, second.json.unchanged], [0, 0, 2])

  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-export-')), 'ocds.json')
  const exported = await catalyst(t, ['export', 'ocds', '--council', 'DEMO', '--out', out])
  assert.equal(exported.status, 0, exported.stderr)
  const pkg = JSON.parse(fs.readFileSync(out, 'utf8'))
  assert.equal(pkg.version, '1.1')
  assert.equal(pkg.releases.length, 12)
  // Piped into a reader that stops early (`| head`): the command ends quietly, with no EPIPE error.
  const piped = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn('/bin/sh', ['-c', `"${process.execPath}" "${cli}" export ocds --council DEMO | head -c 20`], { cwd: root, env: { PATH: '/usr/bin:/bin', TZ: 'Europe/London', ...t.env } })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (status) => resolve({ status, stderr }))
  })
  assert.doesNotMatch(piped.stderr, /EPIPE|unexpected error/)
  assertUserError(await catalyst(t, ['import', 'ocds', fixture('ocds/not-json.json')]), /not-json\.json was not imported: the file is not valid JSON .*Nothing was changed\.$/)
})

test('export of a register with nothing published is refused with a clear message, and writes no file', async () => {
  const t = await target()
  assert.equal((await catalyst(t, ['migrate'])).status, 0)
  await t.withDb((db) => upsertCouncil(db, { name: 'Emptyshire County Council', code: 'EMPT', type: 'county', isTenant: true }, systemActor('test'), new Date()))
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-empty-')), 'package.json')
  assertUserError(await catalyst(t, ['export', 'ocds', '--council', 'EMPT', '--out', out]), /Emptyshire County Council has no published contracts: an OCDS package must hold at least one release, so nothing was written/)
  assertUserError(await catalyst(t, ['export', 'ocds', '--records', '--council', 'EMPT']), /has no published contracts/)
  assertUserError(await catalyst(t, ['export', '360giving', '--council', 'EMPT', '--out', out]), /Emptyshire County Council has no published grants: a 360Giving package must hold at least one grant, so nothing was written/)
  assert.equal(fs.existsSync(out), false)
  // A CSV with no rows is still a valid CSV: its column titles only.
  const csv = await catalyst(t, ['export', '360giving', '--council', 'EMPT', '--format', 'csv'])
  assert.equal(csv.status, 0, csv.stderr)
  assert.match(csv.stdout.trim(), /^Identifier,Title,Description[^\n]*$/)
})
