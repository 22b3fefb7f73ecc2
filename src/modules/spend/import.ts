/**
 * Importing a spend file: read it (reader/), refuse what cannot be mapped or was imported before, then in one
 * transaction COPY its payments while reading them, add the file's new payees, match payees to the provider
 * register, add the file's totals to the summaries, and record it. All of a file's rows or none.
 *
 * Speed (bench/spend-import.ts): the file is parsed once; payee ids come from the council's known name variants,
 * loaded once, or are made here for new names, so every payment row is complete when it is read and goes to COPY
 * straight away (ADR 0041); summaries are added up while reading, so SQL never scans the new payments again.
 */
import { createHash, randomUUID } from 'node:crypto'
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { queryRows, type Database, type Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { copyCsv, csvField, openCopy } from './copy.ts'
import { PAYMENT_COLUMNS, readForCopy } from './copy-rows.ts'
import { lockCouncilSpend } from './lock.ts'
import { resolvePayees } from './payees.ts'
import { amountReadingOf, choicesOf, dateColumnOf, DELIMITER_NAMES, type MappingChoices } from './reader/layout.ts'
import { openSpendFile, unmappedReason, type OpenedSpendFile, type RememberedMappings, type SpendPart } from './reader/file.ts'
import { spendImports, spendMappings, spendPayeeAliases } from './schema.ts'
import { spendSettings } from './settings.ts'
import { afterLargeWrite } from '../../platform/db/maintenance.ts'

/** An import of this many payments or more leaves enough dead rows and stale statistics to vacuum and analyse after. */
const LARGE_IMPORT_ROWS = 10_000

export { NOT_GIVEN_KEY, REDACTED_KEY } from './copy-rows.ts'

export interface RejectedRow {
  line: number
  reason: string
  /** The part of a zip the line is in. */
  file?: string
}

export interface ImportSummary {
  importId: string | null
  fileName: string
  checksum: string
  kind: 'invoice' | 'card'
  parts: PartSummary[]
  rowsRead: number
  rowsImported: number
  rowsRejected: number
  totalPence: number
  dateFrom: string | null
  dateTo: string | null
  rejected: RejectedRow[]
  overlaps: { importId: string; fileName: string; dateFrom: string | null; dateTo: string | null }[]
  newPayees: number
  /** How the file was read (ADR 0024): the date column, the amount column, and how period codes were read. */
  dateColumn: string | null
  amountColumn: string | null
  periodReading: string | null
}

export interface PartSummary {
  name: string
  encoding: string
  separator: string
  headerLine: number | null
  /** automatic, or remembered (for a file with the same header). */
  mapping?: 'automatic' | 'remembered'
  dateColumn?: string | null
  amountColumn?: string | null
  periodReading?: string | null
}

export type ImportOutcome =
  | { outcome: 'imported' | 'dry-run'; summary: ImportSummary }
  | { outcome: 'refused'; reason: string; duplicateOf?: string }

export interface ImportInput {
  councilId: string
  fileName: string
  bytes: Uint8Array
  /** Column choices from the officer (preview page) or --mapping; they win over remembered and automatic ones. */
  chosen?: MappingChoices | undefined
  actor: Actor
  now: Date
  dryRun?: boolean | undefined
  /**
   * The file as openForCouncil opened it with these same choices, where the caller has already opened it to check it:
   * not decoded and laid out twice, nor held twice in memory (ADR 0057).
   */
  opened?: Extract<OpenedSpendFile, { ok: true }> | undefined
  /** Told how far the import has got, after each piece of rows is read; awaited (ADR 0052). */
  onProgress?: ((progress: ImportProgress) => Promise<void>) | undefined
}

export interface ImportProgress {
  state: 'reading' | 'writing'
  /** Payment rows read so far (rejected rows are counted at the end). */
  rowsRead: number
}

/** Lets timers and other requests run: a server reading a large file stays responsive (ADR 0052). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export const checksumOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The council's remembered mappings, each for the header it was confirmed on. */
export async function rememberedMappings(db: Executor, councilId: string): Promise<RememberedMappings> {
  const rows = await db
    .select({ signature: spendMappings.headerSignature, choices: spendMappings.choices })
    .from(spendMappings)
    .where(eq(spendMappings.councilId, councilId))
  return new Map(rows.map((r) => [r.signature, r.choices as MappingChoices]))
}

/** Opens the file with the council's remembered mappings and any choices given: the parts, or why it cannot be read. */
export async function openForCouncil(db: Executor, councilId: string, fileName: string, bytes: Uint8Array, chosen?: MappingChoices) {
  return openSpendFile(fileName, bytes, { remembered: await rememberedMappings(db, councilId), chosen })
}

export async function findImportByChecksum(db: Executor, councilId: string, checksum: string) {
  const [row] = await db
    .select({ id: spendImports.id, fileName: spendImports.fileName, createdAt: spendImports.createdAt })
    .from(spendImports)
    .where(and(eq(spendImports.councilId, councilId), eq(spendImports.checksum, checksum)))
  return row
}

/** Takes the council's import lock for the rest of the transaction: imports, undos and merges of one council queue. */
export { lockCouncilSpend }

async function loadAliases(tx: Executor, councilId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ key: spendPayeeAliases.nameKey, payeeId: spendPayeeAliases.payeeId })
    .from(spendPayeeAliases)
    .where(eq(spendPayeeAliases.councilId, councilId))
  return new Map(rows.map((r) => [r.key, r.payeeId]))
}

