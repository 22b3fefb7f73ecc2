/**
 * Red flags are computed from the registers and spend each time they are asked for (rules as code); only an
 * officer's dismissal of one is stored, keyed by the flag's stable key, with the reason.
 */
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../../platform/auth/schema.ts'
import { councils } from '../councils/schema.ts'

export const redFlagDismissals = pgTable(
  'red_flag_dismissals',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The rule's id and the flag's subject, e.g. "RF-DIRECT:provider:<uuid>". */
    flagKey: text('flag_key').notNull(),
    ruleId: text('rule_id').notNull(),
    reason: text('reason').notNull(),
    /** The name of who dismissed it, as shown with the flag. */
    dismissedBy: text('dismissed_by').notNull(),
    /** Who dismissed it, for separation of duties (ADR 0062); null for dismissals made before it was recorded. */
    dismissedByUserId: uuid('dismissed_by_user_id').references(() => users.id),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.flagKey] })],
)
