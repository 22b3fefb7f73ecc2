/**
 * Two benchmarking pages built on the comparison: the printable report of every indicator against one comparator
 * group (the page prints without the service's furniture, and its table downloads as CSV), and cost against outcome,
 * a scatter of two indicators across a group with the council highlighted and a table of the same points.
 */
import type { FastifyInstance } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { findCouncilById } from '../councils/service.ts'
import { csvOf, text, type DataTable } from '../spend/tables.ts'
import { compareEach, formatValue, type Comparison } from './comparison.ts'
import { computedOf } from './computed.ts'
import { groupMembers, listGroups } from './groups.ts'
import { findIndicator, listIndicators } from './import.ts'
import { scatterChart } from './scatter-chart.ts'
import { median } from './statistics.ts'
import { FLAG_TEXT, mads, polarityText, TRAVEL_TEXT } from './words.ts'
import { isUuid } from '../../platform/ids.ts'
import { groupInAddress } from './group-in-address.ts'
import { pageTables } from './page-tables.ts'

/** Every indicator against the group at the latest period the council has a figure for: one line each. */
export function reportTable(group: { id: string; name: string }, comparisons: Comparison[]): DataTable {
  return {
    id: 'report',
    caption: `Every indicator against ${group.name}`,
    headings: ['Indicator', 'Period', 'This council', 'Rank', 'Group median', 'MAD', 'MADs from the median', 'Flag', 'Direction of travel', 'Source'],
    rows: comparisons.map((c) => {
      const s = c.subject
      return [
        text(`${c.indicator.name}${c.indicator.measure ? ` (${c.indicator.measure})` : ''}`, `${paths.benchmarking.indicator.href({ id: c.indicator.id })}?${new URLSearchParams({ group: group.id, ...(c.period ? { period: c.period } : {}) })}`),
        text(c.period ?? 'No figures'),
        text(formatValue(s.value)),
        text(s.rank === null ? '' : `${s.rank} of ${c.ranked.length}`),
        text(formatValue(c.median)),
        text(formatValue(c.mad)),
        text(s.value === null ? '' : mads(s.mads)),
        text(s.flag ? FLAG_TEXT[s.flag] : s.value === null ? '' : 'Within 2 MADs'),
        text(s.travel ? TRAVEL_TEXT[s.travel] : ''),
        text(`${c.indicator.source} (${c.indicator.licence})`),
      ]
    }),
  }
}

