/** The words benchmarking's pages, tables and report use for polarity, flags and direction of travel. */
export const POLARITY_NAMES = { high: 'A high value is good', low: 'A low value is good', none: 'Not said' } as const
export const polarityText = (p: string | null) => (p === 'high' ? POLARITY_NAMES.high : p === 'low' ? POLARITY_NAMES.low : POLARITY_NAMES.none)
export const FLAG_TEXT = { better: 'More than 2 MADs better than the median', worse: 'More than 2 MADs worse than the median', higher: 'More than 2 MADs above the median', lower: 'More than 2 MADs below the median' } as const
export const TRAVEL_TEXT = { improving: 'Improving', worsening: 'Worsening', rising: 'Rising', falling: 'Falling', 'no change': 'No change' } as const
export const mads = (value: number | null) => (value === null ? 'Not defined' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`)
