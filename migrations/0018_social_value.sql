CREATE TABLE "sv_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"contract_id" uuid,
	"grant_id" uuid,
	"provider_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"quantity" numeric NOT NULL,
	"due_date" date NOT NULL,
	"delivered_where" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"licence" text NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_lm3_returns" (
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"local_staff_share" numeric NOT NULL,
	"local_supplier_share" numeric NOT NULL,
	"note" text,
	"answered_by" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_measure_uploads" (
	"token" text PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"licence" text NOT NULL,
	"content" text NOT NULL,
	"mapping" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"outcome" text NOT NULL,
	"code" text NOT NULL,
	"wording" text NOT NULL,
	"unit" text NOT NULL,
	"proxy_pence" bigint,
	"proxy_source" text,
	"proxy_year" integer,
	"licence" text,
	"counts_as_local" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"quantity" numeric NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"evidence_url" text,
	"note" text,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'awaiting' NOT NULL,
	"verified_quantity" numeric,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sv_sroi_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"project_id" uuid,
	"contract_id" uuid,
	"inputs_pence" bigint NOT NULL,
	"inputs_source" text NOT NULL,
	"discount_rate" numeric,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sv_sroi_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"measure_id" uuid,
	"quantity" numeric NOT NULL,
	"proxy_pence" bigint NOT NULL,
	"duration_years" integer NOT NULL,
	"deadweight" numeric NOT NULL,
	"displacement" numeric NOT NULL,
	"attribution" numeric NOT NULL,
	"drop_off" numeric NOT NULL,
	"sources" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sv_commitments" ADD CONSTRAINT "sv_commitments_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_commitments" ADD CONSTRAINT "sv_commitments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_commitments" ADD CONSTRAINT "sv_commitments_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_commitments" ADD CONSTRAINT "sv_commitments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_commitments" ADD CONSTRAINT "sv_commitments_measure_id_sv_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."sv_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_frameworks" ADD CONSTRAINT "sv_frameworks_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_lm3_returns" ADD CONSTRAINT "sv_lm3_returns_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_lm3_returns" ADD CONSTRAINT "sv_lm3_returns_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_measure_uploads" ADD CONSTRAINT "sv_measure_uploads_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_measures" ADD CONSTRAINT "sv_measures_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_measures" ADD CONSTRAINT "sv_measures_framework_id_sv_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."sv_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_returns" ADD CONSTRAINT "sv_returns_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_returns" ADD CONSTRAINT "sv_returns_commitment_id_sv_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."sv_commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_sroi_models" ADD CONSTRAINT "sv_sroi_models_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_sroi_models" ADD CONSTRAINT "sv_sroi_models_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_sroi_models" ADD CONSTRAINT "sv_sroi_models_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_sroi_outcomes" ADD CONSTRAINT "sv_sroi_outcomes_model_id_sv_sroi_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."sv_sroi_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_sroi_outcomes" ADD CONSTRAINT "sv_sroi_outcomes_measure_id_sv_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."sv_measures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sv_commitments_contract" ON "sv_commitments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "sv_commitments_grant" ON "sv_commitments" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "sv_commitments_provider" ON "sv_commitments" USING btree ("council_id","provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sv_frameworks_council_year" ON "sv_frameworks" USING btree ("council_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "sv_lm3_returns_provider_year" ON "sv_lm3_returns" USING btree ("council_id","provider_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "sv_measures_framework_code" ON "sv_measures" USING btree ("framework_id","code");--> statement-breakpoint
CREATE INDEX "sv_measures_council" ON "sv_measures" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "sv_returns_commitment" ON "sv_returns" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "sv_returns_council_status" ON "sv_returns" USING btree ("council_id","status");--> statement-breakpoint
CREATE INDEX "sv_sroi_models_council" ON "sv_sroi_models" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sv_sroi_outcomes_position" ON "sv_sroi_outcomes" USING btree ("model_id","position");--> statement-breakpoint
-- Hand-written (drizzle cannot express triggers): the public provider page shows committed, reported and verified
-- social value and the framework's licence, so writes to these tables bump the council's public version (ADR 0033).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sv_frameworks', 'sv_measures', 'sv_commitments', 'sv_returns'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()', t || '_public_delete', t);
  END LOOP;
END
$$;
