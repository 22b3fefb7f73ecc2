CREATE TABLE "call_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"called_in_by_id" uuid,
	"called_in_by_name" text NOT NULL,
	"called_in_on" date NOT NULL,
	"reasons" text NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"outcome_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "councillor_wards" (
	"council_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ward_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "councillor_wards_council_id_user_id_pk" PRIMARY KEY("council_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "decision_contracts" (
	"decision_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	CONSTRAINT "decision_contracts_decision_id_contract_id_pk" PRIMARY KEY("decision_id","contract_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"project_id" uuid,
	"title" text NOT NULL,
	"maker_kind" text NOT NULL,
	"maker_name" text NOT NULL,
	"planned_on" date NOT NULL,
	"notice_published_on" date,
	"value_pence" bigint,
	"ward_ids" uuid[] DEFAULT '{}' NOT NULL,
	"judged_significant" boolean DEFAULT false NOT NULL,
	"key_reasons" text[] DEFAULT '{}' NOT NULL,
	"urgency" text DEFAULT 'none' NOT NULL,
	"urgency_reason" text,
	"options_considered" text,
	"documents" text[] DEFAULT '{}' NOT NULL,
	"documents_request" text,
	"outcome" text,
	"reasons" text,
	"decided_on" date,
	"published_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ward_links" (
	"ward_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ward_links_ward_id_kind_record_id_pk" PRIMARY KEY("ward_id","kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "wards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lad_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_ins" ADD CONSTRAINT "call_ins_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ins" ADD CONSTRAINT "call_ins_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ins" ADD CONSTRAINT "call_ins_called_in_by_id_users_id_fk" FOREIGN KEY ("called_in_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councillor_wards" ADD CONSTRAINT "councillor_wards_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councillor_wards" ADD CONSTRAINT "councillor_wards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councillor_wards" ADD CONSTRAINT "councillor_wards_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_contracts" ADD CONSTRAINT "decision_contracts_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_contracts" ADD CONSTRAINT "decision_contracts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_contracts" ADD CONSTRAINT "decision_contracts_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_links" ADD CONSTRAINT "ward_links_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_links" ADD CONSTRAINT "ward_links_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_ins_decision" ON "call_ins" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "decision_contracts_contract" ON "decision_contracts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "decisions_council_planned" ON "decisions" USING btree ("council_id","planned_on");--> statement-breakpoint
CREATE INDEX "decisions_project" ON "decisions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "ward_links_record" ON "ward_links" USING btree ("council_id","kind","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wards_council_code" ON "wards" USING btree ("council_id","code");