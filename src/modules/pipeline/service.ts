/**
 * The council's commissioning pipeline (ADR 0047): what it plans to buy, read from two kinds of record it already
 * keeps. Planned procurements and open tenders come from the notices imported into the opportunities table (public
 * notices already); contracts in the published register ending within 18 months are likely to be bought again.
 * Reaches the register only through the contracts service. Commissioning projects at the Plan stage are listed once
 * their latest saved route advice is a procurement (ADR 0053), read from the project's own record.
 */
import type { Executor } from '../../platform/db/database.ts'
import { addMonths, londonDate } from '../contracts/dates.ts'
import { listContracts } from '../contracts/service.ts'
import { listOpportunities, OPPORTUNITY_STAGES, type OpportunityStage } from '../contracts/opportunities.ts'
import { serviceCategoryName } from '../providers/service-categories.ts'
import { plannedProcurements } from '../projects/service.ts'
import { bandOf, ENDING_WITHIN_MONTHS, inNotice, noticeRequired, noticeWindow, type NoticeWindow } from './rules.ts'

export interface PipelineEntry {
  id: string
  kind: 'notice' | 'contract-ending' | 'project'
  stage: string
  title: string
  description: string
  reference: string
  serviceCategory: string | null
  service: string
  valuePence: number | null
  valueBasis: string
  band: string
  /** The date the entry is expected: tenders closing, the contract to start, or the current contract's end. */
  date: string | null
  dateLabel: string
  suppliers: { id: string; name: string; published: boolean }[]
  sme: boolean | null
  vcse: boolean | null
  updated: string
  /**
   * The London date the entry came into the pipeline, for the providers' digest of new opportunities (ADR 0059): a
   * notice's publication, the day a contract came within the 18 months (or was added, if later), the day a project's
   * procurement advice was saved.
   */
  listedOn: string
}

export interface Pipeline {
  entries: PipelineEntry[]
  window: NoticeWindow
  /** The published register's estimated payments in the notice's financial year. */
  expectedPaymentsPence: number
  required: boolean
  noticeEntries: PipelineEntry[]
}

const MAX = 5000

/** Estimated payments in a year from a contract running in it: its annual value, or its total spread over its term. */
function annualPence(c: { estimatedAnnualValuePence: number | null; totalValuePence: number | null; startDate: string | null; endDate: string | null }): number {
  if (c.estimatedAnnualValuePence !== null) return c.estimatedAnnualValuePence
  if (c.totalValuePence === null || !c.startDate || !c.endDate) return 0
  const years = Math.max(1, (Date.parse(c.endDate) - Date.parse(c.startDate)) / (365.25 * 86_400_000))
  return Math.round(c.totalValuePence / years)
}

export async function pipelineOf(db: Executor, councilId: string, today: string): Promise<Pipeline> {
  const window = noticeWindow(today)
  const until = addMonths(today, ENDING_WITHIN_MONTHS)
  const [notices, ending, inYear, projects] = await Promise.all([
    listOpportunities(db, councilId, {}, 1, MAX),
    listContracts(db, { published: true, councilId }, { activeFrom: today }, 1, MAX),
    listContracts(db, { published: true, councilId }, { activeFrom: window.from, activeTo: window.yearEnd }, 1, MAX),
    plannedProcurements(db, councilId),
  ])
  const entries: PipelineEntry[] = [
    ...notices.items.map((o): PipelineEntry => ({
      id: o.id,
      kind: 'notice',
      stage: OPPORTUNITY_STAGES[o.stage as OpportunityStage] ?? o.stage,
      title: o.title,
      description: o.description ?? '',
      reference: o.reference ?? o.ocid,
      serviceCategory: null,
      service: o.cpvCodes.length ? `CPV ${o.cpvCodes.join(', ')}` : '',
      valuePence: o.valuePence,
      valueBasis: o.valuePence === null ? 'Not stated' : 'Estimated value in the notice',
      band: bandOf(o.valuePence)?.text ?? 'Not stated',
      date: o.stage === 'tender' ? o.tenderEndDate : (o.contractStartDate ?? o.tenderEndDate),
      dateLabel: o.stage === 'tender' ? 'Tenders close' : 'Contract expected to start',
      suppliers: [],
      sme: o.suitableForSme,
      vcse: o.suitableForVcse,
      updated: o.publishedOn ?? today,
      listedOn: o.publishedOn ?? londonDate(o.createdAt),
    })),
    ...ending.items
      .filter((c) => (c.status === 'active' || c.status === 'extended') && c.endDate && c.endDate <= until)
      .map((c): PipelineEntry => {
        const extensionsLeft = c.extensionOptions - c.extensionsTaken
        return {
          id: c.id,
          kind: 'contract-ending',
          stage: extensionsLeft > 0 ? `Contract ending (${extensionsLeft} extension ${extensionsLeft === 1 ? 'option' : 'options'} left)` : 'Contract ending: to be commissioned again',
          title: c.title,
          description: c.description ?? '',
          reference: c.reference,
          serviceCategory: c.serviceCategory,
          service: c.serviceCategory ? serviceCategoryName(c.serviceCategory) : '',
          valuePence: c.totalValuePence,
          valueBasis: 'The current contract’s total value',
          band: bandOf(c.totalValuePence)?.text ?? 'Not stated',
          date: c.endDate,
          dateLabel: 'Current contract ends',
          suppliers: c.suppliers.map((s) => ({ id: s.providerId, name: s.name, published: s.published })),
          sme: null,
          vcse: null,
          updated: c.updatedAt.toISOString().slice(0, 10),
          listedOn: [addMonths(c.endDate!, -ENDING_WITHIN_MONTHS), londonDate(c.createdAt)].sort()[1]!,
        }
      }),
    // Projects at the Plan stage whose latest route advice is a procurement: read from the project's own record.
    ...projects.map(({ project, request, savedAt }): PipelineEntry => {
      const valuePence = request.valuePence ?? request.valueExVatPence ?? project.budgetPence ?? null
      return {
        id: project.id,
        kind: 'project',
        stage: 'Planned procurement: commissioning project',
        title: project.title,
        description: project.summary ?? '',
        reference: '',
        serviceCategory: null,
        service: project.serviceArea,
        valuePence,
        valueBasis: valuePence === null ? 'Not stated' : request.valuePence !== undefined || request.valueExVatPence !== undefined ? 'Estimated value in the route advice' : 'The project’s budget',
        band: bandOf(valuePence)?.text ?? 'Not stated',
        date: request.startDate ?? null,
        dateLabel: 'Contract expected to start',
        suppliers: [],
        sme: null,
        vcse: null,
        updated: (project.updatedAt > savedAt ? project.updatedAt : savedAt).toISOString().slice(0, 10),
        listedOn: londonDate(savedAt),
      }
    }),
  ].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.title.localeCompare(b.title))
  const expectedPaymentsPence = inYear.items.reduce((sum, c) => sum + annualPence(c), 0)
  return { entries, window, expectedPaymentsPence, required: noticeRequired(expectedPaymentsPence), noticeEntries: entries.filter((e) => inNotice(e, window)) }
}
