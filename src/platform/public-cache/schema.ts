/**
 * One version number per council for what the public sees of it. Database triggers (hand-written in the migration)
 * bump a council's row on every write to the records its public pages and open-data files show, so a cached page
 * is current exactly when its stored version equals this one, in every server process (ADR 0033).
 */
import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core'

export const publicVersions = pgTable('public_versions', {
  /** No foreign key: the triggers must not fail or lock councils when a council row itself is written. */
  councilId: uuid('council_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
})
