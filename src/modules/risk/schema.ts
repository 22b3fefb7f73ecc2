/**
 * Proportionate financial standing (domain-rules §7): what a provider's accounts say, year by year, with the
 * evidence behind each figure; events that bear on the Schedule 7 exclusion grounds; and each assessment of a
 * provider for a contract, with the result, the mitigations the officer relied on and the decision. Money is in
 * pence (ADR 0010).
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { contracts } from '../contracts/schema.ts'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

/** One year of a provider's accounts, or of what it can reasonably give instead (Procurement Regulations 2024 reg 10). */
export const providerFinancials = pgTable(
  'provider_financials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    /** The last day of the financial year the figures cover. */
    periodEnd: date('period_end').notNull(),
    turnoverPence: bigint('turnover_pence', { mode: 'number' }),
    operatingProfitPence: bigint('operating_profit_pence', { mode: 'number' }),
    netAssetsPence: bigint('net_assets_pence', { mode: 'number' }),
    cashPence: bigint('cash_pence', { mode: 'number' }),
    currentAssetsPence: bigint('current_assets_pence', { mode: 'number' }),
    currentLiabilitiesPence: bigint('current_liabilities_pence', { mode: 'number' }),
    /** When the provider began trading (Companies House registration or equivalent, reg 9(3)); years trading follow. */
    tradingSince: date('trading_since'),
    employees: integer('employees'),
    accountsAudited: boolean('accounts_audited').notNull().default(false),
    /** Whether Part 16 of the Companies Act 2006 requires the provider's accounts to be audited; null when unknown. */
    auditRequired: boolean('audit_required'),
    parentCompany: text('parent_company'),
    /** Whether the parent company guarantees the provider's performance. */
    parentGuarantee: boolean('parent_guarantee').notNull().default(false),
    /** Where each figure came from, by field name: {"turnoverPence": "Filed accounts to 31 March 2026"}. */
    evidence: jsonb('evidence').notNull().default(sql`'{}'::jsonb`),
    /** Who entered the figures: an officer, or the provider giving more evidence. */
    enteredBy: text('entered_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('provider_financials_provider_period').on(t.providerId, t.periodEnd), index('provider_financials_council').on(t.councilId)],
)

/**
 * Something that happened to a provider and bears on a Schedule 7 discretionary exclusion ground (domain-rules
 * §1.13): insolvency (para 5), ceasing business (para 6), a serious breach or poor performance (para 12).
 */
export const providerEvents = pgTable(
  'provider_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    /** insolvency, ceased-trading, serious-breach, poor-performance or s71-notice. */
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on').notNull(),
    /** When the council knew, or should have known, of it: the Schedule 7 para 15 look-back runs from here. */
    knownOn: date('known_on').notNull(),
    description: text('description').notNull(),
    source: text('source'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('provider_events_provider').on(t.providerId, t.knownOn), index('provider_events_council').on(t.councilId, t.knownOn)],
)

/** An assessment of a provider's financial standing for one contract, let or proposed, and what was decided. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id, { onDelete: 'cascade' }),
    /** The contract in the register, or null for a proposed contract described by the title below. */
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    proposedTitle: text('proposed_title'),
    /** The contract's annual value the metrics are measured against. */
    annualValuePence: bigint('annual_value_pence', { mode: 'number' }).notNull(),
    /** How critical the contract is: 1 (standard) to 3 (critical); the tier picks the thresholds. */
    tier: integer('tier').notNull(),
    /** The year of accounts assessed. */
    financialsId: uuid('financials_id').references(() => providerFinancials.id, { onDelete: 'set null' }),
    /** The thresholds used, copied from the council's settings, so the record still explains itself later. */
    thresholds: jsonb('thresholds').notNull(),
    /** Each metric with its value, threshold and effect, as assessed. */
    metrics: jsonb('metrics').notNull(),
    /** low, medium or high. */
    result: text('result').notNull(),
    explanation: text('explanation').notNull(),
    /** Codes of the mitigations relied on: parent-guarantee, bond, lots, shorter-payment-terms, step-in-rights. */
    mitigations: text('mitigations').array().notNull().default(sql`'{}'::text[]`),
    residualRisk: text('residual_risk').notNull(),
    /** proceed, proceed-with-mitigations, more-evidence or do-not-proceed; null until decided. */
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When the provider was invited to give more evidence, if it was. */
    evidenceRequestedAt: timestamp('evidence_requested_at', { withTimezone: true }),
    assessedBy: text('assessed_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_assessments_provider').on(t.providerId, t.createdAt), index('risk_assessments_council').on(t.councilId, t.createdAt)],
)
