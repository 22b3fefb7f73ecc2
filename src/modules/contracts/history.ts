/** How a contract's history reads: each field its audit entries record, by the name the contract form uses. */
import type { HistoryEntry } from '../../platform/audit/audit.ts'
import { historyItems, type FieldSpecs } from '../../platform/audit/describe.ts'
import { formatDate } from '../../platform/dates.ts'
import { serviceCategoryName } from '../providers/service-categories.ts'
import { AWARD_PROCEDURES, CONTRACT_STATUSES, DIRECT_AWARD_GROUNDS, INVITATIONS, MAIN_CATEGORIES, NOTICE_TYPES, nameOf } from './vocabulary.ts'

export const CONTRACT_FIELDS: FieldSpecs = {
  reference: { label: 'Reference' },
  title: { label: 'Title' },
  description: { label: 'Description' },
  department: { label: 'Department' },
  status: { label: 'Status', format: CONTRACT_STATUSES },
  totalValuePence: { label: 'Total value', format: 'money' },
  estimatedAnnualValuePence: { label: 'Estimated annual value', format: 'money' },
  valuesIncludeVat: { label: 'Values include VAT', format: 'boolean' },
  irrecoverableVatPence: { label: 'Irrecoverable VAT', format: 'money' },
  awardDate: { label: 'Award date', format: 'date' },
  startDate: { label: 'Start date', format: 'date' },
  endDate: { label: 'End date', format: 'date' },
  reviewDate: { label: 'Review date', format: 'date' },
  extensionOptions: { label: 'Extensions allowed', format: 'number' },
  extensionMonths: { label: 'Months per extension', format: 'number' },
  extensionsTaken: { label: 'Extensions taken', format: 'number' },
  extensionsTakenNote: { label: 'Note on extensions taken' },
  mainCategory: { label: 'Main category', format: MAIN_CATEGORIES },
  awardProcedure: { label: 'Award procedure', format: AWARD_PROCEDURES },
  directAwardGround: { label: 'Direct award ground', format: DIRECT_AWARD_GROUNDS },
  invitation: { label: 'Invitation', format: INVITATIONS },
  lightTouch: { label: 'Light-touch contract', format: 'boolean' },
  cpvCodes: { label: 'CPV codes' },
  serviceCategory: { label: 'Service category', format: (code) => serviceCategoryName(String(code)) },
  // Stored as "type date" pairs, such as "contract-award 2026-04-01".
  notices: {
    label: 'Notices',
    format: (n) => {
      const [type, date] = String(n).split(' ')
      return `${nameOf(NOTICE_TYPES, type)}${date ? ` (${formatNoticeDate(date)})` : ''}`
    },
  },
  ocid: { label: 'Open Contracting ID' },
  published: { label: 'Published', format: 'boolean' },
}

const formatNoticeDate = (iso: string) => formatDate(iso) || iso

/** The contract's history; the record's creation is not spelled out field by field (the page shows the record). */
export const contractHistory = (entries: readonly HistoryEntry[]) => historyItems(entries, CONTRACT_FIELDS, { actions: { create: 'Added to the register' }, describeAdded: false })
