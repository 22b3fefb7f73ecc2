/** Pure functions from commitments and returns to GOV.UK macro inputs, shared by the module's pages and the pages it adds to. */
import { formatDate } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import { STATUS_WORDS, valueOf, type CommitmentView, type ReturnView, type ValueTotals } from './commitments.ts'

const units = (q: number) => q.toLocaleString('en-GB', { maximumFractionDigits: 4 })
const pounds = (q: number, proxy: number | null) => (proxy === null ? 'no money value' : formatPence(valueOf(q, proxy), { whole: true }))

/** Committed, reported and verified value in pounds, with the licences of the values used. */
export function valueSummary(totals: ValueTotals) {
  return {
    rows: [
      { key: { text: 'Committed' }, value: { text: formatPence(totals.committedPence, { whole: true }) } },
      { key: { text: 'Reported by providers' }, value: { text: formatPence(totals.reportedPence, { whole: true }) } },
      { key: { text: 'Verified by the council' }, value: { text: formatPence(totals.verifiedPence, { whole: true }) } },
    ],
    licences: totals.licences,
    illustrative: totals.illustrative,
  }
}

/** A table of commitments in units and pounds. */
export function commitmentRows(list: CommitmentView[], options: { withRecord?: boolean; withProvider?: boolean } = {}) {
  return {
    firstCellIsHeader: true,
    head: [
      { text: 'Measure' },
      ...(options.withRecord ? [{ text: 'Contract or grant' }] : []),
      ...(options.withProvider ? [{ text: 'Provider' }] : []),
      { text: 'Due' },
      { text: 'Committed', format: 'numeric' },
      { text: 'Reported', format: 'numeric' },
      { text: 'Verified', format: 'numeric' },
    ],
    rows: list.map((c) => [
      { text: `${c.code} ${c.wording} (${c.deliveredWhere})` },
      ...(options.withRecord ? [{ text: `${c.recordTitle} (${c.recordReference})` }] : []),
      ...(options.withProvider ? [{ text: c.providerName }] : []),
      { text: formatDate(c.dueDate) },
      { text: `${units(c.quantity)} ${c.unit}, ${pounds(c.quantity, c.proxyPence)}`, format: 'numeric' },
      { text: `${units(c.reported)}, ${pounds(c.reported, c.proxyPence)}`, format: 'numeric' },
      { text: `${units(c.verified)}, ${pounds(c.verified, c.proxyPence)}`, format: 'numeric' },
    ]),
  }
}

/** A commitment's returns: what was reported, the decision and its reason. */
export function returnRows(returns: ReturnView[], c: CommitmentView, decisionHref?: (id: string) => string) {
  return returns.map((r) => ({
    id: r.id,
    period: `${formatDate(r.periodStart)} to ${formatDate(r.periodEnd)}`,
    quantity: `${units(r.quantity)} ${c.unit}`,
    status: STATUS_WORDS[r.status],
    verified: r.verifiedQuantity === null ? null : `${units(r.verifiedQuantity)} ${c.unit}`,
    reason: r.reason,
    href: decisionHref?.(r.id),
  }))
}
