/** Councils: English local authorities past and present, and the councils that use Catalyst (tenants). */
import { sql } from 'drizzle-orm'
import { type AnyPgColumn, date, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core'

export const councils = pgTable('councils', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** The short code commands accept with --council: the GB-LAE code where there is one, else the GSS code. */
  code: text('code').notNull().unique(),
  /** ONS GSS code, for example E06000002 (Middlesbrough). Fictional councils have none. */
  gssCode: text('gss_code').unique(),
  /**
   * The code of the Local Authorities for England register (org-id scheme GB-LAE): three letters, or four for the
   * combined authorities the council list adds (GMCA, WYCA), kept as the list gives them.
   */
  laeCode: text('lae_code').unique(),
  /** county, district, unitary, metropolitan-district, london-borough, city-of-london, combined-authority, other. */
  type: text('type').notNull(),
  startDate: date('start_date'),
  endDate: date('end_date'),
  /** Other names the council list gives it (mySociety's alt-names and nice-name), for finding it by name. */
  altNames: text('alt_names').array().notNull().default(sql`'{}'::text[]`),
  /** The English region the council lies in, as the council list names it ("North East"); null where not given. */
  region: text('region'),
  successorId: uuid('successor_id').references((): AnyPgColumn => councils.id),
  /** True for a council that has users in this installation: its data is private to them. */
  isTenant: boolean('is_tenant').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
