/**
 * RF-OVERSPEND: spend under a supplier's contracts beyond their value by more than a below-threshold modification
 * could add (s.74(4)(a): 10% for goods and services, 15% for works). Either the register is out of date, or the
 * contracts have been varied further than the Act allows without a Schedule 8 ground or a new procurement.
 *
 * Only payments that can be for a contract are counted (ADR 0027): those made inside its term, or up to the council's
 * tolerance for late invoices after its end (overspendLateInvoiceDays). The spend files carry no contract reference,
 * so a payment is tied to the supplier's contracts in force on its date: to one contract when only one is; to the
 * overlapping contracts together when several are, and those contracts are then measured together; to none when no
 * contract was in force, and then it is not counted here (RF-NOCONTRACT looks at that spend). Each flag says which
 * payments it counted, how many, how much, between which dates, with a link to see them.
 */
import { paymentWithinTerm, termStart } from '../contracts/in-force.ts'
import { modificationValueLimit } from '../procurement/modification.ts'
import { contractLink, day, money, paymentsLink, percent, providerLink, providerNamed } from './format.ts'
import type { ContractFact, Evidence, PaymentFact, RedFlag, RedFlagRule } from './types.ts'

export interface Tally {
  count: number
  total: number
  first: string
  last: string
  payees: Map<string, { name: string; first: string; last: string }>
}

const emptyTally = (): Tally => ({ count: 0, total: 0, first: '', last: '', payees: new Map() })

function add(tally: Tally, p: PaymentFact): void {
  tally.count += p.count
  tally.total += p.amountPence
  if (!tally.first || p.date < tally.first) tally.first = p.date
  if (!tally.last || p.date > tally.last) tally.last = p.date
  const payee = tally.payees.get(p.payeeId)
  if (!payee) tally.payees.set(p.payeeId, { name: p.payeeName, first: p.date, last: p.date })
  else {
    if (p.date < payee.first) payee.first = p.date
    if (p.date > payee.last) payee.last = p.date
  }
}

const termText = (c: OverspendContract) => `${termStart(c) ? day(termStart(c)!) : 'no start date'} to ${c.endDate ? day(c.endDate) : 'no end date'}`

/** Groups contracts linked by payments that could be for more than one of them (a small union-find). */
function groupsOf<C extends { id: string }>(contracts: C[], links: string[][]): C[][] {
  const parent = new Map(contracts.map((c) => [c.id, c.id]))
  const find = (id: string): string => {
    let root = id
    while (parent.get(root) !== root) root = parent.get(root)!
    parent.set(id, root)
    return root
  }
  for (const ids of links) for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]!))
  const groups = new Map<string, C[]>()
  for (const c of contracts) groups.set(find(c.id), [...(groups.get(find(c.id)) ?? []), c])
  return [...groups.values()]
}

/** What the rule reads of a contract: its value, category, term and suppliers. */
export type OverspendContract = Pick<ContractFact, 'id' | 'reference' | 'title' | 'mainCategory' | 'lightTouch' | 'totalValuePence' | 'awardDate' | 'startDate' | 'endDate' | 'supplierIds'>

/** One contract, or group of overlapping contracts, paid beyond its value plus the s.74(4)(a) limit. */
export interface Overspend<C extends OverspendContract = OverspendContract> {
  providerId: string
  contracts: C[]
  /** The payments tied to these contracts by date: in a term, or up to the tolerance after it ended. */
  counted: Tally
  /** The supplier's payments made when none of its contracts was in force (not counted against any). */
  outside: Tally
  valuePence: number
  allowancePence: number
}

/**
 * The contracts (or groups of overlapping contracts) paid beyond their value plus the modification limit, counting
 * only payments tied to them by date. Pure: RF-OVERSPEND raises a flag for each, and the spend page's table lists them.
 */
