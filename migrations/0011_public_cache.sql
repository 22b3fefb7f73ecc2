CREATE TABLE "public_versions" (
	"council_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- Hand-written below (drizzle cannot express triggers): every write to a record the public sees bumps its council's
-- public version, once per statement, so cached public pages and open-data files are never served stale (ADR 0033).
CREATE FUNCTION bump_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO public_versions (council_id, version) SELECT DISTINCT council_id, 1 FROM old_rows WHERE council_id IS NOT NULL
      ON CONFLICT (council_id) DO UPDATE SET version = public_versions.version + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO public_versions (council_id, version)
      SELECT DISTINCT council_id, 1 FROM (SELECT council_id FROM new_rows UNION SELECT council_id FROM old_rows) changed WHERE council_id IS NOT NULL
      ON CONFLICT (council_id) DO UPDATE SET version = public_versions.version + 1;
  ELSE
    INSERT INTO public_versions (council_id, version) SELECT DISTINCT council_id, 1 FROM new_rows WHERE council_id IS NOT NULL
      ON CONFLICT (council_id) DO UPDATE SET version = public_versions.version + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contracts', 'contract_suppliers', 'grants', 'stories', 'story_responses', 'story_changes', 'providers', 'provider_identifiers', 'market_position_statements', 'council_settings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_delete', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- A council's own row (its name, codes, whether it is a tenant) shows on other councils' pages too (names of areas
-- served, council lists): a write to councils bumps every council's version.
CREATE FUNCTION bump_every_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public_versions (council_id, version) SELECT id, 1 FROM councils
    ON CONFLICT (council_id) DO UPDATE SET version = public_versions.version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER councils_public_change AFTER INSERT OR UPDATE OR DELETE ON councils FOR EACH STATEMENT EXECUTE FUNCTION bump_every_public_version();
