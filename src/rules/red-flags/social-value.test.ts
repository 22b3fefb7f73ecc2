/** RF-SOCIAL-VALUE on hand-made facts: the verified share of due social value against the council's setting. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contract, facts, settings } from './fixtures.ts'
import { socialValueShortfall, verifiedShare } from './social-value.ts'
import type { SocialValueFact } from './types.ts'

const due = (c: { id: string }, overrides: Partial<SocialValueFact>): SocialValueFact => ({ contractId: c.id, commitmentId: 'x', code: 'LV1', unit: 'people (FTE)', quantity: 10, verified: 0, proxyPence: 400_000, dueDate: '2026-10-01', ...overrides })

test('the share is by value: 6 of 10 jobs at £4,000 and all 200 tonnes at £50 is (24,000 + 10,000) / (40,000 + 10,000) = 68%', () => {
  const c = contract()
  assert.equal(verifiedShare([due(c, { verified: 6 }), due(c, { code: 'LV4', quantity: 200, verified: 200, proxyPence: 5_000 })]), 0.68)
  assert.equal(verifiedShare([due(c, { verified: 12 })]), 1, 'more verified than committed counts as all of it, not more')
  assert.equal(verifiedShare([due(c, { proxyPence: null, verified: 5 }), due(c, { proxyPence: null, quantity: 4, verified: 4 })]), 0.75, 'without money values: the mean share of units')
})

test('raises a contract below the council’s share and cites s.12(1) and the 2012 Act; leaves one at or above it', () => {
  const short = contract({ reference: 'C-SV1' })
  const fine = contract({ reference: 'C-SV2' })
  const raised = socialValueShortfall.evaluate(facts({ contracts: [short, fine], socialValue: [due(short, { verified: 6 }), due(fine, { verified: 8 })] }), settings())
  assert.deepEqual(raised.map((f) => f.key), [`RF-SOCIAL-VALUE:contract:${short.id}`])
  assert.match(raised[0]!.summary, /60% of the social value due has been verified, below the council’s 75%/)
  assert.deepEqual(raised[0]!.evidence.map((e) => e.value), ['6 of 10 people (FTE) verified', '£24,000 of £40,000'])
  assert.ok(socialValueShortfall.legalBasis.cites.includes('s.12(1)'))
  assert.ok(socialValueShortfall.legalBasis.cites.some((c) => c.includes('Social Value) Act 2012')))
  // The council sets the share: at 50% the same facts raise nothing.
  assert.deepEqual(socialValueShortfall.evaluate(facts({ contracts: [short], socialValue: [due(short, { verified: 6 })] }), settings({ socialValueDeliveredPercent: 50 })), [])
  // Nothing due, nothing raised.
  assert.deepEqual(socialValueShortfall.evaluate(facts({ contracts: [short] }), settings()), [])
})
