/** The OpenAPI description of the public open-data files: no token needed. */
import { paths } from '../../paths.ts'

const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, '{$1}')
const council = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The council’s code (for example DEMO), GB-LAE code or GSS code.' }
const file = (operationId: string, summary: string, type: string) => ({
  get: {
    operationId,
    summary,
    tags: ['open data'],
    security: [],
    parameters: [council],
    responses: { 200: { description: summary, content: { [type]: { schema: { type: type.includes('json') ? 'object' : 'string' } } } }, 404: { description: 'No council using Catalyst has this code' } },
  },
})

export const openDataOpenApi = {
  paths: {
    [openApiPath(paths.openData.contractsCsv.pattern)]: file('contractsCsv', 'Published contracts: Local Government Transparency Code 2015 columns', 'text/csv'),
    [openApiPath(paths.openData.ocdsReleases.pattern)]: file('ocdsReleasePackage', 'Published contracts as an OCDS 1.1 release package with the UK extension', 'application/json'),
    [openApiPath(paths.openData.ocdsRecords.pattern)]: file('ocdsRecordPackage', 'Published contracts as an OCDS 1.1 record package', 'application/json'),
    [openApiPath(paths.openData.grantsJson.pattern)]: file('threeSixtyGivingJson', 'Published grants as a 360Giving 1.4 package', 'application/json'),
    [openApiPath(paths.openData.grantsCsv.pattern)]: file('threeSixtyGivingCsv', 'Published grants as 360Giving 1.4 CSV (the standard’s column titles)', 'text/csv'),
    [openApiPath(paths.openData.vcseGrantsCsv.pattern)]: file('vcseGrantsCsv', 'Grants to VCSE organisations: Transparency Code 2015 columns', 'text/csv'),
  },

}