function partsSummary(parts: SpendPart[]): ImportSummary['parts'] {
  return parts.map((p) => {
    const amount = amountReadingOf(p.layout)
    return {
      name: p.name,
      encoding: p.encoding,
      separator: DELIMITER_NAMES[p.layout.delimiter],
      headerLine: p.layout.headerLine,
      mapping: p.layout.mapping,
      dateColumn: dateColumnOf(p.layout),
      amountColumn: amount ? (amount.lessVat ? `${amount.column} less ${amount.lessVat}` : amount.column) : null,
      periodReading: p.layout.dateReading?.periods ?? null,
    }
  })
}

/** One value for the file from its parts' (a zip's parts may differ): each distinct one, in order. */
const joined = (values: (string | null | undefined)[]) => {
  const distinct = [...new Set(values.filter((v): v is string => typeof v === 'string'))]
  return distinct.length === 0 ? null : distinct.join('; ')
}

/**
 * Imports a file for a council. Refuses (changing nothing) a file it cannot read, cannot map with confidence, or has
 * imported before. With dryRun, reads and reports without writing.
 */
export async function importSpend(db: Executor, input: ImportInput): Promise<ImportOutcome> {
  const opened = input.opened ?? (await openForCouncil(db, input.councilId, input.fileName, input.bytes, input.chosen))
  if (!opened.ok) return { outcome: 'refused', reason: opened.reason }
  for (const part of opened.parts) {
    const unmapped = unmappedReason(part)
    if (unmapped) return { outcome: 'refused', reason: `${opened.parts.length > 1 ? `${part.name}: ` : ''}${unmapped}` }
  }
  const checksum = checksumOf(input.bytes)
  const kind = opened.parts.some((p) => p.layout.kind === 'card') ? 'card' : 'invoice'
  const refuseDuplicate = async (executor: Executor): Promise<ImportOutcome | undefined> => {
    const earlier = await findImportByChecksum(executor, input.councilId, checksum)
    if (!earlier) return undefined
    return {
      outcome: 'refused',
      reason: `this file was imported before, as ${earlier.fileName} on ${earlier.createdAt.toISOString().slice(0, 10)}; undo that import first to import it again`,
      duplicateOf: earlier.id,
    }
  }

  if (input.dryRun) {
    const duplicate = await refuseDuplicate(db)
    if (duplicate) return duplicate
    const read = await readForCopy(opened.parts, { councilId: input.councilId, importId: 'dry-run' }, await loadAliases(db, input.councilId), async () => undefined)
    return { outcome: 'dry-run', summary: { ...summaryOf(read, null, input.fileName, checksum, kind, opened.parts), overlaps: await overlapsOf(db, input.councilId, read.dateFrom, read.dateTo) } }
  }

  const outcome = await (db as Database).transaction(async (tx): Promise<ImportOutcome> => {
    await lockCouncilSpend(tx, input.councilId)
    const duplicate = await refuseDuplicate(tx)
    if (duplicate) return duplicate
    const importId = randomUUID()
    const aliases = await loadAliases(tx, input.councilId)
    // The payments are copied while the file is read (they have no foreign keys: the payees and the import's record
    // follow in the same transaction, which an error anywhere rolls back whole).
    const payments = openCopy(tx, `spend_payments (${PAYMENT_COLUMNS})`)
    let read: Awaited<ReturnType<typeof readForCopy>>
    try {
      let rowsSoFar = 0
      read = await readForCopy(opened.parts, { councilId: input.councilId, importId }, aliases, async (chunk, rows) => {
        await payments.write(chunk)
        rowsSoFar += rows
        await input.onProgress?.({ state: 'reading', rowsRead: rowsSoFar })
        await yieldToEventLoop()
      })
      await payments.end()
      await input.onProgress?.({ state: 'writing', rowsRead: read.rowsRead })
    } catch (error) {
      await payments.abort(error as Error)
      throw error
    }
    const overlaps = await overlapsOf(tx, input.councilId, read.dateFrom, read.dateTo)
    const summary: ImportSummary = { ...summaryOf(read, importId, input.fileName, checksum, kind, opened.parts), overlaps }

    await tx.insert(spendImports).values({
      id: importId,
      councilId: input.councilId,
      fileName: input.fileName,
      checksum,
      kind,
      parts: summary.parts,
      rowsRead: read.rowsRead,
      rowsImported: read.rowsImported,
      rowsRejected: read.rowsRejected,
      totalPence: read.totalPence,
      dateFrom: read.dateFrom,
      dateTo: read.dateTo,
      rejected: read.rejected,
      overlaps,
      dateColumn: summary.dateColumn,
      amountColumn: summary.amountColumn,
      periodReading: summary.periodReading,
      importedBy: input.actor.label,
      createdAt: input.now,
    })
    const payees = [...read.newPayees.values()]
    const council = input.councilId
    const created = input.now.toISOString()
    await copyCsv(
      tx,
      'spend_payees (id, council_id, name, name_key, redacted, supplier_id, company_number, charity_number, vat_number, postcode, match_status, first_import_id, created_at)',
      [payees.map((p) => [p.id, council, csvField(p.name), csvField(p.key), p.redacted, csvField(p.supplierId), csvField(p.companyNumber), csvField(p.charityNumber), csvField(p.vatNumber), csvField(p.postcode), p.notGiven ? 'not-given' : p.redacted ? 'redacted' : 'unmatched', importId, created].join(',') + '\n').join('')],
    )
    await copyCsv(tx, 'spend_payee_aliases (council_id, name_key, payee_id, name)', [
      payees.map((p) => `${council},${csvField(p.key)},${p.id},${csvField(p.name)}\n`).join(''),
    ])
    await addSummaries(tx, council, read.monthRows, read.payeeRows)
    const settings = await readSettings(tx, input.councilId, spendSettings)
    await resolvePayees(tx, input.councilId, settings.suggestionSimilarity)
    await rememberChoices(tx, input.councilId, opened.parts, input.now)
    await recordAudit(tx, {
      actor: input.actor,
      councilId: input.councilId,
      action: 'import',
      entityType: 'spend-import',
      entityId: importId,
      after: { fileName: input.fileName, checksum, rowsRead: read.rowsRead, rowsImported: read.rowsImported, rowsRejected: read.rowsRejected, totalPence: read.totalPence, dateFrom: read.dateFrom, dateTo: read.dateTo },
      at: input.now,
    })
    // PGlite has no autovacuum: without fresh statistics the planner would guess at a table that just grew a lot.
    if (read.rowsImported >= 20_000) await tx.execute(sql`analyze spend_payments`)
    return { outcome: 'imported', summary }
  })
  if (outcome.outcome === 'imported' && outcome.summary.rowsImported >= LARGE_IMPORT_ROWS) afterLargeWrite(db)
  return outcome
}

