/**
 * What Catalyst reads of OCDS 1.1 (domain-rules 3.2–3.5): the project's own zod schemas, lenient where publishers
 * differ (Contracts Finder and Find a Tender add fields and leave others out) and strict where the import depends on a
 * value. Unknown fields pass through untouched; they are not read.
 */
import { z } from 'zod'

const text = z.string()
const optionalText = z.string().nullish()

export const ocdsValue = z.object({ amount: z.number().nullish(), amountGross: z.number().nullish(), currency: optionalText }).passthrough()
export const ocdsPeriod = z.object({ startDate: optionalText, endDate: optionalText, durationInMonths: z.number().nullish() }).passthrough()
export const ocdsIdentifier = z.object({ scheme: optionalText, id: z.union([z.string(), z.number()]).nullish(), legalName: optionalText }).passthrough()
export const ocdsClassification = z.object({ scheme: optionalText, id: z.union([z.string(), z.number()]).nullish(), description: optionalText }).passthrough()
export const ocdsDocument = z.object({ id: z.union([z.string(), z.number()]).nullish(), documentType: optionalText, noticeType: optionalText, datePublished: optionalText }).passthrough()

export const ocdsParty = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    name: optionalText,
    identifier: ocdsIdentifier.nullish(),
    additionalIdentifiers: z.array(ocdsIdentifier).nullish(),
    roles: z.array(z.string()).nullish(),
    details: z
      .object({
        scale: optionalText,
        vcse: z.boolean().nullish(),
        publicServiceMissionOrganization: z.boolean().nullish(),
        shelteredWorkshop: z.boolean().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough()
export type OcdsParty = z.infer<typeof ocdsParty>

const organisationReference = z.object({ id: z.union([z.string(), z.number()]).nullish(), name: optionalText }).passthrough()
const item = z.object({ classification: ocdsClassification.nullish(), additionalClassifications: z.array(ocdsClassification).nullish() }).passthrough()

export const ocdsRelease = z
  .object({
    ocid: text.min(1, 'a release needs an ocid'),
    id: z.union([z.string(), z.number()]).transform(String),
    date: text.min(1, 'a release needs a date'),
    tag: z.array(z.string()).nullish(),
    initiationType: optionalText,
    parties: z.array(ocdsParty).nullish(),
    buyer: organisationReference.nullish(),
    tender: z
      .object({
        id: z.union([z.string(), z.number()]).nullish(),
        title: optionalText,
        description: optionalText,
        status: optionalText,
        procurementMethod: optionalText,
        procurementMethodDetails: optionalText,
        procurementMethodRationale: optionalText,
        mainProcurementCategory: optionalText,
        value: ocdsValue.nullish(),
        items: z.array(item).nullish(),
        contractPeriod: ocdsPeriod.nullish(),
        documents: z.array(ocdsDocument).nullish(),
      })
      .passthrough()
      .nullish(),
    awards: z
      .array(
        z
          .object({
            id: z.union([z.string(), z.number()]).transform(String),
            title: optionalText,
            description: optionalText,
            status: optionalText,
            date: optionalText,
            value: ocdsValue.nullish(),
            suppliers: z.array(organisationReference).nullish(),
            items: z.array(item).nullish(),
            contractPeriod: ocdsPeriod.nullish(),
            documents: z.array(ocdsDocument).nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    contracts: z
      .array(
        z
          .object({
            id: z.union([z.string(), z.number()]).transform(String),
            awardID: z.union([z.string(), z.number()]).nullish(),
            title: optionalText,
            description: optionalText,
            status: optionalText,
            period: ocdsPeriod.nullish(),
            value: ocdsValue.nullish(),
            dateSigned: optionalText,
            items: z.array(item).nullish(),
            documents: z.array(ocdsDocument).nullish(),
          })
          .passthrough(),
      )
      .nullish(),
  })
  .passthrough()
export type OcdsRelease = z.infer<typeof ocdsRelease>

/** A record: its releases (embedded, or only linked) and, usually, a compiled release. */
export const ocdsRecord = z
  .object({
    ocid: text.min(1),
    releases: z.array(z.unknown()).nullish(),
    compiledRelease: z.unknown().nullish(),
  })
  .passthrough()

export const releasePackage = z.object({ releases: z.array(z.unknown()), publisher: z.unknown().optional(), version: optionalText }).passthrough()
export const recordPackage = z.object({ records: z.array(z.unknown()), publisher: z.unknown().optional(), version: optionalText }).passthrough()

/** OCDS 1.1.5 releaseTag codelist (closed): domain-rules 3.4. */
export const RELEASE_TAGS = new Set([
  'planning', 'planningUpdate', 'tender', 'tenderAmendment', 'tenderUpdate', 'tenderCancellation', 'award', 'awardUpdate',
  'awardCancellation', 'contract', 'contractUpdate', 'contractAmendment', 'implementation', 'implementationUpdate',
  'contractTermination', 'compiled',
])
