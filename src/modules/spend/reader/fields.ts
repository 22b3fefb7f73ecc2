/**
 * The canonical fields of a spend file and the names councils give them. A column name is compared after
 * normalising (case, spaces, punctuation, a stray BOM or symbol, trailing colons and "(£)" all dropped), then with a
 * small edit distance so that "Suplier Name" or "Ammount" still find their field.
 */
export const SPEND_FIELDS = {
  paymentDate: 'Payment date',
  supplierName: 'Supplier name',
  amount: 'Amount',
  supplierId: 'Supplier ID',
  companyNumber: 'Company number',
  charityNumber: 'Charity number',
  vatNumber: 'VAT number',
  supplierPostcode: 'Supplier postcode',
  department: 'Department or service',
  expenseType: 'Expense type',
  transactionNumber: 'Transaction number',
  irrecoverableVat: 'Irrecoverable VAT',
  vatAmount: 'VAT',
  purpose: 'Purpose',
  procurementClassification: 'Procurement classification',
  merchantCategory: 'Merchant category',
  cardholder: 'Cardholder (never stored)',
} as const

export type SpendField = keyof typeof SPEND_FIELDS
export const FIELD_CODES = Object.keys(SPEND_FIELDS) as SpendField[]
/** What a column can be mapped to: a field, or left out. */
export type ColumnTarget = SpendField | 'ignore'

export const REQUIRED_FIELDS: SpendField[] = ['paymentDate', 'supplierName', 'amount']

/** Known names, already normalised. The first entries are the Transparency Code's and the commonest. */
const DICTIONARY: Record<SpendField, string[]> = {
  // In DATE_RANKS's order within each rank; see there for why.
  paymentDate: [
    'paymentdate', 'datepaid', 'paiddate', 'invoicepaymentdate', 'dateofpayment', 'paymentrundate', 'chequedate', 'paydate',
    'transactiondate', 'clearingdate', 'datecleared', 'gldate', 'invoicegldate', 'postingdate', 'dateposted',
    'datetransactionposted', 'transdate', 'date', 'dateincurred', 'dateexpenditureincurred', 'expendituredate',
    'effectivedate', 'period', 'paymentperiod', 'financialperiod', 'month', 'monthpaid', 'updated', 'dateupdated',
    'lastupdated',
  ],
  supplierName: [
    'suppliername', 'supplier', 'supplierbeneficiaryname', 'beneficiaryname', 'beneficiary', 'vendorname', 'vendor',
    'name', 'payee', 'payeename', 'merchantname', 'merchant', 'creditorname', 'creditor', 'supplierbeneficiary',
    'recipient', 'recipientname', 'suppliershortname', 'supplierfullname', 'tradingname',
  ],
  amount: [
    'amount', 'netamount', 'net', 'gross', 'grossamount', 'invoicedvalue', 'totalexcludesvat', 'invoicelinevaluenetofvat',
    'amountpaid', 'value', 'netvalue', 'transactionamount', 'paymentamount', 'amountexvat', 'amountexcludingvat',
    'lineamount', 'total', 'expenditure', 'sum', 'amountgbp', 'netamountgbp', 'totalamount', 'invoiceamount',
    'transactionvalue', 'originalgrossamount', 'spend', 'grossvalue', 'amountincvat', 'amountincludingvat', 'totalincvat',
    'grosstotal', 'nettotal', 'netamountexvat',
  ],
  supplierId: [
    'supplierid', 'suppliercode', 'supplierref', 'supplierreference', 'suppliernumber', 'supplierno', 'vendorid',
    'vendornumber', 'vendorcode', 'creditorid', 'creditorcode', 'creditornumber', 'beneficiaryid', 'payeeid',
  ],
  companyNumber: [
    'companynumber', 'companyregistrationnumber', 'companyno', 'companyregno', 'companyregnumber', 'crn',
    'companieshousenumber', 'companieshouseno', 'registeredcompanynumber', 'suppliercompanynumber',
  ],
  charityNumber: [
    'charitynumber', 'charityregistrationnumber', 'charityno', 'registeredcharitynumber', 'charityregno',
    'charitycommissionnumber', 'suppliercharitynumber',
  ],
  vatNumber: [
    'vatnumber', 'vatregistrationnumber', 'vatno', 'vatregno', 'suppliervatnumber', 'vatregnumber', 'vatregistrationno',
    'suppliervatregistrationnumber', 'vatreg',
  ],
  supplierPostcode: [
    'supplierpostcode', 'supplierspostcode', 'postcode', 'payeepostcode', 'vendorpostcode', 'beneficiarypostcode',
    'creditorpostcode', 'supplierpostalcode', 'postalcode',
  ],
  department: [
    'department', 'service', 'directorate', 'servicearea', 'departmentname', 'expenditureservice', 'servicelabel',
    'costcentre', 'costcentredescription', 'costcentrename', 'servicedivision', 'division', 'responsibleunit',
    'serviceareacategorisation', 'serviceunit', 'portfolio', 'budgetholder', 'localauthoritydepartment', 'team',
  ],
  expenseType: [
    'expensetype', 'expensestype', 'expenditurecategory', 'expensearea', 'accountdescription', 'subjective',
    'subjectivedescription', 'subjectivename', 'expenditurecode', 'detailedexpensetype', 'category', 'expensecategory',
    'expendituretype', 'accountname', 'ledgeraccount', 'nominal', 'nominaldescription', 'expensedescription',
    'typeofexpenditure', 'spendcategory',
  ],
  transactionNumber: [
    'transactionnumber', 'transactionno', 'transactionid', 'transaction', 'transactionref', 'transactionreference',
    'invoicenumber', 'invoiceno', 'invoiceref', 'invoicereference', 'documentnumber', 'documentno', 'reference',
    'paymentref', 'paymentreference', 'paymentnumber', 'ref', 'uniquereference', 'journalnumber',
  ],
  irrecoverableVat: [
    'irrecoverablevat', 'nonrecoverablevat', 'vatnonrecoverable', 'irrecoverablevatamount', 'vatirrecoverable',
    'unrecoverablevat', 'vatthatcannotberecovered', 'valueaddedtaxthatcannotberecovered',
  ],
  vatAmount: ['vat', 'vatamount', 'totalvat', 'vatvalue', 'vatpaid', 'vatgbp', 'vattotal', 'taxamount'],
  purpose: [
    'purpose', 'summaryofpurpose', 'purposeofexpenditure', 'description', 'narrative', 'details', 'expenditurepurpose',
    'summaryofthepurposeoftheexpenditure', 'transactiondescription', 'itemdescription', 'linedescription',
    'paymentdescription', 'invoicedescription',
  ],
  procurementClassification: [
    'procurementclassification', 'proclass', 'proclasslevel1', 'proclassdescription', 'procurementcategory',
    'proclasscategory', 'proclasslevel2', 'sercopcategory',
  ],
  merchantCategory: [
    'merchantcategory', 'mcc', 'mcccode', 'mccdescription', 'merchantcategorycode', 'merchantcategorydescription',
    'merchanttype', 'merchantcategoryname',
  ],
  cardholder: ['cardholder', 'cardholdername', 'cardholdersname', 'cardusername', 'carduser', 'cardholderdepartment'],
}

