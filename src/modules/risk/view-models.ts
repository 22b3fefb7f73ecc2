/** Words and tags the financial standing pages share. */
import { MITIGATIONS, type MitigationCode } from '../../rules/risk/assess.ts'
import { EVENT_KINDS, isEventKind } from '../../rules/risk/look-back.ts'
import type { Effect, Metric, RiskLevel } from '../../rules/risk/types.ts'
import { DECISIONS, type Decision } from './forms.ts'
import { escapeHtml } from '../../platform/http/html.ts'

export const LEVEL_TAGS: Record<RiskLevel, { text: string; classes: string }> = {
  low: { text: 'Low', classes: 'govuk-tag--green' },
  medium: { text: 'Medium', classes: 'govuk-tag--yellow' },
  high: { text: 'High', classes: 'govuk-tag--red' },
}

export const EFFECT_TAGS: Record<Effect, { text: string; classes: string }> = {
  meets: { text: 'Meets', classes: 'govuk-tag--green' },
  concern: { text: 'Concern', classes: 'govuk-tag--orange' },
  'not-given': { text: 'Not given', classes: 'govuk-tag--grey' },
}

export const DECISION_NAMES: Record<Decision, string> = DECISIONS
export const MITIGATION_NAMES = Object.fromEntries(Object.entries(MITIGATIONS).map(([code, m]) => [code, m.name])) as Record<MitigationCode, string>

export const eventKindName = (kind: string) => (isEventKind(kind) ? EVENT_KINDS[kind].name : kind)

/** The metrics as a GOV.UK table: name, value, threshold for the tier, effect and what it means. */
export function metricsTable(metrics: Metric[], tier: number) {
  return {
    caption: 'Each measure',
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: true,
    head: [{ text: 'Measure' }, { text: 'Value' }, { text: `Threshold for tier ${tier}` }, { text: 'Effect' }],
    rows: metrics.map((m) => [
      { text: m.name },
      { text: m.valueText },
      { text: m.thresholdText },
      { html: `<strong class="govuk-tag ${EFFECT_TAGS[m.effect].classes}">${EFFECT_TAGS[m.effect].text}</strong><p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">${escapeHtml(m.explanation)}</p>` },
    ]),
  }
}

