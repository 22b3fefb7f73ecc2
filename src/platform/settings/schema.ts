/** Council settings: each module keeps its own section of settings per council, validated by that module's schema. */
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../../modules/councils/schema.ts'

export const councilSettings = pgTable(
  'council_settings',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The module's section name, for example "spend" or "stories". */
    section: text('section').notNull(),
    values: jsonb('values').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.section] })],
)
