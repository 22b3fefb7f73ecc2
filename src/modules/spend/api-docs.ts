/** The OpenAPI 3.1 description of /api/v1/spend; the platform assembles the whole document (openapi.ts). */
import {
  dateTime,
  idParameter,
  ifNoneMatch,
  isoDate,
  nullableIsoDate,
  nullableText,
  openApiPath,
  pageSchema,
  pagingParameters,
  readOperation,
  recordLinks,
  schemaRef,
  uuid,
} from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { IMPORT_KINDS, MATCH_STATUSES } from './api.ts'

const count = { type: 'integer', minimum: 0 }
const pence = { type: 'integer', description: 'Pence' }
const yearParameter = {
  name: 'year',
  in: 'query',
  schema: { type: 'integer', minimum: 1990, maximum: 2099 },
  description: 'The calendar year the financial year starts in (2025 for 2025/26); the newest year with spend when left out.',
}
const spendRead = (operationId: string, summary: string, schema: string, extra: { parameters?: object[]; notFound?: string; invalid?: string } = {}) =>
  readOperation({ operationId, summary, tag: 'spend', module: 'spend', schema, ...extra })

const importProperties = {
  id: uuid,
  fileName: { type: 'string' },
  kind: { type: 'string', enum: IMPORT_KINDS, description: 'invoice, or card for procurement card transactions' },
  rowsRead: count,
  rowsImported: count,
  rowsRejected: count,
  totalPence: pence,
  dateFrom: nullableIsoDate,
  dateTo: nullableIsoDate,
  periodReading: { type: ['string', 'null'], description: 'How period codes were read (calendar-month, financial-period or four-week-period); null when the dates were days' },
  importedBy: { type: 'string' },
  createdAt: dateTime,
  links: recordLinks,
}
const payeeProperties = {
  id: uuid,
  name: { type: 'string' },
  redacted: { type: 'boolean', description: 'The council withheld the name (Transparency Code 2015: personal data)' },
  matchStatus: { type: 'string', enum: MATCH_STATUSES },
  provider: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' }, links: { type: 'object' } } },
  companyNumber: nullableText,
  charityNumber: nullableText,
  vatNumber: nullableText,
  totalPence: { ...pence, description: 'Pence, over every year imported' },
  payments: count,
  links: recordLinks,
}
const financialYear = {
  type: 'object',
  required: ['startYear', 'label', 'start', 'end'],
  properties: { startYear: { type: 'integer' }, label: { type: 'string', examples: ['2025/26'] }, start: isoDate, end: isoDate },
}

export const spendOpenApi = {
  paths: {
    [openApiPath(paths.api.spendImports.pattern)]: {
      get: spendRead('listSpendImports', 'List the spend files imported, a page at a time', 'SpendImportPage', {
        parameters: [{ name: 'kind', in: 'query', schema: { type: 'string', enum: IMPORT_KINDS } }, ...pagingParameters],
        invalid: 'A query parameter is not valid',
      }),
    },
    [openApiPath(paths.api.spendImport.pattern)]: {
      get: spendRead('getSpendImport', 'Read one import with its rejected rows and the imports its dates overlap', 'SpendImportDetail', {
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such import in your council',
      }),
    },
    [openApiPath(paths.api.spendPayees.pattern)]: {
      get: spendRead('listSpendPayees', 'List the payees of the council’s spend, a page at a time', 'SpendPayeePage', {
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Part of the payee’s name.' },
          { name: 'matchStatus', in: 'query', schema: { type: 'string', enum: MATCH_STATUSES } },
          { name: 'provider', in: 'query', schema: uuid, description: 'Payees matched to this provider.' },
          ...pagingParameters,
        ],
        invalid: 'A query parameter is not valid',
      }),
    },
    [openApiPath(paths.api.spendPayee.pattern)]: {
      get: spendRead('getSpendPayee', 'Read one payee with the names it was paid under and its spend by year and category', 'SpendPayeeDetail', {
        parameters: [idParameter, ifNoneMatch],
        notFound: 'No such payee in your council',
      }),
    },
    [openApiPath(paths.api.spendByMonth.pattern)]: {
      get: spendRead('getSpendByMonth', 'Spend in each month of a financial year', 'SpendByMonth', { parameters: [yearParameter, ifNoneMatch], invalid: 'The year is not valid' }),
    },
    [openApiPath(paths.api.spendByCategory.pattern)]: {
      get: spendRead('getSpendByCategory', 'Spend in each category of a financial year, as the council maps its files’ categories', 'SpendByCategory', {
        parameters: [yearParameter, ifNoneMatch],
        invalid: 'The year is not valid',
      }),
    },
  },
  components: {
    schemas: {
      SpendImport: { type: 'object', required: Object.keys(importProperties), properties: importProperties, additionalProperties: false },
      SpendImportPage: pageSchema('SpendImport'),
      SpendImportDetail: {
        type: 'object',
        required: [...Object.keys(importProperties), 'dateColumn', 'amountColumn', 'rejected', 'overlaps'],
        additionalProperties: false,
        properties: {
          ...importProperties,
          dateColumn: nullableText,
          amountColumn: nullableText,
          rejected: {
            type: 'array',
            description: 'Each rejected row’s line and reason (the first 5,000)',
            items: { type: 'object', required: ['line', 'reason'], properties: { line: { type: 'integer' }, reason: { type: 'string' }, file: { type: 'string' } } },
          },
          overlaps: {
            type: 'array',
            description: 'Earlier imports whose dates overlap this one’s: flagged, not refused',
            items: { type: 'object', required: ['importId', 'fileName'], properties: { importId: uuid, fileName: { type: 'string' }, dateFrom: nullableIsoDate, dateTo: nullableIsoDate } },
          },
        },
      },
      SpendPayee: { type: 'object', required: Object.keys(payeeProperties), properties: payeeProperties, additionalProperties: false },
      SpendPayeePage: pageSchema('SpendPayee'),
      SpendPayeeDetail: {
        type: 'object',
        required: [...Object.keys(payeeProperties), 'namesSeen', 'byYearAndCategory'],
        additionalProperties: false,
        properties: {
          ...payeeProperties,
          namesSeen: { type: 'array', items: { type: 'string' } },
          byYearAndCategory: {
            type: 'array',
            items: { type: 'object', required: ['year', 'category', 'amountPence', 'payments'], properties: { year: schemaRef('FinancialYear'), category: { type: 'string' }, amountPence: pence, payments: count } },
          },
        },
      },
      FinancialYear: financialYear,
      SpendByMonth: {
        type: 'object',
        required: ['year', 'months'],
        properties: {
          year: schemaRef('FinancialYear'),
          months: {
            type: 'array',
            items: { type: 'object', required: ['month', 'amountPence', 'payments'], properties: { month: { ...isoDate, description: 'The first day of the month' }, amountPence: pence, payments: count } },
          },
        },
      },
      SpendByCategory: {
        type: 'object',
        required: ['year', 'categories'],
        properties: {
          year: schemaRef('FinancialYear'),
          categories: {
            type: 'array',
            items: {
              type: 'object',
              required: ['category', 'amountPence', 'payments'],
              properties: { category: { type: 'string', description: '"" where the files did not say' }, amountPence: pence, payments: count },
            },
          },
        },
      },
    },
  },
} as const
