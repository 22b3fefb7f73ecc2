/**
 * Adding many providers at once (an import's new suppliers, ADR 0035) keeps createProvider's hard rule: an
 * identifier belongs to one provider of the council. A clash with the register or within the batch refuses the
 * whole batch with the message a single add gives, and adds nothing; otherwise every provider is added and audited.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestDatabase } from '../../../test/support/database.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { runMigrations } from '../../platform/db/migrations.ts'
import { councils } from '../councils/schema.ts'
import { providers } from './schema.ts'
import { createProvider, createProviders, getProvider, ProviderInputError, type ProviderInput } from './service.ts'

const input = (name: string, companyNumber: string): ProviderInput => ({
  name,
  legalForm: 'other',
  identifiers: [{ scheme: 'GB-COH', identifier: companyNumber }],
  flags: ['sme'],
  addressLine1: null,
  addressLine2: null,
  town: null,
  postcode: null,
  website: null,
  serviceCategories: [],
  areasServed: [],
  published: false,
  privateNotes: null,
})

test('createProviders adds and audits many providers, and refuses an identifier held already or given twice', async () => {
  const handle = await createTestDatabase()
  try {
    await runMigrations(handle)
    const db = handle.db
    const actor = systemActor('test')
    const now = new Date('2026-12-07T12:00:00Z')
    const [council] = await db.insert(councils).values({ name: 'Many Borough Council', code: 'MANY', type: 'unitary' }).returning()
    const councilId = council!.id
    await createProvider(db, councilId, input('Held Care Ltd', '01234567'), actor, now)
    const count = async () => (await db.select().from(providers).where(eq(providers.councilId, councilId))).length

    await assert.rejects(
      db.transaction((tx) => createProviders(tx, councilId, [input('New Care Ltd', '07654321'), input('Another Care Ltd', '01234567')], actor, now)),
      (error: unknown) => error instanceof ProviderInputError && /01234567 is already recorded for Held Care Ltd/.test(error.message),
    )
    await assert.rejects(
      db.transaction((tx) => createProviders(tx, councilId, [input('First Ltd', '11111111'), input('Second Ltd', '11111111')], actor, now)),
      (error: unknown) => error instanceof ProviderInputError && /11111111 is already recorded for First Ltd/.test(error.message),
    )
    assert.equal(await count(), 1, 'nothing was added by a refused batch')

    const added = await db.transaction((tx) => createProviders(tx, councilId, [input('Alpha Care Ltd', '22222222'), input('Beta Care Ltd', '33333333')], actor, now))
    assert.deepEqual(added.map((p) => p.name), ['Alpha Care Ltd', 'Beta Care Ltd'])
    assert.equal(await count(), 3)
    const beta = await getProvider(db, councilId, added[1]!.id)
    assert.deepEqual(beta?.identifiers, [{ scheme: 'GB-COH', identifier: '33333333' }])
    assert.equal(beta?.isSme, true)
    const audits = await db.select().from(auditEntries).where(eq(auditEntries.entityId, added[0]!.id))
    assert.equal(audits.length, 1)
    assert.equal(audits[0]?.action, 'create')
    assert.equal((audits[0]?.after as { name: string }).name, 'Alpha Care Ltd')
  } finally {
    await handle.close()
  }
})
