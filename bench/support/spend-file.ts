/**
 * A generated spend file of any size, the same every time (a seeded generator): a few thousand suppliers paid
 * unevenly (a few large, many small), departments and expense types tied to each supplier, dates over two financial
 * years. Plain ISO dates and amounts, so that PostgreSQL's COPY can load the very same rows for the baseline.
 */
const DEPARTMENTS = ['Adult Social Care', "Children's Services", 'Housing', 'Highways', 'Waste and Recycling', 'Public Health', 'Leisure', 'Planning', 'Libraries', 'Corporate Services', 'Education', 'Environment']
const CATEGORIES = ['Residential care', 'Home care', 'Supported living', 'Foster care', 'Agency staff', 'Road maintenance', 'Waste collection', 'Consultancy', 'IT software', 'IT hardware', 'Building repairs', 'Cleaning', 'Catering', 'Transport', 'Legal fees', 'Training', 'Grants to VCSE', 'Rent', 'Utilities', 'Insurance', 'Printing', 'Security', 'Grounds maintenance', 'Advertising', 'Day care', 'Respite care', 'Equipment', 'Fuel', 'Postage', 'Subscriptions']
const WORDS = ['Riverside', 'Northgate', 'Oak', 'Meadow', 'Harbour', 'Summit', 'Beacon', 'Valley', 'Castle', 'Bridge', 'Forest', 'Crown', 'Star', 'Phoenix', 'Granite', 'Willow', 'Kestrel', 'Heron', 'Maple', 'Cedar']
const KINDS = ['Care', 'Services', 'Construction', 'Consulting', 'Supplies', 'Trust', 'Transport', 'Solutions', 'Group', 'Homes']
const SUFFIXES = ['Ltd', 'Limited', 'LLP', 'CIC', 'plc', '']

/** Mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedSupplier {
  name: string
  department: string
  category: string
}

export function generatedSuppliers(count: number, seed = 7): GeneratedSupplier[] {
  const random = seededRandom(seed)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!
  const suppliers: GeneratedSupplier[] = []
  for (let i = 0; i < count; i++) {
    const suffix = pick(SUFFIXES)
    suppliers.push({
      name: `${pick(WORDS)} ${pick(WORDS)} ${pick(KINDS)} ${i + 1}${suffix ? ` ${suffix}` : ''}`,
      department: pick(DEPARTMENTS),
      category: pick(CATEGORIES),
    })
  }
  return suppliers
}

/**
 * CSV text of `rows` payments (header first). Payees follow a skewed distribution, so the concentration figures are
 * like a council's: a handful take a large share.
 */
export function generateSpendCsv(rows: number, options: { suppliers?: number; seed?: number; startYear?: number; years?: number } = {}): string {
  const suppliers = generatedSuppliers(options.suppliers ?? 5_000, options.seed ?? 7)
  const random = seededRandom((options.seed ?? 7) + 1)
  const startYear = options.startYear ?? 2023
  const days = Math.round(365.25 * (options.years ?? 2))
  const start = Date.UTC(startYear, 3, 1)
  const parts: string[] = ['Payment Date,Supplier Name,Amount,Department,Expense Type,Transaction Number\n']
  let chunk = ''
  for (let i = 0; i < rows; i++) {
    const supplier = suppliers[Math.floor(Math.pow(random(), 2.2) * suppliers.length)]!
    const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10)
    const pence = 50_000 + Math.floor(Math.pow(random(), 3) * 5_000_000)
    const amount = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`
    chunk += `${date},${supplier.name},${amount},${supplier.department},${supplier.category},T${String(i + 1).padStart(8, '0')}\n`
    if ((i + 1) % 10_000 === 0) {
      parts.push(chunk)
      chunk = ''
    }
  }
  parts.push(chunk)
  return parts.join('')
}
