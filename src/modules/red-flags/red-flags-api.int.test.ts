/** The red flags API: the day's flags a page at a time in key order, by rule and status, tenancy and scopes. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { apiGet, tokenFor, walkPages } from '../../../test/support/api.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { findCouncil } from '../councils/service.ts'
import { londonDate } from '../contracts/dates.ts'
import { councilRedFlags, dismissFlag } from './service.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoId = ''

before(async () => {
  t = await createTestApp()
  reader = await tokenFor(t, 'commissioner@demo.catalyst.test', ['red-flags:read'])
  otherAdmin = await tokenFor(t, 'admin@other.catalyst.test', ['*:read'])
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const today = () => londonDate(new Date())

test('paging walks every open flag once, in key order, as the rules raise them today', async () => {
  const groups = await councilRedFlags(t.db.db, demoId, today())
  const open = groups.flatMap((g) => g.open.map((f) => f.key))
  assert.ok(open.length >= 3, 'the demo raises flags')
  const seen = (await walkPages(t, '/api/v1/red-flags?limit=2', reader)).map((f) => f.key!)
  assert.deepEqual(seen, [...open].sort())
  const rule = groups.find((g) => g.open.length > 0)!.rule
  const oneRule = (await walkPages(t, `/api/v1/red-flags?rule=${rule.id}&limit=1`, reader)) as { key: string; rule: { id: string; legalBasis: { cites: string[] } } }[]
  assert.equal(oneRule.length, groups.find((g) => g.rule.id === rule.id)!.open.length)
  assert.ok(oneRule.every((f) => f.rule.id === rule.id && f.rule.legalBasis.cites.length > 0))
})

test('a dismissed flag leaves the open list and is listed as dismissed with its reason', async () => {
  const groups = await councilRedFlags(t.db.db, demoId, today())
  const flag = groups.flatMap((g) => g.open)[0]!
  await dismissFlag(t.db.db, { councilId: demoId, flag, reason: 'Checked with the service: a known one-off', actor: systemActor('test'), now: new Date() })
  const open = await walkPages(t, '/api/v1/red-flags?limit=200', reader)
  assert.ok(!open.some((f) => f.key === flag.key))
  const dismissed = (await walkPages(t, '/api/v1/red-flags?status=dismissed', reader)) as { key: string; status: string; dismissal: { reason: string } }[]
  const listed = dismissed.find((f) => f.key === flag.key)
  assert.equal(listed?.status, 'dismissed')
  assert.equal(listed?.dismissal.reason, 'Checked with the service: a known one-off')
  const all = await walkPages(t, '/api/v1/red-flags?status=all&limit=200', reader)
  assert.equal(all.length, open.length + dismissed.length)
})

test('bad filters are a problem naming each; another council sees only its own flags; the scope is red-flags', async () => {
  const bad = await apiGet(t, '/api/v1/red-flags?rule=RF-NOPE&status=closed&limit=x', reader)
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['/limit', '/rule', '/status'])
  const theirs = await walkPages(t, '/api/v1/red-flags?status=all&limit=200', otherAdmin)
  const otherGroups = await councilRedFlags(t.db.db, (await findCouncil(t.db.db, 'OTHER'))!.id, today())
  assert.deepEqual(theirs.map((f) => f.key).sort(), otherGroups.flatMap((g) => [...g.open, ...g.dismissed.flatMap((d) => (d.flag ? [d.flag] : []))]).map((f) => f.key).sort())
  assert.equal((await apiGet(t, '/api/v1/spend/payees', reader)).status, 403)
})
