/** Commissioning projects: a council's work from residents' needs to a way of meeting them (Analyse, Plan, Do, Review). */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { users } from '../../platform/auth/schema.ts'

export const commissioningProjects = pgTable(
  'commissioning_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    serviceArea: text('service_area').notNull(),
    leadCommissionerId: uuid('lead_commissioner_id').references(() => users.id),
    /** analyse, plan, do or review. */
    stage: text('stage').notNull().default('analyse'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('commissioning_projects_council').on(t.councilId, t.updatedAt)],
)
