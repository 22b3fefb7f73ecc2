import assert from 'node:assert/strict'
import { test } from 'node:test'
import { numberedPagination, pageHref, pageOf, previousNextPagination } from './pagination.ts'

test('page links keep the filters that are set and drop empty ones', () => {
  assert.equal(pageHref('/spend/payments', { payeeName: 'care & co', min: '', from: undefined }, 3), '/spend/payments?payeeName=care+%26+co&page=3')
  assert.equal(pageHref('/projects', {}, 1), '/projects')
})

test('a page number that is not a whole number from 1 is the first page', () => {
  assert.deepEqual(['2', '0', '-1', 'x', undefined, '9999999'].map(pageOf), [2, 1, 1, 1, 1, 1])
})

test('numbered pages put ellipses around the current one; one page needs no pagination', () => {
  assert.equal(numberedPagination(1, 1, String), undefined)
  const p = numberedPagination(5, 9, (n) => `/p${n}`)!
  assert.deepEqual(p.items.map((i) => ('ellipsis' in i ? '…' : i.number)), ['1', '…', '4', '5', '6', '…', '9'])
  assert.equal(p.previous?.href, '/p4')
  assert.equal(p.next?.href, '/p6')
})

test('previous and next only, for lists not counted', () => {
  assert.equal(previousNextPagination(1, false, String), undefined)
  assert.deepEqual(previousNextPagination(1, true, (n) => `/p${n}`), { next: { href: '/p2', labelText: 'Page 2' } })
})
