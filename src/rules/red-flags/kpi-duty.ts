/**
 * RF-KPI: a contract over £5m (not light touch) with fewer than three KPIs (s.52), or whose performance has not been
 * assessed for more than 12 months (s.71). The duty itself is checked by checkKpiDuty in the contracts module.
 */
import { checkKpiDuty, KPI_DUTY_THRESHOLD_PENCE, MINIMUM_KPIS } from '../../modules/contracts/duties.ts'
import { contractLink, day, money, providerLink, providerNamed } from './format.ts'
import type { RedFlag, RedFlagRule } from './types.ts'

export const kpiDuty: RedFlagRule = {
  id: 'RF-KPI',
  name: 'Missing KPIs or overdue performance assessments',
  why: 'Large contracts must be managed against published KPIs and assessed at least yearly. Without them the council cannot show a supplier is delivering, cannot publish the performance notice the Act requires, and has no record to rely on if performance fails.',
  legalBasis: {
    cites: ['s.52(1)', 's.52(6)(d)', 's.71(2)', 's.71(6)'],
    text: `A public contract over ${money(KPI_DUTY_THRESHOLD_PENCE)} that is not light touch needs at least ${MINIMUM_KPIS} KPIs (s.52), and its performance against them must be assessed and published at least every 12 months (s.71(2)).`,
  },
  settings: [],
  evaluate(facts) {
    const flags: RedFlag[] = []
    for (const c of facts.contracts) {
      const lastAssessedOn = c.assessments.reduce<string | null>((latest, a) => (latest === null || a.assessedOn > latest ? a.assessedOn : latest), null)
      const duty = checkKpiDuty(
        { totalValuePence: c.totalValuePence, lightTouch: c.lightTouch, status: c.status, startDate: c.startDate, endDate: c.endDate, reviewDate: null, extensionOptions: 0, extensionsTaken: 0, kpiCount: c.kpiCount, lastAssessedOn },
        facts.today,
      )
      const links = [contractLink(c), ...c.supplierIds.map((id) => providerLink(providerNamed(facts.providers, id)))]
      const value = { label: 'Contract value', value: money(c.totalValuePence ?? 0) }
      if (duty.shortfalls.includes('kpis-missing')) {
        flags.push({
          key: `RF-KPI:contract:${c.id}:kpis`,
          ruleId: 'RF-KPI',
          summary: `${c.reference} (${c.title}) has ${c.kpiCount} KPI${c.kpiCount === 1 ? '' : 's'}; a contract of this value needs at least ${MINIMUM_KPIS}.`,
          evidence: [value, { label: 'KPIs set', value: String(c.kpiCount) }, { label: 'Needed', value: `at least ${MINIMUM_KPIS} (s.52(1))` }],
          links,
        })
      }
      if (duty.shortfalls.includes('assessment-overdue')) {
        flags.push({
          key: `RF-KPI:contract:${c.id}:assessment`,
          ruleId: 'RF-KPI',
          summary: `${c.reference} (${c.title}) was due a performance assessment by ${day(duty.nextAssessmentDue!)}.`,
          evidence: [
            value,
            { label: 'Last assessed', value: lastAssessedOn ? day(lastAssessedOn) : `never (started ${c.startDate ? day(c.startDate) : 'on a date not recorded'})` },
            { label: 'Assessment due', value: `${day(duty.nextAssessmentDue!)} (at least every 12 months, s.71(2))` },
          ],
          links,
        })
      }
    }
    return flags
  },
}
