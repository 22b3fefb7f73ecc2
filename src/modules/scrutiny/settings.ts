/**
 * The council's scrutiny settings (ADR 0012): the key decision threshold, the call-in period, the period for the
 * executive's response to a scrutiny recommendation, and the bank holidays the call-in clock skips.
 */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../rules/scrutiny/bank-holidays.ts'

export const scrutinySettings = settingsSection(
  'scrutiny',
  z.object({
    /**
     * Reg 8's significant spending or savings is each council's own figure, in its constitution: none by default,
     * so a council must set it before value alone makes a decision key.
     */
    keyDecisionThresholdPence: z.number().int().min(0).nullable().default(null),
    /** Set by each council's constitution; five working days is common (domain-rules §12), and a council may change it. */
    callInWorkingDays: z.number().int().min(1).max(30).default(5),
    /** LGA 2000 s.9FE response period: two months as a default the council may change (domain-rules §12, unconfirmed). */
    responseMonths: z.number().int().min(1).max(12).default(2),
    /** How many working days an officer or executive member has to answer a councillor's question: the council's own rule. */
    questionWorkingDays: z.number().int().min(1).max(60).default(10),
    /** Catalyst's default notice, in calendar days, before a councillor's question is due: the council may change it (ADR 0049). */
    questionReminderDays: z.number().int().min(1).max(60).default(3),
    /** Catalyst's default notice, in calendar days, before the executive's response to a recommendation is due (ADR 0049). */
    recommendationReminderDays: z.number().int().min(1).max(90).default(14),
    /**
     * Whether the public scrutiny pages show the committees' recommendations with the executive's responses. On by
     * default: committees make them in meetings the public may attend, so the pages add their tracking (ADR 0050).
     */
    publishRecommendations: z.boolean().default(true),
    /**
     * Whether the public pages show councillors' answered questions. Off by default: questions are often casework
     * about named residents, so a council opts in once it has decided how it publishes them (ADR 0050).
     */
    publishQuestions: z.boolean().default(false),
    bankHolidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date)),
  }),
)
