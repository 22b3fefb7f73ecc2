/** A contract as the register's service takes it: checked, normalised, money in pence, dates as YYYY-MM-DD. */
import type { ServiceCategoryCode } from '../providers/service-categories.ts'
import type { AwardProcedure, ContractStatus, DirectAwardGround, Invitation, MainCategory, NoticeType } from './vocabulary.ts'

export interface NoticeInput {
  type: NoticeType
  publishedOn: string
}

export interface ContractInput {
  reference: string
  title: string
  description: string | null
  department: string | null
  supplierIds: string[]
  cpvCodes: string[]
  mainCategory: MainCategory
  awardProcedure: AwardProcedure
  directAwardGround: DirectAwardGround | null
  invitation: Invitation | null
  totalValuePence: number | null
  estimatedAnnualValuePence: number | null
  valuesIncludeVat: boolean
  irrecoverableVatPence: number | null
  awardDate: string | null
  startDate: string | null
  endDate: string | null
  reviewDate: string | null
  extensionOptions: number
  extensionMonths: number | null
  extensionsTaken: number
  extensionsTakenNote: string | null
  lightTouch: boolean
  status: ContractStatus
  notices: NoticeInput[]
  ocid: string | null
  published: boolean
  /** The service it buys (SERVICE_CATEGORIES), for the market view; null when not recorded. */
  serviceCategory: ServiceCategoryCode | null
}
