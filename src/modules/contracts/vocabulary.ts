/**
 * The contracts register's vocabularies: codes stored in the tables, with the words pages use for them and, where
 * a standard has its own code, the mapping to it. Sources: domain-rules 1.4–1.11 (Procurement Act 2023) and 3.4
 * (OCDS 1.1.5 codelists).
 */
export const MAIN_CATEGORIES = { goods: 'Goods', services: 'Services', works: 'Works' } as const
export type MainCategory = keyof typeof MAIN_CATEGORIES
export const MAIN_CATEGORY_CODES = Object.keys(MAIN_CATEGORIES) as [MainCategory, ...MainCategory[]]

/**
 * How the contract was awarded, and the OCDS procurementMethod each maps to (closed codelist `method`).
 * `not-stated`: the source (an OCDS release without procurementMethod, a spreadsheet without the column) did not
 * say; it is never counted as any procedure, and publishes no procurementMethod.
 */
export const AWARD_PROCEDURES = {
  open: { name: 'Open procedure (s.20(2)(a))', ocds: 'open' },
  'competitive-flexible': { name: 'Competitive flexible procedure (s.20(2)(b))', ocds: 'selective' },
  'direct-award': { name: 'Direct award (s.41 and Schedule 5)', ocds: 'direct' },
  'below-threshold-quotes': { name: 'Below-threshold quotes', ocds: 'limited' },
  'framework-call-off': { name: 'Call-off from a framework', ocds: 'selective' },
  'exempt-vertical': { name: 'Exempt: vertical arrangement (Schedule 2)', ocds: 'direct' },
  'exempt-horizontal': { name: 'Exempt: horizontal arrangement (Schedule 2)', ocds: 'direct' },
  'reserved-s32': { name: 'Reserved for supported employment providers (s.32)', ocds: 'selective' },
  'reserved-s33': { name: 'Reserved for public service mutuals (s.33)', ocds: 'selective' },
  'not-stated': { name: 'Not stated (the source did not say)', ocds: null },
} as const
export type AwardProcedure = keyof typeof AWARD_PROCEDURES
export const AWARD_PROCEDURE_CODES = Object.keys(AWARD_PROCEDURES) as [AwardProcedure, ...AwardProcedure[]]

/** Schedule 5 justifications for a direct award, by paragraph (domain-rules 1.5). */
export const DIRECT_AWARD_GROUNDS = {
  'sch5-2': 'Sch 5 paras 2–3: prototypes and development',
  'sch5-4': 'Sch 5 para 4: single supplier, unique work of art or performance',
  'sch5-5': 'Sch 5 para 5: single supplier, intellectual property or exclusive rights',
  'sch5-6': 'Sch 5 para 6: single supplier, no competition for technical reasons',
  'sch5-7': 'Sch 5 para 7: additional or repeat supply, incompatibility',
  'sch5-8': 'Sch 5 para 8: repeat of similar supply within 5 years',
  'sch5-10': 'Sch 5 para 10: commodities',
  'sch5-11': 'Sch 5 paras 11–12: advantageous terms on insolvency',
  'sch5-13': 'Sch 5 paras 13–14: extreme and unavoidable urgency',
  'sch5-15': 'Sch 5 paras 15–17: user choice contracts',
} as const
export type DirectAwardGround = keyof typeof DIRECT_AWARD_GROUNDS
export const DIRECT_AWARD_GROUND_CODES = Object.keys(DIRECT_AWARD_GROUNDS) as [DirectAwardGround, ...DirectAwardGround[]]

/** Transparency Code 2015 (b): whether the contract followed an invitation to quote or a published invitation to tender. */
export const INVITATIONS = {
  'invitation-to-quote': 'Invitation to quote',
  'invitation-to-tender': 'Published invitation to tender',
  none: 'Neither',
} as const
export type Invitation = keyof typeof INVITATIONS
export const INVITATION_CODES = Object.keys(INVITATIONS) as [Invitation, ...Invitation[]]

/** The contract's status, and the OCDS contractStatus it publishes as (closed codelist). */
export const CONTRACT_STATUSES = {
  planned: { name: 'Planned', ocds: 'pending' },
  active: { name: 'Active', ocds: 'active' },
  extended: { name: 'Extended', ocds: 'active' },
  expired: { name: 'Expired', ocds: 'terminated' },
  terminated: { name: 'Terminated', ocds: 'terminated' },
} as const
export type ContractStatus = keyof typeof CONTRACT_STATUSES
export const CONTRACT_STATUS_CODES = Object.keys(CONTRACT_STATUSES) as [ContractStatus, ...ContractStatus[]]

/**
 * Notices published for a contract on Find a Tender (domain-rules 1.11). UK4–UK7 and UK9 are confirmed codes;
 * UK10 and UK11 follow the Find a Tender list as read (see the reference's list of unconfirmed facts).
 */
export const NOTICE_TYPES = {
  UK4: 'UK4 tender notice',
  UK6: 'UK6 contract award notice',
  UK7: 'UK7 contract details notice',
  UK9: 'UK9 contract performance notice',
  UK10: 'UK10 contract change notice',
  UK11: 'UK11 contract termination notice',
} as const
export type NoticeType = keyof typeof NOTICE_TYPES
export const NOTICE_TYPE_CODES = Object.keys(NOTICE_TYPES) as [NoticeType, ...NoticeType[]]

/** The rating scale of a UK9 contract performance notice (domain-rules 1.11). */
export const ASSESSMENT_RATINGS = {
  good: 'Good',
  'approaching-target': 'Approaching target',
  'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate',
  other: 'Other',
} as const
export type AssessmentRating = keyof typeof ASSESSMENT_RATINGS
export const ASSESSMENT_RATING_CODES = Object.keys(ASSESSMENT_RATINGS) as [AssessmentRating, ...AssessmentRating[]]

/** A CPV code: eight digits and an optional check digit ("85311000-2"). */
export const CPV_PATTERN = /^\d{8}(-\d)?$/

export function nameOf<T extends Record<string, string | { name: string }>>(table: T, code: string | null | undefined): string {
  if (!code) return ''
  const entry = (table as Record<string, string | { name: string }>)[code]
  if (entry === undefined) return code
  return typeof entry === 'string' ? entry : entry.name
}
