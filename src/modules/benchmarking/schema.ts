/**
 * Benchmarking: indicators a council imports (or Catalyst computes) for any English council, and the comparator
 * groups a council compares itself with. Every row belongs to the council that imported or built it (its tenant);
 * the councils an indicator's values are about come from the shared council list.
 */
import { date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'

/** One published measure, as a file names it: "Household waste sent for reuse, recycling or composting", Percentage. */
export const benchmarkIndicators = pgTable(
  'benchmark_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** Stable within the council: the file format and the indicator's own code or name, measure and unit. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** How the value is expressed (Percentage, Count, Rate, £ thousands…), as the file says. */
    measure: text('measure').notNull().default(''),
    unit: text('unit').notNull().default(''),
    /** Who publishes the figures (LG Inform, NHS England ASCOF, MHCLG Revenue Outturn) and under which licence. */
    source: text('source').notNull(),
    licence: text('licence').notNull(),
    /** 'high' (a high value is good), 'low' (a low value is good) or null (not said: no direction is judged). */
    polarity: text('polarity'),
    /** lginform-long, lginform-wide, ascof, revenue-outturn. */
    format: text('format').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('benchmark_indicators_council_key').on(t.councilId, t.key)],
)

/** One figure: an indicator's value for one council in one period, the period kept as the file writes it. */
export const benchmarkValues = pgTable(
  'benchmark_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id').notNull().references(() => benchmarkIndicators.id, { onDelete: 'cascade' }),
    /** The council the figure is about. */
    areaCouncilId: uuid('area_council_id').notNull().references(() => councils.id),
    /** As written: "2022/23", "Nov 2023", "2023 Q2". */
    period: text('period').notNull(),
    /** financial-year, month, quarter, year or other. */
    periodType: text('period_type').notNull(),
    /** The first day of the period, for ordering periods of one kind; null when the label cannot be dated. */
    periodStart: date('period_start'),
    value: doublePrecision('value').notNull(),
    importId: uuid('import_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('benchmark_values_indicator_area_period').on(t.indicatorId, t.areaCouncilId, t.period),
    index('benchmark_values_area').on(t.areaCouncilId),
  ],
)

/** One import of an indicator file: what it did, and the lines it could not use. */
export const benchmarkImports = pgTable('benchmark_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  created: integer('created').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  /** [{ line, reason }] for every row not imported. */
  problems: jsonb('problems').notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A council's comparator group for one purpose: an uploaded list, the same type and region, or the model's nearest. */
export const comparatorGroups = pgTable(
  'comparator_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    /** What the group is for, in the council's words ("Adult social care", "Waste"). */
    purpose: text('purpose').notNull().default(''),
    /** uploaded, type-region or nearest. */
    method: text('method').notNull(),
    /** For the model: the indicators and periods it used, the candidates' count and the distance's scale. */
    model: jsonb('model'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comparator_groups_council').on(t.councilId)],
)

export const comparatorMembers = pgTable(
  'comparator_members',
  {
    groupId: uuid('group_id').notNull().references(() => comparatorGroups.id, { onDelete: 'cascade' }),
    memberCouncilId: uuid('member_council_id').notNull().references(() => councils.id),
    /** Order in the uploaded list or by distance; members added by hand come last. */
    position: integer('position').notNull(),
    /** The model's distance (0 is identical); null for members not chosen by the model. */
    distance: doublePrecision('distance'),
    /** The model's reasons: each variable's standardised gap and its share of the squared distance. */
    explanation: jsonb('explanation'),
    /** list, rule, model or added (by hand). */
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('comparator_members_group_council').on(t.groupId, t.memberCouncilId)],
)
