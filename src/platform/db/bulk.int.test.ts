/**
 * Set-wise statements (ADR 0035): rows written with one array parameter per column read back exactly as Drizzle
 * would have written them, on both databases, whatever the text holds; a column left to its default in some rows
 * only, or a row missing a column that asStored would have to guess, is refused.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestDatabase } from '../../../test/support/database.ts'
import { providers } from '../../modules/providers/schema.ts'
import { councils } from '../../modules/councils/schema.ts'
import { auditEntries } from '../audit/schema.ts'
import { anyOf, asStored, insertRows } from './bulk.ts'
import { runMigrations } from './migrations.ts'

test('insertRows stores text, nulls, arrays, JSON, booleans and timestamps as given; anyOf finds them; mixed defaults are refused', async () => {
  const handle = await createTestDatabase()
  try {
    await runMigrations(handle)
    const db = handle.db
    const [council] = await db.insert(councils).values({ name: 'Bulk Borough Council', code: 'BULK', type: 'unitary' }).returning()
    const at = new Date('2026-12-07T10:11:12.345Z')
    const awkward = ['He said "hello", then {left}', 'back\\slash', '  spaced  ', 'NULL', '', 'Ünïcödé — £5,000']
    const rows = awkward.map((name, i) => ({
      id: randomUUID(),
      councilId: council!.id,
      name,
      nameKey: `key ${i}`,
      legalForm: 'other',
      isSme: i % 2 === 0,
      isVcse: false,
      isSupportedEmploymentProvider: false,
      isPublicServiceMutual: false,
      addressLine1: i === 0 ? null : name,
      addressLine2: null,
      town: null,
      postcode: null,
      website: null,
      serviceCategories: i === 1 ? [] : [name, 'adult-social-care'],
      areasServed: [],
      privateNotes: null,
      published: false,
      createdAt: at,
      updatedAt: at,
    }))
    const given = asStored(providers, rows)
    await insertRows(db, providers, given)
    const stored = await db.select().from(providers).where(and(eq(providers.councilId, council!.id), anyOf(providers.id, rows.map((r) => r.id))))
    assert.equal(stored.length, rows.length)
    for (const row of given) assert.deepEqual(stored.find((s) => s.id === row.id), row)

    const snapshot = { name: awkward[0], amounts: [1, 2.5], nested: { quote: '"', slash: '\\' } }
    await insertRows(db, auditEntries, [
      { councilId: council!.id, actorUserId: null, actorLabel: 'test', action: 'import', entityType: 'bulk', entityId: 'one', before: null, after: snapshot, requestId: null, at },
    ])
    const [entry] = await db.select().from(auditEntries).where(eq(auditEntries.entityType, 'bulk'))
    assert.deepEqual(entry?.after, snapshot)
    assert.equal(entry?.at.toISOString(), at.toISOString())

    await assert.rejects(
      insertRows(db, providers, [rows[0]!, { ...rows[1]!, id: randomUUID(), nameKey: 'other', createdAt: undefined }]),
      /some rows give createdAt and some leave it to its default/,
    )
    assert.throws(() => asStored(providers, [{ ...rows[0]!, updatedAt: undefined }]), /does not give updatedAt/)
  } finally {
    await handle.close()
  }
})
