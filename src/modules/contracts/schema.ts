/**
 * The contracts register: every contract a council has let, whoever delivers it. Money is in pence (ADR 0010),
 * with the VAT treatment stated beside it. The vocabularies (award procedures, statuses, notices) are in
 * vocabulary.ts; the columns hold their codes.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The council's own reference, unique within the council. */
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    department: text('department'),
    cpvCodes: text('cpv_codes').array().notNull().default(sql`'{}'::text[]`),
    /** goods, services or works. */
    mainCategory: text('main_category').notNull(),
    /** How it was awarded: a code from vocabulary.ts (open, competitive-flexible, direct-award, ...). */
    awardProcedure: text('award_procedure').notNull(),
    /** For a direct award, the Schedule 5 paragraph relied on. */
    directAwardGround: text('direct_award_ground'),
    /** Whether it followed an invitation to quote, a published invitation to tender, or neither. */
    invitation: text('invitation'),
    /** Total value over the whole term including extensions, in pence. */
    totalValuePence: bigint('total_value_pence', { mode: 'number' }),
    estimatedAnnualValuePence: bigint('estimated_annual_value_pence', { mode: 'number' }),
    /** Whether the values above include VAT. */
    valuesIncludeVat: boolean('values_include_vat').notNull().default(false),
    irrecoverableVatPence: bigint('irrecoverable_vat_pence', { mode: 'number' }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    reviewDate: date('review_date'),
    extensionOptions: integer('extension_options').notNull().default(0),
    extensionMonths: integer('extension_months'),
    extensionsTaken: integer('extensions_taken').notNull().default(0),
    lightTouch: boolean('light_touch').notNull().default(false),
    /** planned, active, extended, expired or terminated. */
    status: text('status').notNull(),
    /** The OCDS open contracting id, prefix included. */
    ocid: text('ocid'),
    /** Shown on the public register and in open data. */
    published: boolean('published').notNull().default(true),
    /** When the contract was awarded (the OCDS award date), where known. */
    awardDate: date('award_date'),
    /** Which of the extension options have been taken, described by the officer (for example "first 12 months, 2026"). */
    extensionsTakenNote: text('extensions_taken_note'),
    /** The service it buys, a code from SERVICE_CATEGORIES: how the market view groups contracts. */
    serviceCategory: text('service_category'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_council_reference').on(t.councilId, t.reference),
    uniqueIndex('contracts_council_ocid').on(t.councilId, t.ocid),
    index('contracts_council_end').on(t.councilId, t.endDate),
    index('contracts_council_service_category').on(t.councilId, t.serviceCategory),
    index('contracts_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
)

/** Who delivers a contract: one or more providers from the council's register. */
export const contractSuppliers = pgTable(
  'contract_suppliers',
  {
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    councilId: uuid('council_id').notNull().references(() => councils.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.providerId] }), index('contract_suppliers_provider').on(t.providerId)],
)

/** Notices published for a contract on Find a Tender (UK4 tender, UK6 award, UK7 details, UK9 performance, ...). */
export const contractNotices = pgTable(
  'contract_notices',
  {
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** A code from NOTICE_TYPES in vocabulary.ts: UK4, UK6, UK7, UK9, UK10 or UK11. */
    noticeType: text('notice_type').notNull(),
    publishedOn: date('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.noticeType] })],
)

/** Key performance indicators set for a contract (s.52: at least three for a contract over £5m not light touch). */
export const contractKpis = pgTable(
  'contract_kpis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    target: text('target').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_kpis_contract').on(t.contractId)],
)

/** Performance assessments against the KPIs (s.71: at least every 12 months), rated on the UK9 notice's scale. */
export const contractAssessments = pgTable(
  'contract_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    assessedOn: date('assessed_on').notNull(),
    /** good, approaching-target, requires-improvement, inadequate or other. */
    rating: text('rating').notNull(),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_assessments_contract').on(t.contractId, t.assessedOn)],
)

