/**
 * Links in emails: always on the service's configured public address (CATALYST_PUBLIC_URL), never on the Host
 * header of the request that caused the email. A Host header is whatever the sender typed, so building on it lets
 * anyone make Catalyst email a victim a real token on the attacker's site (host header injection); and a job sends
 * the email later, when there is no request at all.
 */
import type { Config } from '../../config.ts'

export function publicLink(config: Pick<Config, 'publicUrl'>, path: string): string {
  return new URL(path, config.publicUrl).href
}