const LOOKUP = new Map<string, SpendField>()
for (const field of FIELD_CODES) for (const name of DICTIONARY[field]) if (!LOOKUP.has(name)) LOOKUP.set(name, field)

/** A column name without case, spaces, punctuation, currency signs, a stray BOM or a trailing colon. */
export function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF|^ï»¿/, '')
    .toLowerCase()
    .replace(/£|\bgbp\b/g, '')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '')
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      current.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin > limit) return limit + 1
    previous = current
  }
  return previous[b.length]!
}

export interface FieldMatch {
  field: SpendField
  /** exact: a known name; close: a known name misspelt by one or two letters. */
  how: 'exact' | 'close'
  /** The known name it matched, normalised. */
  known: string
}

/** The field a column name stands for, if any. */
export function fieldForColumn(name: string): FieldMatch | undefined {
  const key = normaliseColumnName(name)
  if (key === '') return undefined
  const exact = LOOKUP.get(key)
  if (exact) return { field: exact, how: 'exact', known: key }
  // Only longer names are matched loosely: "net" and "vat" are one letter apart from many words.
  if (key.length < 5) return undefined
  const allowed = key.length >= 10 ? 2 : 1
  let best: { field: SpendField; distance: number; known: string } | undefined
  for (const [known, field] of LOOKUP) {
    if (known.length < 5) continue
    const distance = editDistance(key, known, allowed)
    if (distance <= allowed && (!best || distance < best.distance)) best = { field, distance, known }
  }
  return best ? { field: best.field, how: 'close', known: best.known } : undefined
}

/**
 * Date columns ranked by what they mean (ADR 0024): the day the money left (payment, paid, invoice payment, cheque,
 * payment run), then the ledger's day for it (transaction, clearing, GL, posting), then a date that does not say
 * which, then dates that are about the file rather than the payment (effective date, the LGA layout's period end;
 * period and month), then when a record was last changed. Lower is surer.
 */
const DATE_RANKS: string[][] = [
  ['paymentdate', 'datepaid', 'paiddate', 'invoicepaymentdate', 'dateofpayment', 'paymentrundate', 'chequedate', 'paydate'],
  ['transactiondate', 'clearingdate', 'datecleared', 'gldate', 'invoicegldate', 'postingdate', 'dateposted', 'datetransactionposted', 'transdate'],
  ['date', 'dateincurred', 'dateexpenditureincurred', 'expendituredate'],
  ['effectivedate', 'period', 'paymentperiod', 'financialperiod', 'month', 'monthpaid'],
  ['updated', 'dateupdated', 'lastupdated'],
]

/** What an amount column's name says it holds: the Transparency Code asks for the amount net of VAT. */
export type AmountBasis = 'net' | 'unstated' | 'gross'
const NET_NAMES = new Set([
  'netamount', 'net', 'totalexcludesvat', 'invoicelinevaluenetofvat', 'netvalue', 'amountexvat', 'amountexcludingvat',
  'netamountgbp', 'nettotal', 'netamountexvat',
])
const GROSS_NAMES = new Set([
  'gross', 'grossamount', 'originalgrossamount', 'grossvalue', 'amountincvat', 'amountincludingvat', 'totalincvat', 'grosstotal',
])

export function amountBasis(known: string): AmountBasis {
  return NET_NAMES.has(known) ? 'net' : GROSS_NAMES.has(known) ? 'gross' : 'unstated'
}

/**
 * How surely a column holds its field, for choosing between two columns named for the same field (lower is surer):
 * date columns by DATE_RANKS, amounts net before unstated before gross; other fields are all alike.
 */
export function columnRank(field: SpendField, known: string | undefined): number {
  if (known === undefined) return 9
  if (field === 'paymentDate') {
    const rank = DATE_RANKS.findIndex((names) => names.includes(known))
    return rank === -1 ? 9 : rank
  }
  if (field === 'amount') return { net: 0, unstated: 1, gross: 2 }[amountBasis(known)]
  return 0
}

export function isSpendField(value: string): value is SpendField {
  return Object.hasOwn(SPEND_FIELDS, value)
}
