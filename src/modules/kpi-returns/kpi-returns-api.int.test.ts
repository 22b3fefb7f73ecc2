/**
 * POST /api/v1/kpi-returns: a provider sends a quarter's KPI figure through the API under the returns page's rules,
 * audited; corrections answer 200; an accepted return is final (409); bad JSON is a problem naming each field; a KPI
 * of another provider or another council is refused as unknown; a read-only token or a staff role cannot send.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq, ne } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { tokenFor } from '../../../test/support/api.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { membershipFor } from '../../platform/auth/accounts.ts'
import { memberships } from '../../platform/auth/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { londonDate } from '../contracts/dates.ts'
import { reportableQuarters } from './rules.ts'
import { kpiReturns } from './schema.ts'
import * as service from './service.ts'

let t: TestApp
let writer = ''
let reader = ''
let demoId = ''
let otherId = ''
let providerId = ''
let open: { kpiId: string; periodStart: string }[] = []

const post = (bearer: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/kpi-returns', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })

before(async () => {
  t = await createTestApp()
  writer = await tokenFor(t, 'provider@demo.catalyst.test', ['kpi-returns:write'])
  reader = await tokenFor(t, 'provider@demo.catalyst.test', ['*:read'])
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
  otherId = (await findCouncil(t.db.db, 'OTHER'))!.id
  const membership = (await membershipFor(t.db.db, 'provider@demo.catalyst.test'))!
  const [own] = await t.db.db.select({ providerId: memberships.providerId }).from(memberships).where(eq(memberships.id, membership.membershipId))
  providerId = own!.providerId!
  // Every ended quarter of the provider's KPIs with no return yet: each test takes its own.
  const today = londonDate(new Date())
  for (const kpi of await service.kpisOf(t.db.db, demoId, { providerId })) {
    const sent = await service.returnsFor(t.db.db, demoId, [kpi.kpiId])
    for (const q of reportableQuarters(kpi, today)) if (!sent.some((r) => r.periodStart === q.start)) open.push({ kpiId: kpi.kpiId, periodStart: q.start })
  }
  assert.ok(open.length >= 3, 'the demo provider has quarters left to report')
})
after(async () => t.close())

test('a new return is 201, stored as typed and audited; sending again corrects it with 200', async () => {
  const slot = open.pop()!
  const created = await post(writer, { ...slot, figure: '1,234.5%', note: 'From the care records' })
  assert.equal(created.statusCode, 201, created.body)
  const body = created.json()
  assert.equal(body.figure, '1234.5')
  assert.equal(body.status, 'submitted')
  assert.equal(body.providerId, providerId)
  const [row] = await t.db.db.select().from(kpiReturns).where(and(eq(kpiReturns.kpiId, slot.kpiId), eq(kpiReturns.periodStart, slot.periodStart)))
  assert.equal(Number(row!.figure), 1234.5)
  assert.equal(row!.note, 'From the care records')
  const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'kpi-return'), eq(auditEntries.entityId, row!.id)))
  assert.deepEqual(audit.map((a) => a.action), ['create'])

  const corrected = await post(writer, { ...slot, figure: 97.25 })
  assert.equal(corrected.statusCode, 200, corrected.body)
  assert.equal(corrected.json().figure, '97.25')
  assert.equal(corrected.json().id, row!.id)
  const audits = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'kpi-return'), eq(auditEntries.entityId, row!.id)))
  assert.deepEqual(audits.map((a) => a.action).sort(), ['correct', 'create'])
})

test('an accepted return is final: 409, and the figure stays', async () => {
  const slot = open.pop()!
  const created = (await post(writer, { ...slot, figure: 90 })).json()
  await t.db.db.transaction((tx) => service.decideReturn(tx, { councilId: demoId, id: created.id, decision: { decision: 'accept' }, actor: { userId: null, label: 'test' }, now: new Date() }))
  const again = await post(writer, { ...slot, figure: 99 })
  assert.equal(again.statusCode, 409)
  assert.equal(again.json().errors[0].field, '/figure')
  const [row] = await t.db.db.select().from(kpiReturns).where(eq(kpiReturns.id, created.id))
  assert.equal(Number(row!.figure), 90)
})

test('bad JSON is a 400 problem naming each field, by the page’s rules; nothing is written', async () => {
  const slot = open.at(-1)!
  const before = await t.db.db.select().from(kpiReturns)
  const typed = await post(writer, { kpiId: 'nope', periodStart: '2026-02-30', figure: true, colour: 'red' })
  assert.equal(typed.statusCode, 400)
  assert.match(String(typed.headers['content-type']), /application\/problem\+json/)
  assert.deepEqual(typed.json().errors.map((e: { field: string }) => e.field).sort(), ['/', '/figure', '/kpiId', '/periodStart'])
  // The page's own reading of a figure: a word is not a number, and more than 4 decimal places is refused.
  const word = await post(writer, { ...slot, figure: 'about ninety' })
  assert.equal(word.statusCode, 400)
  assert.equal(word.json().errors[0].field, '/figure')
  assert.match(word.json().errors[0].message, /as a number/)
  assert.equal((await post(writer, { ...slot, figure: '96.12345' })).statusCode, 400)
  // A quarter that has not ended, or that is not a quarter's first day.
  const future = await post(writer, { ...slot, periodStart: '2099-04-01', figure: 1 })
  assert.equal(future.statusCode, 400)
  assert.deepEqual(future.json().errors.map((e: { field: string }) => e.field), ['/periodStart'])
  assert.equal((await post(writer, { ...slot, periodStart: '2025-04-02', figure: 1 })).json().errors[0].field, '/periodStart')
  assert.equal((await t.db.db.select().from(kpiReturns)).length, before.length)
})

test('a KPI of another provider or another council is unknown; a read-only token and a staff role cannot send', async () => {
  const slot = open.at(-1)!
  const [otherCouncilKpi] = await service.kpisOf(t.db.db, otherId)
  assert.ok(otherCouncilKpi, 'the other council has a KPI')
  const foreign = await post(writer, { kpiId: otherCouncilKpi.kpiId, periodStart: slot.periodStart, figure: 1 })
  assert.equal(foreign.statusCode, 400)
  assert.deepEqual(foreign.json().errors, [{ field: '/kpiId', message: 'No KPI of your contracts has this id' }])
  const others = (await service.kpisOf(t.db.db, demoId)).filter((k) => !k.suppliers.some((s) => s.id === providerId))
  if (others[0]) assert.equal((await post(writer, { kpiId: others[0].kpiId, periodStart: slot.periodStart, figure: 1 })).json().errors[0].field, '/kpiId')

  const readOnly = await post(reader, { ...slot, figure: 1 })
  assert.equal(readOnly.statusCode, 403)
  assert.match(readOnly.json().detail ?? readOnly.json().title, /kpi-returns:write/)
  const staff = await post(await tokenFor(t, 'commissioner@demo.catalyst.test', ['*:write']), { ...slot, figure: 1 })
  assert.equal(staff.statusCode, 403)
  const sent = await t.db.db.select().from(kpiReturns).where(and(eq(kpiReturns.kpiId, slot.kpiId), eq(kpiReturns.periodStart, slot.periodStart), ne(kpiReturns.status, 'x')))
  assert.deepEqual(sent, [])
})
