/** The audit log: one row for every change, written in the same transaction as the change. */
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The council whose data changed; null for changes to shared reference data such as the list of councils. */
    councilId: uuid('council_id'),
    /** The user who made the change; null when a command or the system made it (see actorLabel). */
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_entries_entity').on(t.entityType, t.entityId, t.at), index('audit_entries_council_at').on(t.councilId, t.at)],
)
