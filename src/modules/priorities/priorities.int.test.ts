/** A round through real HTTP on the real database: ideas confirmed by email, review, voting once, results and delivery. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { desc, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { linkIn } from '../../platform/notify/notifier.ts'
import { outboxMessages } from '../../platform/notify/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { priorityBallots, priorityCodes, priorityIdeas, priorityRounds } from './schema.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

async function linkFor(to: string, prefix = '/priorities/confirm/') {
  const [message] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, to)).orderBy(desc(outboxMessages.createdAt)).limit(1)
  assert.ok(message, `an email to ${to}`)
  return linkIn(message.body, prefix)!
}

describe('priorities', () => {
  test('a round runs from ideas to results and delivery, one ballot per resident', async () => {
    const officer = await t.signedIn('commissioner@demo.catalyst.test')
    const invalid = await officer.post('/priorities', { title: '', description: '', budget: 'lots' })
    assert.equal(invalid.statusCode, 400)
    assert.match(pageText(invalid.body), /Give the round a title .*Choose how residents vote .*Enter an amount in pounds/)
    const badDate = await officer.post('/priorities', { title: 'Parks fund', description: 'Better parks.', votingMethod: 'budget', budget: '10,000', votingClosesOn: '31/2/2027' })
    assert.match(pageText(badDate.body), /Enter the closing date as day\/month\/year/)
    const created = await officer.post('/priorities', { title: 'Parks fund', description: 'Better parks.', votingMethod: 'budget', budget: '10,000', votingClosesOn: '31/3/2027' })
    assert.equal(created.statusCode, 303)
    const roundId = String(created.headers.location).split('/')[2]!

    // Residents propose ideas, confirmed by email.
    const resident = t.client()
    await resident.get(`/priorities/${roundId}/ideas/new`)
    for (const [title, email] of [['Swings', 'a@example.com'], ['Pond', 'b@example.com'], ['Toilets', 'c@example.com']] as const) {
      const sent = await resident.post(`/priorities/${roundId}/ideas`, { title, description: `${title} in the park`, email })
      assert.match(pageText(sent.body), /Check your email to confirm your idea/)
      await resident.post(await linkFor(email))
    }
    const unconfirmed = await resident.post(`/priorities/${roundId}/ideas`, { title: 'Never confirmed', description: 'x', email: 'd@example.com' })
    assert.equal(unconfirmed.statusCode, 200)
    assert.doesNotMatch(pageText((await t.client().get(`/priorities/${roundId}`)).body), /Never confirmed/)

    // Officers review: feasibility and cost.
    const ideas = await t.db.db.select().from(priorityIdeas).where(eq(priorityIdeas.roundId, roundId))
    const id = (title: string) => ideas.find((i) => i.title === title)!.id
    await officer.post(`/priorities/${roundId}/phase`, { confirm: 'yes' })
    const noCost = await officer.post(`/priorities/${roundId}/review`, { ideaId: id('Swings'), feasibility: 'feasible', cost: '' })
    assert.match(pageText(noCost.body), /Enter what a feasible idea would cost/)
    await officer.post(`/priorities/${roundId}/review`, { ideaId: id('Swings'), feasibility: 'feasible', cost: '6000' })
    await officer.post(`/priorities/${roundId}/review`, { ideaId: id('Pond'), feasibility: 'feasible', cost: '5000' })
    await officer.post(`/priorities/${roundId}/review`, { ideaId: id('Toilets'), feasibility: 'feasible', cost: '3000' })

    // Voting before the phase opens is refused.
    const early = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Swings')], method: 'email', email: 'v1@example.com', postcode: 'TS1 1AA' })
    assert.equal(early.statusCode, 400)
    assert.match(pageText(early.body), /Voting is not open in this round/)
    await officer.post(`/priorities/${roundId}/phase`, { confirm: 'yes' })
    await officer.post(`/priorities/${roundId}/codes`, { codes: 'ABCD-1234\nwxyz5678\n' })

    const over = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Swings'), id('Pond')], method: 'email', email: 'v1@example.com', postcode: 'TS1 1AA' })
    assert.match(pageText(over.body), /cost more than the budget of £10,000/)
    assert.match(pageText(over.body), /Ideas you have chosen cost £11,000 of the £10,000 budget: £1,000 over/, 'the running total is shown after submitting')
    assert.match(pageText((await resident.get(`/priorities/${roundId}/vote`)).body), /Voting closes at the end of 31 March 2027/)
    // Every mistake at once, in the page's order, each linking to its field: over budget, a bad email, a postcode
    // outside the area. Nothing is stored.
    const many = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Swings'), id('Pond')], method: 'email', email: 'not an email', postcode: 'CB1 1AA' })
    assert.equal(many.statusCode, 400)
    const summary = many.body.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)![0]
    const links = [...summary.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]!.trim()])
    assert.deepEqual(links.map(([href]) => href), ['#ideaIds', '#email', '#postcode'])
    assert.match(links[0]![1]!, /cost more than the budget of £10,000/)
    assert.match(links[2]![1]!, /Enter a postcode in Demo Borough Council’s area/)
    for (const field of ['ideaIds', 'email', 'postcode']) assert.match(many.body, new RegExp(`id="${field}-error"`), `the ${field} field shows its error`)
    // Nothing chosen and a voting code missing: both, with no area check for a code.
    const empty = await resident.post(`/priorities/${roundId}/vote`, { method: 'code', code: '' })
    assert.deepEqual([...empty.body.matchAll(/<a href="(#[^"]+)">/g)].map((m) => m[1]).filter((h) => ['#ideaIds', '#code', '#email', '#postcode'].includes(h!)), ['#ideaIds', '#code'])
    assert.equal((await t.db.db.select().from(priorityBallots).where(eq(priorityBallots.roundId, roundId))).length, 0)
    const outside = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Swings')], method: 'email', email: 'v1@example.com', postcode: 'CB1 1AA' })
    assert.match(pageText(outside.body), /Enter a postcode in Demo Borough Council’s area/)

    const vote = (email: string, choices: string[]) => resident.post(`/priorities/${roundId}/vote`, { ideaIds: choices.map(id), method: 'email', email, postcode: 'TS2 1AB' })
    assert.match(pageText((await vote('v1@example.com', ['Swings', 'Toilets'])).body), /Check your email to confirm your vote/)
    const [ballotEmail] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.to, 'v1@example.com')).orderBy(desc(outboxMessages.createdAt)).limit(1)
    assert.match(ballotEmail!.body, /You chose:\n\n- Swings \(£6,000\)\n- Toilets \(£3,000\)\n\nTogether they cost £9,000 of the £10,000 budget\./)
    assert.match(ballotEmail!.body, /Voting closes at the end of 31 March 2027/)
    const second = await vote('V1@example.com', ['Pond'])
    assert.match(pageText(second.body), /You have already voted in this round/)
    await resident.post(await linkFor('v1@example.com'))
    await vote('v2@example.com', ['Pond', 'Toilets'])
    await resident.post(await linkFor('v2@example.com'))
    await vote('v3@example.com', ['Pond'])
    await resident.post(await linkFor('v3@example.com'))
    await vote('v4@example.com', ['Swings']) // never confirmed: not counted

    const code = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Pond')], method: 'code', code: 'abcd 1234' })
    assert.match(pageText(code.body), /Your vote has been counted/)
    const reused = await resident.post(`/priorities/${roundId}/vote`, { ideaIds: [id('Pond')], method: 'code', code: 'ABCD1234' })
    assert.match(pageText(reused.body), /That code is not right, or has already been used/)
    const [storedCode] = await t.db.db.select().from(priorityCodes).where(eq(priorityCodes.roundId, roundId)).limit(1)
    assert.match(storedCode!.codeHash, /^[0-9a-f]{64}$/, 'codes are stored as digests')

    // A late confirmation after voting closes is not counted.
    await vote('v5@example.com', ['Swings'])
    const lateLink = await linkFor('v5@example.com')
    await officer.post(`/priorities/${roundId}/phase`, { confirm: 'yes' })
    assert.match(pageText((await resident.post(lateLink)).body), /Voting has closed/)

    // Pond 3 votes (5,000), Toilets 2 (3,000), Swings 1 (6,000 no longer fits in 2,000 left).
    const results = pageText((await t.client().get(`/priorities/${roundId}/results`)).body)
    assert.match(results, /4 ballots were counted/)
    assert.match(results, /1 Pond 3 £5,000 Funded/)
    assert.match(results, /2 Toilets 2 £3,000 Funded/)
    assert.match(results, /3 Swings 1 £6,000 Not funded Did not fit in the budget left/)
    const csv = await t.client().get(`/priorities/${roundId}/ballots.csv`)
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
    const lines = csv.body.trim().split('\n')
    assert.equal(lines[0], 'ballot,verified_by,idea_id,idea_title')
    assert.equal(lines.length - 1, 6, 'one line per idea chosen on each counted ballot')
    assert.doesNotMatch(csv.body, /example\.com|TS2/)

    // An override needs a published reason; winners link to a project by id.
    const noReason = await officer.post(`/priorities/${roundId}/override`, { ideaId: id('Swings'), winner: 'yes', reason: '' })
    assert.match(pageText(noReason.body), /Give the reason for changing the result/)
    await officer.post(`/priorities/${roundId}/override`, { ideaId: id('Swings'), winner: 'yes', reason: 'Match funding from the parks trust covers it' })
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    const [project] = await t.db.db.insert(commissioningProjects).values({ councilId: demo.id, title: 'Play areas refresh', serviceArea: 'Parks' }).returning()
    const badLink = await officer.post(`/priorities/${roundId}/delivery`, { ideaId: id('Pond'), link: 'project:00000000-0000-4000-8000-000000000000', status: 'in-progress' })
    assert.match(pageText(badLink.body), /Choose a project or grant from the list/)
    assert.equal((await officer.post(`/priorities/${roundId}/delivery`, { ideaId: id('Pond'), link: `project:${project!.id}`, status: 'in-progress', note: 'Works start in May' })).statusCode, 303)
    await t.db.db.update(commissioningProjects).set({ stage: 'do' }).where(eq(commissioningProjects.id, project!.id))
    const after = pageText((await t.client().get(`/priorities/${roundId}/results`)).body)
    assert.match(after, /Swings 1 £6,000 Funded Changed by the council \(funded against the count\): Match funding from the parks trust covers it/)
    assert.match(after, /Pond 3 £5,000 Funded In progress Commissioning project: Play areas refresh \(stage: do\) Works start in May/, 'the project is read live, not copied')

    const [ballotCount] = [await t.db.db.select().from(priorityBallots).where(eq(priorityBallots.roundId, roundId))]
    assert.equal(ballotCount.filter((b) => b.status === 'counted').length, 4)
    const audited = await t.db.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, roundId))
    assert.equal(audited.filter((a) => a.action === 'phase').length, 3)
  })

  test('the database refuses a second ballot with the same voter key, whatever the code path', async () => {
    const [round] = await t.db.db.select().from(priorityRounds).where(eq(priorityRounds.title, 'Greener streets'))
    const values = { roundId: round!.id, councilId: round!.councilId, voterKey: 'same-key', verifiedBy: 'email', status: 'counted' }
    await t.db.db.insert(priorityBallots).values(values)
    await assert.rejects(t.db.db.insert(priorityBallots).values(values))
  })

  test('officers of another council cannot run this council’s round', async () => {
    const [round] = await t.db.db.select().from(priorityRounds).where(eq(priorityRounds.title, 'Greener streets'))
    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.get(`/priorities/${round!.id}/manage`)).statusCode, 404)
    assert.equal((await other.post(`/priorities/${round!.id}/phase`, { confirm: 'yes' })).statusCode, 404)
  })
})
