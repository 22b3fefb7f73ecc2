/**
 * Bank holidays in England and Wales, 2025 to 2027: the list a council's call-in clock starts from. Councils update
 * their own copy in the scrutiny settings (a year's holidays are announced, and a one-off holiday can be added).
 *
 * Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays, England and Wales; the same list as its
 * bank-holidays.json). Christmas Day 2027 and Boxing Day 2026 and 2027 fall at a weekend, so the substitute days
 * (28 December 2026; 27 and 28 December 2027) are the holidays. bank-holidays.test.ts checks Good Friday and Easter
 * Monday against Easter computed independently, and that every date is a weekday.
 */
export interface BankHoliday {
  date: string
  title: string
}

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2025-01-01', title: 'New Year’s Day' },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },
  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', title: 'New Year’s Day' },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
]
