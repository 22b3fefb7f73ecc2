CREATE TABLE "partner_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"financial_year" integer NOT NULL,
	"amount_pence" bigint NOT NULL,
	"kind" text NOT NULL,
	"agreed_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_scheme_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"contract_id" uuid,
	"grant_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_scheme_mappings" (
	"council_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_scheme_uploads" (
	"token" text PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_fund_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"name" text NOT NULL,
	"scheme_type" text NOT NULL,
	"area_of_spend" text NOT NULL,
	"commissioner" text NOT NULL,
	"provider_name" text NOT NULL,
	"stream" text NOT NULL,
	"financial_year" integer NOT NULL,
	"planned_pence" bigint NOT NULL,
	"planned_outputs" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pooled_funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"aims_and_outcomes" text NOT NULL,
	"contribution_variation" text NOT NULL,
	"functions_covered" text NOT NULL,
	"persons_and_services" text NOT NULL,
	"partner_resources" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"review_arrangements" text NOT NULL,
	"variation_and_termination" text NOT NULL,
	"management_and_monitoring" text NOT NULL,
	"host_partner_id" uuid,
	"pool_manager" text NOT NULL,
	"risk_share" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "pooled_fund_contributions" ADD CONSTRAINT "pooled_fund_contributions_fund_id_pooled_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."pooled_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_contributions" ADD CONSTRAINT "pooled_fund_contributions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_contributions" ADD CONSTRAINT "pooled_fund_contributions_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_partners" ADD CONSTRAINT "pooled_fund_partners_fund_id_pooled_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."pooled_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_partners" ADD CONSTRAINT "pooled_fund_partners_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_partners" ADD CONSTRAINT "pooled_fund_partners_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_links" ADD CONSTRAINT "pooled_fund_scheme_links_scheme_id_pooled_fund_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."pooled_fund_schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_links" ADD CONSTRAINT "pooled_fund_scheme_links_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_links" ADD CONSTRAINT "pooled_fund_scheme_links_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_links" ADD CONSTRAINT "pooled_fund_scheme_links_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_mappings" ADD CONSTRAINT "pooled_fund_scheme_mappings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_uploads" ADD CONSTRAINT "pooled_fund_scheme_uploads_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_scheme_uploads" ADD CONSTRAINT "pooled_fund_scheme_uploads_fund_id_pooled_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."pooled_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_schemes" ADD CONSTRAINT "pooled_fund_schemes_fund_id_pooled_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."pooled_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_fund_schemes" ADD CONSTRAINT "pooled_fund_schemes_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_funds" ADD CONSTRAINT "pooled_funds_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pooled_funds" ADD CONSTRAINT "pooled_funds_host_partner_id_partner_organisations_id_fk" FOREIGN KEY ("host_partner_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_organisations_scheme_code" ON "partner_organisations" USING btree ("scheme","code");--> statement-breakpoint
CREATE INDEX "pooled_fund_contributions_fund_year" ON "pooled_fund_contributions" USING btree ("fund_id","financial_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pooled_fund_partners_fund_org" ON "pooled_fund_partners" USING btree ("fund_id","organisation_id");--> statement-breakpoint
CREATE INDEX "pooled_fund_partners_org" ON "pooled_fund_partners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pooled_fund_scheme_links_contract" ON "pooled_fund_scheme_links" USING btree ("scheme_id","contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pooled_fund_scheme_links_grant" ON "pooled_fund_scheme_links" USING btree ("scheme_id","grant_id");--> statement-breakpoint
CREATE INDEX "pooled_fund_scheme_links_contract_id" ON "pooled_fund_scheme_links" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pooled_fund_schemes_fund_ref_year" ON "pooled_fund_schemes" USING btree ("fund_id","reference","financial_year");--> statement-breakpoint
CREATE INDEX "pooled_funds_council" ON "pooled_funds" USING btree ("council_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;