/**
 * KPI returns (ADR 0047): the figure a provider reports for one of its contract's KPIs over one quarter, and the
 * contract manager's answer (accepted, or queried with a question the provider answers by sending the return again).
 * One return per KPI and quarter: a queried return is corrected in place, and the audit trail keeps every version.
 */
import { index, numeric, pgTable, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { contractKpis, contracts } from '../contracts/schema.ts'
import { providers } from '../providers/schema.ts'

export const kpiReturns = pgTable(
  'kpi_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    kpiId: uuid('kpi_id').notNull().references(() => contractKpis.id, { onDelete: 'cascade' }),
    /** The supplier that sent it (a contract may have more than one). */
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    /** The financial-year quarter reported on: its first and last days. */
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** The figure as a decimal, exactly as entered (numeric, so 99.95% stays 99.95). */
    figure: numeric('figure', { precision: 20, scale: 4 }).notNull(),
    note: text('note'),
    /** submitted (waiting for the contract manager), accepted or queried. */
    status: text('status').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** The contract manager's question when queried; kept when the provider answers, so both read it. */
    query: text('query'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kpi_returns_kpi_period').on(t.kpiId, t.periodStart),
    index('kpi_returns_council_status').on(t.councilId, t.status),
    index('kpi_returns_contract').on(t.contractId, t.periodStart),
  ],
)
