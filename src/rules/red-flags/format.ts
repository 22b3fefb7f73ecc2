/** How flags word their evidence: money in whole pounds, dates as people write them, links to the record pages. */
import { financialYear } from '../../platform/financial-year.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import type { ContractFact, FlagLink, ProviderFact } from './types.ts'
import { formatDate } from '../../platform/dates.ts'

export const money = (pence: number) => formatPence(pence, { whole: true })

/** "3 March 2026", as every page writes a date. */
export const day = (iso: string): string => formatDate(iso)

export const yearLabel = (startYear: number) => financialYear(startYear).label

export const percent = (value: number) => `${Math.round(value * 10) / 10}%`

export const contractLink = (c: Pick<ContractFact, 'id' | 'reference' | 'title'>): FlagLink => ({
  text: `${c.reference}: ${c.title}`,
  href: paths.contracts.show.href({ id: c.id }),
  record: { entityType: 'contract', entityId: c.id },
})

export const providerLink = (p: ProviderFact): FlagLink => ({ text: p.name, href: paths.providers.show.href({ id: p.id }), record: { entityType: 'provider', entityId: p.id } })

export const payeeLink = (payeeId: string, name: string): FlagLink => ({ text: `${name} (payee)`, href: paths.spend.payee.href({ id: payeeId }), record: { entityType: 'spend-payee', entityId: payeeId } })

/** The payments page for one payee between two dates: what a flag counted. */
export const paymentsLink = (payeeId: string, name: string, from: string, to: string): FlagLink => ({
  text: `${name}: payments ${day(from)} to ${day(to)}`,
  href: `${paths.spend.payments.href()}?${new URLSearchParams({ payee: payeeId, from, to }).toString()}`,
  record: { entityType: 'spend-payee', entityId: payeeId },
})

/** The provider's name, or a placeholder when the snapshot lacks it. */
export function providerNamed(providers: ProviderFact[], id: string): ProviderFact {
  return providers.find((p) => p.id === id) ?? { id, name: 'Unknown provider' }
}

/** The date a contract was let: its award date, else its start. */
export const contractDate = (c: Pick<ContractFact, 'awardDate' | 'startDate'>) => c.awardDate ?? c.startDate
