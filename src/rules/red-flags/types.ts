/**
 * Red flags as rules in code (after Prozorro's risk indicators): each rule has an id, a name, why it matters, its
 * legal basis, the council settings it reads and one pure function from a snapshot of the council's facts to the
 * flags it raises. Nothing here reads a database or the clock: the snapshot carries today's date.
 */
import type { Citation } from '../procurement/citations.ts'
import type { RedFlagSettingName, RedFlagSettings } from './settings.ts'

export interface ContractFact {
  id: string
  reference: string
  title: string
  /** goods, services or works. */
  mainCategory: 'goods' | 'services' | 'works'
  awardProcedure: string
  /** For a direct award, the Schedule 5 code (sch5-5, sch5-15, ...). */
  directAwardGround: string | null
  cpvCodes: string[]
  serviceCategory: string | null
  lightTouch: boolean
  /** planned, active, extended, expired or terminated. */
  status: string
  totalValuePence: number | null
  valuesIncludeVat: boolean
  awardDate: string | null
  startDate: string | null
  endDate: string | null
  supplierIds: string[]
  kpiCount: number
  /** Every performance assessment, newest first. */
  assessments: { assessedOn: string; rating: string }[]
}

export interface ProviderFact {
  id: string
  name: string
}

/** Spend with one payee in one financial year and spend category ('' when the file did not say). */
export interface SpendFact {
  payeeId: string
  payeeName: string
  providerId: string | null
  redacted: boolean
  /** The calendar year the financial year starts in (2025 for 2025/26). */
  year: number
  category: string
  amountPence: number
}

/**
 * The payments to one payee matched to a provider with a contract, on one date (summed): what RF-OVERSPEND ties to
 * contracts by date. The date is the first day of what the file gave (a month or a quarter when that is all it said).
 */
export interface PaymentFact {
  payeeId: string
  payeeName: string
  providerId: string
  /** YYYY-MM-DD. */
  date: string
  amountPence: number
  /** How many payments the file had on that date. */
  count: number
}

export type ProviderEventKind = 'insolvency' | 'ceased-trading' | 'serious-breach' | 'poor-performance' | 's71-notice'

export interface ProviderEventFact {
  id: string
  providerId: string
  kind: string
  occurredOn: string
  /** When the council knew, or should have known: the look-back runs from here. */
  knownOn: string
  description: string
  source: string | null
}

/** A contract being assessed but not yet in the register (a financial-standing assessment with no contract). */
export interface ProposedContractFact {
  providerId: string
  title: string
  assessedOn: string
}

/** A social value commitment on a contract that has fallen due, with what the council has verified of it. */
export interface SocialValueFact {
  contractId: string
  commitmentId: string
  code: string
  unit: string
  quantity: number
  verified: number
  /** Pence per unit; null for a measure without a money value. */
  proxyPence: number | null
  dueDate: string
}

/** Everything the rules look at, for one council, on one day. */
export interface RedFlagFacts {
  /** Today, YYYY-MM-DD (London). */
  today: string
  contracts: ContractFact[]
  providers: ProviderFact[]
  spend: SpendFact[]
  /** Payments to payees matched to providers that have at least one contract, by date. */
  payments: PaymentFact[]
  events: ProviderEventFact[]
  proposed: ProposedContractFact[]
  /** Social value commitments on contracts due by today (absent where a snapshot has none). */
  socialValue?: SocialValueFact[]
}

export interface Evidence {
  label: string
  value: string
}

export interface FlagLink {
  text: string
  href: string
  /**
   * The register record the link shows, as its audit entries name it: the records a flag rests on, whose authors may
   * not dismiss it when the council keeps duties separate (ADR 0062).
   */
  record?: { entityType: 'contract' | 'provider' | 'spend-payee'; entityId: string }
}

export interface RedFlag {
  /** The rule's id and the flag's subject, stable while the facts behind it last: "RF-DIRECT:provider:<uuid>". */
  key: string
  ruleId: string
  /** One line: what was found. */
  summary: string
  evidence: Evidence[]
  links: FlagLink[]
}

export interface RedFlagRule {
  id: string
  name: string
  /** Why it matters, in plain English. */
  why: string
  /** The provisions it rests on, and a sentence saying how. */
  legalBasis: { cites: Citation[]; text: string }
  /** The council settings it reads. */
  settings: RedFlagSettingName[]
  evaluate(facts: RedFlagFacts, settings: RedFlagSettings): RedFlag[]
}
