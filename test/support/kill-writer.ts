/**
 * The child process of test/kill.int.test.ts. Opens the database (a data folder for the embedded database, or a
 * PostgreSQL URL), then writes transactions until it is killed. Each transaction adds one provider, its two
 * identifiers and its audit entry; once a transaction has committed, its provider's id is printed on a line of its
 * own ("committed <uuid>"), so that every id the parent reads is a write the database acknowledged.
 *
 *   node --import tsx test/support/kill-writer.ts <run number> <data folder | postgres:// URL>
 */
import { eq } from 'drizzle-orm'
import { systemActor, recordAudit } from '../../src/platform/audit/audit.ts'
import { openDatabase } from '../../src/platform/db/database.ts'
import { runMigrations } from '../../src/platform/db/migrations.ts'
import { councils } from '../../src/modules/councils/schema.ts'
import { upsertCouncil } from '../../src/modules/councils/service.ts'
import { providerIdentifiers, providers } from '../../src/modules/providers/schema.ts'

export const KILL_COUNCIL_CODE = 'KILLTEST'

const [runArg, target] = process.argv.slice(2)
if (!runArg || !target) {
  process.stderr.write('usage: kill-writer.ts <run number> <data folder | postgres:// URL>\n')
  process.exit(2)
}
const run = Number(runArg)
const postgres = /^postgres(ql)?:\/\//.test(target)
const handle = await openDatabase({ databaseUrl: postgres ? target : undefined, dataDir: postgres ? 'memory' : target })
await runMigrations(handle)
const actor = systemActor('kill test writer')
await handle.db.transaction(async (tx) => {
  await upsertCouncil(tx, { name: 'Kill Test Council', code: KILL_COUNCIL_CODE, type: 'other', isTenant: true }, actor, new Date())
})
const [council] = await handle.db.select().from(councils).where(eq(councils.code, KILL_COUNCIL_CODE))
if (!council) throw new Error('the kill test council was not created')
process.stdout.write('ready\n')

for (let n = 0; ; n++) {
  const id = await handle.db.transaction(async (tx) => {
    const name = `Kill Test Provider ${run}-${n}`
    const [provider] = await tx
      .insert(providers)
      .values({ councilId: council.id, name, nameKey: name.toLowerCase(), legalForm: 'company', isSme: n % 2 === 0, serviceCategories: ['transport'] })
      .returning({ id: providers.id })
    if (!provider) throw new Error('insert returned no row')
    await tx.insert(providerIdentifiers).values([
      { providerId: provider.id, councilId: council.id, scheme: 'GB-COH', identifier: `K${String(run).padStart(2, '0')}${String(n).padStart(5, '0')}` },
      { providerId: provider.id, councilId: council.id, scheme: 'GB-CHC', identifier: `${run}${String(n).padStart(6, '0')}` },
    ])
    await recordAudit(tx, {
      actor,
      councilId: council.id,
      action: 'create',
      entityType: 'provider',
      entityId: provider.id,
      after: { name },
      at: new Date(),
    })
    return provider.id
  })
  // Written only after the commit returned; stdout to a pipe is synchronous on Linux, so a printed id is never lost.
  process.stdout.write(`committed ${id}\n`)
}
