/** UK public-sector financial years run from 1 April to 31 March; "2025/26" starts on 1 April 2025. */
export interface FinancialYear {
  /** The calendar year in which it starts. */
  startYear: number
  /** ISO dates, inclusive. */
  start: string
  end: string
  label: string
}

export function financialYear(startYear: number): FinancialYear {
  return {
    startYear,
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
  }
}

/** The financial year a date falls in; a string is read as an ISO date (YYYY-MM-DD), a Date by its UTC date. */
export function financialYearOf(date: Date | string): FinancialYear {
  const iso = typeof date === 'string' ? date : date.toISOString().slice(0, 10)
  const year = Number(iso.slice(0, 4))
  const month = Number(iso.slice(5, 7))
  return financialYear(month >= 4 ? year : year - 1)
}

/** The quarter of the financial year, 1 (April to June) to 4 (January to March). */
export function financialQuarterOf(date: Date | string): 1 | 2 | 3 | 4 {
  const iso = typeof date === 'string' ? date : date.toISOString().slice(0, 10)
  const month = Number(iso.slice(5, 7))
  return (Math.floor(((month + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4
}
