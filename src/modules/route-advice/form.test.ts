/** The route advice form hands the rules what the officer typed, so that the rules can work out and cite the value. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { routeAdvice } from '../../rules/procurement/route-advice-request.ts'
import { parseRouteForm } from './form.ts'

test('a year’s cost, the term and extensions reach the rules, which work out the value under s.4 and Schedule 3', () => {
  const parsed = parseRouteForm({ category: 'services', cpv: '90911200', lightTouch: 'no', annualValue: '£60,000', valueIncludesVat: 'no', termMonths: '36', extensionMonths: '12', 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026' })
  assert.deepEqual(parsed.problems, [])
  assert.equal(parsed.request.annualValueExVatPence, 6_000_000)
  assert.equal(parsed.request.extensionMonths, 12)
  assert.match(parsed.working ?? '', /48|36 months plus 12 months/)
  const result = routeAdvice(parsed.request, '2026-06-01')
  assert.ok(result.ok)
  if (!result.ok) return
  assert.equal(result.advice.valuePence, 28_800_000) // £240,000 plus VAT at 20%
  assert.ok(result.advice.cites.includes('s.4') && result.advice.cites.includes('Sch 3'))
})

test('setting up a framework is asked on the form, and its term is checked against s.47', () => {
  const parsed = parseRouteForm({ category: 'goods', value: '4000000', termMonths: '60', framework: 'new', 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026' })
  assert.equal(parsed.request.newFramework, 'framework')
  const result = routeAdvice(parsed.request, '2026-06-01')
  assert.ok(result.ok && result.advice.warnings.some((w) => /longer than the 4 years s\.47 allows/.test(w)))
  assert.deepEqual(parseRouteForm({ framework: ['new', 'open'] }).problems.map((p) => p.field), ['framework'])
})
