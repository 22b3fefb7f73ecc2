/**
 * The contracts register: every contract a council has let, whoever delivers it. Money is in pence (ADR 0010),
 * with the VAT treatment stated beside it. The vocabularies (award procedures, statuses, notices) are in
 * vocabulary.ts; the columns hold their codes.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_council_reference').on(t.councilId, t.reference),
    uniqueIndex('contracts_council_ocid').on(t.councilId, t.ocid),
    index('contracts_council_end').on(t.councilId, t.endDate),
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
