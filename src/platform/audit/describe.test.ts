import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { describeChanges, formatValue, historyItems, humanise } from './describe.ts'

describe('audit entries in words', () => {
  const specs = {
    budgetPence: { label: 'Budget', format: 'money' as const },
    stage: { label: 'Stage', format: { analyse: 'Analyse', plan: 'Plan' } },
    dueDate: { label: 'Due date', format: 'date' as const },
    published: { label: 'Published', format: 'boolean' as const },
  }

  test('a changed amount of money reads in pounds, from pence stored as a number or as a bigint string', () => {
    assert.deepEqual(describeChanges({ budgetPence: 100_000_000 }, { budgetPence: '120000000' }, specs), ['Budget changed from £1,000,000 to £1,200,000'])
    assert.equal(formatValue(1250, 'money'), '£12.50')
  })

  test('dates, display names and yes or no', () => {
    assert.deepEqual(describeChanges({ dueDate: '2026-09-30', stage: 'analyse', published: false }, { dueDate: '2026-12-07', stage: 'plan', published: true }, specs), [
      'Stage changed from Analyse to Plan',
      'Due date changed from 30 September 2026 to 7 December 2026',
      'Published changed from No to Yes',
    ])
  })

  test('a value given or taken away, and unchanged fields left out', () => {
    assert.deepEqual(describeChanges({ budgetPence: null, title: 'Same', summary: 'Old' }, { budgetPence: 500_000, title: 'Same', summary: '' }, specs), [
      'Budget set to £5,000',
      'Summary removed (was Old)',
    ])
  })

  test('a field nobody described reads as words, never its raw key; identifiers and bookkeeping are not shown', () => {
    const lines = describeChanges(
      { serviceArea: 'Care', estimatedValuePence: 100, leadCommissionerId: 'a', updatedAt: 'x', id: '1' },
      { serviceArea: 'Adult care', estimatedValuePence: 200, leadCommissionerId: 'b', updatedAt: 'y', id: '1' },
    )
    assert.deepEqual(lines, ['Service area changed from Care to Adult care', 'Estimated value changed from £1 to £2'])
    assert.equal(humanise('extensionsTakenNote'), 'Extensions taken note')
    assert.equal(humanise('addressLine1'), 'Address line 1')
    assert.equal(humanise('Whole-life cost'), 'Whole-life cost')
    assert.equal(humanise('NHS body'), 'NHS body')
  })

  test('a record added lists what it holds; a map of scores reads as pairs', () => {
    assert.deepEqual(describeChanges(null, { stage: 'plan', scores: { 'Whole-life cost': 3, Quality: null } }, specs), ['Stage: Plan', 'Scores: Whole-life cost 3, Quality blank'])
    assert.deepEqual(describeChanges({ name: 'In-house' }, null), ['Name: In-house'])
  })

  test('history items name the action in words and can leave an addition unspelled', () => {
    const entry = { id: 1, at: new Date('2026-12-07T10:00:00Z'), action: 'create', actorLabel: 'Ada', actorEmail: null, before: null, after: { title: 'X' } }
    assert.deepEqual(historyItems([entry])[0], { at: entry.at, who: 'Ada', action: 'Created', changes: ['Title: X'] })
    assert.deepEqual(historyItems([entry], {}, { actions: { create: 'Added to the register' }, describeAdded: false })[0]?.changes, [])
    assert.equal(historyItems([{ ...entry, action: 'add need' }])[0]?.action, 'Add need')
  })

  test('a date inside a stored text or a nested value reads as pages write dates, and nested keys read as words', () => {
    assert.equal(formatValue('annual report, audited, year to 2026-03-31', undefined, 'source'), 'annual report, audited, year to 31 March 2026')
    assert.equal(formatValue(['UK7 2026-11-07'], undefined, 'notices'), 'UK7 7 November 2026')
    assert.equal(formatValue({ tradingSince: '2019-05-01', 'Whole-life cost': 3 }, undefined, 'figures'), 'Trading since 1 May 2019, Whole-life cost 3')
    // A note kept under a money field's key (the evidence for a figure) is text, not an amount.
    assert.equal(formatValue({ turnoverPence: 'annual report, year to 2026-03-31' }, undefined, 'notes'), 'Turnover annual report, year to 31 March 2026')
    // A timestamp is left to the whole-value rule, not cut into a date and a stray time.
    assert.equal(formatValue('2026-12-07T10:00:00Z', undefined, 'at'), '7 December 2026 at 10:00am')
  })
})
