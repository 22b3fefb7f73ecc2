/** The shapes of route-to-market advice: what is asked, and what is answered, with the vocabularies both use. */
import type { Citation } from './citations.ts'
import type { ModificationAdvice, Schedule8Ground } from './modification.ts'

export type { ModificationAdvice }

export type Category = 'goods' | 'services' | 'works'

export const REGIMES = [
  'covered-above-threshold',
  'regulated-below-threshold',
  'below-threshold-not-notifiable',
  'exempt',
  'not-procurement',
  'outside-act-psr',
  'pipeline-notice-only',
] as const
export type Regime = (typeof REGIMES)[number]

export const REGIME_NAMES: Record<Regime, string> = {
  'covered-above-threshold': 'Covered procurement above threshold',
  'regulated-below-threshold': 'Regulated below-threshold contract (notifiable)',
  'below-threshold-not-notifiable': 'Below threshold and below £30,000: not notifiable',
  exempt: 'Exempted contract',
  'not-procurement': 'Not procurement: a grant',
  'outside-act-psr': 'Outside the Act: Provider Selection Regime',
  'pipeline-notice-only': 'The council’s pipeline notice (s.93)',
}

export const DIRECT_AWARD_GROUNDS = {
  prototype: { cites: ['Sch 5 para 2'], text: 'prototypes or novel goods or services for testing, research or development' },
  'artistic-work': { cites: ['Sch 5 para 4'], text: 'a unique work of art or artistic performance (single supplier)' },
  'single-supplier': {
    cites: ['Sch 5 para 5', 'Sch 5 para 6'],
    text: 'only one supplier can supply, because of intellectual property or exclusive rights or for technical reasons, and there is no reasonable alternative',
  },
  'additional-supply': { cites: ['Sch 5 para 7'], text: 'additional or repeat supply where a change of supplier would cause incompatibility and disproportionate technical difficulty' },
  'repeat-supply': {
    cites: ['Sch 5 para 8'],
    text: 'repeat of similar goods, services or works by the existing supplier, where the original contract was competitively tendered in the previous 5 years and its tender notice said so',
  },
  commodities: { cites: ['Sch 5 para 10'], text: 'commodities bought on a commodity market' },
  insolvency: { cites: ['Sch 5 para 11'], text: 'advantageous terms from a supplier undergoing insolvency proceedings' },
  urgency: {
    cites: ['Sch 5 para 13'],
    text: 'strictly necessary for reasons of extreme and unavoidable urgency (not caused by the council and not foreseeable)',
  },
  'user-choice': {
    cites: ['Sch 5 para 15'],
    text: 'a user choice contract: light touch services for a particular person, who (or whose carer) has expressed a preference for the supplier',
  },
  'no-suitable-tenders': { cites: ['s.43'], text: 'a competitive tendering procedure brought no suitable tenders or requests to participate' },
} as const
export type DirectAwardGround = keyof typeof DIRECT_AWARD_GROUNDS
export const DIRECT_AWARD_GROUND_CODES = Object.keys(DIRECT_AWARD_GROUNDS) as DirectAwardGround[]

export interface ControlledCompany {
  kind: 'controlled-company'
  /** Sch 2 para 2(2)(a): the council (alone or with other authorities) is its parent undertaking (Companies Act 2006 s.1162). */
  parentUndertaking: boolean
  /** Sch 2 para 2(2)(b): someone else exerts a decisive influence on its activities. */
  decisiveInfluenceByOthers: boolean
  /** Sch 2 para 2(2)(c): share of its activities carried out for the controlling authorities (more than 80 needed). */
  activityForControllersPercent: number
  /** Sch 2 para 2(3): a person that is not a public authority holds shares in it. */
  privateShareholding: boolean
  /** Sch 2 para 2(2)(d): controlled jointly with other authorities; then every one must be on its board. */
  jointControl?: boolean | undefined
  everyControllerOnBoard?: boolean | undefined
}

