/**
 * Social and local value (ADR 0038): the council's own measures framework, versioned by year; commitments on
 * contracts and grants; providers' returns of delivery and the officer's verification; SROI models; providers'
 * yearly LM3 returns. Money in pence (ADR 0010); shares as numeric fractions from 0 to 1.
 */
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { contracts } from '../contracts/schema.ts'
import { councils } from '../councils/schema.ts'
import { grants } from '../grants/schema.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { providers } from '../providers/schema.ts'

/** One year's version of a council's measures framework: commitments made under it keep its values. */
export const svFrameworks = pgTable(
  'sv_frameworks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The financial year it applies to, by the calendar year it starts in (2026 for 2026/27). */
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** The licence the framework's values are used under, shown wherever they are used. */
    licence: text('licence').notNull(),
    /** True for the project's own illustrative demo measures, which are not anyone's published values. */
    illustrative: boolean('illustrative').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sv_frameworks_council_year').on(t.councilId, t.year)],
)

export const svMeasures = pgTable(
  'sv_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    frameworkId: uuid('framework_id').notNull().references(() => svFrameworks.id, { onDelete: 'cascade' }),
    theme: text('theme').notNull(),
    outcome: text('outcome').notNull(),
    code: text('code').notNull(),
    wording: text('wording').notNull(),
    unit: text('unit').notNull(),
    /** Pounds of value per unit, in pence; null for a measure counted without a money value. */
    proxyPence: bigint('proxy_pence', { mode: 'number' }),
    proxySource: text('proxy_source'),
    proxyYear: integer('proxy_year'),
    /** The licence of this measure's value, when it differs from the framework's. */
    licence: text('licence'),
    countsAsLocal: boolean('counts_as_local').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sv_measures_framework_code').on(t.frameworkId, t.code), index('sv_measures_council').on(t.councilId)],
)

/** A framework file between upload and confirmation, so any server process can finish the import. */
export const svMeasureUploads = pgTable('sv_measure_uploads', {
  token: text('token').primaryKey(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  licence: text('licence').notNull(),
  content: text('content').notNull(),
  mapping: jsonb('mapping'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/** What a provider committed to deliver under a contract or a grant. */
export const svCommitments = pgTable(
  'sv_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'cascade' }),
    grantId: uuid('grant_id').references(() => grants.id, { onDelete: 'cascade' }),
    /** Who delivers and reports it. */
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    measureId: uuid('measure_id').notNull().references(() => svMeasures.id),
    quantity: numeric('quantity', { mode: 'number' }).notNull(),
    dueDate: date('due_date').notNull(),
    /** Where it is delivered: a ward, a town, "across the borough". */
    deliveredWhere: text('delivered_where').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sv_commitments_contract').on(t.contractId), index('sv_commitments_grant').on(t.grantId), index('sv_commitments_provider').on(t.councilId, t.providerId)],
)

/** A provider's return of what it delivered against a commitment, and the officer's verification of it. */
export const svReturns = pgTable(
  'sv_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    commitmentId: uuid('commitment_id').notNull().references(() => svCommitments.id, { onDelete: 'cascade' }),
    quantity: numeric('quantity', { mode: 'number' }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    evidenceUrl: text('evidence_url'),
    note: text('note'),
    reportedBy: text('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    /** awaiting, verified, partly-verified or rejected. */
    status: text('status').notNull().default('awaiting'),
    verifiedQuantity: numeric('verified_quantity', { mode: 'number' }),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('sv_returns_commitment').on(t.commitmentId), index('sv_returns_council_status').on(t.councilId, t.status)],
)

/**
 * An evidence file a provider attached to a return (ADR 0060): stored under the files folder by a random name; the
 * name the provider gave it and the type read from its content are kept here. One per return.
 */
export const svEvidenceFiles = pgTable(
  'sv_evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    returnId: uuid('return_id').notNull().references(() => svReturns.id, { onDelete: 'cascade' }),
    storedName: text('stored_name').notNull(),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sv_evidence_files_return').on(t.returnId), uniqueIndex('sv_evidence_files_stored_name').on(t.storedName), index('sv_evidence_files_council').on(t.councilId)],
)

/** An SROI model for a project or a contract (Cabinet Office guide stages 4 and 5). */
export const svSroiModels = pgTable(
  'sv_sroi_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    projectId: uuid('project_id').references(() => commissioningProjects.id, { onDelete: 'set null' }),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    inputsPence: bigint('inputs_pence', { mode: 'number' }).notNull(),
    inputsSource: text('inputs_source').notNull(),
    /** Null: the council's rate from its settings at the time the model is read. */
    discountRate: numeric('discount_rate', { mode: 'number' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sv_sroi_models_council').on(t.councilId)],
)

export const svSroiOutcomes = pgTable(
  'sv_sroi_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id').notNull().references(() => svSroiModels.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** The measure whose proxy the outcome used, if any. */
    measureId: uuid('measure_id').references(() => svMeasures.id, { onDelete: 'set null' }),
    quantity: numeric('quantity', { mode: 'number' }).notNull(),
    proxyPence: bigint('proxy_pence', { mode: 'number' }).notNull(),
    durationYears: integer('duration_years').notNull(),
    deadweight: numeric('deadweight', { mode: 'number' }).notNull(),
    displacement: numeric('displacement', { mode: 'number' }).notNull(),
    attribution: numeric('attribution', { mode: 'number' }).notNull(),
    dropOff: numeric('drop_off', { mode: 'number' }).notNull(),
    /** Where each figure comes from: quantity, proxy and the deductions. */
    sources: text('sources').notNull(),
  },
  (t) => [uniqueIndex('sv_sroi_outcomes_position').on(t.modelId, t.position)],
)

/** A provider's yearly LM3 return: the shares of its income it spends on local staff and with local suppliers. */
export const svLm3Returns = pgTable(
  'sv_lm3_returns',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    /** The financial year, by the calendar year it starts in. */
    year: integer('year').notNull(),
    localStaffShare: numeric('local_staff_share', { mode: 'number' }).notNull(),
    localSupplierShare: numeric('local_supplier_share', { mode: 'number' }).notNull(),
    note: text('note'),
    answeredBy: text('answered_by').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sv_lm3_returns_provider_year').on(t.councilId, t.providerId, t.year)],
)
