/**
 * Record ids are UUIDs. An id from an address or a form that is not one names no record: callers answer "not found"
 * (or leave it out) before asking the database, which would refuse it with an error instead.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
