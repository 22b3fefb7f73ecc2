CREATE TABLE "council_settings" (
	"council_id" uuid NOT NULL,
	"section" text NOT NULL,
	"values" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_settings_council_id_section_pk" PRIMARY KEY("council_id","section")
);
--> statement-breakpoint
CREATE TABLE "contract_suppliers" (
	"contract_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	CONSTRAINT "contract_suppliers_contract_id_provider_id_pk" PRIMARY KEY("contract_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"department" text,
	"cpv_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"main_category" text NOT NULL,
	"award_procedure" text NOT NULL,
	"direct_award_ground" text,
	"invitation" text,
	"total_value_pence" bigint,
	"estimated_annual_value_pence" bigint,
	"values_include_vat" boolean DEFAULT false NOT NULL,
	"irrecoverable_vat_pence" bigint,
	"start_date" date,
	"end_date" date,
	"review_date" date,
	"extension_options" integer DEFAULT 0 NOT NULL,
	"extension_months" integer,
	"extensions_taken" integer DEFAULT 0 NOT NULL,
	"light_touch" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"ocid" text,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"identifier" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"amount_awarded_pence" bigint NOT NULL,
	"award_date" date NOT NULL,
	"planned_start_date" date,
	"planned_end_date" date,
	"recipient_provider_id" uuid,
	"programme" text,
	"from_open_call" boolean,
	"beneficiary_locations" text[] DEFAULT '{}'::text[] NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commissioning_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"service_area" text NOT NULL,
	"lead_commissioner_id" uuid,
	"stage" text DEFAULT 'analyse' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "council_settings" ADD CONSTRAINT "council_settings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_suppliers" ADD CONSTRAINT "contract_suppliers_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_suppliers" ADD CONSTRAINT "contract_suppliers_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_suppliers" ADD CONSTRAINT "contract_suppliers_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_recipient_provider_id_providers_id_fk" FOREIGN KEY ("recipient_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_projects" ADD CONSTRAINT "commissioning_projects_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_projects" ADD CONSTRAINT "commissioning_projects_lead_commissioner_id_users_id_fk" FOREIGN KEY ("lead_commissioner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_suppliers_provider" ON "contract_suppliers" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_council_reference" ON "contracts" USING btree ("council_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_council_ocid" ON "contracts" USING btree ("council_id","ocid");--> statement-breakpoint
CREATE INDEX "contracts_council_end" ON "contracts" USING btree ("council_id","end_date");--> statement-breakpoint
CREATE INDEX "contracts_title_trgm" ON "contracts" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "grants_council_identifier" ON "grants" USING btree ("council_id","identifier");--> statement-breakpoint
CREATE INDEX "grants_recipient" ON "grants" USING btree ("recipient_provider_id");--> statement-breakpoint
CREATE INDEX "grants_council_award_date" ON "grants" USING btree ("council_id","award_date");--> statement-breakpoint
CREATE INDEX "commissioning_projects_council" ON "commissioning_projects" USING btree ("council_id","updated_at");