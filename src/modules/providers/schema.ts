/**
 * The provider register. Each council keeps its own record of a provider (ADR 0007); the same organisation is
 * recognised across councils by its org-id identifiers, which are indexed on their own for that purpose.
 */
import { sql } from 'drizzle-orm'
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    /** Lower-cased, punctuation and legal suffixes removed: for duplicate warnings and name search. */
    nameKey: text('name_key').notNull(),
    legalForm: text('legal_form').notNull(),
    isSme: boolean('is_sme').notNull().default(false),
    isVcse: boolean('is_vcse').notNull().default(false),
    isSupportedEmploymentProvider: boolean('is_supported_employment_provider').notNull().default(false),
    isPublicServiceMutual: boolean('is_public_service_mutual').notNull().default(false),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    town: text('town'),
    postcode: text('postcode'),
    website: text('website'),
    serviceCategories: text('service_categories').array().notNull().default(sql`'{}'::text[]`),
    /** GSS codes of the council areas the provider serves. */
    areasServed: text('areas_served').array().notNull().default(sql`'{}'::text[]`),
    /** What the council notes privately about the provider; never shown on public pages. */
    privateNotes: text('private_notes'),
    published: boolean('published').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('providers_council_name').on(t.councilId, t.nameKey),
    index('providers_council_updated').on(t.councilId, t.updatedAt),
    index('providers_service_categories').using('gin', t.serviceCategories),
    index('providers_areas_served').using('gin', t.areasServed),
    index('providers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
)

export const providerIdentifiers = pgTable(
  'provider_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** An org-id list code such as GB-COH, GB-CHC or GB-MPR. */
    scheme: text('scheme').notNull(),
    /** The identifier in that scheme, normalised (for example a company number padded to eight characters). */
    identifier: text('identifier').notNull(),
  },
  (t) => [
    uniqueIndex('provider_identifiers_council_scheme_id').on(t.councilId, t.scheme, t.identifier),
    index('provider_identifiers_scheme_id').on(t.scheme, t.identifier),
    index('provider_identifiers_provider').on(t.providerId),
  ],
)
