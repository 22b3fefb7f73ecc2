/** The councils list as GOV.UK table rows. */
import { COUNCIL_TYPES, type CouncilRow } from './service.ts'
import { formatDate } from '../../platform/dates.ts'


export function councilTable(councils: CouncilRow[], all: Map<string, CouncilRow>) {
  return {
    caption: 'Councils',
    captionClasses: 'govuk-visually-hidden',
    firstCellIsHeader: true,
    head: [
      { text: 'Name' },
      { text: 'GSS code' },
      { text: 'GB-LAE code' },
      { text: 'Type' },
      { text: 'Started' },
      { text: 'Ended' },
      { text: 'Replaced by' },
    ],
    rows: councils.map((council) => {
      const successor = council.successorId ? all.get(council.successorId) : undefined
      return [
        { text: council.name },
        { text: council.gssCode ?? '' },
        { text: council.laeCode ? `GB-LAE-${council.laeCode}` : '' },
        { text: COUNCIL_TYPES[council.type as keyof typeof COUNCIL_TYPES] ?? council.type },
        { text: formatDate(council.startDate) },
        { text: formatDate(council.endDate) },
        { text: successor ? `${successor.name}${successor.gssCode ? ` (${successor.gssCode})` : ''}` : '' },
      ]
    }),
  }
}
