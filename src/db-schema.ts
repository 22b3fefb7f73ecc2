/** Every table, in one place: what drizzle-kit reads to write migrations, and what the typed client knows. */
export * from './modules/councils/schema.ts'
export * from './modules/providers/schema.ts'
export * from './platform/auth/schema.ts'
export * from './platform/audit/schema.ts'