export interface ContractingAuthorityCounterparty {
  kind: 'contracting-authority'
  /** Sch 2 para 3(a)(i): the arrangement aims at objectives the authorities have in common in their public functions. */
  commonObjectives: boolean
  /** Sch 2 para 3(a)(ii): entered into solely in the public interest. */
  solelyPublicInterest: boolean
  /** Sch 2 para 3(b): share of the contemplated activities carried out other than for the authorities' public functions (20 at most). */
  activityOutsidePublicFunctionsPercent: number
}

export type Counterparty = ControlledCompany | ContractingAuthorityCounterparty

export interface ModificationRequest {
  originalValuePence: number
  newValuePence: number
  category?: Category | undefined
  originalTermMonths: number
  newTermMonths: number
  lightTouch?: boolean | undefined
  ground?: Schedule8Ground | undefined
  materialScopeChange?: boolean | undefined
  economicBalanceToSupplier?: boolean | undefined
  earlierBelowThresholdModificationsPence?: number | undefined
}

/** Checked input (see route-advice-request.ts). */
export interface RouteAdviceInput {
  /** VAT included. */
  valuePence?: number | undefined
  valueExVatPence?: number | undefined
  /** The VAT rate to add to valueExVatPence; the standard rate (20%) when not given. */
  vatRatePercent?: number | undefined
  valueUnknown?: boolean | undefined
  /** What one year costs, VAT included: the value is worked out over termMonths plus extensionMonths (s.4, Sch 3). */
  annualValuePence?: number | undefined
  /** What one year costs without VAT; VAT is added at vatRatePercent. */
  annualValueExVatPence?: number | undefined
  /** Every optional extension added together, in months, with an annual value. */
  extensionMonths?: number | undefined
  category?: Category | undefined
  /** Eight-digit CPV codes, check digits removed. */
  cpv?: string[] | undefined
  /** The person's answer: are the services (wholly or mainly) light touch services? */
  lightTouch?: boolean | undefined
  /** When the procurement commences (ISO date): decides the thresholds in force. */
  startDate: string
  termMonths?: number | undefined
  advertised?: boolean | undefined
  /** A call-off under a framework. */
  framework?: boolean | undefined
  /** The council is setting up a framework, or an open framework (s.49); its term is termMonths. */
  newFramework?: 'framework' | 'open-framework' | undefined
  reserve?: 'public-service-mutual' | 'supported-employment' | undefined
  mutualComparableContractYearsAgo?: number | undefined
  counterparty?: Counterparty | undefined
  arrangement?: 'grant' | 'employment' | 'land' | undefined
  directAwardGround?: DirectAwardGround | undefined
  healthCareUnderPSR?: boolean | undefined
  annualSpendPence?: number | undefined
  financialYearStart?: string | undefined
  modification?: ModificationRequest | undefined
}

export interface Notice {
  code: string
  name: string
  timing: string
  cites: Citation[]
}

export interface Duty {
  id: string
  text: string
  cites: Citation[]
}

export interface Procedure {
  id: string
  name: string
  cites: Citation[]
}

export interface TimeLimit {
  period: string
  minimum: string
  cites: Citation[]
}

export interface ExemptionTest {
  cite: Citation
  text: string
  met: boolean
}

export interface Exemption {
  /** Whether the exemption applies. */
  applies: boolean
  kind: 'vertical' | 'horizontal' | 'employment' | 'land'
  /** The paragraph that decides it ("Sch 2 para 2"), and for a failed test the first test that failed. */
  decidedBy: Citation
  tests: ExemptionTest[]
}

export interface RouteAdvice {
  regime: Regime
  regimeName: string
  summary: string
  startDate: string
  /** The estimated value including VAT; null when not known or not needed. */
  valuePence: number | null
  thresholdPence: number | null
  thresholdName: string | null
  lightTouch: boolean
  /** How light touch was decided: from the CPV codes, the person's answer, the category, or not known (treated as not). */
  lightTouchBasis: 'cpv' | 'answer' | 'category' | 'not-known'
  reservableForMutual: boolean
  /** Whether the reservation asked for (reserve) is allowed; null when none was asked for. */
  reservationAllowed: boolean | null
  exemption: Exemption | null
  procedures: Procedure[]
  notices: Notice[]
  timeLimits: TimeLimit[]
  duties: Duty[]
  modification: ModificationAdvice | null
  warnings: string[]
  cites: Citation[]
}
