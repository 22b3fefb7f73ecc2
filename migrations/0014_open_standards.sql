CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"reference" text,
	"title" text NOT NULL,
	"description" text,
	"stage" text NOT NULL,
	"procedure" text NOT NULL,
	"main_category" text,
	"cpv_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"value_pence" bigint,
	"tender_end_date" date,
	"contract_start_date" date,
	"contract_end_date" date,
	"suitable_for_sme" boolean,
	"suitable_for_vcse" boolean,
	"published_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "councils" ADD COLUMN "alt_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "planned_duration_months" double precision;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "beneficiary_places" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_council_ocid" ON "opportunities" USING btree ("council_id","ocid");--> statement-breakpoint
CREATE INDEX "opportunities_council_stage" ON "opportunities" USING btree ("council_id","stage","tender_end_date");