/**
 * OCDS export speed and memory: a council's register of 10,000 and then 50,000 contracts (each with a supplier
 * from 2,000 providers, notices and CPV codes) exported as an OCDS release package to a sink that discards it. The
 * export streams, so the JavaScript heap it needs must not grow with the number of contracts: the peak heap above
 * the baseline is measured at both sizes and compared.
 *
 *   node --expose-gc --import tsx bench/ocds-export.ts     Target: peak at 50k no more than 1.5x the peak at 10k.
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { contractNotices, contracts, contractSuppliers } from '../src/modules/contracts/schema.ts'
import { ocdsPackage } from '../src/modules/contracts/ocds/export.ts'
import { openDataIdentity } from '../src/modules/contracts/settings.ts'
import { findCouncil, upsertCouncil } from '../src/modules/councils/service.ts'
import { providers } from '../src/modules/providers/schema.ts'
import { systemActor } from '../src/platform/audit/audit.ts'
import { openDatabase } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { line, writeResults } from './support/report.ts'

const SIZES = [10_000, 50_000]
const PROVIDERS = 2_000
const TARGET_RATIO = 1.5
const gc = (globalThis as { gc?: () => void }).gc

const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory' })
await runMigrations(handle)
const db = handle.db
const now = new Date('2026-06-01T09:00:00Z')
await upsertCouncil(db, { name: 'Benchmark Borough Council', code: 'BEN', laeCode: 'BEN', type: 'unitary', isTenant: true }, systemActor('benchmark'), now)
const council = (await findCouncil(db, 'BEN'))!
const identity = await openDataIdentity(db, council)

const providerIds: string[] = []
for (let start = 0; start < PROVIDERS; start += 1000) {
  const rows = await db
    .insert(providers)
    .values(Array.from({ length: 1000 }, (_, i) => ({ councilId: council.id, name: `Provider ${start + i} Ltd`, nameKey: `provider ${start + i}`, legalForm: 'company-shares', isSme: i % 2 === 0, published: true })))
    .returning({ id: providers.id })
  providerIds.push(...rows.map((r) => r.id))
}

let inserted = 0
async function grow(to: number) {
  while (inserted < to) {
    const batch = Math.min(1000, to - inserted)
    const rows = await db
      .insert(contracts)
      .values(
        Array.from({ length: batch }, (_, i) => {
          const n = inserted + i
          return {
            councilId: council.id, reference: `BEN-${n}`, title: `Contract ${n} for services to residents`, description: 'Generated for the benchmark.',
            cpvCodes: ['85312000', '85311000'], mainCategory: 'services', awardProcedure: 'open', status: 'active', totalValuePence: 1_000_000 + n,
            startDate: '2026-04-01', endDate: '2028-03-31', awardDate: '2026-02-01', createdAt: now, updatedAt: now,
          }
        }),
      )
      .returning({ id: contracts.id })
    await db.insert(contractSuppliers).values(rows.map((r, i) => ({ contractId: r.id, providerId: providerIds[(inserted + i) % PROVIDERS]!, councilId: council.id })))
    await db.insert(contractNotices).values(rows.map((r) => ({ contractId: r.id, councilId: council.id, noticeType: 'UK7', publishedOn: '2026-04-01' })))
    inserted += batch
  }
}

async function exportOnce(size: number) {
  gc?.()
  const baseline = process.memoryUsage().heapUsed
  let peak = baseline
  // Without --expose-gc, sample the heap as it is (garbage included).
  const sampler = setInterval(() => {
    if (!gc) peak = Math.max(peak, process.memoryUsage().heapUsed)
  }, 5)
  let bytes = 0
  const started = performance.now()
  let chunks = 0
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      // What the export keeps alive: the heap after a collection, every 1,000 releases. (Without collecting, the
      // figure is mostly garbage V8 has not yet swept, which depends on its heuristics, not on the export.)
      if (gc && ++chunks % 1000 === 0) {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed)
      }
      done()
    },
  })
  await pipeline(Readable.from(ocdsPackage(db, { council, identity, uri: 'urn:bench', publishedDate: now }, 'releases')), sink)
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const peakMiB = (peak - baseline) / 1024 / 1024
  line(`${size.toLocaleString('en-GB')} contracts: ${seconds.toFixed(1)} s, ${Math.round(size / seconds).toLocaleString('en-GB')} contracts/s, ${(bytes / 1024 / 1024).toFixed(1)} MiB written, peak live heap above baseline ${peakMiB.toFixed(1)} MiB`)
  return { size, seconds, perSecond: size / seconds, bytes, peakHeapMiB: peakMiB }
}

line(`# OCDS export: release package of ${SIZES.map((s) => s.toLocaleString('en-GB')).join(' and ')} contracts, embedded database, Node ${process.version}${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`)
const results = []
for (const size of SIZES) {
  await grow(size)
  results.push(await exportOnce(size))
}
await handle.close()
// Both peaks are a few MiB; a floor of 1 MiB keeps the ratio meaningful when the first is close to nothing.
const ratio = Math.max(1, results[1]!.peakHeapMiB) / Math.max(1, results[0]!.peakHeapMiB)
const pass = ratio <= TARGET_RATIO
line(`${pass ? 'PASS' : 'FAIL'} peak heap at 50,000 is ${ratio.toFixed(2)}x the peak at 10,000 (target <= ${TARGET_RATIO}x: memory does not grow with the register)`)
line(`results: ${writeResults('ocds-export', { results, ratio })}`)
process.exit(pass ? 0 : 1)
