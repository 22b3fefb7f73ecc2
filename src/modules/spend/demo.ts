/**
 * Demo spend for DEMO and OTHER: a modest file per council (about 1,500 payments over two financial years), made
 * the same every time from a seeded generator and imported through the real importer. The file's checksum makes a
 * second run a no-op. Payees include the council's demo providers (some under variant names, so matching shows), a
 * withheld payee, and suppliers the register does not know.
 */
import { asc, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import type { Executor } from '../../platform/db/database.ts'
import { providers } from '../providers/schema.ts'
import { checksumOf, findImportByChecksum, importSpend } from './import.ts'

const DEPARTMENTS = ['Adult Social Care', "Children's Services", 'Housing', 'Highways', 'Public Health', 'Corporate Services']
const CATEGORIES = ['Residential care', 'Home care', 'Supported living', 'Consultancy', 'Road maintenance', 'IT software', 'Grants to VCSE', 'Transport']
const OTHERS = [
  'Northgate Highways Ltd', 'Summit IT Solutions Limited', 'Castle Legal LLP', 'Beacon Agency Staffing Ltd', 'Granite Facilities plc',
  'Kestrel Transport Ltd', 'Willow Training CIC', 'Harbour Print & Post Ltd', 'Meadow Foods Limited', 'Star Security Services Ltd',
]

function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The demo spend file for a council: CSV text in a typical council layout (day-first dates, £ amounts). */
export function demoSpendCsv(providerNames: string[], seed: number, rows = 1500): string {
  const random = seeded(seed)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!
  // A provider's name as a council's ledger might write it: upper case, or LTD for Limited.
  const variant = (name: string) => (random() < 0.3 ? name.toUpperCase() : random() < 0.3 ? name.replace(/\bLimited\b/, 'Ltd') : name)
  const payees = [...providerNames, ...OTHERS, 'REDACTED - personal data']
  const lines = ['Date Paid,Supplier Name,Department,Expense Type,Amount,Transaction Number']
  const start = Date.UTC(2024, 3, 1)
  for (let i = 0; i < rows; i++) {
    const payee = payees[Math.floor(Math.pow(random(), 1.8) * payees.length)]!
    const date = new Date(start + Math.floor(random() * 730) * 86_400_000)
    const dd = String(date.getUTCDate()).padStart(2, '0')
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0')
    const pence = 50_000 + Math.floor(Math.pow(random(), 3) * 4_000_000)
    const amount = `"£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}"`
    const name = variant(payee)
    lines.push(`${dd}/${mm}/${date.getUTCFullYear()},"${name.replace(/"/g, '""')}",${pick(DEPARTMENTS)},${pick(CATEGORIES)},${amount},DEMO${seed}-${String(i + 1).padStart(5, '0')}`)
  }
  return `${lines.join('\r\n')}\r\n`
}

async function providerNamesOf(tx: Executor, councilId: string): Promise<string[]> {
  const rows = await tx.select({ name: providers.name }).from(providers).where(eq(providers.councilId, councilId)).orderBy(asc(providers.name))
  return rows.map((r) => r.name)
}

export const seedDemoSpend: DemoSeed = async (tx, context) => {
  for (const [councilId, seed] of [[context.demoCouncilId, 11], [context.otherCouncilId, 23]] as const) {
    const bytes = new TextEncoder().encode(demoSpendCsv(await providerNamesOf(tx, councilId), seed))
    if (await findImportByChecksum(tx, councilId, checksumOf(bytes))) continue
    const outcome = await importSpend(tx, { councilId, fileName: 'demo-spend-2024-2026.csv', bytes, actor: context.actor, now: context.now })
    if (outcome.outcome !== 'imported') throw new Error(`Demo spend was not imported: ${'reason' in outcome ? outcome.reason : outcome.outcome}`)
  }
}
