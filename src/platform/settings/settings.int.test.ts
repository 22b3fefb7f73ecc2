import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { z } from 'zod'
import { createTestDatabase } from '../../../test/support/database.ts'
import { loadDemo } from '../../demo/seed.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { historyOf, systemActor } from '../audit/audit.ts'
import type { DatabaseHandle } from '../db/database.ts'
import { readSettings, settingsSection, writeSettings } from './settings.ts'

const section = settingsSection(
  'example',
  z.object({
    windowHours: z.number().int().min(0).default(72),
    districts: z.array(z.string()).default([]),
  }),
)

let handle: DatabaseHandle
let councilId: string
let otherId: string
before(async () => {
  handle = await createTestDatabase()
  await loadDemo(handle.db, { password: 'correct-horse-battery', now: new Date('2026-11-22T09:00:00Z') })
  councilId = (await findCouncil(handle.db, 'DEMO'))!.id
  otherId = (await findCouncil(handle.db, 'OTHER'))!.id
})
after(async () => handle.close())

test('a council with no stored settings gets the defaults', async () => {
  assert.deepEqual(await readSettings(handle.db, councilId, section), { windowHours: 72, districts: [] })
})

test('saved settings are the council’s own, merged over the defaults, and audited', async () => {
  await handle.db.transaction(async (tx) =>
    writeSettings(tx, { actor: systemActor('test'), councilId, section, values: { districts: ['TS1', 'TS2'] }, now: new Date('2026-11-22T10:00:00Z') }),
  )
  assert.deepEqual(await readSettings(handle.db, councilId, section), { windowHours: 72, districts: ['TS1', 'TS2'] })
  assert.deepEqual(await readSettings(handle.db, otherId, section), { windowHours: 72, districts: [] })
  const history = await historyOf(handle.db, { councilId, entityType: 'council-settings', entityId: `${councilId}:example` })
  assert.equal(history.length, 1)
  assert.deepEqual(history[0]!.after, { windowHours: 72, districts: ['TS1', 'TS2'] })
})

test('an invalid value is refused and nothing is stored', async () => {
  await assert.rejects(
    handle.db.transaction(async (tx) =>
      writeSettings(tx, { actor: systemActor('test'), councilId: otherId, section, values: { windowHours: -1 }, now: new Date() }),
    ),
  )
  assert.deepEqual(await readSettings(handle.db, otherId, section), { windowHours: 72, districts: [] })
})
