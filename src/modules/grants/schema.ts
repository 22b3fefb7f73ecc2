/**
 * The grants register. A grant funds the recipient's own activity, so it is not a contract and has its own
 * register, shaped by 360Giving. Money is in pence (ADR 0010).
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

export interface BeneficiaryPlace {
  name: string | null
  geoCode: string | null
}

export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The 360Giving identifier, starting with the council's 360G- prefix; unique within the council. */
    identifier: text('identifier').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    amountAwardedPence: bigint('amount_awarded_pence', { mode: 'number' }).notNull(),
    awardDate: date('award_date').notNull(),
    plannedStartDate: date('planned_start_date'),
    plannedEndDate: date('planned_end_date'),
    /** 360Giving's planned duration in months, kept as the source gives it (a start and a duration is as valid as start and end). */
    plannedDurationMonths: doublePrecision('planned_duration_months'),
    recipientProviderId: uuid('recipient_provider_id').references(() => providers.id),
    programme: text('programme'),
    /** Whether the grant came from an open call for applications; null when not known. */
    fromOpenCall: boolean('from_open_call'),
    /** GSS codes of the areas that benefit. */
    beneficiaryLocations: text('beneficiary_locations').array().notNull().default(sql`'{}'::text[]`),
    /** Every beneficiary location as the source gives it (a name, a GSS code or both), in order, so none is lost. */
    beneficiaryPlaces: jsonb('beneficiary_places').$type<BeneficiaryPlace[]>().notNull().default(sql`'[]'::jsonb`),
    /** The council department that awarded the grant (Transparency Code 2015, VCSE grants). */
    department: text('department'),
    published: boolean('published').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grants_council_identifier').on(t.councilId, t.identifier),
    index('grants_recipient').on(t.recipientProviderId),
    index('grants_council_award_date').on(t.councilId, t.awardDate),
  ],
)
