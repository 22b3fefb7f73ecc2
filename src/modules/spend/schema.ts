/**
 * Spend analysis: imported payments, the payees they were made to, and summaries kept up to date by every import and
 * undo so that pages read thousands of summary rows, never a million payments.
 *
 * spend_payments has no foreign keys and no primary key on purpose: a constraint checked per row would make the bulk
 * load several times slower (bench/spend-import.ts), and rows only ever arrive by an import and leave by its undo,
 * both of which keep them consistent in one transaction.
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
})

export const spendImports = pgTable(
  'spend_imports',
  {
    id: uuid('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    fileName: text('file_name').notNull(),
    /** sha256 of the file's bytes: the same file twice is refused. */
    checksum: text('checksum').notNull(),
    /** invoice or card (procurement card transactions). */
    kind: text('kind').notNull(),
    /** How each part was read: encoding, separator and header row, for the summary page. */
    parts: jsonb('parts').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    totalPence: bigint('total_pence', { mode: 'number' }).notNull(),
    dateFrom: date('date_from'),
    dateTo: date('date_to'),
    /** Each rejected row's line and reason (the first 5,000). */
    rejected: jsonb('rejected').notNull(),
    /** Earlier imports whose dates overlap this one's: flagged, not refused (a file may correct a month). */
    overlaps: jsonb('overlaps').notNull(),
    /** How the file was read (ADR 0024): the date column, the amount column, and how period codes were read. */
    dateColumn: text('date_column'),
    amountColumn: text('amount_column'),
    /** calendar-month, financial-period or four-week-period; null when the dates were days. */
    periodReading: text('period_reading'),
    importedBy: text('imported_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('spend_imports_council_checksum').on(t.councilId, t.checksum), index('spend_imports_council_created').on(t.councilId, t.createdAt)],
)

export const spendPayees = pgTable(
  'spend_payees',
  {
    id: uuid('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The name as first seen in a file ("Redacted" for withheld payees). */
    name: text('name').notNull(),
    /** The name reduced by providers' nameKey: case, punctuation, LTD/LIMITED, &/AND, THE. */
    nameKey: text('name_key').notNull(),
    redacted: boolean('redacted').notNull().default(false),
    supplierId: text('supplier_id'),
    companyNumber: text('company_number'),
    charityNumber: text('charity_number'),
    vatNumber: text('vat_number'),
    /** The payee's postcode where a file gave one: the provider form starts from it when the payee is added. */
    postcode: text('postcode'),
    providerId: uuid('provider_id').references(() => providers.id),
    /** identifier, name, confirmed (by an officer), suggested (a similar name awaits review), unmatched, redacted. */
    matchStatus: text('match_status').notNull(),
    suggestedProviderId: uuid('suggested_provider_id').references(() => providers.id),
    suggestionScore: real('suggestion_score'),
    /** A suggestion an officer rejected is not offered again. */
    rejectedProviderId: uuid('rejected_provider_id'),
    /** The import that first named this payee: undoing it removes the payee if nothing else was paid to it. */
    firstImportId: uuid('first_import_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('spend_payees_council_status').on(t.councilId, t.matchStatus),
    index('spend_payees_provider').on(t.providerId),
    index('spend_payees_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
)

/** Every name variant seen for a payee: what an import looks names up in, and what merge and split move. */
export const spendPayeeAliases = pgTable(
  'spend_payee_aliases',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    nameKey: text('name_key').notNull(),
    payeeId: uuid('payee_id').notNull().references(() => spendPayees.id, { onDelete: 'cascade' }),
    /** The name as written the first time this variant was seen. */
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.nameKey] }), index('spend_payee_aliases_payee').on(t.payeeId)],
)