/** Changes of value or term, with the advice given under ss.74–77 and Schedule 8 when they were recorded. */
export const contractModifications = pgTable(
  'contract_modifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    modifiedOn: date('modified_on').notNull(),
    description: text('description').notNull(),
    valueBeforePence: bigint('value_before_pence', { mode: 'number' }).notNull(),
    valueAfterPence: bigint('value_after_pence', { mode: 'number' }).notNull(),
    termBeforeMonths: integer('term_before_months').notNull(),
    termAfterMonths: integer('term_after_months').notNull(),
    materialScopeChange: boolean('material_scope_change').notNull().default(false),
    economicBalanceToSupplier: boolean('economic_balance_to_supplier').notNull().default(false),
    /** A Schedule 8 ground the officer relied on, if any. */
    schedule8Ground: text('schedule_8_ground'),
    /** below-threshold, not-substantial, schedule-8, light-touch or not-permitted. */
    classification: text('classification').notNull(),
    changeNoticeRequired: boolean('change_notice_required').notNull(),
    publishWithin90Days: boolean('publish_within_90_days').notNull(),
    summary: text('summary').notNull(),
    cites: text('cites').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_modifications_contract').on(t.contractId, t.modifiedOn)],
)

/**
 * An uploaded file between its preview and the officer's confirmation. Kept in the database, not in memory or on
 * disk, because the confirming request may reach a different server process.
 */
export const registerImportUploads = pgTable(
  'register_import_uploads',
  {
    token: text('token').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id'),
    /** contracts-csv, ocds or 360giving. */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    /** The file's bytes, base64. */
    content: text('content').notNull(),
    /** For a contracts CSV: the column mapping confirmed with the preview. */
    mapping: jsonb('mapping'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('register_import_uploads_created').on(t.createdAt)],
)

/** How a council's contracts register CSV names its columns, remembered from the last import it confirmed. */
export const contractColumnMappings = pgTable('contract_column_mappings', {
  councilId: uuid('council_id')
    .primaryKey()
    .references(() => councils.id),
  /** The council's column title for each Catalyst field, e.g. {"reference": "Contract Ref"}. */
  mapping: jsonb('mapping').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The council's forward pipeline: contracting processes published without an award yet (OCDS planning and tender
 * releases, Contracts Finder opportunity notices). They are not contracts and never enter the contracts register;
 * commissioners and providers see them as opportunities (ADR 0026). One row per ocid; when the process is awarded
 * the row is kept, with the stage `awarded`, and the contract goes to the register.
 */
export const opportunities = pgTable(
  'opportunities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    ocid: text('ocid').notNull(),
    reference: text('reference'),
    title: text('title').notNull(),
    description: text('description'),
    /** planning (a planned procurement or pipeline notice), tender (open for tenders), awarded or cancelled. */
    stage: text('stage').notNull(),
    /** A code from AWARD_PROCEDURES; not-stated when the notice does not say. */
    procedure: text('procedure').notNull(),
    mainCategory: text('main_category'),
    cpvCodes: text('cpv_codes').array().notNull().default(sql`'{}'::text[]`),
    /** The estimated value, in pence, where the notice gives one. */
    valuePence: bigint('value_pence', { mode: 'number' }),
    /** When tenders or requests to participate close. */
    tenderEndDate: date('tender_end_date'),
    contractStartDate: date('contract_start_date'),
    contractEndDate: date('contract_end_date'),
    /** Suitability the notice states (Contracts Finder's suitability extension); null when not stated. */
    suitableForSme: boolean('suitable_for_sme'),
    suitableForVcse: boolean('suitable_for_vcse'),
    /** The date of the latest release read for it. */
    publishedOn: date('published_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('opportunities_council_ocid').on(t.councilId, t.ocid), index('opportunities_council_stage').on(t.councilId, t.stage, t.tenderEndDate)],
)

export type RegisterImportRunState = 'queued' | 'importing' | 'done' | 'failed'

/**
 * An OCDS package confirmed on the import page runs as a job (ADR 0058): its run, watched on a progress page. When
 * done it keeps the import's summary, so the page shows what the synchronous import showed.
 */
export const registerImportRuns = pgTable(
  'register_import_runs',
  {
    id: uuid('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The upload the job reads (no foreign key: a successful run removes the upload and keeps the run). */
    uploadToken: text('upload_token').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    state: text('state').$type<RegisterImportRunState>().notNull(),
    /** The import's summary and the file's description, once done. */
    summary: jsonb('summary'),
    detail: text('detail'),
    /** Why the run failed, in words for the officer. */
    error: text('error'),
    startedBy: text('started_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  // One run per upload: confirming twice (a double click) finds the run already started.
  (t) => [uniqueIndex('register_import_runs_upload').on(t.uploadToken), index('register_import_runs_council').on(t.councilId, t.createdAt)],
)
