/**
 * Scrutiny and the decision trail: wards as real areas, executive decisions with the forward plan's notice, and
 * call-ins with their outcomes (ADR 0036).
 */
import { bigint, boolean, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { contracts } from '../contracts/schema.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { users } from '../../platform/auth/schema.ts'

/** A ward (electoral division) of a council, by its ONS code (E05…) as the ONS ward lookups give it. */
export const wards = pgTable(
  'wards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The WDyyCD code, for example E05001234. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The LADyyCD code of the council the lookup put it in. */
    ladCode: text('lad_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wards_council_code').on(t.councilId, t.code)],
)

/**
 * Records placed in a ward by an officer: a contract delivered there, a provider based there, a priorities idea for
 * there. Catalyst has no postcode directory, so it does not guess these from addresses.
 */
export const wardLinks = pgTable(
  'ward_links',
  {
    wardId: uuid('ward_id').notNull().references(() => wards.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** contract, provider or idea. */
    kind: text('kind').notNull(),
    recordId: uuid('record_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.kind, t.recordId] }), index('ward_links_record').on(t.councilId, t.kind, t.recordId)],
)

/** The ward a councillor represents, in one council. */
export const councillorWards = pgTable(
  'councillor_wards',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    wardId: uuid('ward_id').notNull().references(() => wards.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.userId] })],
)

/**
 * An executive decision: planned (on the forward plan when key), then taken and published, then open to call-in.
 * Dates are calendar dates: what reg 9's clear days and the call-in's working days count.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    projectId: uuid('project_id').references(() => commissioningProjects.id, { onDelete: 'set null' }),
    /** The matter to be decided (reg 9(1)(b)). */
    title: text('title').notNull(),
    /** executive-member, cabinet or officer (under delegation). */
    makerKind: text('maker_kind').notNull(),
    /** The individual's name and title, or the body's name and members (reg 9(1)(c)). */
    makerName: text('maker_name').notNull(),
    /** The date the decision is to be taken (reg 9(1)(d)). */
    plannedOn: date('planned_on').notNull(),
    /** The day the matter was first published on the forward plan; null while it is not on it. */
    noticePublishedOn: date('notice_published_on'),
    /** Spending or savings it is likely to result in, in pence. */
    valuePence: bigint('value_pence', { mode: 'number' }),
    /** The wards whose communities it significantly affects. */
    wardIds: uuid('ward_ids').array().notNull().default([]),
    judgedSignificant: boolean('judged_significant').notNull().default(false),
    /** Reg 8 reasons it is key, worked out when saved from the council's threshold then: empty when it is not key. */
    keyReasons: text('key_reasons').array().notNull().default([]),
    /** none, general-exception (reg 10) or special-urgency (reg 11). */
    urgency: text('urgency').notNull().default('none'),
    urgencyReason: text('urgency_reason'),
    /** Options considered, in words; the project's appraisal and route advice are linked from the project. */
    optionsConsidered: text('options_considered'),
    /** Documents submitted to the decision maker, one a line (reg 9(1)(e)). */
    documents: text('documents').array().notNull().default([]),
    /** How to ask for the documents and the address they may be had from (reg 9(1)(f)–(h)). */
    documentsRequest: text('documents_request'),
    /** What was decided, once taken. */
    outcome: text('outcome'),
    reasons: text('reasons'),
    decidedOn: date('decided_on'),
    /** The day the decision notice was published: the call-in period counts from it. */
    publishedOn: date('published_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decisions_council_planned').on(t.councilId, t.plannedOn), index('decisions_project').on(t.projectId)],
)

/** The contracts a decision let. */
export const decisionContracts = pgTable(
  'decision_contracts',
  {
    decisionId: uuid('decision_id').notNull().references(() => decisions.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.contractId] }), index('decision_contracts_contract').on(t.contractId)],
)

/** A councillor's call-in of a published decision, with its reasons and, once heard, its outcome. */
export const callIns = pgTable(
  'call_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id').notNull().references(() => decisions.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    calledInById: uuid('called_in_by_id').references(() => users.id),
    calledInByName: text('called_in_by_name').notNull(),
    calledInOn: date('called_in_on').notNull(),
    reasons: text('reasons').notNull(),
    /** no-further-action, referred-back or referred-to-council; null while awaiting the committee. */
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    outcomeOn: date('outcome_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_ins_decision').on(t.decisionId)],
)

/** A scrutiny (overview and scrutiny) committee, with its remit and its work programme, one item a line. */
export const committees = pgTable(
  'committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    remit: text('remit'),
    workProgramme: text('work_programme').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('committees_council_name').on(t.councilId, t.name)],
)

/** A councillor's seat on a committee: chair, vice-chair or member. */
export const committeeMembers = pgTable(
  'committee_members',
  {
    committeeId: uuid('committee_id').notNull().references(() => committees.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.userId] }), index('committee_members_user').on(t.councilId, t.userId)],
)

/**
 * A committee's recommendation to the executive (LGA 2000 s.9FE): the executive's response is due by `responseDueOn`,
 * worked out from the council's response period when the recommendation is made; then accepted, partly accepted or
 * rejected with reasons, and tracked to implementation.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    committeeId: uuid('committee_id').notNull().references(() => committees.id),
    /** The decision it is about, when it is about one. */
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    madeOn: date('made_on').notNull(),
    responseDueOn: date('response_due_on').notNull(),
    /** accepted, partly-accepted or rejected; null while the executive has not responded. */
    response: text('response'),
    responseReasons: text('response_reasons'),
    respondedOn: date('responded_on'),
    respondedByName: text('responded_by_name'),
    /** not-started, in-progress or implemented, for an accepted or partly accepted recommendation. */
    implementation: text('implementation'),
    implementationNote: text('implementation_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recommendations_council_due').on(t.councilId, t.responseDueOn), index('recommendations_committee').on(t.committeeId)],
)

/** A councillor's question to an officer or an executive member, with its due date and, once given, its answer. */
export const councillorQuestions = pgTable(
  'councillor_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    askedById: uuid('asked_by_id').references(() => users.id, { onDelete: 'set null' }),
    askedByName: text('asked_by_name').notNull(),
    /** Who is asked: the officer's or executive member's name and title. */
    addressedTo: text('addressed_to').notNull(),
    question: text('question').notNull(),
    /** The decision it asks about, when it is about one. */
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    askedOn: date('asked_on').notNull(),
    dueOn: date('due_on').notNull(),
    answer: text('answer'),
    answeredOn: date('answered_on'),
    answeredByName: text('answered_by_name'),
    /**
     * An officer's mark that the question and its answer are not for publication (exempt information, a resident's
     * personal details), with the reason in words: kept off the public pages even when the council publishes
     * questions (ADR 0050).
     */
    notForPublication: boolean('not_for_publication').notNull().default(false),
    notForPublicationReason: text('not_for_publication_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('councillor_questions_council_due').on(t.councilId, t.dueOn), index('councillor_questions_asker').on(t.councilId, t.askedById)],
)
