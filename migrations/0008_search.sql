-- Full-text search across the registers (ADR 0028), written by hand: drizzle-kit cannot express expression indexes.
-- Each index is built on exactly the expression its module's search.ts matches with, so a search reads the index.
CREATE INDEX IF NOT EXISTS "providers_search" ON "providers" USING gin (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("town", '') || ' ' || coalesce("postcode", '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_search" ON "contracts" USING gin (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("reference", '') || ' ' || coalesce("description", '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "grants_search" ON "grants" USING gin (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("identifier", '') || ' ' || coalesce("description", '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "commissioning_projects_search" ON "commissioning_projects" USING gin (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("service_area", '') || ' ' || coalesce("summary", '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "spend_payees_search" ON "spend_payees" USING gin (to_tsvector('english', coalesce("name", '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "stories_search" ON "stories" USING gin (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("body", '')));
