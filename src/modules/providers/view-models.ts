/**
 * Pure functions from provider records to the inputs of GOV.UK macros: tables, tags, summary lists, pagination
 * and history. Every link comes from `paths`, so templates only place what these return.
 */
import type { HistoryEntry } from '../../platform/audit/audit.ts'
import { historyItems as auditHistoryItems, type FieldSpecs } from '../../platform/audit/describe.ts'
import { paths } from '../../paths.ts'
import { IDENTIFIER_SCHEMES, orgId, type IdentifierScheme } from './identifiers.ts'
import { queryString, type ListQuery } from './list-query.ts'
import { serviceCategoryName } from './service-categories.ts'
import { flagsOf, type ProviderRecord } from './service.ts'
import { legalFormName, SUPPLIER_FLAGS } from './vocabulary.ts'
import { formatDate } from '../../platform/dates.ts'

import { escapeHtml } from '../../platform/http/html.ts'

export { escapeHtml }


/** Supplier flags as GOV.UK tags. */
export function flagTags(record: ProviderRecord): { text: string; classes: string }[] {
  const flags = new Set(flagsOf(record))
  return SUPPLIER_FLAGS.filter((f) => flags.has(f.code)).map((f) => ({ text: f.name, classes: 'govuk-tag--blue' }))
}

function tagsHtml(record: ProviderRecord): string {
  const tags = flagTags(record)
    .map((tag) => `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`)
    .join('')
  return tags ? `<span class="catalyst-tag-list">${tags}</span>` : ''
}

