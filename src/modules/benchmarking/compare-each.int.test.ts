/**
 * The report, cost against outcome and the home-page count compare many indicators against a group in one read
 * (compareEach). Their figures are checked here against the database's own aggregates of the same rows, worked out
 * independently in SQL: for every indicator and every period, the group's median (percentile_cont), the number of
 * councils with a figure, and the council's rank (rank() by polarity). The group's members are checked against a
 * count of the member rows.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { queryRows } from '../../platform/db/database.ts'
import { findCouncil } from '../councils/service.ts'
import { compareEach } from './comparison.ts'
import { createUploadedGroup, groupMembers } from './groups.ts'
import { importIndicatorFile, listIndicators } from './import.ts'

const NOW = new Date('2026-12-07T10:00:00Z')
const actor = systemActor('test')
const CODES = ['DEMO', 'E06000002', 'E09000011', 'E07000008', 'E08000025', 'E06000047']
const PERIODS = ['2020/21', '2021/22', '2022/23', '2023/24']
let t: TestApp
let demoId = ''
let groupId = ''

before(async () => {
  t = await createTestApp({ clock: () => NOW })
  const db = t.db.db
  demoId = (await findCouncil(db, 'DEMO'))!.id
  const group = await createUploadedGroup(db, { councilId: demoId, name: 'Five neighbours', purpose: '', bytes: Buffer.from(`code\n${CODES.slice(1).join('\n')}\n`), actor, now: NOW, today: '2026-12-07' })
  assert.ok(group.ok, JSON.stringify(group))
  groupId = group.groupId
  // Three indicators over four years with gaps: some councils lack some years, and the council itself lacks the last
  // year of the second indicator (so its latest figure is a year earlier than the group's). Values repeat, for ties.
  const rows = ['area_code,area_name,period,indicator,measure,unit,value']
  for (let k = 0; k < 3; k++) {
    CODES.forEach((code, c) =>
      PERIODS.forEach((period, p) => {
        if ((c + p + k) % 5 === 4) return
        if (k === 1 && code === 'DEMO' && p === 3) return
        rows.push(`${code},,${period},Indicator ${k + 1},Percentage,,${(c * 7 + p * 3 + k * 11) % 13}`)
      }),
    )
  }
  for (const polarity of ['high', 'low'] as const) {
    const imported = await importIndicatorFile(db, { councilId: demoId, fileName: `${polarity}.csv`, bytes: Buffer.from(rows.join('\n').replaceAll('Indicator ', `${polarity} indicator `)), format: 'lginform-long', polarity, actor, now: NOW, today: '2026-12-07' })
    assert.ok(imported.ok, JSON.stringify(imported))
  }
})
after(async () => t.close())

test('every indicator in every period against the group matches the database’s own median, count and rank', async () => {
  const db = t.db.db
  const members = await groupMembers(db, groupId)
  const [memberCount] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from comparator_members where group_id = ${groupId}`)
  assert.equal(members.length, memberCount!.n)
  assert.deepEqual(members.map((m) => m.council.code === 'DEMO'), members.map(() => false))
  const councilIds = [demoId, ...members.map((m) => m.memberCouncilId)]

  const indicators = await listIndicators(db, demoId)
  assert.equal(indicators.length, 6)
  let checked = 0
  for (const period of PERIODS) {
    const comparisons = await compareEach(db, { councilId: demoId, groupId, indicators: indicators.map((indicator) => ({ indicator, period })) })
    for (const c of comparisons) {
      const order = c.indicator.polarity === 'low' ? sql`value asc` : sql`value desc`
      const [expected] = await queryRows<{ median: number | null; n: number; rank: number | null; own: number | null }>(
        db,
        sql`with figures as (
              select area_council_id, value from benchmark_values
              where indicator_id = ${c.indicator.id} and period = ${period} and area_council_id in (${sql.join(councilIds.map((id) => sql`${id}::uuid`), sql`, `)}))
            select (select percentile_cont(0.5) within group (order by value) from figures) as median,
                   (select count(*)::int from figures) as n,
                   (select r from (select area_council_id, rank() over (order by ${order})::int as r from figures) ranked where area_council_id = ${demoId}) as rank,
                   (select value from figures where area_council_id = ${demoId}) as own`,
      )
      assert.equal(c.period, period)
      assert.equal(c.ranked.length, expected!.n, `${c.indicator.name} ${period}: councils with a figure`)
      assert.equal(c.median, expected!.median === null ? null : Number(expected!.median), `${c.indicator.name} ${period}: median`)
      assert.equal(c.subject.value, expected!.own, `${c.indicator.name} ${period}: the council's figure`)
      assert.equal(c.subject.rank, expected!.rank, `${c.indicator.name} ${period}: the council's rank`)
      checked++
    }
  }
  assert.equal(checked, 24)
})

test('without a chosen period each comparison takes the council’s own latest, and the report shows the same figures', async () => {
  const db = t.db.db
  const indicators = await listIndicators(db, demoId)
  const comparisons = await compareEach(db, { councilId: demoId, groupId, indicators: indicators.map((indicator) => ({ indicator })) })
  for (const c of comparisons) {
    const [latest] = await queryRows<{ period: string }>(db, sql`select max(period) as period from benchmark_values where indicator_id = ${c.indicator.id} and area_council_id = ${demoId}`)
    assert.equal(c.period, latest!.period, c.indicator.name)
  }
  assert.deepEqual(comparisons.filter((c) => c.indicator.name.endsWith('indicator 2')).map((c) => c.period), ['2022/23', '2022/23'])

  const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  const report = pageText((await commissioner.get(`/benchmarking/groups/${groupId}/report`)).body)
  for (const c of comparisons) {
    const rank = c.subject.rank === null ? '' : ` ${c.subject.rank} of ${c.ranked.length}`
    assert.ok(report.includes(`${c.indicator.name} (Percentage) ${c.period} ${c.subject.value ?? 'No figure'}${rank} ${c.median}`), `${c.indicator.name} in the report`)
  }
})
