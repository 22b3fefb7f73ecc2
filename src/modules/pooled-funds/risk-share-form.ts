/**
 * The risk-share form: for an overspend and for an underspend, the kind of rule and its figures (a cap for each
 * partner, or the partner bearing the first loss and how much). Errors name the partner and the field in words.
 */
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import type { RiskShareRule, RiskShareTerms } from './risk-share.ts'

type Body = Record<string, unknown>
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

export function parseRiskShareForm(body: Body, partners: readonly { id: string; name: string }[]): { ok: true; terms: RiskShareTerms } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { errorList: [], fieldErrors: {} }
  const fail = (field: string, message: string) => {
    if (errors.fieldErrors[field]) return
    errors.fieldErrors[field] = { text: message }
    errors.errorList.push({ text: message, href: `#${field}` })
  }
  const ruleOf = (direction: 'overspend' | 'underspend'): RiskShareRule | undefined => {
    const words = direction === 'overspend' ? 'an overspend' : 'an underspend'
    const kind = text(body[`${direction}Kind`])
    if (kind === 'pro-rata') return { kind }
    if (kind === 'first-loss') {
      const partnerId = text(body[`${direction}FirstLossPartner`])
      const amount = parsePoundsToPence(text(body[`${direction}FirstLoss`]))
      if (!partners.some((p) => p.id === partnerId)) fail(`${direction}FirstLossPartner`, `Choose the partner who bears the first part of ${words}`)
      if (amount === undefined || amount < 0) fail(`${direction}FirstLoss`, `Enter how much of ${words} that partner bears first, in pounds, like 250000`)
      return amount === undefined || amount < 0 ? undefined : { kind, partnerId, firstLossPence: amount }
    }
    if (kind === 'capped') {
      const caps: { partnerId: string; capPence: number }[] = []
      for (const partner of partners) {
        const field = `${direction}Cap-${partner.id}`
        const typed = text(body[field])
        if (typed === '') continue
        const pence = parsePoundsToPence(typed)
        if (pence === undefined || pence < 0) fail(field, `Enter ${partner.name}’s cap on ${words} in pounds, like 100000, or leave it empty for no cap`)
        else caps.push({ partnerId: partner.id, capPence: pence })
      }
      if (caps.length === 0 && partners.length > 0) fail(`${direction}Cap-${partners[0]!.id}`, `Enter a cap for at least one partner, or choose pro rata for ${words}`)
      return { kind, caps }
    }
    fail(`${direction}Kind`, `Choose how ${words} is shared`)
    return undefined
  }
  const overspend = ruleOf('overspend')
  const underspend = ruleOf('underspend')
  if (errors.errorList.length > 0 || !overspend || !underspend) return { ok: false, errors }
  return { ok: true, terms: { overspend, underspend } }
}