/** A column heading that sorts the list when followed: the current sort flips its order. */
function sortableHeading(text: string, sort: ListQuery['sort'], query: ListQuery, listPath: string) {
  const current = query.sort === sort
  const order: ListQuery['order'] = current && query.order === 'asc' ? 'desc' : 'asc'
  const href = listPath + queryString(query, { sort, order, page: 1 })
  const state = current ? (query.order === 'asc' ? ' (sorted A to Z)' : ' (sorted Z to A)') : ''
  const label = sort === 'updated' && state ? (query.order === 'asc' ? ' (sorted oldest first)' : ' (sorted newest first)') : state
  return {
    html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}<span class="govuk-visually-hidden">${escapeHtml(label || ', sort by this column')}</span></a>`,
    attributes: { 'aria-sort': current ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none' },
  }
}

/** The register's table for signed-in council users. */
export function providerTable(items: ProviderRecord[], query: ListQuery) {
  const listPath = paths.providers.list.href()
  return {
    caption: 'Providers',
    captionClasses: 'govuk-visually-hidden',
    firstCellIsHeader: true,
    head: [
      sortableHeading('Name', 'name', query, listPath),
      { text: 'Identifiers' },
      { text: 'Supplier type' },
      { text: 'Services' },
      sortableHeading('Last updated', 'updated', query, listPath),
    ],
    rows: items.map((p) => [
      {
        html: `<a class="govuk-link" href="${escapeHtml(paths.providers.show.href({ id: p.id }))}">${escapeHtml(p.name)}</a>${
          p.published ? '' : ' <strong class="govuk-tag govuk-tag--grey">Not published</strong>'
        }`,
      },
      { text: p.identifiers.map(orgId).join(', ') },
      { html: tagsHtml(p) },
      { text: p.serviceCategories.map(serviceCategoryName).join(', ') },
      { text: formatDate(p.updatedAt) },
    ]),
  }
}

/** The public register's table: no private fields, links to the public pages. */
export function publicTable(items: ProviderRecord[], councilNames: Map<string, string>) {
  return {
    caption: 'Published providers',
    captionClasses: 'govuk-visually-hidden',
    firstCellIsHeader: true,
    head: [{ text: 'Name' }, { text: 'Council register' }, { text: 'Supplier type' }, { text: 'Services' }],
    rows: items.map((p) => [
      { html: `<a class="govuk-link" href="${escapeHtml(paths.publicRegister.show.href({ id: p.id }))}">${escapeHtml(p.name)}</a>` },
      { text: councilNames.get(p.councilId) ?? '' },
      { html: tagsHtml(p) },
      { text: p.serviceCategories.map(serviceCategoryName).join(', ') },
    ]),
  }
}

/** GOV.UK pagination: previous, next and numbered pages with ellipses around the current one (the platform's). */
export { numberedPagination as pagination } from '../../platform/http/pagination.ts'

export function resultCount(total: number): string {
  return total === 1 ? '1 provider' : `${new Intl.NumberFormat('en-GB').format(total)} providers`
}

function addressLines(p: ProviderRecord): string[] {
  return [p.addressLine1, p.addressLine2, p.town, p.postcode].filter((line): line is string => !!line)
}

/**
 * The record as a summary list. Whether it is published only when the caller says the page is the council's; private
 * notes only when the reader may also read them (a moderator may not, unless the council allows it: ADR 0062).
 */
export function summaryRows(p: ProviderRecord, areaNames: Map<string, string>, options: { showPrivate: boolean; showNotes: boolean }) {
  const rows = [
    { key: { text: 'Name' }, value: { text: p.name } },
    { key: { text: 'Legal form' }, value: { text: legalFormName(p.legalForm) } },
    { key: { text: 'Supplier type' }, value: { html: tagsHtml(p) || 'None recorded' } },
    { key: { text: 'Registered address' }, value: { html: addressLines(p).map(escapeHtml).join('<br>') || 'Not recorded' } },
    {
      key: { text: 'Website' },
      value: p.website ? { html: `<a class="govuk-link" href="${escapeHtml(p.website)}" rel="noopener">${escapeHtml(p.website)}</a>` } : { text: 'Not recorded' },
    },
    { key: { text: 'Services' }, value: { text: p.serviceCategories.map(serviceCategoryName).join(', ') || 'None recorded' } },
    { key: { text: 'Areas served' }, value: { text: p.areasServed.map((code) => areaNames.get(code) ?? code).join(', ') || 'None recorded' } },
  ]
  if (options.showPrivate) {
    rows.push({ key: { text: 'Published on the public register' }, value: { text: p.published ? 'Yes' : 'No' } })
    if (options.showNotes) rows.push({ key: { text: 'Private notes' }, value: { text: p.privateNotes ?? 'None' } })
  }
  return rows
}

/** Identifiers as rows: register name and the identifier in org-id form. */
export function identifierRows(p: ProviderRecord) {
  return p.identifiers.map((i) => ({
    key: { text: IDENTIFIER_SCHEMES[i.scheme as IdentifierScheme] ?? i.scheme },
    value: { text: orgId(i) },
  }))
}

/** How a provider's history reads: each field its audit entries record, by the name the provider form uses. */
export const PROVIDER_FIELDS: FieldSpecs = {
  name: { label: 'Name' },
  legalForm: { label: 'Legal form', format: (code) => legalFormName(String(code)) },
  identifiers: { label: 'Identifiers' },
  isSme: { label: 'SME', format: 'boolean' },
  isVcse: { label: 'VCSE', format: 'boolean' },
  isSupportedEmploymentProvider: { label: 'Supported employment provider', format: 'boolean' },
  isPublicServiceMutual: { label: 'Public service mutual', format: 'boolean' },
  addressLine1: { label: 'Address line 1' },
  addressLine2: { label: 'Address line 2' },
  town: { label: 'Town or city' },
  postcode: { label: 'Postcode' },
  website: { label: 'Website' },
  serviceCategories: { label: 'Services', format: (code) => serviceCategoryName(String(code)) },
  areasServed: { label: 'Areas served' },
  privateNotes: { label: 'Private notes' },
  published: { label: 'Published', format: 'boolean' },
}

/** Each audit entry as who did what, when, and what changed in words; an addition is not spelled out field by field. */
export const historyItems = (entries: HistoryEntry[]) => auditHistoryItems(entries, PROVIDER_FIELDS, { actions: { create: 'Added to the register' }, describeAdded: false })
