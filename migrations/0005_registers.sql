CREATE TABLE "contract_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"rating" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_column_mappings" (
	"council_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_modifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"modified_on" date NOT NULL,
	"description" text NOT NULL,
	"value_before_pence" bigint NOT NULL,
	"value_after_pence" bigint NOT NULL,
	"term_before_months" integer NOT NULL,
	"term_after_months" integer NOT NULL,
	"material_scope_change" boolean DEFAULT false NOT NULL,
	"economic_balance_to_supplier" boolean DEFAULT false NOT NULL,
	"schedule_8_ground" text,
	"classification" text NOT NULL,
	"change_notice_required" boolean NOT NULL,
	"publish_within_90_days" boolean NOT NULL,
	"summary" text NOT NULL,
	"cites" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_notices" (
	"contract_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"notice_type" text NOT NULL,
	"published_on" date NOT NULL,
	CONSTRAINT "contract_notices_contract_id_notice_type_pk" PRIMARY KEY("contract_id","notice_type")
);
--> statement-breakpoint
CREATE TABLE "register_import_uploads" (
	"token" text PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content" text NOT NULL,
	"mapping" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "award_date" date;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "extensions_taken_note" text;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "contract_assessments" ADD CONSTRAINT "contract_assessments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_assessments" ADD CONSTRAINT "contract_assessments_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_column_mappings" ADD CONSTRAINT "contract_column_mappings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_kpis" ADD CONSTRAINT "contract_kpis_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_kpis" ADD CONSTRAINT "contract_kpis_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_modifications" ADD CONSTRAINT "contract_modifications_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_modifications" ADD CONSTRAINT "contract_modifications_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_notices" ADD CONSTRAINT "contract_notices_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_notices" ADD CONSTRAINT "contract_notices_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import_uploads" ADD CONSTRAINT "register_import_uploads_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_assessments_contract" ON "contract_assessments" USING btree ("contract_id","assessed_on");--> statement-breakpoint
CREATE INDEX "contract_kpis_contract" ON "contract_kpis" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_modifications_contract" ON "contract_modifications" USING btree ("contract_id","modified_on");--> statement-breakpoint
CREATE INDEX "register_import_uploads_created" ON "register_import_uploads" USING btree ("created_at");