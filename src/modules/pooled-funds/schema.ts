/**
 * Pooled funds under section 75 of the NHS Act 2006 (the Better Care Fund among them): the agreement's contents that
 * reg 7(3) of the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 requires, its partners,
 * the money each puts in, the schemes the fund pays for (joined to the contracts and grants that deliver them) and
 * the agreement's risk share.
 */
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { contracts } from '../contracts/schema.ts'
import { grants } from '../grants/schema.ts'
import type { RiskShareTerms } from './risk-share.ts'

/**
 * Organisations that can be partners in a pooled fund, national reference data like the council list: councils by
 * their ONS GSS code and NHS bodies (ICBs, trusts) by their NHS ODS code (org-id GB-NHS). Imported from a CSV of
 * codes and names.
 */
export const partnerOrganisations = pgTable(
  'partner_organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'GSS' for a council, 'ODS' for an NHS body. */
    scheme: text('scheme').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('partner_organisations_scheme_code').on(t.scheme, t.code)],
)

/** One pooled fund agreement, held in the tenancy of the council that records it. */
export const pooledFunds = pgTable(
  'pooled_funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    /** 'bcf' (the Better Care Fund) or 'section-75' (any other pooled fund). */
    kind: text('kind').notNull(),
    /** Reg 7(3)(a): the agreed aims and outcomes. */
    aimsAndOutcomes: text('aims_and_outcomes').notNull(),
    /** Reg 7(3)(b): how the contributions may be varied (the contributions themselves are rows below). */
    contributionVariation: text('contribution_variation').notNull(),
    /** Reg 7(3)(c): the NHS functions and the health-related functions covered. */
    functionsCovered: text('functions_covered').notNull(),
    /** Reg 7(3)(d): the persons for whom, and the kinds of services, provided. */
    personsAndServices: text('persons_and_services').notNull(),
    /** Reg 7(3)(e): staff, goods, services or accommodation provided by the partners. */
    partnerResources: text('partner_resources').notNull(),
    /** Reg 7(3)(f): duration, and review, variation and termination. */
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    reviewArrangements: text('review_arrangements').notNull(),
    variationAndTermination: text('variation_and_termination').notNull(),
    /** Reg 7(3)(g): how the fund is managed and monitored. */
    managementAndMonitoring: text('management_and_monitoring').notNull(),
    /** The partner who keeps the fund's accounts (a partner_organisations row that is among the fund's partners). */
    hostPartnerId: uuid('host_partner_id').references(() => partnerOrganisations.id),
    /** The officer of the host partner who manages the fund and reports to the partners. */
    poolManager: text('pool_manager').notNull(),
    /** The agreement's risk-share schedule (risk-share.ts). */
    riskShare: jsonb('risk_share').$type<RiskShareTerms>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pooled_funds_council').on(t.councilId)],
)

/** The parties to a fund. A partner organisation's users see the funds it is a party to, and nothing else. */
export const pooledFundPartners = pgTable(
  'pooled_fund_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => pooledFunds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    organisationId: uuid('organisation_id').notNull().references(() => partnerOrganisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pooled_fund_partners_fund_org').on(t.fundId, t.organisationId), index('pooled_fund_partners_org').on(t.organisationId)],
)

/**
 * Money a partner puts in, by funding stream and financial year. A variation is a further row (positive or negative)
 * with its reason and date, so the agreed figure and every change to it stay on the record.
 */
export const pooledFundContributions = pgTable(
  'pooled_fund_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => pooledFunds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    organisationId: uuid('organisation_id').notNull().references(() => partnerOrganisations.id),
    /** streams.ts: nhs-minimum, dfg, la-grant, additional. */
    stream: text('stream').notNull(),
    /** The calendar year the financial year starts in (2026 for 2026/27). */
    financialYear: integer('financial_year').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    /** 'agreed' for the figure in the agreement, 'variation' for a change to it. */
    kind: text('kind').notNull(),
    agreedOn: date('agreed_on').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pooled_fund_contributions_fund_year').on(t.fundId, t.financialYear)],
)

/** What the fund pays for: the BCF planning template's scheme lines. */
export const pooledFundSchemes = pgTable(
  'pooled_fund_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => pooledFunds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The scheme's id in the plan ("1", "HOME-02"). */
    reference: text('reference').notNull(),
    name: text('name').notNull(),
    schemeType: text('scheme_type').notNull(),
    areaOfSpend: text('area_of_spend').notNull(),
    /** Who commissions it (a partner's name, or "Joint"). */
    commissioner: text('commissioner').notNull(),
    /** Who delivers it, as the plan names them. */
    providerName: text('provider_name').notNull(),
    /** The funding stream it is paid from. */
    stream: text('stream').notNull(),
    financialYear: integer('financial_year').notNull(),
    plannedPence: bigint('planned_pence', { mode: 'number' }).notNull(),
    plannedOutputs: text('planned_outputs').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pooled_fund_schemes_fund_ref_year').on(t.fundId, t.reference, t.financialYear)],
)

/** The contracts and grants that deliver a scheme: its actual spend is the spend register's payments against them. */
export const pooledFundSchemeLinks = pgTable(
  'pooled_fund_scheme_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: uuid('scheme_id').notNull().references(() => pooledFundSchemes.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    contractId: uuid('contract_id').references(() => contracts.id),
    grantId: uuid('grant_id').references(() => grants.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pooled_fund_scheme_links_contract').on(t.schemeId, t.contractId),
    uniqueIndex('pooled_fund_scheme_links_grant').on(t.schemeId, t.grantId),
    index('pooled_fund_scheme_links_contract_id').on(t.contractId),
  ],
)

/**
 * A scheme list uploaded and waiting for its columns to be confirmed: held in the database (not in a process's memory)
 * so that any process can finish the import, and removed when imported or after a day.
 */
export const pooledFundSchemeUploads = pgTable('pooled_fund_scheme_uploads', {
  token: text('token').primaryKey(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  fundId: uuid('fund_id').notNull().references(() => pooledFunds.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  /** The file's columns and rows as text (scheme-import.ts SheetData). */
  data: jsonb('data').$type<{ columns: string[]; rows: Record<string, string>[] }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** The columns a council chose last time for each field of a scheme list, proposed again for its next file. */
export const pooledFundSchemeMappings = pgTable('pooled_fund_scheme_mappings', {
  councilId: uuid('council_id').primaryKey().references(() => councils.id),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
