import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isOpen, parseQuestion, uk2Guidance } from './rules.ts'

test('a question box: free text, or a question with its choices on lines starting "- "', () => {
  assert.equal(parseQuestion('  \n '), null)
  assert.deepEqual(parseQuestion('What would help you bid?'), { text: 'What would help you bid?', choices: [] })
  assert.deepEqual(parseQuestion('Would you bid?\r\n- Yes\n- No\n-  In a consortium '), { text: 'Would you bid?', choices: ['Yes', 'No', 'In a consortium'] })
  assert.deepEqual(parseQuestion('Would you bid?\n- Yes'), { problem: 'Give at least two choices, or none for a free text answer' })
  assert.deepEqual(parseQuestion('- Yes\n- No'), { problem: 'Start with the question, then give each choice on its own line starting with "- "' })
  assert.deepEqual(parseQuestion('Which?\n- A\n- A'), { problem: 'Give each choice once' })
  assert.ok('problem' in parseQuestion(`Which?\n${Array.from({ length: 9 }, (_, i) => `- ${i}`).join('\n')}`)!)
})

test('engagement is open through its last day (London date), and not once closed', () => {
  assert.equal(isOpen({ status: 'open', closesOn: '2027-01-04' }, '2027-01-04'), true)
  assert.equal(isOpen({ status: 'open', closesOn: '2027-01-04' }, '2027-01-05'), false)
  assert.equal(isOpen({ status: 'closed', closesOn: '2027-01-04' }, '2026-12-07'), false)
})

test('s.16–17: the UK2 notice comes before the tender notice when engagement was carried out', () => {
  assert.match(uk2Guidance(2).text, /published before the tender notice when the council has carried out preliminary market engagement; if it has not, the tender notice must give the reasons/)
  assert.match(uk2Guidance(0).text, /No provider has registered interest yet/)
})
