/** The projects API: the list with the page's filters, one project with its appraisal ranked, tenancy and scopes. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { apiGet, tokenFor, walkPages } from '../../../test/support/api.ts'
import { findCouncil } from '../councils/service.ts'
import { appraisalCriteria, appraisalScores, commissioningProjects } from './schema.ts'

let t: TestApp
let reader = ''
let otherAdmin = ''
let demoProjects: (typeof commissioningProjects.$inferSelect)[] = []

before(async () => {
  t = await createTestApp()
  reader = await tokenFor(t, 'councillor@demo.catalyst.test', ['projects:read'])
  otherAdmin = await tokenFor(t, 'admin@other.catalyst.test', ['*:read'])
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  demoProjects = await t.db.db.select().from(commissioningProjects).where(eq(commissioningProjects.councilId, demo.id))
})
after(async () => t.close())

test('every project once, a page at a time; filtered by stage and words as the list page is', async () => {
  assert.ok(demoProjects.length >= 1)
  const seen = await walkPages(t, '/api/v1/projects?limit=1', reader)
  assert.deepEqual(seen.map((p) => p.id).sort(), demoProjects.map((p) => p.id).sort())
  const stage = demoProjects[0]!.stage
  const atStage = await walkPages(t, `/api/v1/projects?stage=${stage}`, reader)
  assert.deepEqual(atStage.map((p) => p.id).sort(), demoProjects.filter((p) => p.stage === stage).map((p) => p.id).sort())
  const word = demoProjects[0]!.title.split(' ')[0]!
  const byWord = (await walkPages(t, `/api/v1/projects?q=${encodeURIComponent(word)}`, reader)) as { id: string }[]
  assert.ok(byWord.some((p) => p.id === demoProjects[0]!.id))
  const bad = await apiGet(t, '/api/v1/projects?stage=finished&cursor=not-a-cursor', reader)
  assert.equal(bad.status, 400)
  assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['/cursor', '/stage'])
})

test('one project comes with its appraisal: options ranked by weighted score from the scores and weights stored', async () => {
  // The demo project with the most scores, so the ranking has something to rank.
  const scoreRows = await t.db.db.select().from(appraisalScores)
  const project = [...demoProjects].sort((a, b) => scoreRows.filter((s) => s.projectId === b.id).length - scoreRows.filter((s) => s.projectId === a.id).length)[0]!
  const one = await apiGet(t, `/api/v1/projects/${project.id}`, reader)
  assert.equal(one.status, 200)
  assert.equal(one.json.title, project.title)
  const { appraisal } = one.json
  const criteria = await t.db.db.select().from(appraisalCriteria).where(eq(appraisalCriteria.projectId, project.id))
  assert.equal(appraisal.criteria.length, criteria.length)
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0)
  assert.equal(appraisal.totalWeight, totalWeight)
  const scores = scoreRows.filter((s) => s.projectId === project.id)
  assert.ok(scores.length > 0, 'the demo project has scores')
  for (const option of appraisal.options) {
    // Worked out here from the rows: the sum of score × weight over the sum of weights, a missing score as 0.
    const expected = criteria.reduce((sum, c) => sum + c.weight * (scores.find((s) => s.optionId === option.id && s.criterionId === c.id)?.score ?? 0), 0) / totalWeight
    assert.ok(Math.abs(option.weightedScore - expected) < 0.006, `${option.name}: ${option.weightedScore} ≠ ${expected}`)
    assert.equal(option.scores.length, scores.filter((s) => s.optionId === option.id).length)
  }
  const ordered = appraisal.options.map((o: { weightedScore: number }) => o.weightedScore)
  assert.deepEqual(ordered, [...ordered].sort((a, b) => b - a), 'highest first')
  assert.equal(appraisal.options[0].rank, 1)
  assert.equal((await apiGet(t, `/api/v1/projects/${project.id}`, reader, { 'if-none-match': String(one.headers.etag) })).status, 304)
})

test('another council’s project is 404; projects:read reads nothing else', async () => {
  const id = demoProjects[0]!.id
  const other = await apiGet(t, `/api/v1/projects/${id}`, otherAdmin)
  assert.equal(other.status, 404)
  assert.ok(!(await walkPages(t, '/api/v1/projects', otherAdmin)).some((p) => p.id === id))
  assert.equal((await apiGet(t, '/api/v1/red-flags', reader)).status, 403)
})
