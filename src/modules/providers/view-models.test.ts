import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseListQuery } from './list-query.ts'
import type { ProviderRecord } from './service.ts'
import { flagTags, historyItems, pagination, providerTable, resultCount, summaryRows } from './view-models.ts'

const provider: ProviderRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  councilId: '00000000-0000-4000-8000-0000000000c1',
  name: 'Smith <& Sons>',
  nameKey: 'smith and sons',
  legalForm: 'company-shares',
  isSme: true,
  isVcse: false,
  isSupportedEmploymentProvider: false,
  isPublicServiceMutual: true,
  addressLine1: '1 High Street',
  addressLine2: null,
  town: 'Middlesbrough',
  postcode: 'TS1 1AA',
  website: 'https://smith.example/',
  serviceCategories: ['waste-recycling'],
  areasServed: ['E06000002'],
  privateNotes: 'Secret',
  published: false,
  createdAt: new Date('2026-01-01T10:00:00Z'),
  updatedAt: new Date('2026-06-01T10:00:00Z'),
  identifiers: [{ scheme: 'GB-COH', identifier: '04336774' }],
}

describe('list view', () => {
  test('sortable headings are links that keep the filters and flip the current order', () => {
    const table = providerTable([provider], parseListQuery({ flag: 'sme', sort: 'name', order: 'asc', page: '3' }))
    const name = table.head[0] as { html: string; attributes: Record<string, string> }
    assert.match(name.html, /href="\/providers\?flag=sme&amp;order=desc"/)
    assert.equal(name.attributes['aria-sort'], 'ascending')
    const updated = table.head[4] as { html: string; attributes: Record<string, string> }
    assert.match(updated.html, /href="\/providers\?flag=sme&amp;sort=updated"/)
    assert.equal(updated.attributes['aria-sort'], 'none')
  })

  test('names are escaped and linked to the record, identifiers shown as org-ids', () => {
    const [row] = providerTable([provider], parseListQuery({})).rows
    assert.match((row![0] as { html: string }).html, /href="\/providers\/00000000-0000-4000-8000-000000000001">Smith &lt;&amp; Sons&gt;<\/a>/)
    assert.match((row![0] as { html: string }).html, /Not published/)
    assert.equal((row![1] as { text: string }).text, 'GB-COH-04336774')
  })

  test('pagination shows neighbours, first and last, with ellipses', () => {
    const model = pagination(5, 10, (n) => `/p?page=${n}`)!
    assert.equal(model.previous?.href, '/p?page=4')
    assert.equal(model.next?.href, '/p?page=6')
    assert.deepEqual(
      model.items.map((i) => ('ellipsis' in i ? '…' : i.number)),
      ['1', '…', '4', '5', '6', '…', '10'],
    )
    assert.equal(pagination(1, 1, String), undefined)
  })

  test('result counts read naturally', () => {
    assert.equal(resultCount(1), '1 provider')
    assert.equal(resultCount(10000), '10,000 providers')
  })
})

describe('record view', () => {
  test('flags become tags', () => {
    assert.deepEqual(flagTags(provider).map((t) => t.text), ['SME', 'Public service mutual'])
  })

  test('private notes appear only on a private page', () => {
    const areas = new Map([['E06000002', 'Middlesbrough Council']])
    const privateText = JSON.stringify(summaryRows(provider, areas, { showPrivate: true, showNotes: true }))
    const publicText = JSON.stringify(summaryRows(provider, areas, { showPrivate: false, showNotes: false }))
    assert.match(privateText, /Secret/)
    assert.doesNotMatch(publicText, /Secret/)
    assert.match(publicText, /Middlesbrough Council/)
  })

  test('history lists changed fields with readable names and values', () => {
    const [item] = historyItems([
      {
        id: 1,
        at: new Date(),
        action: 'update',
        actorLabel: 'Ada Admin',
        actorEmail: null,
        before: { name: 'A', isSme: false, updatedAt: 'x' },
        after: { name: 'B', isSme: true, updatedAt: 'y' },
      },
    ])
    assert.equal(item?.action, 'Changed')
    assert.deepEqual(item?.changes, ['Name changed from A to B', 'SME changed from No to Yes'])
  })
})
