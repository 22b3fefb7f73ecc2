/**
 * A provider user's choice of opportunity digest (ADR 0059): which of the council's services and areas they care
 * about and how often they want to hear of new opportunities. One row per person per provider per council, because
 * two people speaking for one provider may care about different services.
 */
import { sql } from 'drizzle-orm'
import { boolean, date, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../../platform/auth/schema.ts'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

export const opportunityDigestChoices = pgTable(
  'opportunity_digest_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** weekly (Mondays), daily or never. */
    frequency: text('frequency').notNull(),
    /** Service category codes (providers/service-categories.ts). */
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    /** True: anywhere in the council; false: only the wards in wardIds (and what is not placed in any ward). */
    wholeCouncil: boolean('whole_council').notNull().default(true),
    wardIds: uuid('ward_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The London date of the sweep that last sent (or found nothing to send in) this person's digest. */
    lastDigestOn: date('last_digest_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('opportunity_digest_choices_person').on(t.councilId, t.providerId, t.userId)],
)