export function overspentContracts<C extends OverspendContract>(contracts: C[], payments: PaymentFact[], tolerance: number): Overspend<C>[] {
  const contractsOf = new Map<string, C[]>()
  for (const c of contracts) for (const supplier of new Set(c.supplierIds)) contractsOf.set(supplier, [...(contractsOf.get(supplier) ?? []), c])
  const paymentsOf = new Map<string, PaymentFact[]>()
  for (const p of payments) {
    const list = paymentsOf.get(p.providerId)
    if (list) list.push(p)
    else paymentsOf.set(p.providerId, [p])
  }

  const found: Overspend<C>[] = []
  for (const [providerId, paid] of paymentsOf) {
    const own = contractsOf.get(providerId) ?? []
    if (own.length === 0) continue // a supplier with no contract is RF-NOCONTRACT's
    // Tie each payment to the contracts in force on its date (late-invoice tolerance included).
    const tied: { payment: PaymentFact; ids: string[] }[] = []
    const outside = emptyTally()
    for (const payment of paid) {
      const ids = own.filter((c) => paymentWithinTerm(c, payment.date, tolerance)).map((c) => c.id)
      if (ids.length === 0) add(outside, payment)
      else tied.push({ payment, ids })
    }
    for (const group of groupsOf(own, tied.map((t) => t.ids))) {
      // A contract with no value cannot be measured, nor can the contracts its payments are shared with.
      if (group.some((c) => c.totalValuePence === null)) continue
      const ids = new Set(group.map((c) => c.id))
      const counted = emptyTally()
      for (const t of tied) if (ids.has(t.ids[0]!)) add(counted, t.payment)
      if (counted.count === 0) continue
      const valuePence = group.reduce((sum, c) => sum + c.totalValuePence!, 0)
      const allowancePence = group.reduce((sum, c) => sum + Math.floor((c.totalValuePence! * modificationValueLimit(c.mainCategory).percent) / 100), 0)
      if (counted.total <= valuePence + allowancePence) continue
      found.push({ providerId, contracts: group, counted, outside, valuePence, allowancePence })
    }
  }
  return found
}

export const overspend: RedFlagRule = {
  id: 'RF-OVERSPEND',
  name: 'Spend over contract value beyond the modification limits',
  why: 'Paying a supplier more under its contracts than they are worth, by more than a below-threshold modification allows, means either the register is wrong or the contracts were varied beyond what the Act permits without a published change notice, a Schedule 8 ground or a new procurement.',
  legalBasis: {
    cites: ['s.74(1)', 's.74(4)(a)', 's.75', 'Sch 8'],
    text: 'A contract may be modified without a Schedule 8 ground only if it is not a substantial modification or is a below-threshold one: a change in value of no more than 10% (goods and services) or 15% (works) (s.74(4)(a)). Light touch contracts may be modified freely (s.74(2)), so those are noted. Only payments made during a contract’s term, or within the council’s allowance for late invoices after it ends, are counted against it.',
  },
  settings: ['overspendLateInvoiceDays'],
  evaluate(facts, settings) {
    const tolerance = settings.overspendLateInvoiceDays
    const flags: RedFlag[] = []
    for (const { providerId, contracts: group, counted, outside, valuePence: value, allowancePence: allowance } of overspentContracts(facts.contracts, facts.payments, tolerance)) {
      const provider = providerNamed(facts.providers, providerId)
      const ids = new Set(group.map((c) => c.id))
      const over = value > 0 ? ((counted.total - value) / value) * 100 : Number.POSITIVE_INFINITY
      const single = group.length === 1 ? group[0]! : null
      const subject = single ? `${single.reference} (${single.title})` : `its ${group.length} overlapping contracts ${group.map((c) => c.reference).join(', ')}`
      const evidence: Evidence[] = [
        {
          label: 'Payments counted',
          value: `${counted.count} payment${counted.count === 1 ? '' : 's'}, ${money(counted.total)}, made ${day(counted.first)} to ${day(counted.last)}: during ${single ? 'the contract’s term' : 'the contracts’ terms'}${tolerance > 0 ? ` or up to ${tolerance} days after ${single ? 'it' : 'each'} ended` : ''}`,
        },
        ...group.map((c) => ({
          label: c.reference,
          value: `${money(c.totalValuePence!)} (${c.mainCategory}, limit ${modificationValueLimit(c.mainCategory).percent}%${c.lightTouch ? ', light touch: may be modified freely (s.74(2))' : ''}); term ${termText(c)}`,
        })),
        { label: single ? 'Contract’s value plus modification limit' : 'Contracts’ value plus modification limits', value: money(value + allowance) },
        { label: 'Paid beyond that', value: money(counted.total - value - allowance) },
        ...(outside.count > 0
          ? [{ label: 'Not counted', value: `${outside.count} payment${outside.count === 1 ? '' : 's'} to ${provider.name}, ${money(outside.total)}, made when none of its contracts was in force` }]
          : []),
        ...(group.some((c) => c.lightTouch) ? [{ label: 'Note', value: 'Light touch contracts may be modified freely under the Act: check the register records the changes.' }] : []),
      ]
      flags.push({
        key: `RF-OVERSPEND:contracts:${[...ids].sort().join('+')}`,
        ruleId: 'RF-OVERSPEND',
        summary: `${provider.name} was paid ${money(counted.total)} under ${subject}, ${Number.isFinite(over) ? percent(over) : 'far'} more than ${single ? 'its' : 'their'} value of ${money(value)}; modifications could add at most ${money(allowance)}.`,
        evidence,
        links: [
          ...[...counted.payees].map(([payeeId, p]) => paymentsLink(payeeId, p.name, p.first, p.last)),
          ...group.map(contractLink),
          providerLink(provider),
        ],
      })
    }
    return flags
  },
}
