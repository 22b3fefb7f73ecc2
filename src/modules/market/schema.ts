/**
 * The market for a service: what each provider can deliver (capacity) and the council's published market position
 * statements, one per service category.
 */
import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

/** How much of a service a provider can deliver, in the unit that service is counted in (beds, hours a week, places). */
export const providerCapacity = pgTable(
  'provider_capacity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    /** A code from SERVICE_CATEGORIES. */
    serviceCategory: text('service_category').notNull(),
    amount: integer('amount').notNull(),
    unit: text('unit').notNull(),
    /** Of which the council currently buys, in the same unit, where known. */
    usedByCouncil: integer('used_by_council'),
    asAt: date('as_at').notNull(),
    notes: text('notes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('provider_capacity_provider_category_unit').on(t.providerId, t.serviceCategory, t.unit),
    index('provider_capacity_council_category').on(t.councilId, t.serviceCategory),
  ],
)

/** A council's market position statement for a service category: its own words beside the figures Catalyst draws. */
export const marketPositionStatements = pgTable(
  'market_position_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    serviceCategory: text('service_category').notNull(),
    title: text('title').notNull(),
    /** The council's sections, by name: {"summary": "...", "demand": "...", "supply": "...", "intentions": "..."}. */
    sections: jsonb('sections').notNull().default(sql`'{}'::jsonb`),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('market_position_statements_council_category').on(t.councilId, t.serviceCategory)],
)