function summaryOf(
  read: Awaited<ReturnType<typeof readForCopy>>,
  importId: string | null,
  fileName: string,
  checksum: string,
  kind: 'invoice' | 'card',
  parts: SpendPart[],
): Omit<ImportSummary, 'overlaps'> {
  const partSummaries = partsSummary(parts)
  return {
    importId,
    fileName,
    checksum,
    kind,
    parts: partSummaries,
    dateColumn: joined(partSummaries.map((p) => p.dateColumn)),
    amountColumn: joined(partSummaries.map((p) => p.amountColumn)),
    periodReading: joined(partSummaries.map((p) => p.periodReading)),
    rowsRead: read.rowsRead,
    rowsImported: read.rowsImported,
    rowsRejected: read.rowsRejected,
    totalPence: read.totalPence,
    dateFrom: read.dateFrom,
    dateTo: read.dateTo,
    rejected: read.rejected,
    newPayees: read.newPayees.size,
  }
}

async function overlapsOf(db: Executor, councilId: string, from: string | null, to: string | null): Promise<ImportSummary['overlaps']> {
  if (!from || !to) return []
  return db
    .select({ importId: spendImports.id, fileName: spendImports.fileName, dateFrom: spendImports.dateFrom, dateTo: spendImports.dateTo })
    .from(spendImports)
    .where(and(eq(spendImports.councilId, councilId), lte(spendImports.dateFrom, to), gte(spendImports.dateTo, from)))
    .orderBy(desc(spendImports.createdAt))
    .limit(20)
}