export function registerReportRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.get(paths.benchmarking.report.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const { principal, group } = await groupInAddress(db, request)
    const [council, members, indicators] = await Promise.all([findCouncilById(db, principal.councilId), groupMembers(db, group.id), listIndicators(db, principal.councilId)])
    const comparisons = await compareEach(db, { councilId: principal.councilId, groupId: group.id, indicators: indicators.map((indicator) => ({ indicator })) })
    const table = reportTable(group, comparisons)
    if ((request.query as Record<string, string | undefined>).download === 'report') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${principal.councilCode.toLowerCase()}-benchmarking-report.csv"`).send(csvOf(table))
    }
    const flagged = comparisons.filter((c) => c.subject.flag)
    return reply.view('benchmarking/views/report.njk', {
      pageTitle: `Benchmarking report: ${council!.name} against ${group.name}`,
      council,
      group,
      members: members.map((m) => m.council),
      today: londonDate(context.clock()),
      flagged: flagged.map((c) => ({ name: c.indicator.name, period: c.period, flag: FLAG_TEXT[c.subject.flag!], href: `${paths.benchmarking.indicator.href({ id: c.indicator.id })}?${new URLSearchParams({ group: group.id, period: c.period ?? '' })}` })),
      methods: indicators.filter((i) => computedOf(i.key)).map((i) => ({ name: i.name, method: computedOf(i.key)!.method })),
      polarities: comparisons.map((c) => ({ name: c.indicator.name, polarity: polarityText(c.indicator.polarity) })),
      tables: pageTables(request, [table]),
    })
  })

  app.get(paths.benchmarking.scatter.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, string | undefined>
    const [groups, indicators] = await Promise.all([listGroups(db, principal.councilId), listIndicators(db, principal.councilId)])
    const submitted = Boolean(query.x || query.y || query.group)
    const group = groups.find((g) => g.id === query.group) ?? (groups.length === 1 && !query.group ? groups[0] : undefined)
    const x = query.x && isUuid(query.x) ? await findIndicator(db, principal.councilId, query.x) : undefined
    const y = query.y && isUuid(query.y) ? await findIndicator(db, principal.councilId, query.y) : undefined
    const errorList: { text: string; href: string }[] = []
    const fieldErrors: Record<string, { text: string }> = {}
    const fail = (name: string, message: string) => {
      fieldErrors[name] = { text: message }
      errorList.push({ text: message, href: `#${name}` })
    }
    if (submitted) {
      if (!group) fail('group', 'Choose a comparator group')
      if (!x) fail('x', 'Choose the cost indicator')
      if (!y) fail('y', 'Choose the outcome indicator')
      else if (x && x.id === y.id) fail('y', 'Choose an outcome indicator other than the cost indicator')
    }
    let result
    if (submitted && !errorList.length && group && x && y) {
      const [cx, cy] = (await compareEach(db, { councilId: principal.councilId, groupId: group.id, indicators: [{ indicator: x, period: query.xPeriod }, { indicator: y, period: query.yPeriod }] })) as [Comparison, Comparison]
      const points = cx.rows
        .map((r, i) => ({ council: r.council, isSubject: r.isSubject, x: r.value, y: cy.rows[i]!.value }))
        .filter((p): p is { council: typeof p.council; isSubject: boolean; x: number; y: number } => p.x !== null && p.y !== null)
      const xMedian = points.length ? median(points.map((p) => p.x)) : null
      const yMedian = points.length ? median(points.map((p) => p.y)) : null
      const side = (value: number, centre: number) => (value > centre ? 'Above the median' : value < centre ? 'Below the median' : 'At the median')
      const table: DataTable = {
        id: 'points',
        caption: `${x.name} (${cx.period}) against ${y.name} (${cy.period})`,
        headings: ['Council', `${x.name} (${cx.period})`, 'Cost against the median', `${y.name} (${cy.period})`, 'Outcome against the median'],
        rows: points.map((p) => [text(p.isSubject ? `${p.council.name} (this council)` : p.council.name), text(formatValue(p.x)), text(side(p.x, xMedian!)), text(formatValue(p.y)), text(side(p.y, yMedian!))]),
      }
      const subject = points.find((p) => p.isSubject)
      result = {
        x: { indicator: x, comparison: cx, periodItems: cx.periods.map((p) => ({ value: p.label, text: `${p.label} (${p.typeName.toLowerCase()})`, selected: p.label === cx.period })) },
        y: { indicator: y, comparison: cy, periodItems: cy.periods.map((p) => ({ value: p.label, text: `${p.label} (${p.typeName.toLowerCase()})`, selected: p.label === cy.period })) },
        count: points.length,
        subjectText: subject ? `${formatValue(subject.x)} and ${formatValue(subject.y)}` : 'No figure for both',
        xMedian: formatValue(xMedian),
        yMedian: formatValue(yMedian),
        chart:
          points.length > 0
            ? scatterChart({
                title: `${x.name} against ${y.name}: ${cx.subject.council.name} and ${group.name}`,
                description: `One point for each of ${points.length} councils with both figures: ${x.name} (${cx.period}) across, ${y.name} (${cy.period}) up. Dashed lines mark the group’s medians, ${formatValue(xMedian)} and ${formatValue(yMedian)}.${subject ? ` ${subject.council.name} is the larger, named point at ${formatValue(subject.x)} and ${formatValue(subject.y)}.` : ` ${cx.subject.council.name} has no figure for both.`}`,
                xLabel: `${x.name} (${cx.period})`,
                yLabel: `${y.name} (${cy.period})`,
                points: points.map((p) => ({ label: p.council.name, x: p.x, y: p.y, highlight: p.isSubject })),
                xMedian: xMedian!,
                yMedian: yMedian!,
                format: (v) => formatValue(v),
              })
            : undefined,
        tables: pageTables(request, [table]),
        table,
        xHref: `${paths.benchmarking.indicator.href({ id: x.id })}?${new URLSearchParams({ group: group.id, period: cx.period ?? '' })}`,
        yHref: `${paths.benchmarking.indicator.href({ id: y.id })}?${new URLSearchParams({ group: group.id, period: cy.period ?? '' })}`,
      }
      if (query.download === 'points') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${principal.councilCode.toLowerCase()}-cost-and-outcome.csv"`).send(csvOf(table))
      }
    }
    const items = (selected: string | undefined, first: string) => [{ value: '', text: first }, ...indicators.map((i) => ({ value: i.id, text: `${i.name}${i.measure ? ` (${i.measure})` : ''}`, selected: i.id === selected }))]
    return reply.code(errorList.length ? 400 : 200).view('benchmarking/views/scatter.njk', {
      pageTitle: 'Cost against outcome',
      groupItems: [{ value: '', text: 'Choose a group' }, ...groups.map((g) => ({ value: g.id, text: g.name, selected: g.id === group?.id }))],
      xItems: items(query.x, 'Choose the cost indicator'),
      yItems: items(query.y, 'Choose the outcome indicator'),
      hasGroups: groups.length > 0,
      hasIndicators: indicators.length > 1,
      group,
      result,
      errorList,
      fieldErrors,
    })
  })
}
