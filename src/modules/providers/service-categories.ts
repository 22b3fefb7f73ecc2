/** The services a provider can deliver: a fixed list, so that filters and cross-council comparison agree. */
export const SERVICE_CATEGORIES = [
  { code: 'adult-social-care', name: 'Adult social care' },
  { code: 'childrens-social-care', name: 'Children’s social care' },
  { code: 'waste-recycling', name: 'Waste and recycling' },
  { code: 'highways-transport', name: 'Highways and transport' },
  { code: 'housing-homelessness', name: 'Housing and homelessness' },
  { code: 'public-health', name: 'Public health' },
  { code: 'leisure-culture', name: 'Leisure and culture' },
  { code: 'libraries', name: 'Libraries' },
  { code: 'planning-building-control', name: 'Planning and building control' },
  { code: 'environmental-health', name: 'Environmental health' },
  { code: 'education-send', name: 'Education and SEND' },
  { code: 'advice-advocacy', name: 'Advice and advocacy' },
  { code: 'employment-skills', name: 'Employment and skills' },
  { code: 'facilities-management', name: 'Facilities management' },
  { code: 'it-digital', name: 'IT and digital' },
  { code: 'legal-professional', name: 'Legal and professional services' },
  { code: 'community-voluntary-support', name: 'Community and voluntary sector support' },
] as const

export type ServiceCategoryCode = (typeof SERVICE_CATEGORIES)[number]['code']
export const SERVICE_CATEGORY_CODES = SERVICE_CATEGORIES.map((c) => c.code) as [ServiceCategoryCode, ...ServiceCategoryCode[]]

const NAMES = new Map<string, string>(SERVICE_CATEGORIES.map((c) => [c.code, c.name]))

export function serviceCategoryName(code: string): string {
  return NAMES.get(code) ?? code
}
