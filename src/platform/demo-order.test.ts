import assert from 'node:assert/strict'
import { test } from 'node:test'
import { modules } from '../modules/index.ts'
import { demoSeedsInOrder } from './demo-order.ts'
import type { CatalystModule } from './modules.ts'

const seed = async () => {}
const module = (name: string, after?: string[]): CatalystModule => ({ name, register() {}, demo: { seed, ...(after ? { after } : {}) } })

test('the demos run in list order, each after the demos it builds on', () => {
  const names = demoSeedsInOrder(modules).map((entry) => entry.name)
  assert.deepEqual(names, ['contracts', 'spend', 'risk', 'market', 'red-flags', 'projects', 'stories', 'priorities', 'scrutiny', 'benchmarking', 'grant-rounds', 'councils', 'social-value', 'pooled-funds', 'kpi-returns', 'market-engagement'])
  for (const m of modules) {
    for (const before of m.demo?.after ?? []) assert.ok(names.indexOf(before) < names.indexOf(m.name), `${before} before ${m.name}`)
  }
})

test('a wait for a demo no module has, or a circle of waits, is refused with the names', () => {
  assert.throws(() => demoSeedsInOrder([module('a', ['nowhere'])]), /The a demo waits for the nowhere demo/)
  assert.throws(() => demoSeedsInOrder([module('a', ['b']), module('b', ['a'])]), /The demos of a, b wait for each other/)
  assert.deepEqual(demoSeedsInOrder([module('a', ['b']), module('b')]).map((e) => e.name), ['b', 'a'])
})
