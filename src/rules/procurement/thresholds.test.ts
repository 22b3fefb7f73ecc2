import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BeforeCommencementError, councilThresholdFor, thresholdFor } from './thresholds.ts'

test('Sch 1 amounts change on 1 January 2026 (SI 2025/1200)', () => {
  assert.equal(thresholdFor('sub-central-goods-services', '2025-12-31').pence, 21_490_400)
  assert.equal(thresholdFor('sub-central-goods-services', '2026-01-01').pence, 20_772_000)
  assert.equal(thresholdFor('works', '2025-12-31').pence, 537_260_900)
  assert.equal(thresholdFor('works', '2026-01-01').pence, 519_300_000)
})

test('the light touch threshold is unchanged across the two periods (Sch 1 row 8)', () => {
  assert.equal(thresholdFor('light-touch', '2025-03-01').pence, 66_354_000)
  assert.equal(thresholdFor('light-touch', '2026-06-01').pence, 66_354_000)
  assert.deepEqual(thresholdFor('light-touch', '2026-06-01').cites, ['Sch 1 para 1', 'Sch 1 row 8'])
})

test('a council uses the sub-central, works or light touch amount by category', () => {
  assert.equal(councilThresholdFor('services', false, '2026-04-01').kind, 'sub-central-goods-services')
  assert.equal(councilThresholdFor('services', true, '2026-04-01').kind, 'light-touch')
  assert.equal(councilThresholdFor('goods', true, '2026-04-01').kind, 'sub-central-goods-services')
  assert.equal(councilThresholdFor('works', false, '2026-04-01').kind, 'works')
})

test('a procurement before 24 February 2025 is outside the Act', () => {
  assert.throws(() => thresholdFor('works', '2025-02-23'), BeforeCommencementError)
  assert.equal(thresholdFor('works', '2025-02-24').pence, 537_260_900)
})
