/**
 * What the Local Government Transparency Code 2015 asks a council to publish about a purchase or a grant
 * (domain-rules.md section 2): (a) every item of expenditure over £500, quarterly; (b) every contract, purchase
 * order, framework or other agreement with a value that exceeds £5,000, quarterly; (c) details of all grants to
 * voluntary, community and social enterprise organisations, annually.
 *
 * The Code says "exceeds £5,000" without saying whether VAT is in the figure; Catalyst compares the value with VAT
 * included, so a contract is never left off the list because VAT was taken out. Publishing one that was not strictly
 * needed does no harm; leaving one off is a breach. The Code's deadline after a quarter is not confirmed (domain-rules
 * "Facts NOT confirmed" 5), so no duty here gives one.
 */
import type { Citation } from './citations.ts'
import type { Duty } from './route-advice-types.ts'

export const CODE_SPEND: Citation = 'LGTC 2015 Part 2 (a)'
export const CODE_CONTRACTS: Citation = 'LGTC 2015 Part 2 (b)'
export const CODE_VCSE_GRANTS: Citation = 'LGTC 2015 Part 2 (c)'

/** (b): contracts "with a value that exceeds £5,000". */
export const CONTRACTS_LIST_OVER_PENCE = 500_000
/** (a): "each individual item of expenditure that exceeds £500". */
export const SPEND_DATA_OVER_PENCE = 50_000

/** Whether a contract of this value (VAT included; null when not known) goes on the contracts list. */
export function onContractsList(valuePence: number | null): boolean {
  return valuePence === null || valuePence > CONTRACTS_LIST_OVER_PENCE
}

export function contractsListDuty(valuePence: number | null): Duty {
  return {
    id: 'transparency-code',
    text:
      (valuePence === null ? 'If the contract is worth over £5,000, publish it' : 'Publish the contract') +
      ' in the quarterly procurement information: reference, title, department, description, supplier, value, start, end and review dates, how it was let, and whether the supplier is an SME or a voluntary or community sector organisation (Local Government Transparency Code 2015).',
    cites: [CODE_CONTRACTS],
  }
}

export function spendDataDuty(): Duty {
  return {
    id: 'transparency-code-spend',
    text: 'Publish every payment over £500 under it in the quarterly spending data (Local Government Transparency Code 2015).',
    cites: [CODE_SPEND],
  }
}

export function vcseGrantsDuty(): Duty {
  return {
    id: 'transparency-code-grants',
    text: 'If the recipient is a voluntary, community or social enterprise organisation, publish the grant in the annual list of grants to them: the date awarded, the period it is for, the department, the beneficiary and its registration number, the purpose and the amount (Local Government Transparency Code 2015).',
    cites: [CODE_VCSE_GRANTS],
  }
}

/** The Code's duties for a contract of this value, and, when it is £5,000 or less, why it is not on the list. */
export function contractTransparencyDuties(valuePence: number | null): { duties: Duty[]; warnings: string[]; cites: Citation[] } {
  if (onContractsList(valuePence)) return { duties: [contractsListDuty(valuePence), spendDataDuty()], warnings: [], cites: [] }
  return {
    duties: [spendDataDuty()],
    warnings: ['At £5,000 or less (VAT included) the contract does not go in the Transparency Code’s list of contracts; payments over £500 under it still go in the spending data (LGTC 2015 Part 2 (a), (b)).'],
    cites: [CODE_CONTRACTS],
  }
}
