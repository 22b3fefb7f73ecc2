/** How a project's history reads: each field the project's audit entries record, by name and format. */
import { historyItems, type FieldSpecs } from '../../platform/audit/describe.ts'
import type { HistoryEntry } from '../../platform/audit/audit.ts'
import { REGIME_NAMES } from '../../rules/procurement/route-advice-types.ts'
import { STAGE_NAMES } from './forms.ts'

export const PROJECT_FIELDS: FieldSpecs = {
  title: { label: 'Title' },
  serviceArea: { label: 'Service area' },
  summary: { label: 'Summary' },
  budgetPence: { label: 'Budget', format: 'money' },
  stage: { label: 'Stage', format: STAGE_NAMES },
  need: { label: 'Need' },
  evidence: { label: 'Evidence' },
  outcome: { label: 'Outcome' },
  indicator: { label: 'Indicator' },
  baseline: { label: 'Baseline' },
  target: { label: 'Target' },
  latest: { label: 'Latest measurement' },
  kind: { label: 'Kind', format: { council: 'Council', nhs: 'NHS body', contract: 'Contract', grant: 'Grant', tender: 'Tender' } },
  name: { label: 'Name' },
  label: { label: 'Record' },
  dueDate: { label: 'Due date', format: 'date' },
  decision: { label: 'Decision' },
  reason: { label: 'Reason' },
  regime: { label: 'Procurement regime', format: REGIME_NAMES },
  valuePence: { label: 'Estimated value', format: 'money' },
  startDate: { label: 'Start date', format: 'date' },
  option: { label: 'Delivery model' },
  options: { label: 'Delivery models' },
  scores: { label: 'Scores' },
}

export const projectHistory = (entries: readonly HistoryEntry[]) => historyItems(entries, PROJECT_FIELDS, { actions: { create: 'Project started', update: 'Project details changed' } })
