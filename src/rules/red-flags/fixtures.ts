/** Builders of facts for the red-flag rules' unit tests: a contract, spend, an event, with everything else defaulted. */
import { DEFAULT_RED_FLAG_SETTINGS, type RedFlagSettings } from './settings.ts'
import type { ContractFact, PaymentFact, ProviderEventFact, RedFlagFacts, SpendFact } from './types.ts'

export const SUPPLIER = '00000000-0000-4000-8000-000000000001'
export const OTHER_SUPPLIER = '00000000-0000-4000-8000-000000000002'

let counter = 0
export function contract(overrides: Partial<ContractFact> = {}): ContractFact {
  counter++
  return {
    id: `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    reference: `C-${String(counter).padStart(3, '0')}`,
    title: `Contract ${counter}`,
    mainCategory: 'services',
    awardProcedure: 'open',
    directAwardGround: null,
    cpvCodes: [],
    serviceCategory: null,
    lightTouch: false,
    status: 'active',
    totalValuePence: 1_000_000,
    valuesIncludeVat: true,
    awardDate: '2026-03-01',
    startDate: '2026-03-01',
    endDate: '2027-02-28',
    supplierIds: [SUPPLIER],
    kpiCount: 0,
    assessments: [],
    ...overrides,
  }
}

export function spend(overrides: Partial<SpendFact> = {}): SpendFact {
  return { payeeId: '20000000-0000-4000-8000-000000000001', payeeName: 'Acme Ltd', providerId: SUPPLIER, redacted: false, year: 2025, category: 'Consultancy', amountPence: 100_000, ...overrides }
}

export function payment(overrides: Partial<PaymentFact> = {}): PaymentFact {
  return { payeeId: '20000000-0000-4000-8000-000000000001', payeeName: 'Acme Ltd', providerId: SUPPLIER, date: '2026-06-01', amountPence: 100_000, count: 1, ...overrides }
}

export function event(overrides: Partial<ProviderEventFact> = {}): ProviderEventFact {
  return { id: '30000000-0000-4000-8000-000000000001', providerId: SUPPLIER, kind: 'insolvency', occurredOn: '2025-06-01', knownOn: '2025-06-10', description: 'Administrators appointed', source: 'The Gazette', ...overrides }
}

export function facts(overrides: Partial<RedFlagFacts> = {}): RedFlagFacts {
  return {
    today: '2026-11-22',
    contracts: [],
    providers: [{ id: SUPPLIER, name: 'Acme Ltd' }, { id: OTHER_SUPPLIER, name: 'Beta plc' }],
    spend: [],
    payments: [],
    events: [],
    proposed: [],
    ...overrides,
  }
}

export const settings = (overrides: Partial<RedFlagSettings> = {}): RedFlagSettings => ({ ...DEFAULT_RED_FLAG_SETTINGS, ...overrides })
