/** Pure checks for single fields of a provider record: postcode and website. */
import { isValid, toNormalised } from 'postcode'

/** A UK postcode in its normal form (upper case, one space: "SW1A 2AA"), or undefined if it is not one. */
export function normalisePostcode(raw: string): string | undefined {
  const value = raw.trim()
  if (!isValid(value)) return undefined
  return toNormalised(value) ?? undefined
}

/**
 * A website address people can follow: http or https only (never javascript: or data:), with a host that has a
 * dot. "www.example.org.uk" typed without a scheme is read as https.
 */
export function normaliseWebsite(raw: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || url.username || url.password) return undefined
  return url.toString()
}