export const spendPayments = pgTable(
  'spend_payments',
  {
    councilId: uuid('council_id').notNull(),
    importId: uuid('import_id').notNull(),
    /** The line of the file (in a zip, of its part). */
    line: integer('line').notNull(),
    payeeId: uuid('payee_id').notNull(),
    supplierName: text('supplier_name').notNull(),
    /** The first day of what the file gave: a day, or a month, period or quarter (see precision). */
    paymentDate: date('payment_date').notNull(),
    datePrecision: text('date_precision').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    department: text('department'),
    /** Procurement classification, else expense type, else merchant category. */
    category: text('category'),
    purpose: text('purpose'),
    transactionNumber: text('transaction_number'),
    irrecoverableVatPence: bigint('irrecoverable_vat_pence', { mode: 'number' }),
    /** The VAT the file gives beside a net (or gross) amount; the amount is net of it. */
    vatPence: bigint('vat_pence', { mode: 'number' }),
  },
  (t) => [
    index('spend_payments_council_payee_date').on(t.councilId, t.payeeId, t.paymentDate),
    // One index only: every index is kept up to date row by row during the bulk load. Pages read the summaries; a
    // payee's payments come by this index; an undo or a drill-down without a payee scans.
  ],
)

/** Spend per month, department and category: the overview's source. '' stands for "not stated". */
export const spendByMonth = pgTable(
  'spend_by_month',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    month: date('month').notNull(),
    department: text('department').notNull(),
    category: text('category').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    payments: integer('payments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.month, t.department, t.category] })],
)

/** Spend per financial year, payee and category: payees, concentration, shares and contracts read this. */
export const spendByPayee = pgTable(
  'spend_by_payee',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The calendar year the financial year starts in (2024 for 2024/25). */
    year: integer('year').notNull(),
    payeeId: uuid('payee_id').notNull(),
    category: text('category').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    payments: integer('payments').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.councilId, t.year, t.payeeId, t.category] }),
    index('spend_by_payee_payee').on(t.councilId, t.payeeId),
  ],
)

/** An uploaded file between its preview and the officer's confirmation, so any server process can finish the import. */
export const spendUploads = pgTable(
  'spend_uploads',
  {
    token: text('token').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    fileName: text('file_name').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spend_uploads_created').on(t.createdAt)],
)

/**
 * The column mapping a council last confirmed for a header (normalised column name to field), reused only for a file
 * with the same header: a mapping made for one layout never overrides the automatic fit of another.
 */
export const spendMappings = pgTable(
  'spend_mappings',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** headerSignatureOf(the header row): its normalised names in order, hashed. */
    headerSignature: text('header_signature').notNull(),
    choices: jsonb('choices').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.headerSignature] })],
)

/**
 * A council's mapping of a category as its files spell it onto the category it means, so that "Agency Staff" and
 * "Agency staff costs" are one line in the analysis by category. The payments keep the category as published.
 */
export const spendCategoryMappings = pgTable(
  'spend_category_mappings',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The category exactly as it appears in the payments ('' for none stated). */
    category: text('category').notNull(),
    /** The category it is counted under. */
    mapsTo: text('maps_to').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.category] })],
)

export const SPEND_IMPORT_RUN_STATES = ['queued', 'reading', 'writing', 'done', 'failed'] as const
export type SpendImportRunState = (typeof SPEND_IMPORT_RUN_STATES)[number]

/**
 * A spend import confirmed on a page and run as a job (ADR 0052): what its progress page shows. The upload it reads
 * stays in spend_uploads until the run ends; the import itself is still one transaction, so a failed run wrote nothing.
 */
export const spendImportRuns = pgTable(
  'spend_import_runs',
  {
    id: uuid('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The upload the job reads (no foreign key: the upload is removed when the run ends, the run is kept). */
    uploadToken: text('upload_token').notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    state: text('state').$type<SpendImportRunState>().notNull(),
    /** Rows read so far, recorded about once a second while the file is read. */
    rowsRead: integer('rows_read').notNull().default(0),
    importId: uuid('import_id'),
    /** Why the run failed, in words for the officer. */
    error: text('error'),
    startedBy: text('started_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  // One run per upload: confirming twice (a double click) finds the run already started.
  (t) => [uniqueIndex('spend_import_runs_upload').on(t.uploadToken), index('spend_import_runs_council').on(t.councilId, t.createdAt)],
)
