/** Every table, in one place: what drizzle-kit reads to write migrations, and what the typed client knows. */
export * from './modules/councils/schema.ts'
export * from './modules/providers/schema.ts'
export * from './platform/auth/schema.ts'
export * from './platform/audit/schema.ts'
export * from './platform/settings/schema.ts'
export * from './modules/contracts/schema.ts'
export * from './modules/grants/schema.ts'
export * from './modules/projects/schema.ts'