/** Adds a file's totals to the summaries: COPY into scratch tables, then one upsert each. */
async function addSummaries(tx: Executor, councilId: string, monthRows: string[], payeeRows: string[]) {
  await tx.execute(sql`create temporary table spend_month_delta (month date, department text, category text, amount_pence bigint, payments integer) on commit drop`)
  await tx.execute(sql`create temporary table spend_payee_delta (year integer, payee_id uuid, category text, amount_pence bigint, payments integer) on commit drop`)
  await copyCsv(tx, 'spend_month_delta', [monthRows.join('')])
  await copyCsv(tx, 'spend_payee_delta', [payeeRows.join('')])
  await tx.execute(sql`
    insert into spend_by_month (council_id, month, department, category, amount_pence, payments)
    select ${councilId}, month, coalesce(department, ''), coalesce(category, ''), amount_pence, payments from spend_month_delta
    on conflict (council_id, month, department, category) do update
    set amount_pence = spend_by_month.amount_pence + excluded.amount_pence, payments = spend_by_month.payments + excluded.payments`)
  await tx.execute(sql`
    insert into spend_by_payee (council_id, year, payee_id, category, amount_pence, payments)
    select ${councilId}, year, payee_id, coalesce(category, ''), sum(amount_pence), sum(payments) from spend_payee_delta group by year, payee_id, category
    on conflict (council_id, year, payee_id, category) do update
    set amount_pence = spend_by_payee.amount_pence + excluded.amount_pence, payments = spend_by_payee.payments + excluded.payments`)
  await tx.execute(sql`drop table spend_month_delta`)
  await tx.execute(sql`drop table spend_payee_delta`)
}

/** Remembers the columns of each part for the council's next file with the same header (and only for that). */
async function rememberChoices(tx: Executor, councilId: string, parts: SpendPart[], now: Date) {
  for (const part of parts) {
    const choices = choicesOf(part.layout)
    await tx
      .insert(spendMappings)
      .values({ councilId, headerSignature: part.layout.headerSignature, choices, updatedAt: now })
      .onConflictDoUpdate({ target: [spendMappings.councilId, spendMappings.headerSignature], set: { choices, updatedAt: now } })
  }
}

/** Undoes an import: its payments, its share of the summaries, payees it alone introduced; audited. */
export async function undoImport(db: Executor, input: { councilId: string; importId: string; actor: Actor; now: Date }) {
  return (db as Database).transaction(async (tx) => {
    await lockCouncilSpend(tx, input.councilId)
    const [record] = await tx
      .select()
      .from(spendImports)
      .where(and(eq(spendImports.councilId, input.councilId), eq(spendImports.id, input.importId)))
    if (!record) return undefined
    const id = input.importId
    const council = input.councilId
    await tx.execute(sql`
      insert into spend_by_month (council_id, month, department, category, amount_pence, payments)
      select council_id, date_trunc('month', payment_date)::date, coalesce(department, ''), coalesce(category, ''), -sum(amount_pence), -count(*)
      from spend_payments where council_id = ${council} and import_id = ${id} group by 1, 2, 3, 4
      on conflict (council_id, month, department, category) do update
      set amount_pence = spend_by_month.amount_pence + excluded.amount_pence, payments = spend_by_month.payments + excluded.payments`)
    await tx.execute(sql`
      insert into spend_by_payee (council_id, year, payee_id, category, amount_pence, payments)
      select council_id, extract(year from payment_date - interval '3 months')::int, payee_id, coalesce(category, ''), -sum(amount_pence), -count(*)
      from spend_payments where council_id = ${council} and import_id = ${id} group by 1, 2, 3, 4
      on conflict (council_id, year, payee_id, category) do update
      set amount_pence = spend_by_payee.amount_pence + excluded.amount_pence, payments = spend_by_payee.payments + excluded.payments`)
    await tx.execute(sql`delete from spend_by_month where council_id = ${council} and payments <= 0`)
    await tx.execute(sql`delete from spend_by_payee where council_id = ${council} and payments <= 0`)
    await tx.execute(sql`delete from spend_payments where council_id = ${council} and import_id = ${id}`)
    const removed = await queryRows<{ id: string }>(
      tx,
      sql`delete from spend_payees p where p.council_id = ${council} and p.first_import_id = ${id}
          and not exists (select 1 from spend_payments sp where sp.council_id = p.council_id and sp.payee_id = p.id)
          returning p.id`,
    )
    await tx.delete(spendImports).where(eq(spendImports.id, id))
    const { rejected: _rejected, ...kept } = record
    await recordAudit(tx, {
      actor: input.actor,
      councilId: council,
      action: 'delete',
      entityType: 'spend-import',
      entityId: id,
      before: { ...kept, payeesRemoved: removed.length },
      at: input.now,
    })
    return { fileName: record.fileName, rowsImported: record.rowsImported, payeesRemoved: removed.length }
  })
}
